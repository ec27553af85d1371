/**
 * Argument rules of the statistical and holistic aggregates, as Spark 3 has them: the input types
 * each one takes, its literal parameters, and which are holistic. A holistic aggregate (median,
 * percentile, approxPercentile) has no partial state that merges cheaply, so physical planning
 * treats it like a DISTINCT aggregate: raw rows are shuffled by key into one complete aggregation.
 */
import { AnalysisError } from "../errors.js";
import { AGG_SQL_NAMES, type AggFn, type Expr, exprToString } from "../expr.js";
import { type DataType, isNumeric } from "../types.js";
import { typeOf } from "./types-of.js";

type AggExpr = Extract<Expr, { kind: "agg" }>;

/** What an aggregate's column argument(s) may be. */
type InputRule = "numeric" | "orderable" | "boolean" | "any";

const RULES: Partial<Readonly<Record<AggFn, InputRule>>> = {
  stddevSamp: "numeric",
  stddevPop: "numeric",
  varSamp: "numeric",
  varPop: "numeric",
  corr: "numeric",
  covarSamp: "numeric",
  covarPop: "numeric",
  median: "numeric",
  percentile: "numeric",
  // Spark's approx_percentile also takes dates and timestamps, and returns the input type.
  approxPercentile: "orderable",
  countIf: "boolean",
  anyValue: "any",
};

const TWO_INPUTS: ReadonlySet<AggFn> = new Set<AggFn>(["corr", "covarSamp", "covarPop"]);
const HOLISTIC: ReadonlySet<AggFn> = new Set<AggFn>(["median", "percentile", "approxPercentile"]);
/** Literal parameters each aggregate takes (none when absent). */
const PARAMS: Partial<Readonly<Record<AggFn, number>>> = { percentile: 1, approxPercentile: 2 };

/** Spark's default accuracy of approx_percentile. */
export const DEFAULT_PERCENTILE_ACCURACY = 10000;

/** True for the aggregates this module checks (the others are checked in resolve.ts). */
export const isStatAgg = (fn: AggFn): boolean => RULES[fn] !== undefined;

/** True for aggregates without a mergeable partial state (planned like DISTINCT aggregates). */
export const isHolistic = (fn: AggFn): boolean => HOLISTIC.has(fn);

function accepts(rule: InputRule, t: DataType): boolean {
  switch (rule) {
    case "numeric":
      return isNumeric(t);
    case "orderable":
      return isNumeric(t) || t === "date" || t === "timestamp";
    case "boolean":
      return t === "boolean";
    case "any":
      return true;
  }
}

const RULE_TEXT: Readonly<Record<InputRule, string>> = {
  numeric: "a numeric column",
  orderable: "a numeric, date or timestamp column",
  boolean: "a boolean condition",
  any: "a column",
};

/** A null-typed argument gets the type the aggregate computes in, as Spark's implicit casts do. */
function typedNull(e: Expr, rule: InputRule): Expr {
  if (typeOf(e) !== "null") return e;
  const to: DataType = rule === "boolean" ? "boolean" : "float64";
  return e.kind === "lit" ? { kind: "lit", value: null, type: to } : { kind: "cast", input: e, to };
}

function checkParams(e: AggExpr, name: string, operation: string): void {
  const params = e.params ?? [];
  const want = PARAMS[e.fn] ?? 0;
  if (params.length !== want) {
    throw new AnalysisError(`${name}() takes ${want} literal parameter(s), got ${params.length} in ${operation}.`);
  }
  const p = params[0];
  if (p !== undefined && !(p >= 0 && p <= 1)) {
    throw new AnalysisError(`The percentage of ${exprToString(e)} in ${operation} must be between 0.0 and 1.0, got ${p}.`);
  }
  const accuracy = params[1];
  if (accuracy !== undefined && !(Number.isInteger(accuracy) && accuracy > 0 && accuracy <= 2147483647)) {
    throw new AnalysisError(`The accuracy of ${exprToString(e)} in ${operation} must be a whole number in (0, 2147483647], got ${accuracy}.`);
  }
}

/**
 * Checks the arguments of a statistical or holistic aggregate and gives null-typed ones the type
 * the aggregate works in. Numeric inputs stay as they are: the accumulators read int32, int64 and
 * float64 columns directly (int64 converted to float64 as Spark's implicit cast does).
 *
 * @example
 * coerceStatAgg({ kind: "agg", fn: "stddevSamp", input: refToUtf8Column, distinct: false }, "agg");
 * // throws: Type mismatch in agg: stddev_samp needs a numeric column, got name (utf8).
 */
export function coerceStatAgg(e: AggExpr, operation: string): Expr {
  const rule = RULES[e.fn];
  if (rule === undefined) return e;
  const name = AGG_SQL_NAMES[e.fn];
  const two = TWO_INPUTS.has(e.fn);
  if (e.input === null || two !== (e.input2 !== undefined)) {
    throw new AnalysisError(`${name}() takes ${two ? "two columns" : "one column"} in ${operation}: ${exprToString(e)}.`);
  }
  if (two && e.distinct) throw new AnalysisError(`${name}(DISTINCT …) is not supported in ${operation}.`);
  checkParams(e, name, operation);
  const args = two && e.input2 ? [e.input, e.input2] : [e.input];
  for (const a of args) {
    const t = typeOf(a);
    if (t !== "null" && !accepts(rule, t)) {
      throw new AnalysisError(`Type mismatch in ${operation}: ${name} needs ${RULE_TEXT[rule]}, got ${exprToString(a)} (${t}).`);
    }
  }
  const input = typedNull(e.input, rule);
  const input2 = e.input2 ? typedNull(e.input2, rule) : undefined;
  if (input === e.input && input2 === e.input2) return e;
  return input2 ? { ...e, input, input2 } : { ...e, input };
}
