/**
 * lpad / rpad / repeat. Padding follows Spark's UTF8String.lpad/rpad: a target length at or below
 * the string's length (or an empty pad) truncates to the first `len` characters; otherwise the
 * pad repeats, its last copy cut to fit, in characters.
 */
import type { Col, StrCol } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, allValid, i32Of, strOf } from "../library-args.js";
import { charOffset, countChars } from "./utf8-chars.js";

const SPACE: StrCol = { type: "utf8", offsets: Int32Array.of(0, 1), data: Uint8Array.of(0x20), valid: null };

/**
 * @example
 * pad([s, lit(5), lit("ab")], n, { fn: "lpad", … }) // "é" → "ababé"
 */
export function pad(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = allValid(args, n);
  const len = i32Of(args[1], info.fn);
  const p = args[2] ? strOf(args[2], info.fn) : SPACE;
  const pScalar = args[2] ? args[2].isScalar : true;
  const left = info.fn === "lpad";
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]! + n);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const a = o[i]!;
    const b = o[i + 1]!;
    const l = len.scalar ? len.values[0]! : len.values[i]!;
    const pi = pScalar ? 0 : i;
    const pa = p.offsets[pi]!;
    const pb = p.offsets[pi + 1]!;
    const chars = countChars(d, a, b);
    if (l <= chars || pa === pb) {
      if (l > 0) w.putBytes(d, a, charOffset(d, a, b, l));
      w.end();
      continue;
    }
    if (!left) w.putBytes(d, a, b);
    putPad(w, p.data, pa, pb, l - chars);
    if (left) w.putBytes(d, a, b);
    w.end();
  }
  return w.finish(valid);
}

/** `count` characters of the pad [pa, pb) repeated. */
function putPad(w: Utf8Writer, pd: Uint8Array, pa: number, pb: number, count: number): void {
  const padChars = countChars(pd, pa, pb);
  for (let k = Math.floor(count / padChars); k > 0; k--) w.putBytes(pd, pa, pb);
  const rest = count % padChars;
  if (rest > 0) w.putBytes(pd, pa, charOffset(pd, pa, pb, rest));
}

/**
 * @example
 * repeat([s, lit(3)], n, info) // "ab" → "ababab"; n ≤ 0 → ""
 */
export function repeat(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = allValid(args, n);
  const times = i32Of(args[1], info.fn);
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]!);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const t = times.scalar ? times.values[0]! : times.values[i]!;
    for (let k = 0; k < t; k++) w.putBytes(d, o[i]!, o[i + 1]!);
    w.end();
  }
  return w.finish(valid);
}
