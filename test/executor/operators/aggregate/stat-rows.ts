/**
 * Test rows for the statistical accumulators: groups with many values, one value, only nulls, no
 * rows at all, two values and a constant, in shuffled order. Values per input type cover the
 * int32 range ends, int64 beyond 2^53, and float64 offset by 1e9 (where the textbook one-pass
 * variance cancels away every digit).
 */
import type { DataType } from "../../../../planner/types.js";
import type { V } from "../helpers.js";
import type { GRow } from "./harness.js";

export const GROUPS = 8;
/** Group roles (see the module comment). */
export const MANY = 0;
export const ONE = 1;
export const ALL_NULL = 2;
export const NO_ROWS = 3;
export const TWO = 4;
export const CONSTANT = 5;

export function randomValue(r: () => number, type: DataType, g: number): V {
  switch (type) {
    case "int32":
      return r() < 0.03 ? (r() < 0.5 ? 2147483647 : -2147483648) : Math.floor(r() * 2001) - 1000;
    case "int64":
      return r() < 0.05 ? 2n ** 60n + BigInt(Math.floor(r() * 1000)) : BigInt(Math.floor(r() * 1e12) - 5e11);
    case "date":
      return Math.floor(r() * 40000) - 20000;
    default:
      return g === 7 ? 1e9 + Math.round(r() * 1000) / 100 : Math.round(r() * 1e6) / 100 - 5000;
  }
}

const constantOf = (type: DataType): V => (type === "int64" ? 12345678901n : type === "float64" ? 0.1 : 42);

/** Rows over groups 0..GROUPS-1 for one input (`y` too when `yType` is given), shuffled. */
export function statRows(r: () => number, xType: DataType, yType: DataType | null, nulls: boolean): GRow[] {
  const rows: GRow[] = [];
  const maybe = (v: V): V => (nulls && r() < 0.2 ? null : v);
  const add = (g: number, x: V, y: V): void => {
    rows.push(yType === null ? { g, x } : { g, x, y });
  };
  const yOf = (g: number): V => (yType === null ? null : maybe(randomValue(r, yType, g)));
  for (const g of [MANY, 6, 7]) for (let i = 0; i < 300; i++) add(g, maybe(randomValue(r, xType, g)), yOf(g));
  add(ONE, randomValue(r, xType, ONE), yType === null ? null : randomValue(r, yType, ONE));
  if (nulls) for (let i = 0; i < 5; i++) add(ALL_NULL, null, yOf(ALL_NULL));
  for (let i = 0; i < 2; i++) add(TWO, randomValue(r, xType, TWO), yType === null ? null : randomValue(r, yType, TWO));
  for (let i = 0; i < 40; i++) add(CONSTANT, constantOf(xType), yType === null ? null : randomValue(r, yType, CONSTANT));
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as GRow, rows[i] as GRow];
  }
  return rows;
}

/** The non-null values of group g. */
export function valuesOf(rows: readonly GRow[], g: number): (number | bigint)[] {
  return rows.filter((r) => r.g === g && r.x !== null).map((r) => r.x as number | bigint);
}

/** The pairs of group g where both inputs are non-null. */
export function pairsOf(rows: readonly GRow[], g: number): [number | bigint, number | bigint][] {
  return rows.filter((r) => r.g === g && r.x !== null && r.y !== null && r.y !== undefined).map((r) => [r.x as number | bigint, r.y as number | bigint]);
}
