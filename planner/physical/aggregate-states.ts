/**
 * The columns a partial aggregate emits per aggregate function (the hash aggregate operator writes
 * them, the final aggregate merges them):
 *   count, countIf → [count int64]; sum → [sum, non-null count int64]; avg → [sum float64, count int64];
 *   min/max → [value]; first/last/anyValue → [value, seen boolean];
 *   stddev/variance → [n, mean, m2] (float64: Welford's moments, merged with Chan's formula);
 *   covar → [n, meanX, meanY, c2]; corr → [n, meanX, meanY, c2, m2X, m2Y];
 *   median/percentile/approxPercentile → none: holistic, they run in complete mode only.
 */
import type { AggFn } from "../expr.js";
import type { DataType } from "../types.js";
import { arrayOf } from "../nested-types.js";

export function aggStateTypes(fn: AggFn, inputType: DataType): DataType[] {
  switch (fn) {
    case "count":
    case "countIf":
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
    case "anyValue":
      return [inputType, "boolean"];
    case "stddevSamp":
    case "stddevPop":
    case "varSamp":
    case "varPop":
      return ["float64", "float64", "float64"];
    case "covarSamp":
    case "covarPop":
      return ["float64", "float64", "float64", "float64"];
    case "corr":
      return ["float64", "float64", "float64", "float64", "float64", "float64"];
    case "median":
    case "percentile":
    case "approxPercentile":
      return [];
    case "collectList":
    case "collectSet":
      return [arrayOf(inputType)];
  }
}
