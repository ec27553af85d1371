/** concat_ws(sep, s1, s2, …): the non-null strings joined by sep; null only when sep is null. */
import { type Col, nullCol } from "../../batch.js";
import type { Operand } from "../operand.js";
import { Utf8Writer } from "../utf8-writer.js";
import { type CallInfo, strOf } from "../library-args.js";

/**
 * @example
 * concatWs([lit(","), a, b], n, info) // "x", null → "x"; "x", "y" → "x,y"
 */
export function concatWs(args: readonly Operand[], n: number, info: CallInfo): Col {
  const sep = strOf(args[0], info.fn);
  const sepScalar = args[0]!.isScalar;
  if (sepScalar && sep.valid !== null && sep.valid[0] === 0) return nullCol("utf8", n);
  const parts = args.slice(1).filter((a) => !(a.isScalar && a.col.valid !== null && a.col.valid[0] === 0));
  const strs = parts.map((a) => strOf(a, info.fn));
  const valid = sepScalar ? null : sep.valid;
  const w = new Utf8Writer(n, n * 8);
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      w.empty();
      continue;
    }
    const si = sepScalar ? 0 : i;
    let first = true;
    for (let k = 0; k < strs.length; k++) {
      const s = strs[k]!;
      const j = parts[k]!.isScalar ? 0 : i;
      if (s.valid !== null && s.valid[j] === 0) continue;
      if (!first) w.putBytes(sep.data, sep.offsets[si]!, sep.offsets[si + 1]!);
      w.putBytes(s.data, s.offsets[j]!, s.offsets[j + 1]!);
      first = false;
    }
    w.end();
  }
  return w.finish(valid);
}
