/** trim / ltrim / rtrim: remove spaces (U+0020 only, as Spark's UTF8String.trim) at either end. */
import type { Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, allValid, strOf } from "../library-args.js";

/**
 * @example
 * trim([strCol], n, info) // ["  a b  ", "", null] → ["a b", "", null]
 */
export function trim(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const valid = allValid(args, n);
  const left = info.fn !== "rtrim";
  const right = info.fn !== "ltrim";
  const o = s.offsets;
  const d = s.data;
  const w = new Utf8Writer(n, o[n]! - o[0]!);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    let a = o[i]!;
    let b = o[i + 1]!;
    if (left) while (a < b && d[a] === 0x20) a++;
    if (right) while (b > a && d[b - 1] === 0x20) b--;
    w.putBytes(d, a, b);
    w.end();
  }
  return w.finish(valid);
}
