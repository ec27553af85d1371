/**
 * concat(s1, s2, …): null when any argument is null (Spark's concat). One pass per argument adds
 * its lengths, a prefix sum gives the offsets, then one pass per argument copies its bytes behind a
 * per-row cursor — the loops never index the argument list per row.
 */
import { type Col, type StrCol, type Validity, nullCol } from "../batch.js";
import { type Operand, isNullScalar, validOf } from "./operand.js";
import { andValid } from "./validity.js";

/**
 * @example
 * concat([first, space, last], n) // ["Ada", " ", "Lovelace"] → "Ada Lovelace"
 */
export function concat(args: readonly Operand[], n: number): Col {
  if (args.some(isNullScalar)) return nullCol("utf8", n);
  let valid: Validity = null;
  for (const a of args) valid = andValid(valid, validOf(a), n);
  const strs: StrCol[] = args.map((a) => {
    if (a.col.type !== "utf8") throw new Error(`internal: concat of ${a.col.type}`);
    return a.col;
  });
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < strs.length; k++) {
    const so = strs[k]!.offsets;
    if (args[k]!.isScalar) addConstant(offsets, so[1]! - so[0]!, n);
    else addLengths(offsets, so, n);
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i + 1]! + offsets[i]!;
  const data = new Uint8Array(offsets[n]!);
  const cursor = offsets.slice(0, n);
  for (let k = 0; k < strs.length; k++) {
    const s = strs[k]!;
    if (args[k]!.isScalar) copyConstant(data, cursor, s.data, s.offsets[0]!, s.offsets[1]!, n);
    else copyRows(data, cursor, s.data, s.offsets, n);
  }
  return { type: "utf8", offsets, data, valid };
}

function addConstant(lens: Int32Array, len: number, n: number): void {
  for (let i = 0; i < n; i++) lens[i + 1] = lens[i + 1]! + len;
}

function addLengths(lens: Int32Array, so: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) lens[i + 1] = lens[i + 1]! + so[i + 1]! - so[i]!;
}

function copyConstant(out: Uint8Array, cursor: Int32Array, src: Uint8Array, a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) {
    let p = cursor[i]!;
    for (let q = a; q < b; q++) out[p++] = src[q]!;
    cursor[i] = p;
  }
}

function copyRows(out: Uint8Array, cursor: Int32Array, src: Uint8Array, so: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let p = cursor[i]!;
    const end = so[i + 1]!;
    for (let q = so[i]!; q < end; q++) out[p++] = src[q]!;
    cursor[i] = p;
  }
}
