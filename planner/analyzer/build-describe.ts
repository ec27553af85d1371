/**
 * describe and summary (Spark's StatFunctions.summary), lazy: one global Aggregate computes every
 * statistic of every column, then an Expand turns that one row into one row per statistic, the
 * statistic's name in a `summary` column and each value cast to a string, as Spark prints them.
 * Numeric and string columns take part (others are left out, as Spark); mean, stddev and the
 * percentiles are null for string columns. Percentiles are Spark's approx_percentile (an actual
 * value of the column: the smallest whose rank reaches p·n).
 *
 * ```text
 * df.describe("age")
 *
 * Expand 5 projections [summary, age]
 * +- Project [count(age), avg(age) AS mean(age), …]
 *    +- Aggregate [] [count(age), avg(age), stddev_samp(age), min(age), max(age)]
 * ```
 */
import { AnalysisError } from "../errors.js";
import type { AggFn, Expr } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, isNumeric, newAttr } from "../types.js";
import { DEFAULT_PERCENTILE_ACCURACY } from "./stat-aggs.js";
import { buildAggregate } from "./builders.js";
import { cast, resolveName } from "./resolve.js";
import { outputOf } from "./types-of.js";

export const DESCRIBE_STATS: readonly string[] = ["count", "mean", "stddev", "min", "max"];
export const SUMMARY_STATS: readonly string[] = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"];

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });

/** The aggregate for one statistic of one column, or null when it does not apply (mean of a string). */
function statAgg(stat: string, a: Attr): Expr | null {
  const numeric = isNumeric(a.type);
  const simple = (fn: AggFn, distinct = false): Expr => ({ kind: "agg", fn, input: refOf(a), distinct });
  switch (stat) {
    case "count":
      return simple("count");
    case "mean":
      return numeric ? simple("avg") : null;
    case "stddev":
      return numeric ? simple("stddevSamp") : null;
    case "min":
      return simple("min");
    case "max":
      return simple("max");
    case "count_distinct":
    case "approx_count_distinct":
      return simple("count", true);
  }
  const m = /^(\d+(?:\.\d+)?)%$/.exec(stat);
  if (m) {
    const p = Number(m[1]) / 100;
    if (p > 1) throw new AnalysisError(`summary: percentile "${stat}" is above 100%.`);
    return numeric ? { kind: "agg", fn: "approxPercentile", input: refOf(a), distinct: false, params: [p, DEFAULT_PERCENTILE_ACCURACY] } : null;
  }
  throw new AnalysisError(
    `summary: unknown statistic "${stat}"; use count, mean, stddev, min, max, count_distinct, approx_count_distinct or a percentage such as "75%".`,
  );
}

export function buildSummary(input: LogicalPlan, cols: readonly string[], stats: readonly string[], operation: string): LogicalPlan {
  const attrs = outputOf(input);
  const chosen = cols.length ? cols.map((c) => resolveName(c, undefined, attrs, { operation })) : attrs;
  const used = chosen.filter((a) => isNumeric(a.type) || a.type === "utf8");
  const list = stats.length ? stats : SUMMARY_STATS;
  const cells: (number | null)[][] = [];
  const aggExprs: Expr[] = [];
  for (const stat of list) {
    cells.push(
      used.map((a) => {
        const e = statAgg(stat, a);
        if (e === null) return null;
        aggExprs.push({ kind: "alias", input: e, name: `${stat}(${a.name})` });
        return aggExprs.length - 1;
      }),
    );
  }
  // A statistic that applies to no column still gets a row of nulls; count(*) keeps the aggregate non-empty.
  if (aggExprs.length === 0) aggExprs.push({ kind: "alias", input: { kind: "agg", fn: "count", input: null, distinct: false }, name: "rows" });
  const agg = buildAggregate(input, [], aggExprs, operation);
  const results = outputOf(agg);
  const projections = list.map((stat, s): Expr[] => [
    { kind: "lit", value: stat, type: "utf8" },
    ...(cells[s] as (number | null)[]).map((i): Expr => (i === null ? { kind: "lit", value: null, type: "utf8" } : cast(refOf(results[i] as Attr), "utf8"))),
  ]);
  const output = [newAttr("summary", "utf8", false), ...used.map((a) => newAttr(a.name, "utf8", true))];
  return { kind: "expand", input: agg, projections, output };
}
