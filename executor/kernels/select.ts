/**
 * Row-wise choice between several sources, the common back end of CASE and coalesce: row i takes
 * its value from `sources[choice[i]]` (a scalar source gives its single value), or is null when
 * choice[i] is -1. One pass per source, so the inner loops never index a list of columns.
 */
import type { DataType } from "../../planner/types.js";
import { type Col, type StrCol, allocCol, flatCol, nullCol } from "../batch.js";
import { isNestedType } from "../../planner/nested-types.js";
import { type RawValue, colFromRaw, rawValueAt } from "../nested-values.js";
import { isBigCol } from "./col-guards.js";
import type { Operand } from "./operand.js";
import { compactValid } from "./validity.js";

type NumArr = Float64Array | Int32Array | Uint8Array;

/**
 * @example
 * select("int32", Int32Array.of(1, 0, -1), [a, b], 3) // [b[0], a[1], null]
 */
export function select(type: DataType, choice: Int32Array, given: readonly Operand[], n: number): Col {
  if (type === "null") return nullCol(type, n);
  if (isNestedType(type)) return selectNested(type, choice, given, n);
  // An untyped NULL source (type "null") is an all-null source of the result type.
  const sources = given.map((s) => (s.col.type === "null" ? { ...s, col: nullCol(type, s.isScalar ? 1 : n) } : s));
  const valid = new Uint8Array(n);
  for (let k = 0; k < sources.length; k++) markValid(valid, choice, k, sources[k]!, n);
  const v = compactValid(valid, n);
  if (type === "utf8") return selectUtf8(choice, sources, n, v);
  const out = allocCol(type, n, v);
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]!;
    const src = flatCol(s.col, "select");
    if (isBigCol(out)) {
      if (!isBigCol(src)) throw mismatch(type, src.type);
      if (s.isScalar) fillBig(out.values, src.values[0]!, choice, k, n);
      else pickBig(out.values, src.values, choice, k, n);
    } else {
      if (isBigCol(src) || src.type === "utf8") throw mismatch(type, src.type);
      if (s.isScalar) fillNum(out.values, src.values[0]!, choice, k, n);
      else pickNum(out.values, src.values, choice, k, n);
    }
  }
  return out;
}

/** Arrays and structs: each row's value taken from its chosen source, as raw values. */
function selectNested(type: DataType, choice: Int32Array, given: readonly Operand[], n: number): Col {
  const out: RawValue[] = new Array<RawValue>(n);
  for (let i = 0; i < n; i++) {
    const k = choice[i] as number;
    const s = k < 0 ? undefined : given[k];
    out[i] = s === undefined || s.col.type === "null" ? null : rawValueAt(s.col, s.isScalar ? 0 : i);
  }
  return colFromRaw(type, out);
}

function mismatch(type: DataType, got: DataType): Error {
  return new Error(`internal: ${got} source for a ${type} result`);
}

function markValid(valid: Uint8Array, choice: Int32Array, k: number, s: Operand, n: number): void {
  const sv = s.col.valid;
  if (s.isScalar || sv === null) {
    const bit = sv === null ? 1 : sv[0]!;
    for (let i = 0; i < n; i++) if (choice[i] === k) valid[i] = bit;
  } else {
    for (let i = 0; i < n; i++) if (choice[i] === k) valid[i] = sv[i]!;
  }
}

function pickNum(o: NumArr, src: NumArr, choice: Int32Array, k: number, n: number): void {
  for (let i = 0; i < n; i++) if (choice[i] === k) o[i] = src[i]!;
}

function fillNum(o: NumArr, x: number, choice: Int32Array, k: number, n: number): void {
  for (let i = 0; i < n; i++) if (choice[i] === k) o[i] = x;
}

function pickBig(o: BigInt64Array, src: BigInt64Array, choice: Int32Array, k: number, n: number): void {
  for (let i = 0; i < n; i++) if (choice[i] === k) o[i] = src[i]!;
}

function fillBig(o: BigInt64Array, x: bigint, choice: Int32Array, k: number, n: number): void {
  for (let i = 0; i < n; i++) if (choice[i] === k) o[i] = x;
}

/** Strings: lengths per source, prefix sums, then a byte copy per source. */
function selectUtf8(choice: Int32Array, sources: readonly Operand[], n: number, valid: Uint8Array | null): StrCol {
  const strs = sources.map((s) => {
    if (s.col.type !== "utf8") throw mismatch("utf8", s.col.type);
    return s.col;
  });
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < strs.length; k++) {
    const so = strs[k]!.offsets;
    const scalar = sources[k]!.isScalar;
    for (let i = 0; i < n; i++) {
      if (choice[i] !== k) continue;
      const j = scalar ? 0 : i;
      offsets[i + 1] = so[j + 1]! - so[j]!;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i + 1]! + offsets[i]!;
  const data = new Uint8Array(offsets[n]!);
  for (let k = 0; k < strs.length; k++) {
    const so = strs[k]!.offsets;
    const sd = strs[k]!.data;
    const scalar = sources[k]!.isScalar;
    for (let i = 0; i < n; i++) {
      if (choice[i] !== k) continue;
      const j = scalar ? 0 : i;
      let p = offsets[i]!;
      const end = so[j + 1]!;
      for (let q = so[j]!; q < end; q++) data[p++] = sd[q]!;
    }
  }
  return { type: "utf8", offsets, data, valid };
}
