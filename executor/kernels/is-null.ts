/** IS NULL / IS NOT NULL: reads only the validity; the result is never null. */
import type { Col } from "../batch.js";
import { colLength } from "../batch.js";

/**
 * @example
 * isNull(col, false) // [1, null, 3] → [false, true, false]
 */
export function isNull(c: Col, negated: boolean): Col {
  const n = colLength(c);
  const v = c.valid;
  const out = new Uint8Array(n);
  if (v === null) {
    if (negated) out.fill(1);
  } else if (negated) {
    out.set(v.subarray(0, n));
  } else {
    for (let i = 0; i < n; i++) out[i] = v[i]! ^ 1;
  }
  return { type: "boolean", values: out, valid: null };
}
