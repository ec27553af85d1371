/**
 * Test helpers: columns and batches from plain JS values and back, a seeded RNG, and checks that
 * hold for every operator's output. Expected values in the tests are computed from plain JS
 * arrays and Maps, never with the code under test.
 */
import { expect } from "vitest";
import { type Batch, type Col, colLength, flatCol } from "../../../executor/batch.js";
import type { DataType, PrimitiveType } from "../../../planner/types.js";

export type V = number | bigint | string | boolean | null;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A column of `type` holding `vals` (null = SQL null). Built by hand, not with batch.ts builders. */
export function col(type: DataType, vals: readonly V[]): Col {
  const n = vals.length;
  const hasNull = vals.some((v) => v === null) || type === "null";
  const valid = hasNull ? Uint8Array.from(vals, (v) => (v === null || type === "null" ? 0 : 1)) : null;
  switch (type) {
    case "utf8": {
      const parts = vals.map((v) => (v === null ? new Uint8Array(0) : enc.encode(String(v))));
      const offsets = new Int32Array(n + 1);
      parts.forEach((p, i) => (offsets[i + 1] = (offsets[i] as number) + p.length));
      const data = new Uint8Array(offsets[n] as number);
      parts.forEach((p, i) => data.set(p, offsets[i] as number));
      return { type, offsets, data, valid };
    }
    case "int64":
    case "timestamp":
      return { type, values: BigInt64Array.from(vals, (v) => (v === null ? 0n : BigInt(v as bigint))), valid };
    case "float64":
      return { type, values: Float64Array.from(vals, (v) => (v === null ? 0 : Number(v))), valid };
    case "boolean":
      return { type, values: Uint8Array.from(vals, (v) => (v === true ? 1 : 0)), valid };
    default:
      return { type, values: Int32Array.from(vals, (v) => (v === null ? 0 : Number(v))), valid } as Col;
  }
}

/** A batch from row-major values. */
export function batch(types: readonly DataType[], rows: readonly (readonly V[])[]): Batch {
  return { length: rows.length, columns: types.map((t, j) => col(t, rows.map((r) => r[j] ?? null))) };
}

/** Splits rows into batches of at most `size` rows. */
export function batches(types: readonly DataType[], rows: readonly (readonly V[])[], size: number): Batch[] {
  const out: Batch[] = [];
  for (let a = 0; a < rows.length; a += size) out.push(batch(types, rows.slice(a, a + size)));
  return out;
}

/** The value at row i of c as plain JS. */
export function valueAt(nested: Col, i: number): V {
  const c = flatCol(nested, "valueAt");
  if (c.valid !== null && c.valid[i] === 0) return null;
  switch (c.type) {
    case "utf8":
      return dec.decode(c.data.subarray(c.offsets[i] as number, c.offsets[i + 1] as number));
    case "boolean":
      return c.values[i] === 1;
    case "null":
      return null;
    default:
      return c.values[i] as number | bigint;
  }
}

export function rowsOf(bs: Batch | readonly Batch[]): V[][] {
  const list = Array.isArray(bs) ? (bs as readonly Batch[]) : [bs as Batch];
  const out: V[][] = [];
  for (const b of list) for (let i = 0; i < b.length; i++) out.push(b.columns.map((c) => valueAt(c, i)));
  return out;
}

/** A stable text form of a value (distinguishes 1 from 1n from "1"; NaN, -0 kept apart). */
export function show(v: V): string {
  if (v === null) return "null";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" && Object.is(v, -0)) return "-0";
  return String(v);
}

export function showRow(r: readonly V[]): string {
  return r.map(show).join("|");
}

/** Rows as sorted text lines, for order-insensitive comparison. */
export function canon(rows: readonly (readonly V[])[]): string[] {
  return rows.map(showRow).sort();
}

/** Every output batch is non-empty, ≤ max rows, and its columns have the batch's length. */
export function checkBatches(bs: readonly Batch[], max = 65536): void {
  for (const b of bs) {
    expect(b.length).toBeGreaterThan(0);
    expect(b.length).toBeLessThanOrEqual(max);
    for (const c of b.columns) {
      expect(colLength(c)).toBe(b.length);
      if (c.valid !== null) expect(c.valid.length).toBe(b.length);
    }
  }
}

/** mulberry32: a small seeded RNG so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** UTF-8 byte order of two strings (Buffer.compare), independent of the engine. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Spark's float ordering: NaN largest, -0 = 0. */
export function compareFloat(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
}

/** Compares two non-null values of one type (Spark ordering). */
export function compareValues(a: V, b: V): number {
  if (typeof a === "string" && typeof b === "string") return compareUtf8(a, b);
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return compareFloat(a as number, b as number);
}
