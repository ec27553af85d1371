/**
 * The columns a partial aggregate emits per aggregate function (the hash aggregate operator writes
 * them, the final aggregate merges them):
 *   count → [count int64]; sum → [sum, non-null count int64]; avg → [sum float64, count int64];
 *   min/max → [value]; first/last → [value, seen boolean].
 */
import type { AggFn } from "../expr.js";
import type { DataType } from "../types.js";

export function aggStateTypes(fn: AggFn, inputType: DataType): DataType[] {
  switch (fn) {
    case "count":
      return ["int64"];
    case "sum":
      return [inputType === "float64" ? "float64" : "int64", "int64"];
    case "avg":
      return ["float64", "int64"];
    case "min":
    case "max":
      return [inputType];
    case "first":
    case "last":
      return [inputType, "boolean"];
  }
}
