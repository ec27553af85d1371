/**
 * substring(str, pos[, len]) with Spark's rules (UTF8String.substringSQL): positions are 1-based
 * characters, a negative pos counts from the end, pos 0 acts as 1, and a start before the string
 * shortens the length (substring('abc', -5, 3) is 'a'). right(str, n) is the last n characters.
 */
import type { Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, allValid, i32Of, strOf } from "../library-args.js";
import { charOffset, countChars } from "./utf8-chars.js";

const NO_LENGTH = Int32Array.of(2147483647);

/**
 * @example
 * substring([s, lit(-3), lit(2)], n, info) // "日本語です" → "語で"
 */
export function substring(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = allValid(args, n);
  const pos = i32Of(args[1], info.fn);
  const len = args[2] ? i32Of(args[2], info.fn) : { values: NO_LENGTH, scalar: true };
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]!);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const a = o[i]!;
    const b = o[i + 1]!;
    const p = pos.scalar ? pos.values[0]! : pos.values[i]!;
    const l = len.scalar ? len.values[0]! : len.values[i]!;
    let start = p > 0 ? p - 1 : p < 0 ? countChars(d, a, b) + p : 0;
    const end = l === 2147483647 ? Infinity : start + l;
    if (start < 0) start = 0;
    if (start < end) {
      const from = charOffset(d, a, b, start);
      const to = end === Infinity ? b : charOffset(d, from, b, end - start);
      w.putBytes(d, from, to);
    }
    w.end();
  }
  return w.finish(valid);
}

/**
 * @example
 * right([s, lit(2)], n, info) // "héllo" → "lo"; n ≤ 0 → ""
 */
export function right(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = allValid(args, n);
  const len = i32Of(args[1], info.fn);
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]!);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const a = o[i]!;
    const b = o[i + 1]!;
    const l = len.scalar ? len.values[0]! : len.values[i]!;
    if (l > 0) w.putBytes(d, charOffset(d, a, b, Math.max(0, countChars(d, a, b) - l)), b);
    w.end();
  }
  return w.finish(valid);
}
