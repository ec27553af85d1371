/** Physical planning: where exchanges cut stages, broadcast vs shuffled joins, sorts, limits. */
import { describe, expect, it } from "vitest";
import { stagesToString } from "../../planner/explain-physical.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { optimize } from "../../planner/optimizer.js";
import { planStages } from "../../planner/physical/plan-stages.js";
import { groupBy, join, orderBy, scan, select, where } from "../helpers/plans.js";

const opts = { shufflePartitions: 4, broadcastThreshold: 10 * 1024 * 1024 };
const plan = (p: LogicalPlan, o = opts) => planStages(optimize(p), o);
const big = () => scan("people.csv", { name: "utf8", age: "int32", dept: "utf8" }, { sizeBytes: 1 << 30 });
const small = () => scan("depts.csv", { id: "utf8", floor: "int32" }, { sizeBytes: 1000 });

describe("stages", () => {
  it("cuts the seed pipeline into two stages at the aggregation exchange", () => {
    const g = plan(groupBy(where(big(), "age > 25"), ["dept"], ["count(*) AS count"]));
    expect(g.stages.length).toBe(2);
    expect(stagesToString(g)).toBe(
      [
        "Stage 1: 4 tasks → result",
        "  Project [dept, count(1) AS count]",
        "  +- HashAggregate[final]: keys=[dept], aggs=[count(1)]",
        "     +- Exchange[shuffle] from stage 0",
        "Stage 0: 1 task → hash(dept) × 4",
        "  HashAggregate[partial]: keys=[dept], aggs=[count(1)]",
        "  +- Scan csv people.csv read=[age, dept] filter=(age > 25) (1 split)",
      ].join("\n"),
    );
  });
  it("broadcasts a small side and keeps the join in the big side's stage", () => {
    const g = plan(join(big(), small(), "dept = id"));
    expect(g.stages.length).toBe(2);
    const text = stagesToString(g);
    expect(text).toContain("HashJoin inner broadcast right keys=[dept] = [id]");
    expect(text).toContain("Exchange[broadcast] from stage 0");
  });
  it("shuffles both sides of a join when neither is small", () => {
    const g = plan(join(big(), scan("b.csv", { k: "int32" }, { sizeBytes: 1 << 30 }), "age = k"));
    expect(g.stages.length).toBe(3);
    const text = stagesToString(g);
    expect(text).toContain("HashJoin inner keys=[age] = [k]");
    expect(text).toMatch(/hash\(age\) × 4/);
    expect(text).toMatch(/hash\(k\) × 4/);
  });
  it("plans a full outer join shuffled even with a small side (a broadcast cannot track unmatched rows)", () => {
    expect(stagesToString(plan(join(big(), small(), "dept = id", "full")))).toContain("HashJoin full keys=");
  });
  it("sorts by sampling range bounds across partitions", () => {
    const two = scan("p.parquet", { a: "int32" }, { format: "parquet" });
    const src = two.kind === "scan" ? { ...two, source: { ...two.source, splits: [{ kind: "parquet" as const, file: 0, rowGroups: [0] }, { kind: "parquet" as const, file: 0, rowGroups: [1] }] } } : two;
    const text = stagesToString(plan(orderBy(src, "a")));
    expect(text).toContain("range(a ASC NULLS FIRST) × 4");
    expect(text).toContain("Exchange[range] from stage 0");
  });
  it("turns orderBy + limit into a per-partition top-k and one merge", () => {
    const p: LogicalPlan = { kind: "limit", input: orderBy(big(), "age"), n: 10 };
    const text = stagesToString(plan(p));
    expect(text).toContain("Sort [age ASC NULLS FIRST] limit=10");
    expect(text).not.toContain("range(");
  });
  it("plans count(DISTINCT) as one complete aggregation after a shuffle", () => {
    const text = stagesToString(plan(groupBy(big(), ["dept"], ["count(DISTINCT name) AS n"])));
    expect(text).toContain("HashAggregate[complete]");
    expect(text).not.toContain("[partial]");
  });
  it("skips Parquet row groups whose statistics rule a pushed filter out", () => {
    const base = scan("s.parquet", { id: "int32" }, { format: "parquet" });
    if (base.kind !== "scan") throw new Error("scan expected");
    const stats = (min: number, max: number) => ({ id: { min, max, nullCount: 0 } });
    const source = {
      ...base.source,
      files: [{ path: "s.parquet", size: 1000, partitionValues: {}, rowGroups: [0, 1, 2].map((i) => ({ index: i, numRows: 100, bytes: 10, stats: stats(i * 100, i * 100 + 99) })) }],
      splits: [0, 1, 2].map((i) => ({ kind: "parquet" as const, file: 0, rowGroups: [i] })),
    };
    const p = where({ ...base, source }, "id >= 150");
    const g = plan(select(p, "id"));
    const scanStage = stagesToString(g);
    expect(scanStage).toContain("(2 splits)");
  });
});
