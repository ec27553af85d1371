/**
 * The planner side of the newer verbs, by plan text: grouping sets and their Expand, pruning
 * through Expand and AsofJoin, filters kept above Sample, randomSplit's bounds and the stage shape
 * of an as-of join.
 */
import { describe, expect, it } from "vitest";
import { buildAsofJoin } from "../../planner/analyzer/build-asof.js";
import { buildGroupingSets, groupingSets } from "../../planner/analyzer/build-grouping-sets.js";
import { buildRandomSplit, buildSample } from "../../planner/analyzer/build-sample.js";
import { buildUnpivot } from "../../planner/analyzer/build-pivot.js";
import { stagesToString } from "../../planner/explain-physical.js";
import { planToString } from "../../planner/explain.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { optimize } from "../../planner/optimizer.js";
import { planStages } from "../../planner/physical/plan-stages.js";
import { parseExpression, parseSelectItem } from "../../planner/sql/index.js";
import { scan, select, where } from "../helpers/plans.js";

const sales = () => scan("sales.csv", { region: "utf8", city: "utf8", amount: "float64", note: "utf8" });
const text = (p: LogicalPlan) => planToString(optimize(p));

describe("grouping sets", () => {
  it("rollup and cube enumerate Spark's sets", () => {
    expect(groupingSets("rollup", 2)).toEqual([[0, 1], [0], []]);
    expect(groupingSets("cube", 2)).toEqual([[0, 1], [0], [1], []]);
    expect(groupingSets("cube", 3)).toHaveLength(8);
  });

  it("plans an Expand under one aggregate; unread input columns are pruned from every projection", () => {
    const p = buildGroupingSets(sales(), "rollup", [parseExpression("region"), parseExpression("city")], [parseSelectItem("sum(amount) AS total")]);
    expect(text(p)).toBe(
      [
        "Project [region, city, total]",
        "+- Project [region, city, sum(amount) AS total]",
        "   +- Aggregate [region, city, spark_grouping_id] [sum(amount)]",
        "      +- Expand 3 projections [amount, region, city, spark_grouping_id]",
        "         +- Scan csv sales.csv [region, city, amount]",
      ].join("\n"),
    );
  });
});

describe("sample", () => {
  it("a filter above a sample stays above it (pushing it down would change the draws)", () => {
    const p = where(buildSample(sales(), { fraction: 0.5, withReplacement: false, seed: 3 }), "amount > 10");
    expect(text(p)).toBe(
      ["Filter (amount > 10.0)", "+- Sample [0, 0.5) withReplacement=false seed=3", "   +- Scan csv sales.csv [region, city, amount, note]"].join("\n"),
    );
  });

  it("randomSplit normalizes weights into adjacent bounds with one seed", () => {
    const bounds = buildRandomSplit(sales(), [1, 1, 2], 9).map((p) => (p.kind === "sample" ? [p.lowerBound, p.upperBound, p.seed] : null));
    expect(bounds).toEqual([[0, 0.25, 9], [0.25, 0.5, 9], [0.5, 1, 9]]);
  });
});

describe("unpivot", () => {
  it("is one Expand with a projection per value column; an unread name column is pruned", () => {
    const p = select(buildUnpivot(sales(), ["region"], ["city", "note"], "field", "value"), "region", "value");
    expect(text(p)).toBe(
      ["Project [region, value]", "+- Expand 2 projections [region, value]", "   +- Scan csv sales.csv [region, city, note]"].join("\n"),
    );
  });
});

describe("as-of join", () => {
  const trades = () => scan("trades.csv", { sym: "utf8", t: "int64", qty: "int32" });
  const quotes = () => scan("quotes.csv", { sym: "utf8", t: "int64", bid: "float64", ask: "float64" });

  it("prunes both sides to the keys and the columns read", () => {
    const p = select(buildAsofJoin(trades(), quotes(), { on: "t", by: "sym" }), "qty", "bid");
    expect(text(p)).toBe(
      [
        "Project [qty, bid]",
        "+- Project [qty, bid]",
        "   +- AsofJoin backward t ~ t by [sym] = [sym]",
        "      :- Scan csv trades.csv [sym, t, qty]",
        "      +- Scan csv quotes.csv [sym, t, bid]",
      ].join("\n"),
    );
  });

  it("exchanges both sides on the by keys into the same partitions", () => {
    const p = optimize(buildAsofJoin(trades(), quotes(), { on: "t", by: "sym", strategy: "nearest" }));
    const stages = stagesToString(planStages(p, { shufflePartitions: 4, broadcastThreshold: 0 }));
    expect(stages).toMatch(/Stage 2: 4 tasks → result\n {2}Project \[sym, t, qty, bid, ask\]\n {2}\+- AsofJoin nearest t ~ t by \[sym\] = \[sym\]/);
    expect(stages).toMatch(/Stage 1: 1 task → hash\(sym\) × 4/);
    expect(stages).toMatch(/Stage 0: 1 task → hash\(sym\) × 4/);
  });
});
