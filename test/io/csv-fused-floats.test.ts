import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvSplit, readCsvSplitReference, type ColumnSpec } from "../../io/csv/index.js";

// Doubles scanned and parsed in one pass (fused-fields.ts fusedFloat64) must equal what
// JavaScript's own Number() makes of the text, bit for bit, and what it declines must still parse.
const dir = mkdtempSync(join(tmpdir(), "cinder-csv-float-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCHEMA: ColumnSpec[] = [
  { name: "x", type: "float64", nullable: true },
  { name: "k", type: "int32", nullable: true },
];

async function read(texts: string[], read = readCsvSplit): Promise<(number | null)[]> {
  const text = ["x,k", ...texts.map((t, i) => `${t},${i}`)].join("\n");
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, text);
  const batches = await read({ path, start: 0, end: Buffer.byteLength(text), hasHeader: true, firstLine: 1 }, SCHEMA, { header: true }, null);
  const out: (number | null)[] = [];
  for (const b of batches) {
    const v = b.getChildAt(0)!;
    for (let r = 0; r < b.numRows; r++) out.push(v.isValid(r) ? (v.get(r) as number) : null);
  }
  return out;
}

describe("CSV doubles parsed in the scan", () => {
  it("equal Number() bit for bit on edge cases, fused or declined", async () => {
    const texts = ["-0", "0", "0.1", "1.", ".5", "-.5", "123456789012345", "1234567890123456", "9007199254740993", "0.000000000000001",
      "00012.5", "1e5", "-2.5E-3", "+3", "NaN", "-Infinity", "99.999999", "0.3", "-0.0", "1.7976931348623157e308", "4.9e-324"];
    const got = await read(texts);
    texts.forEach((t, i) => expect(Object.is(got[i], Number(t)), `${t}: ${got[i]} vs ${Number(t)}`).toBe(true));
  });

  it("leave malformed numbers null (PERMISSIVE), as the reference reader does", async () => {
    const texts = ["-", ".", "1.2.3", "12a", "--1", "1-"];
    expect(await read(texts)).toEqual(texts.map(() => null));
    expect(await read(texts, readCsvSplitReference)).toEqual(texts.map(() => null));
  });

  it("equal Number() on 20,000 random decimals of 1 to 17 digits", async () => {
    let s = 99;
    const rnd = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const texts = Array.from({ length: 20_000 }, () => {
      const v = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12);
      return v.toFixed(Math.floor(rnd() * 9));
    });
    const got = await read(texts);
    texts.forEach((t, i) => {
      if (!Object.is(got[i], Number(t))) expect(`${t} -> ${got[i]}`).toBe(`${t} -> ${Number(t)}`);
    });
  });
});
