/**
 * Comparisons for values that are costly to compare (BigInt; UTF-8 byte strings): one loop writes
 * the three-way sign of every row, then a tiny per-operator loop turns signs into 0/1. Strings
 * compare byte by byte without decoding — UTF-8 byte order is code point order, which is Spark's
 * UTF8String order.
 */
import type { StrCol } from "../batch.js";
import type { CmpOp6 } from "./compare-loops.js";

export function signsBigCC(s: Int8Array, a: BigInt64Array, b: BigInt64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    s[i] = x < y ? -1 : x > y ? 1 : 0;
  }
}

export function signsBigCS(s: Int8Array, a: BigInt64Array, y: bigint, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    s[i] = x < y ? -1 : x > y ? 1 : 0;
  }
}

/** Three-way comparison of bytes [a0, a1) of `ad` with [b0, b1) of `bd`. */
export function compareBytes(ad: Uint8Array, a0: number, a1: number, bd: Uint8Array, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  const m = la < lb ? la : lb;
  for (let k = 0; k < m; k++) {
    const d = ad[a0 + k]! - bd[b0 + k]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

export function signsUtf8CC(s: Int8Array, a: StrCol, b: StrCol, n: number): void {
  const ao = a.offsets;
  const ad = a.data;
  const bo = b.offsets;
  const bd = b.data;
  for (let i = 0; i < n; i++) s[i] = compareBytes(ad, ao[i]!, ao[i + 1]!, bd, bo[i]!, bo[i + 1]!);
}

export function signsUtf8CS(s: Int8Array, a: StrCol, y: Uint8Array, n: number): void {
  const ao = a.offsets;
  const ad = a.data;
  const yl = y.length;
  for (let i = 0; i < n; i++) s[i] = compareBytes(ad, ao[i]!, ao[i + 1]!, y, 0, yl);
}

/** Equality needs no order: unequal lengths answer without touching the bytes. */
export function equalUtf8CC(o: Uint8Array, a: StrCol, b: StrCol, n: number): void {
  const ao = a.offsets;
  const ad = a.data;
  const bo = b.offsets;
  const bd = b.data;
  for (let i = 0; i < n; i++) {
    const a0 = ao[i]!;
    const b0 = bo[i]!;
    const len = ao[i + 1]! - a0;
    o[i] = len === bo[i + 1]! - b0 && sameBytes(ad, a0, bd, b0, len) ? 1 : 0;
  }
}

export function equalUtf8CS(o: Uint8Array, a: StrCol, y: Uint8Array, n: number): void {
  const ao = a.offsets;
  const ad = a.data;
  const len = y.length;
  for (let i = 0; i < n; i++) {
    const a0 = ao[i]!;
    o[i] = ao[i + 1]! - a0 === len && sameBytes(ad, a0, y, 0, len) ? 1 : 0;
  }
}

export function sameBytes(ad: Uint8Array, a0: number, bd: Uint8Array, b0: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (ad[a0 + k] !== bd[b0 + k]) return false;
  return true;
}

/** Turns three-way signs into the 0/1 answer of `op`. */
export function signsToBool(op: CmpOp6, o: Uint8Array, s: Int8Array, n: number): void {
  switch (op) {
    case "=":
      for (let i = 0; i < n; i++) o[i] = s[i] === 0 ? 1 : 0;
      return;
    case "!=":
      for (let i = 0; i < n; i++) o[i] = s[i] !== 0 ? 1 : 0;
      return;
    case "<":
      for (let i = 0; i < n; i++) o[i] = s[i]! < 0 ? 1 : 0;
      return;
    case "<=":
      for (let i = 0; i < n; i++) o[i] = s[i]! <= 0 ? 1 : 0;
      return;
    case ">":
      for (let i = 0; i < n; i++) o[i] = s[i]! > 0 ? 1 : 0;
      return;
    case ">=":
      for (let i = 0; i < n; i++) o[i] = s[i]! >= 0 ? 1 : 0;
      return;
  }
}
