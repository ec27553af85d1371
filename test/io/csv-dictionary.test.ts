import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type, type RecordBatch } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { DICTIONARY_DECLINED, readCsvSplit, type ColumnSpec, type CsvOptions, type CsvSplit } from "../../io/csv/index.js";
import { MAX_DICTIONARY, StringDictionary, estimateDistinct, fnv1a } from "../../io/csv/string-dictionary.js";

// Strings dictionary-encoded by the CSV reader: the values must be what the text says (computed
// here as the text is written), whichever way each column ends up stored.
const dir = mkdtempSync(join(tmpdir(), "cinder-csv-dict-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTS: CsvOptions = { header: true };

function write(name: string, header: string[], rows: (string | null)[][], quoteAll = false): CsvSplit {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const field = (s: string | null) => (s === null ? "" : s === "" || quoteAll || /[,"\r\n]/.test(s) ? q(s) : s);
  const text = [header.join(","), ...rows.map((r) => r.map(field).join(","))].join("\n") + "\n";
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, start: 0, end: Buffer.byteLength(text), hasHeader: true, firstLine: 1 };
}

const utf8 = (...names: string[]): ColumnSpec[] => names.map((name) => ({ name, type: "utf8", nullable: true }));

function column(batches: RecordBatch[], c: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (const b of batches) {
    const v = b.getChildAt(c)!;
    for (let r = 0; r < b.numRows; r++) out.push(v.isValid(r) ? (v.get(r) as string) : null);
  }
  return out;
}

const typeIds = (batches: RecordBatch[], c: number) => [...new Set(batches.map((b) => b.getChildAt(c)!.type.typeId))];

describe("CSV strings dictionary-encoded by the reader", () => {
  it("encodes a repeating column, leaves a unique one plain, and both read back as written", async () => {
    const words = ["alpha", "b,c", 'say "hi"', "Zoë", "北京", "🙂 ok", " padded ", "", "x".repeat(200)];
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 30_000; i++) rows.push([i % 13 === 0 ? null : words[(i * 7) % words.length]!, `n${i}`]);
    const split = write("mixed.csv", ["word", "note"], rows);
    const batches = await readCsvSplit(split, utf8("word", "note"), OPTS, null, 4096, true);
    expect(batches.length).toBe(Math.ceil(30_000 / 4096));
    expect(typeIds(batches, 0)).toEqual([Type.Dictionary]);
    expect(typeIds(batches, 1)).toEqual([Type.Utf8]);
    // One dictionary for the split, shared by its batches, holding each distinct string once.
    const dicts = new Set(batches.map((b) => b.getChildAt(0)!.data[0]!.dictionary));
    expect(dicts.size).toBe(1);
    expect([...dicts][0]!.toArray().sort()).toEqual([...words].sort());
    expect(batches[0]!.schema.fields[0]!.type.typeId).toBe(Type.Dictionary);
    expect(column(batches, 0)).toEqual(rows.map((r) => r[0]));
    expect(column(batches, 1)).toEqual(rows.map((r) => r[1]));
    // The empty quoted string and the null stay apart.
    expect(column(batches, 0).filter((v) => v === "").length).toBe(rows.filter((r) => r[0] === "").length);
    expect(column(batches, 0).filter((v) => v === null).length).toBe(Math.ceil(30_000 / 13));
  });

  it("gives the same values as the plain decoder, with every field quoted and with a projection", async () => {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 10_000; i++) rows.push([`k${i % 50}`, `v${i % 3}`, i % 5 === 0 ? null : `w${i % 7}`]);
    const split = write("quoted.csv", ["a", "b", "c"], rows, true);
    const schema = utf8("a", "b", "c");
    const plain = await readCsvSplit(split, schema, OPTS, ["c", "a"], 3000, false);
    const coded = await readCsvSplit(split, schema, OPTS, ["c", "a"], 3000, true);
    expect(typeIds(plain, 0)).toEqual([Type.Utf8]);
    expect(typeIds(coded, 0)).toEqual([Type.Dictionary]);
    for (const c of [0, 1]) expect(column(coded, c)).toEqual(column(plain, c));
    expect(column(coded, 1)).toEqual(rows.map((r) => r[0]));
  });

  it("decodes plain a column whose distinct strings pass half its rows", async () => {
    // 1,000 rows: 600 distinct is over half (plain); 400 distinct is not (encoded).
    const rows = Array.from({ length: 1000 }, (_, i) => [`a${i % 600}`, `b${i % 400}`]);
    const batches = await readCsvSplit(write("half.csv", ["a", "b"], rows), utf8("a", "b"), OPTS, null, 65536, true);
    expect(typeIds(batches, 0)).toEqual([Type.Utf8]);
    expect(typeIds(batches, 1)).toEqual([Type.Dictionary]);
    expect(column(batches, 0)).toEqual(rows.map((r) => r[0]));
    expect(column(batches, 1)).toEqual(rows.map((r) => r[1]));
  });

  it("gives the dictionary up part-way — batches already finished with codes are decoded too", async () => {
    // 10,000 rows of 3 values pass the early judgement; then 70,000 distinct values fill the
    // dictionary past its limit in a later batch.
    const n = 10_000 + MAX_DICTIONARY + 4_464;
    const rows = Array.from({ length: n }, (_, i) => [i < 10_000 ? `r${i % 3}` : `u${i}`, `s${i % 4}`]);
    const batches = await readCsvSplit(write("giveup.csv", ["a", "b"], rows), utf8("a", "b"), OPTS, null, 8192, true);
    expect(typeIds(batches, 0)).toEqual([Type.Utf8]);
    expect(typeIds(batches, 1)).toEqual([Type.Dictionary]);
    expect(column(batches, 0)).toEqual(rows.map((r) => r[0]));
    expect(column(batches, 1)).toEqual(rows.map((r) => r[1]));
  });

  it("holds each of 3,000 distinct strings once (codes equal exactly when strings do)", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`key-${(i * 7919) % 3000}`]);
    const batches = await readCsvSplit(write("five-k.csv", ["k"], rows), utf8("k"), OPTS, null, 16384, true);
    expect(typeIds(batches, 0)).toEqual([Type.Dictionary]);
    const dict = batches[0]!.getChildAt(0)!.data[0]!.dictionary!;
    expect(dict.length).toBe(3000);
    expect(new Set(dict.toArray()).size).toBe(3000);
    expect(column(batches, 0)).toEqual(rows.map((r) => r[0]));
  });

  it("judges a column early: many distinct strings in the first rows mean plain from there on, and say so", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`id${String(i).padStart(10, "0")}`, `k${i % 3}`]);
    const split = write("unique.csv", ["id", "k"], rows);
    const batches = await readCsvSplit(split, utf8("id", "k"), OPTS, ["k", "id"], 65536, true);
    expect(typeIds(batches, 1)).toEqual([Type.Utf8]);
    expect(typeIds(batches, 0)).toEqual([Type.Dictionary]);
    expect(column(batches, 1)).toEqual(rows.map((r) => r[0]));
    // The declined column is marked for cache(); the encoded one, and columns of a read without
    // encoding (nothing judged), are not.
    const marked = (bs: RecordBatch[]) => bs[0]!.schema.fields.map((f) => f.metadata.get(DICTIONARY_DECLINED) ?? null);
    expect(marked(batches)).toEqual([null, "declined"]);
    expect(marked(await readCsvSplit(split, utf8("id", "k"), OPTS, ["k", "id"], 65536, false))).toEqual([null, null]);
  });

  it("drops malformed records in DROPMALFORMED mode without disturbing the codes", async () => {
    const lines = ["k,v"];
    const expected: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 97 === 0) lines.push(`bad${i % 5},1,extra`);
      else {
        lines.push(`k${i % 5},${i}`);
        expected.push(`k${i % 5}`);
      }
    }
    const path = join(dir, "drop.csv");
    writeFileSync(path, lines.join("\n"));
    const split: CsvSplit = { path, start: 0, end: Buffer.byteLength(lines.join("\n")), hasHeader: true, firstLine: 1 };
    const schema: ColumnSpec[] = [
      { name: "k", type: "utf8", nullable: true },
      { name: "v", type: "int32", nullable: true },
    ];
    const batches = await readCsvSplit(split, schema, { header: true, mode: "DROPMALFORMED" }, null, 1024, true);
    expect(typeIds(batches, 0)).toEqual([Type.Dictionary]);
    expect(column(batches, 0)).toEqual(expected);
  });
});

