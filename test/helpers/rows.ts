/** Comparing result rows with expected rows computed independently in a test. */
import { expect } from "vitest";
import type { Row, Value } from "../../src/index.js";

/** A stable text for any row (bigint, Date and null aware), for sorting and equality. */
export function rowKey(r: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(r, (_k, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "number" && !Number.isInteger(v)) return Number(v.toPrecision(12));
    return v;
  });
}

/** Same rows, in any order. Floats are compared to 12 significant digits. */
export function expectSameRows(actual: readonly Row[], expected: readonly Record<string, Value>[]): void {
  const a = actual.map(rowKey).sort();
  const e = expected.map(rowKey).sort();
  expect(a).toEqual(e);
}

/** Same rows, in this order. */
export function expectRowsInOrder(actual: readonly Row[], expected: readonly Record<string, Value>[]): void {
  expect(actual.map(rowKey)).toEqual(expected.map(rowKey));
}

/** A seeded PRNG for test data. */
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
