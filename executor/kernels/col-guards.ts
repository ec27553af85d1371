/**
 * Type guards by physical layout. TypeScript does not narrow the `Col` union on
 * `c.type === "int64" || c.type === "timestamp"`, so kernels ask these instead.
 */
import type { BoolCol, Col, F64Col, I32Col, I64Col } from "../batch.js";

/** Values in a BigInt64Array: int64, timestamp. */
export function isBigCol(c: Col): c is I64Col {
  return c.type === "int64" || c.type === "timestamp";
}

/** Values in a number-typed array: int32, date, null, float64, boolean. */
export function isNumCol(c: Col): c is I32Col | F64Col | BoolCol {
  return c.type !== "utf8" && c.type !== "int64" && c.type !== "timestamp";
}