describe("StringDictionary", () => {
  it("interns each distinct byte string once, in order of first appearance, and refuses new ones when full", () => {
    const d = new StringDictionary(1000);
    const enc = new TextEncoder();
    const codes: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const b = enc.encode(`s${i % 1000}`);
      codes.push(d.intern(b, 0, b.length, fnv1a(b, 0, b.length)));
    }
    expect(codes).toEqual(Array.from({ length: 3000 }, (_, i) => i % 1000));
    const extra = enc.encode("new");
    expect(d.intern(extra, 0, extra.length, fnv1a(extra, 0, extra.length))).toBe(-1);
    const dec = new TextDecoder();
    expect(dec.decode(d.bytes.subarray(d.offsets[999]!, d.offsets[1000]!))).toBe("s999");
    // Strings that differ only in their last byte, and one that is a prefix of another.
    const e = new StringDictionary();
    const keys = ["id001", "id002", "id00", "id0010", ""];
    const got = keys.map((k) => {
      const b = enc.encode(k);
      return e.intern(b, 0, b.length, fnv1a(b, 0, b.length));
    });
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("estimateDistinct", () => {
  it("inverts the expected distinct count of uniform draws", () => {
    // Hand-worked: 1,000 draws from 1,000 values leave 1000·(1 − e^−1) ≈ 632.12 distinct.
    expect(estimateDistinct(1000, 632)).toBeGreaterThan(995);
    expect(estimateDistinct(1000, 632)).toBeLessThan(1001);
    // 8,192 draws from 100 values see all 100.
    expect(Math.round(estimateDistinct(8192, 100))).toBe(100);
    expect(estimateDistinct(8192, 8192)).toBe(Infinity);
    expect(estimateDistinct(8192, 1)).toBe(1);
    // Against a simulation: 8,192 draws from 10,000 and from 100,000 values.
    for (const d of [10_000, 100_000]) {
      let x = 3;
      const seen = new Set<number>();
      for (let i = 0; i < 8192; i++) {
        x = (x * 48271) % 2147483647;
        seen.add(x % d);
      }
      const est = estimateDistinct(8192, seen.size);
      expect(est).toBeGreaterThan(d * 0.85);
      expect(est).toBeLessThan(d * 1.15);
    }
  });
});
