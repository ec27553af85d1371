/** The accumulator, partial-state types and result type of each aggregate function. */
import type { AggSpec } from "../../../planner/bound.js";
import type { DataType } from "../../../planner/types.js";
import type { Accumulator } from "./accumulator.js";
import { CoMomentsAccumulator } from "./co-moments-accumulator.js";
import { CountAccumulator } from "./count-accumulator.js";
import { CountIfAccumulator } from "./count-if-accumulator.js";
import { CollectAccumulator } from "./collect-accumulator.js";
import { arrayOf } from "../../../planner/nested-types.js";
import { DistinctAccumulator } from "./distinct-accumulator.js";
import { FirstLastAccumulator } from "./first-last-accumulator.js";
import { MinMaxAccumulator } from "./min-max-accumulator.js";
import { MomentsAccumulator } from "./moments-accumulator.js";
import { PercentileAccumulator } from "./percentile-accumulator.js";
import { SumAccumulator } from "./sum-accumulator.js";

export type AggMode = "partial" | "final" | "complete";

const SUMMABLE: readonly DataType[] = ["int32", "int64", "float64", "null"];

/** The result type the operator produces for `spec` (sum: int64 over integers, else float64). */
export function aggResultType(spec: AggSpec): DataType {
  switch (spec.fn) {
    case "count":
      return "int64";
    case "sum":
      return spec.inputType === "int32" || spec.inputType === "int64" ? "int64" : "float64";
    case "avg":
    case "stddevSamp":
    case "stddevPop":
    case "varSamp":
    case "varPop":
    case "corr":
    case "covarSamp":
    case "covarPop":
    case "median":
    case "percentile":
      return "float64";
    case "countIf":
      return "int64";
    case "collectList":
    case "collectSet":
      return arrayOf(spec.inputType);
    default:
      return spec.inputType;
  }
}

/**
 * Column types of the partial state of one aggregate (what a partial HashAggregator emits after
 * the keys, and a final one reads back).
 *
 * @example
 * aggStateTypes({ fn: "avg", distinct: false, input: 2, inputType: "int32", resultType: "float64" })
 * // → ["float64", "int64"]
 */
export function aggStateTypes(spec: AggSpec): DataType[] {
  switch (spec.fn) {
    case "count":
      return ["int64"];
    case "sum":
      return [aggResultType(spec), "int64"];
    case "avg":
      return ["float64", "int64"];
    case "min":
    case "max":
      return [spec.inputType];
    case "first":
    case "last":
    case "anyValue":
      return [spec.inputType, "boolean"];
    case "countIf":
      return ["int64"];
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
      return []; // holistic: complete mode only
    case "collectList":
    case "collectSet":
      return [arrayOf(spec.inputType)];
  }
}

function plain(spec: AggSpec, mode: AggMode): Accumulator {
  switch (spec.fn) {
    case "count":
      return new CountAccumulator();
    case "sum":
    case "avg":
      if (!SUMMABLE.includes(spec.inputType)) throw new Error(`${spec.fn} over ${spec.inputType} is not supported`);
      return new SumAccumulator(spec.fn, spec.inputType, mode === "final");
    case "min":
    case "max":
      return new MinMaxAccumulator(spec.fn === "max", spec.inputType);
    case "first":
    case "last":
    case "anyValue":
      return new FirstLastAccumulator(spec.fn === "last", spec.inputType);
    case "countIf":
      return new CountIfAccumulator();
    case "collectList":
    case "collectSet":
      return new CollectAccumulator(spec.fn === "collectSet", spec.inputType);
    case "stddevSamp":
    case "stddevPop":
    case "varSamp":
    case "varPop":
      return new MomentsAccumulator(spec.fn);
    case "corr":
    case "covarSamp":
    case "covarPop":
      if (spec.input2 === undefined) throw new Error(`${spec.fn} needs a second input column`);
      return new CoMomentsAccumulator(spec.fn);
    case "median":
    case "percentile":
    case "approxPercentile": {
      if (mode !== "complete") throw new Error(`${spec.fn} runs in complete mode only, not ${mode}`);
      const p = spec.fn === "median" ? 0.5 : spec.params?.[0];
      if (p === undefined || !(p >= 0 && p <= 1)) throw new Error(`${spec.fn} needs a percentage in [0, 1], got ${p}`);
      return new PercentileAccumulator(spec.fn === "approxPercentile" ? "nearestRank" : "exact", p, spec.inputType);
    }
  }
}

/** A fresh accumulator for `spec`; validates the spec against the mode and result type. */
export function createAccumulator(spec: AggSpec, mode: AggMode): Accumulator {
  const natural = aggResultType(spec);
  if (spec.resultType !== natural) {
    throw new Error(`${spec.fn}(${spec.inputType}) produces ${natural}, the plan expects ${spec.resultType}`);
  }
  const acc = plain(spec, mode);
  // min/max/first/last/anyValue of the distinct values equal those of all values.
  if (!spec.distinct || spec.fn === "collectSet" || spec.fn === "min" || spec.fn === "max" || spec.fn === "first" || spec.fn === "last" || spec.fn === "anyValue") return acc;
  if (mode !== "complete") throw new Error(`${spec.fn}(DISTINCT) runs in complete mode only, not ${mode}`);
  return new DistinctAccumulator(acc, spec.inputType);
}
