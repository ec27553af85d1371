import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type, type RecordBatch, type Vector } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  planCsvSplits,
  planCsvSplitsSync,
  readCsvSplit,
  readCsvSplitReference,
  type ColumnSpec,
  type CsvOptions,
  type CsvSplit,
} from "../../io/csv/index.js";

// A generated file whose expected values are computed here, as the text is written.
const dir = mkdtempSync(join(tmpdir(), "cinder-csv-gen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA: ColumnSpec[] = [
  { name: "id", type: "int32", nullable: true },
  { name: "big", type: "int64", nullable: true },
  { name: "x", type: "float64", nullable: true },
  { name: "flag", type: "boolean", nullable: true },
  { name: "day", type: "date", nullable: true },
  { name: "ts", type: "timestamp", nullable: true },
  { name: "name", type: "utf8", nullable: true },
  { name: "note", type: "utf8", nullable: true },
];

interface Generated {
  path: string;
  size: number;
  rows: unknown[][];
  /** Byte offset of each record and blank line: the only places a range may start. */
  recordStarts: number[];
}

function generate(rowCount: number, seed: number, escape: '"' | "\\"): Generated {
  let s = seed;
  const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const quoteText = (t: string) => `"${escape === '"' ? t.replaceAll('"', '""') : t.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  const words = ["alpha", "b,c", 'say "hi"', "multi\nline", "crlf\r\ninside", "Zoë", "北京", "🙂 ok", " padded ", "x"];
  const lines: string[] = ["id,big,x,flag,day,ts,name,note"];
  const rows: unknown[][] = [];
  for (let i = 0; i < rowCount; i++) {
    const nul = () => rnd() < 0.05;
    const id = nul() ? null : Math.floor(rnd() * 4e9) - 2e9;
    const big = nul() ? null : BigInt(Math.floor(rnd() * 1e9)) * BigInt(Math.floor(rnd() * 1e9)) * (rnd() < 0.5 ? -1n : 1n);
    const xText = nul() ? "" : pick([`${(rnd() * 1e6).toFixed(Math.floor(rnd() * 8))}`, `${rnd()}`, `-${Math.floor(rnd() * 100)}e${Math.floor(rnd() * 40) - 20}`, "NaN", "1e400"]);
    const flag = nul() ? null : rnd() < 0.5;
    const dayMs = Date.UTC(1900 + Math.floor(rnd() * 200), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28));
    const day = nul() ? null : dayMs / 86_400_000;
    const tsMicros = nul() ? null : BigInt(dayMs) * 1000n + BigInt(Math.floor(rnd() * 86_400_000_000));
    const name = nul() ? null : pick([...words, ""]);
    const note = rnd() < 0.5 ? null : `${pick(words)}-${i}`;
    const tsText = tsMicros === null ? "" : isoMicros(tsMicros, rnd() < 0.5 ? "T" : " ");
    const fields = [
      id === null ? "" : rnd() < 0.1 ? `"${id}"` : String(id),
      big === null ? "" : String(big),
      xText,
      flag === null ? "" : pick(flag ? ["true", "TRUE", "True"] : ["false", "FALSE"]),
      day === null ? "" : new Date(dayMs).toISOString().slice(0, 10),
      tsText,
      name === null ? "" : /[,"\r\n]/.test(name) || name === "" || rnd() < 0.2 ? quoteText(name) : name,
      note === null ? "" : quoteText(note),
    ];
    lines.push(fields.join(","));
    rows.push([id, big, xText === "" ? null : Number(xText), flag, day, tsMicros, name, note]);
    if (rnd() < 0.01) lines.push(""); // a blank line
  }
  const recordStarts: number[] = [];
  let text = "";
  let bytes = 0;
  lines.forEach((l, i) => {
    recordStarts.push(bytes);
    const eol = i === lines.length - 1 ? "" : i % 3 === 0 ? "\r\n" : "\n"; // mixed endings, no final newline
    text += l + eol;
    bytes += Buffer.byteLength(l + eol);
  });
  const path = join(dir, `gen-${seed}.csv`);
  writeFileSync(path, text);
  return { path, size: bytes, rows, recordStarts };
}

function isoMicros(us: bigint, sep: string): string {
  const fracUs = ((us % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const ms = (us - fracUs) / 1000n;
  const frac = String(fracUs).padStart(6, "0");
  return `${new Date(Number(ms)).toISOString().slice(0, 10)}${sep}${new Date(Number(ms)).toISOString().slice(11, 19)}.${frac}`;
}

function cell(v: Vector, r: number): unknown {
  if (!v.isValid(r)) return null;
  if (v.type.typeId === Type.Date || v.type.typeId === Type.Timestamp) return (v.data[0]!.values as Int32Array | BigInt64Array)[r];
  return v.get(r);
}

function rows(batches: RecordBatch[]): unknown[][] {
  const out: unknown[][] = [];
  for (const b of batches) for (let r = 0; r < b.numRows; r++) out.push(b.schema.fields.map((_, c) => cell(b.getChildAt(c)!, r)));
  return out;
}

const whole = (g: Generated): CsvSplit => ({ path: g.path, start: 0, end: g.size, hasHeader: true, firstLine: 1 });
const OPTS: CsvOptions = { header: true };

describe("a generated 50,000-row file", () => {
  let g: Generated;
  beforeAll(() => {
    g = generate(50_000, 11, '"');
  });

  it("decodes to the values it was generated from, on both paths", async () => {
    const fast = await readCsvSplit(whole(g), SCHEMA, OPTS, null);
    expect(fast.map((b) => b.numRows)).toEqual([50_000]);
    expect(rows(fast)).toEqual(g.rows);
    const reference = await readCsvSplitReference(whole(g), SCHEMA, OPTS, null);
    expect(rows(reference)).toEqual(g.rows);
  });

  it("gives identical batches on both paths with a projection and small batches", async () => {
    const cols = ["note", "x", "id", "ts"];
    const fast = await readCsvSplit(whole(g), SCHEMA, OPTS, cols, 4096);
    const reference = await readCsvSplitReference(whole(g), SCHEMA, OPTS, cols, 4096);
    expect(fast.map((b) => b.numRows)).toEqual(reference.map((b) => b.numRows));
    expect(fast[0]!.schema.fields.map(String)).toEqual(reference[0]!.schema.fields.map(String));
    expect(rows(fast)).toEqual(rows(reference));
    expect(rows(fast)).toEqual(g.rows.map((r) => [r[7], r[2], r[0], r[5]]));
  });

  it("splits into record-aligned ranges whose rows concatenate to the whole file", async () => {
    const splits = await planCsvSplits([{ path: g.path, size: g.size }], OPTS, 64 << 10);
    expect(splits.length).toBeGreaterThan(20);
    expect(planCsvSplitsSync([{ path: g.path, size: g.size }], OPTS, 64 << 10)).toEqual(splits);
    const bytes = readFileSync(g.path);
    let expectedStart = 0;
    for (const [i, sp] of splits.entries()) {
      expect(sp.start).toBe(expectedStart);
      expect(sp.hasHeader).toBe(i === 0);
      expect(g.recordStarts).toContain(sp.start);
      expect(sp.firstLine).toBe(1 + countLf(bytes.subarray(0, sp.start)));
      expectedStart = sp.end;
    }
    expect(expectedStart).toBe(g.size);
    const parts = await Promise.all(splits.map((sp) => readCsvSplit(sp, SCHEMA, OPTS, null)));
    expect(rows(parts.flat())).toEqual(g.rows);
  });
});

describe("tiny ranges", () => {
  it("cut every few records, on both paths, with quoted newlines in the way", async () => {
    const g = generate(300, 5, '"');
    const splits = await planCsvSplits([{ path: g.path, size: g.size }], OPTS, 200);
    expect(splits.length).toBeGreaterThan(50);
    for (const read of [readCsvSplit, readCsvSplitReference]) {
      const parts = await Promise.all(splits.map((sp) => read(sp, SCHEMA, OPTS, null)));
      expect(rows(parts.flat())).toEqual(g.rows);
    }
  });

  it("respect a backslash escape (csv-parse path)", async () => {
    const g = generate(400, 9, "\\");
    const opts: CsvOptions = { header: true, escape: "\\" };
    const splits = await planCsvSplits([{ path: g.path, size: g.size }], opts, 300);
    expect(splits.length).toBeGreaterThan(50);
    const bytes = readFileSync(g.path);
    for (const sp of splits) {
      expect(g.recordStarts).toContain(sp.start);
      expect(sp.firstLine).toBe(1 + countLf(bytes.subarray(0, sp.start)));
    }
    const parts = await Promise.all(splits.map((sp) => readCsvSplit(sp, SCHEMA, opts, null)));
    expect(rows(parts.flat())).toEqual(g.rows);
  });

  it("leave a small file whole and skip an empty one", async () => {
    const g = generate(3, 1, '"');
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    expect(await planCsvSplits([{ path: g.path, size: g.size }, { path: empty, size: 0 }], OPTS, 1 << 20)).toEqual([
      { path: g.path, start: 0, end: g.size, hasHeader: true, firstLine: 1 },
    ]);
  });
});

function countLf(b: Buffer): number {
  let n = 0;
  for (const c of b) if (c === 0x0a) n++;
  return n;
}
