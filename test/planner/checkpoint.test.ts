/** The checkpoint leaf in plan text: EXPLAIN lines, column pruning into it, stages and broadcast estimates. */
import { describe, expect, it } from "vitest";
import { planToString } from "../../planner/explain.js";
import { stagesToString } from "../../planner/explain-physical.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { optimize } from "../../planner/optimizer.js";
import { estimateBytes } from "../../planner/physical/estimate.js";
import { planStages } from "../../planner/physical/plan-stages.js";
import { newAttr } from "../../planner/types.js";
import { groupBy, join, scan, select, where } from "../helpers/plans.js";

const opts = { shufflePartitions: 4, broadcastThreshold: 10 * 1024 * 1024 };

function checkpoint(files: number, bytesPerFile = 1000): LogicalPlan {
  const all = [newAttr("id", "int64", false), newAttr("dept", "utf8", true), newAttr("age", "int32", true)];
  const list = Array.from({ length: files }, (_, i) => ({ path: `/cp/cp-1/part-${String(i).padStart(5, "0")}-u.arrow`, rows: 10, bytes: bytesPerFile }));
  return { kind: "checkpoint", dir: "/cp/cp-1", files: list, all, output: all };
}

describe("checkpoint leaf", () => {
  it("prints one line and prunes the columns it reads", () => {
    const p = select(where(checkpoint(3), "age > 30"), "dept");
    expect(planToString(p)).toBe(["Project [dept]", "+- Filter (age > 30)", "   +- Checkpoint /cp/cp-1 [id, dept, age] (3 files)"].join("\n"));
    expect(planToString(optimize(p))).toBe(["Project [dept]", "+- Filter (age > 30)", "   +- Checkpoint /cp/cp-1 [dept, age] (3 files)"].join("\n"));
  });

  it("plans one task per file, reading only the pruned columns", () => {
    const g = planStages(optimize(groupBy(checkpoint(3), ["dept"], ["count(*) AS n"])), opts);
    expect(stagesToString(g)).toBe(
      [
        "Stage 1: 4 tasks → result",
        "  Project [dept, count(1) AS n]",
        "  +- HashAggregate[final]: keys=[dept], aggs=[count(1)]",
        "     +- Exchange[shuffle] from stage 0",
        "Stage 0: 3 tasks → hash(dept) × 4",
        "  HashAggregate[partial]: keys=[dept], aggs=[count(1)]",
        "  +- Checkpoint read=[dept] (3 files)",
      ].join("\n"),
    );
    const leaf = g.stages[0]?.root;
    const cp = leaf?.op === "hashAggregate" ? leaf.input : leaf;
    expect(cp).toMatchObject({ op: "checkpoint", columns: [1], rows: [10, 10, 10] });
  });

  it("plans an empty checkpoint (no files) as one empty local partition", () => {
    const g = planStages(optimize(checkpoint(0)), opts);
    expect(stagesToString(g)).toBe(["Stage 0: 1 task → result", "  LocalData [id, dept, age] (0 partitions)"].join("\n"));
  });

  it("estimates its size from the files, scaled by the columns read, so a small checkpoint is broadcast", () => {
    expect(estimateBytes(checkpoint(2, 3000))).toBe(6000);
    const pruned = optimize(select(checkpoint(2, 3000), "dept"));
    expect(pruned.kind === "project" ? estimateBytes(pruned.input) : -1).toBe(2000);
    const big = scan("people.csv", { name: "utf8", d: "utf8" }, { sizeBytes: 1 << 30 });
    const text = stagesToString(planStages(optimize(join(big, checkpoint(2), "d = dept")), opts));
    expect(text).toContain("broadcast right");
  });

  it("rejects partitionBy with the arrow write format", () => {
    expect(() => planStages(checkpoint(1), opts, { kind: "write", format: "arrow", partitionBy: [1], options: {} })).toThrow(/arrow write format does not support partitionBy/);
  });
});
