/**
 * length(s): characters (Unicode code points, as Spark's UTF8String.numChars), counted from the
 * UTF-8 bytes without decoding — every byte that is not a continuation byte (10xxxxxx) starts one.
 */
import type { Col } from "../batch.js";

/**
 * @example
 * charLength(strCol) // ["", "héllo", "😀"] → [0, 5, 1]
 */
export function charLength(c: Col): Col {
  if (c.type === "null") return { type: "int32", values: new Int32Array(c.values.length), valid: c.valid };
  if (c.type !== "utf8") throw new Error(`internal: length of ${c.type}`);
  const n = c.offsets.length - 1;
  const o = c.offsets;
  const d = c.data;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let count = 0;
    const end = o[i + 1]!;
    for (let k = o[i]!; k < end; k++) count += (d[k]! & 0xc0) !== 0x80 ? 1 : 0;
    out[i] = count;
  }
  return { type: "int32", values: out, valid: c.valid };
}
