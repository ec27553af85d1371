/**
 * Statistical and holistic aggregates in the planner: result types, Spark's names, SQL spellings,
 * the errors users see, and how they are planned (algebraic ones partial → final; holistic ones,
 * alone or mixed with others, as one complete aggregation after a raw-row shuffle).
 */
import { describe, expect, it } from "vitest";
import { aggStateTypes as executorStateTypes } from "../../executor/operators/hash-aggregate.js";
import { outputOf } from "../../planner/analyzer/types-of.js";
import { AnalysisError } from "../../planner/errors.js";
import { stagesToString } from "../../planner/explain-physical.js";
import { planToString } from "../../planner/explain.js";
import { AGG_SQL_NAMES, type AggFn } from "../../planner/expr.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { optimize } from "../../planner/optimizer.js";
import { aggStateTypes } from "../../planner/physical/aggregate-states.js";
import { planStages } from "../../planner/physical/plan-stages.js";
import { SqlParseError } from "../../planner/sql/index.js";
import type { DataType } from "../../planner/types.js";
import { groupBy, scan, select, where } from "../helpers/plans.js";

const x = () => scan("x.parquet", { id2: "utf8", id4: "int32", id5: "int32", v1: "int32", v2: "int64", v3: "float64", d: "date", ok: "boolean" }, { format: "parquet" });
const opts = { shufflePartitions: 4, broadcastThreshold: 10 };
const stages = (p: LogicalPlan): string => stagesToString(planStages(optimize(p), opts));
const fields = (p: LogicalPlan) => outputOf(p).map((a) => `${a.name}:${a.type}${a.nullable ? "" : " not null"}`);

