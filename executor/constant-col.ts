/** A column holding one value on every row (partition columns, literals materialized for output). */
import type { LitValue } from "../planner/expr.js";
import type { DataType } from "../planner/types.js";
import { type Col, nullCol, utf8 } from "./batch.js";
import { isNestedType } from "../planner/nested-types.js";

export function constantCol(value: LitValue, type: DataType, n: number): Col {
  if (value === null) return nullCol(type, n);
  if (isNestedType(type)) throw new Error(`internal: a ${type} literal that is not null`);
  switch (type) {
    case "utf8": {
      const bytes = utf8(String(value));
      const data = new Uint8Array(bytes.length * n);
      const offsets = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        data.set(bytes, i * bytes.length);
        offsets[i + 1] = (i + 1) * bytes.length;
      }
      return { type, offsets, data, valid: null };
    }
    case "float64":
      return { type, values: new Float64Array(n).fill(Number(value)), valid: null };
    case "int64":
    case "timestamp":
      return { type, values: new BigInt64Array(n).fill(BigInt(value as number | bigint)), valid: null };
    case "boolean":
      return { type, values: new Uint8Array(n).fill(value ? 1 : 0), valid: null };
    default:
      return { type, values: new Int32Array(n).fill(Number(value)), valid: null };
  }
}
