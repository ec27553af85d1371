/**
 * A literal as a 1-row column: the form every scalar operand takes. Values are normalized to the
 * physical type (a number for an int64 literal becomes a BigInt, a date given as a string is
 * parsed), so kernels can read `values[0]` without checks.
 */
import type { LitValue } from "../../planner/expr.js";
import type { DataType } from "../../planner/types.js";
import { type Col, nullCol, utf8 } from "../batch.js";
import { cast } from "./cast.js";
import { isNestedType } from "../../planner/nested-types.js";

/**
 * @example
 * literal(42, "int64") // { type: "int64", values: BigInt64Array [42n], valid: null }
 */
export function literal(value: LitValue, type: DataType): Col {
  if (value === null || type === "null") return nullCol(type, 1);
  if (isNestedType(type)) throw new Error(`internal: a ${type} literal that is not null`);
  if (typeof value === "string" && type !== "utf8") return cast(literal(value, "utf8"), type);
  switch (type) {
    case "utf8": {
      const data = utf8(String(value));
      return { type, offsets: Int32Array.of(0, data.length), data, valid: null };
    }
    case "boolean":
      return { type, values: Uint8Array.of(value === true || Number(value) !== 0 ? 1 : 0), valid: null };
    case "float64":
      return { type, values: Float64Array.of(Number(value)), valid: null };
    case "int64":
    case "timestamp":
      return { type, values: BigInt64Array.of(typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value)))), valid: null };
    case "int32":
    case "date":
      return { type, values: Int32Array.of(Number(value)), valid: null };
  }
}
