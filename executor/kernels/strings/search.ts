/**
 * startswith / endswith / contains (boolean) and instr / locate (1-based character position, 0
 * when absent), by byte comparison: valid UTF-8 only matches at character boundaries.
 */
import type { Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { type CallInfo, allValid, strOf } from "../library-args.js";
import { bytesEqual, charOffset, countChars, indexOfBytes } from "./utf8-chars.js";

/**
 * @example
 * matchBytes([s, lit("ab")], n, { fn: "startswith", … }) // "abc" → true, "" → false
 */
export function matchBytes(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const t = strOf(args[1], info.fn);
  const tScalar = args[1]!.isScalar;
  const valid = allValid(args, n);
  const out = new Uint8Array(n);
  const so = s.offsets;
  const sd = s.data;
  const to = t.offsets;
  const td = t.data;
  const fn = info.fn;
  for (let i = 0; i < n; i++) {
    const a = so[i]!;
    const b = so[i + 1]!;
    const ti = tScalar ? 0 : i;
    const ta = to[ti]!;
    const len = to[ti + 1]! - ta;
    if (len > b - a) continue;
    if (fn === "startswith") out[i] = bytesEqual(sd, a, td, ta, len) ? 1 : 0;
    else if (fn === "endswith") out[i] = bytesEqual(sd, b - len, td, ta, len) ? 1 : 0;
    else out[i] = indexOfBytes(sd, a, b, td, ta, ta + len) >= 0 ? 1 : 0;
  }
  return { type: "boolean", values: out, valid };
}

/**
 * instr(str, substr) and locate(substr, str[, pos]): Spark's UTF8String.indexOf, where an empty
 * substring is found at position 1 and a pos below 1 gives 0.
 * @example
 * position([s, lit("本")], n, { fn: "instr", … }) // "日本" → 2
 */
export function position(args: readonly Operand[], n: number, info: CallInfo): Col {
  const locate = info.fn === "locate";
  const sOp = locate ? args[1]! : args[0]!;
  const tOp = locate ? args[0]! : args[1]!;
  const s = strOf(sOp, info.fn);
  const t = strOf(tOp, info.fn);
  const tScalar = tOp.isScalar;
  const posArg = locate && args[2] ? args[2].col : null;
  const from = posArg !== null && posArg.type === "int32" ? posArg.values[0]! : 1;
  const valid = allValid(args.slice(0, 2), n);
  const out = new Int32Array(n);
  if (from < 1) return { type: "int32", values: out, valid };
  const so = s.offsets;
  const sd = s.data;
  for (let i = 0; i < n; i++) {
    const a = so[i]!;
    const b = so[i + 1]!;
    const ti = tScalar ? 0 : i;
    const ta = t.offsets[ti]!;
    const tb = t.offsets[ti + 1]!;
    if (ta === tb) {
      out[i] = 1;
      continue;
    }
    const start = from === 1 ? a : charOffset(sd, a, b, from - 1);
    const hit = indexOfBytes(sd, start, b, t.data, ta, tb);
    out[i] = hit < 0 ? 0 : countChars(sd, a, hit) + 1;
  }
  return { type: "int32", values: out, valid };
}