describe("statistical aggregates: types and names", () => {
  it("gives Spark's result types and names", () => {
    const p = groupBy(x(), ["id4"], [
      "stddev(v1)", "stddev_pop(v2)", "variance(v3)", "var_pop(v1)", "corr(v1, v3)", "covar_samp(v2, v3)", "covar_pop(v1, v1)",
      "median(v2)", "percentile(v3, 0.9)", "approx_percentile(v2, 0.5)", "approx_percentile(d, 0.1, 100)", "count_if(v1 > 3)", "any_value(id2)",
    ]);
    expect(fields(p)).toEqual([
      "id4:int32", "stddev_samp(v1):float64", "stddev_pop(v2):float64", "var_samp(v3):float64", "var_pop(v1):float64",
      "corr(v1, v3):float64", "covar_samp(v2, v3):float64", "covar_pop(v1, v1):float64", "median(v2):float64",
      "percentile(v3, 0.9):float64", "approx_percentile(v2, 0.5, 10000):int64", "approx_percentile(d, 0.1, 100):date",
      "count_if((v1 > 3)):int64 not null", "any_value(id2):utf8",
    ]);
  });

  it("plans Spark's aliases the same: std = stddev = stddev_samp, variance = var_samp, percentile_approx = approx_percentile", () => {
    const text = (s: string) => planToString(groupBy(x(), ["id4"], [s])).replace(/#\d+/g, "");
    expect(text("std(v3)")).toBe(text("stddev_samp(v3)"));
    expect(text("stddev(v3)")).toBe(text("stddev_samp(v3)"));
    expect(text("variance(v3)")).toBe(text("var_samp(v3)"));
    expect(text("percentile_approx(v3, 0.5)")).toBe(text("approx_percentile(v3, 0.5, 10000)"));
  });

  it("allows arithmetic on aggregate results (q9: corr squared)", () => {
    const p = groupBy(x(), ["id2", "id4"], ["corr(v1, v2) * corr(v1, v2) AS r2"]);
    expect(fields(p)).toEqual(["id2:utf8", "id4:int32", "r2:float64"]);
  });
});

describe("statistical aggregates: analysis errors", () => {
  const fails = (aggs: string[], message: RegExp | string) => {
    expect(() => groupBy(x(), ["id4"], aggs)).toThrow(AnalysisError);
    expect(() => groupBy(x(), ["id4"], aggs)).toThrow(message);
  };

  it("names the column and its type when the input is not numeric", () => {
    fails(["stddev(id2)"], "Type mismatch in agg: stddev_samp needs a numeric column, got id2 (utf8).");
    fails(["corr(v1, id2)"], "corr needs a numeric column, got id2 (utf8)");
    fails(["median(ok)"], "median needs a numeric column, got ok (boolean)");
    fails(["var_pop(d)"], "var_pop needs a numeric column, got d (date)");
    fails(["approx_percentile(id2, 0.5)"], "approx_percentile needs a numeric, date or timestamp column, got id2 (utf8)");
    fails(["count_if(v1)"], "count_if needs a boolean condition, got v1 (int32)");
  });

  it("rejects a percentage outside [0, 1] and a bad accuracy", () => {
    fails(["percentile(v3, 1.5)"], "The percentage of percentile(v3, 1.5) in agg must be between 0.0 and 1.0, got 1.5.");
    fails(["percentile(v3, -0.1)"], /must be between 0\.0 and 1\.0, got -0\.1/);
    fails(["approx_percentile(v3, 2)"], /must be between 0\.0 and 1\.0, got 2/);
    fails(["approx_percentile(v3, 0.5, 0)"], "The accuracy of approx_percentile(v3, 0.5, 0) in agg must be a whole number in (0, 2147483647], got 0.");
  });

  it("needs literal parameters and the right number of arguments", () => {
    fails(["percentile(v3, v1)"], "percentile(): the percentage must be a numeric literal, got v1.");
    expect(() => groupBy(x(), ["id4"], ["percentile(v3)"])).toThrow(SqlParseError);
    expect(() => groupBy(x(), ["id4"], ["corr(v1)"])).toThrow(/expected 2 arguments for corr, found 1 argument/);
    expect(() => groupBy(x(), ["id4"], ["median(v1, 0.5)"])).toThrow(/expected 1 argument for median/);
  });

  it("rejects corr(DISTINCT …) and statistical aggregates outside agg", () => {
    fails(["corr(DISTINCT v1, v2)"], "corr(DISTINCT …) is not supported in agg.");
    expect(() => where(x(), "stddev(v1) > 1")).toThrow("Aggregate function stddev_samp(v1) is not allowed in where");
    expect(() => select(x(), "v1", "median(v3)")).toThrow(/Column "v1" in v1 is neither grouped nor aggregated/);
  });
});

describe("statistical aggregates: physical planning", () => {
  it("plans moments and co-moments partial → final with their state columns", () => {
    const g = planStages(optimize(groupBy(x(), ["id4"], ["stddev(v3)", "corr(v1, v2)", "covar_pop(v1, v2)"])), opts);
    const partial = g.stages[0]?.root;
    if (partial?.op !== "hashAggregate") throw new Error("expected a partial aggregate at the root of stage 0");
    expect(partial.mode).toBe("partial");
    expect(partial.output.map((f) => f.type)).toEqual(["int32", ...Array(3 + 6 + 4).fill("float64")]);
    // The second input of corr reaches the scan (prune_columns keeps it).
    expect(stages(groupBy(x(), ["id4"], ["corr(v1, v2)"]))).toContain("read=[id4, v1, v2]");
  });

  it("shuffles raw rows into one complete aggregation for a holistic aggregate, mixed or not (db-benchmark q6)", () => {
    expect(stages(groupBy(x(), ["id4", "id5"], ["median(v3) AS median_v3", "stddev(v3) AS sd_v3"]))).toBe(
      [
        "Stage 1: 4 tasks → result",
        "  Project [id4, id5, median(v3) AS median_v3, stddev_samp(v3) AS sd_v3]",
        "  +- HashAggregate[complete]: keys=[id4, id5], aggs=[median(v3), stddev_samp(v3)]",
        "     +- Exchange[shuffle] from stage 0",
        "Stage 0: 1 task → hash(id4, id5) × 4",
        "  Scan parquet x.parquet read=[id4, id5, v3] (1 split)",
      ].join("\n"),
    );
    const global = stages(select(x(), "percentile(v3, 0.25)", "approx_percentile(v1, 0.5)"));
    expect(global).toContain("HashAggregate[complete]: keys=[], aggs=[percentile(v3, 0.25), approx_percentile(v1, 0.5, 10000)]");
    expect(global).toContain("→ single × 1");
    expect(global).not.toContain("[partial]");
  });

  it("projects an input read by several aggregates once", () => {
    const g = planStages(optimize(groupBy(x(), ["id4"], ["median(v3)", "percentile(v3, 0.9)", "stddev(v3)"])), opts);
    expect(g.stages[0]?.root.output.map((f) => f.name)).toEqual(["id4", "v3"]);
  });
});

describe("statistical aggregates: partial state types", () => {
  it("agree between the planner and the executor for every aggregate and input type", () => {
    const types: DataType[] = ["int32", "int64", "float64", "boolean", "utf8", "date", "timestamp"];
    for (const fn of Object.keys(AGG_SQL_NAMES) as AggFn[]) {
      for (const t of types) {
        // sum/avg never see a non-numeric input (the analyzer casts it); their state types differ there.
        if ((fn === "sum" || fn === "avg") && !["int32", "int64", "float64"].includes(t)) continue;
        const spec = { fn, distinct: false, input: 1, inputType: t, resultType: t };
        expect([fn, t, executorStateTypes(spec)]).toEqual([fn, t, aggStateTypes(fn, t)]);
      }
    }
  });
});
