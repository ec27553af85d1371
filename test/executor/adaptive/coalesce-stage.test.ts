/**
 * Which reads of a stage are coalesced together (coalesceGroups), how a stage is rewritten to read
 * them coalesced (withCoalescedReads, coalesceStage), and the range sizes estimated from a sort's
 * sample (rangeBytes) — on hand-built stages and sizes.
 */
import { describe, expect, it } from "vitest";
import { coalesceGroups } from "../../../executor/adaptive/coalesce-groups.js";
import { type AdaptiveConfig, coalesceStage } from "../../../executor/adaptive/coalesce-stage.js";
import { rangeBytes } from "../../../executor/adaptive/shuffle-bytes.js";
import { withCoalescedReads } from "../../../executor/adaptive/with-coalesced-reads.js";
import type { CoalescedRead, OutField, PhysNode, Sink, Stage } from "../../../planner/physical-plan.js";
import { batch } from "../operators/helpers.js";

const out: OutField[] = [{ name: "k", type: "int32", nullable: false }];
type Exchange = Extract<PhysNode, { op: "exchange" }>;
const read = (stage: number, mode: Exchange["mode"] = "shuffle"): Exchange => ({ op: "exchange", stage, mode, output: out });
const local: PhysNode = { op: "local", partitions: [], output: out };
const join = (left: PhysNode, right: PhysNode, broadcast = false): PhysNode => ({
  op: "hashJoin",
  left,
  right,
  how: "inner",
  buildSide: "right",
  leftKeys: [0],
  rightKeys: [0],
  residual: null,
  broadcast,
  describe: "inner",
  output: out,
});
const union = (inputs: PhysNode[], counts: number[]): PhysNode => ({ op: "union", inputs, counts, output: out });
const limit = (input: PhysNode): PhysNode => ({ op: "limit", input, n: 10, output: out });
const hash = (partitions: number, fixed = false): Sink => ({ kind: "hash", keys: [0], partitions, describe: "hash(k)", ...(fixed ? { fixedPartitions: true as const } : {}) });
const stage = (root: PhysNode, partitions: number, parents: number[]): Stage => ({ id: 9, root, partitions, sink: { kind: "result" }, parents });
/** The stage ids of each group. */
const ids = (root: PhysNode, sinks: Record<number, Sink>): number[][] =>
  coalesceGroups(root, (s) => sinks[s] ?? { kind: "result" }).map((g) => g.map((r) => r.stage));
const coalesced = (...bounds: [number, number][]): CoalescedRead => ({ from: 8, partitions: bounds.map(([start, end]) => ({ start, end, bytes: 1 })) });

describe("coalesceGroups", () => {
  it("puts both sides of a shuffled join in one group, and each union input in its own", () => {
    expect(ids(limit(join(read(0), read(1))), { 0: hash(8), 1: hash(8) })).toEqual([[0, 1]]);
    expect(ids(union([read(0), read(1)], [8, 8]), { 0: hash(8), 1: hash(8) })).toEqual([[0], [1]]);
    // A union of two joins: two groups of two.
    expect(ids(union([join(read(0), read(1)), join(read(2), read(3))], [8, 8]), { 0: hash(8), 1: hash(8), 2: hash(8), 3: hash(8) })).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("coalesces the streamed side of a broadcast join, never the broadcast side", () => {
    expect(ids(join(read(0), read(1, "broadcast"), true), { 0: hash(8), 1: { kind: "result" } })).toEqual([[0]]);
    // A shuffled join with a broadcast join under one side: the broadcast read is not a group member.
    expect(ids(join(join(read(0), read(2, "broadcast"), true), read(1)), { 0: hash(8), 1: hash(8), 2: { kind: "result" } })).toEqual([[0, 1]]);
  });

  it("leaves alone repartition(n), one-partition shuffles, and joins beside a source or a cached read", () => {
    expect(ids(read(0), { 0: hash(8, true) })).toEqual([]);
    expect(ids(read(0), { 0: hash(1) })).toEqual([]);
    expect(ids(read(0), { 0: { kind: "roundRobin", partitions: 8 } })).toEqual([]);
    expect(ids(join(read(0), local), { 0: hash(8) })).toEqual([]);
    expect(ids(join(read(0), read(1, "partition")), { 0: hash(8), 1: { kind: "result" } })).toEqual([]);
    // One side repartitioned by the user: the other side must keep its count too.
    expect(ids(join(read(0), read(1)), { 0: hash(8), 1: hash(8, true) })).toEqual([]);
    // Already coalesced: not again.
    expect(ids({ ...read(0), coalesced: coalesced([0, 8]) }, { 0: hash(8) })).toEqual([]);
  });

  it("takes a range exchange with more than one partition", () => {
    const range: Sink = { kind: "range", keys: [{ index: 0, ascending: true, nullsFirst: true }], partitions: 8, describe: "k" };
    expect(ids(read(0, "range"), { 0: range })).toEqual([[0]]);
    expect(ids(read(0, "range"), { 0: { ...range, partitions: 1 } })).toEqual([]);
  });
});

describe("withCoalescedReads", () => {
  it("gives the stage the coalesced count and the exchange its grouping", () => {
    const c = coalesced([0, 3], [3, 8]);
    const s = withCoalescedReads(stage(limit(read(0)), 8, [0]), new Map([[0, c]]));
    expect(s.partitions).toBe(2);
    expect(s.root).toEqual(limit({ ...read(0), coalesced: c }));
    // Nothing read from the stages given: the same object back.
    const same = stage(read(1), 8, [1]);
    expect(withCoalescedReads(same, new Map([[0, c]]))).toBe(same);
  });

  it("recounts a union's inputs: 8 + 8 planned, 2 + 8 once the first is coalesced", () => {
    const s = withCoalescedReads(stage(union([read(0), read(1)], [8, 8]), 16, [0, 1]), new Map([[0, coalesced([0, 3], [3, 8])]]));
    expect(s.partitions).toBe(10);
    expect(s.root.op === "union" && s.root.counts).toEqual([2, 8]);
  });

  it("cuts a user's coalesce(n) again from the new count, or drops it when the read has no more than n", () => {
    // coalesce(2) over 8 planned partitions; coalesced to 4, the groups are cut again: [0, 1], [2, 3].
    const user: PhysNode = { op: "coalesce", input: read(0), groups: [[0, 1, 2, 3], [4, 5, 6, 7]], output: out };
    const four = coalesced([0, 2], [2, 4], [4, 6], [6, 8]);
    const s = withCoalescedReads(stage(user, 2, [0]), new Map([[0, four]]));
    expect(s.partitions).toBe(2);
    expect(s.root.op === "coalesce" && s.root.groups).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // Coalesced to 1: coalesce(2) has nothing left to do.
    const one = withCoalescedReads(stage(user, 2, [0]), new Map([[0, coalesced([0, 8])]]));
    expect(one.partitions).toBe(1);
    expect(one.root.op).toBe("exchange");
  });

  it("refuses a join whose sides were given different counts", () => {
    const s = stage(join(read(0), read(1)), 8, [0, 1]);
    expect(() => withCoalescedReads(s, new Map([[0, coalesced([0, 8])]]))).toThrow(/two sides of a join/);
    const both = withCoalescedReads(s, new Map([[0, coalesced([0, 4], [4, 8])], [1, coalesced([0, 4], [4, 8])]]));
    expect(both.partitions).toBe(2);
  });
});

describe("coalesceStage", () => {
  const config: AdaptiveConfig = { advisoryPartitionSizeBytes: 100, minPartitionNum: 1, minPartitionSizeBytes: 2 ** 20 };

  it("floors crumbs at a fifth of the target rather than at 1 MB when the target is smaller", () => {
    // [100, 100, 10, 100]: target min(100, 310) = 100, crumb floor min(1 MB, 100 / 5) = 20.
    // 100 | 100 | 10, and 10 + 100 passes the target: 10 < 20 and the group before (100) is not
    // smaller than 100, so 10 takes the last partition in → [0,1) [1,2) [2,4).
    // (A 1 MB floor would have raised the target to 1 MB: one partition; no floor: 4, as planned.)
    const s = stage(read(0), 4, [0]);
    const groups = coalesceGroups(s.root, () => hash(4));
    const done = coalesceStage(s, groups, () => Float64Array.of(100, 100, 10, 100), config);
    expect(done?.stage.partitions).toBe(3);
    expect(done?.reads).toEqual([{ stageId: 0, from: 4, to: 3, bytes: [100, 100, 110], targetBytes: 100 }]);
  });

  it("gives a join's two sides the grouping of their summed sizes, and a union's inputs their own", () => {
    const sizes: Record<number, Float64Array> = {
      0: Float64Array.of(30, 30, 30, 30),
      1: Float64Array.of(20, 20, 20, 20),
      2: Float64Array.of(5, 5, 5, 5),
    };
    // Join of 0 and 1 unioned with 2. minPartitionNum 2 split by bytes: 2 × 200/220 ≈ 2, 2 × 20/220 ≈ 0 → 1.
    // Join: summed [50, 50, 50, 50], target min(100, 100) = 100, floor 20 → [0, 2) [2, 4).
    // Union input 2: [5, 5, 5, 5], target min(100, 20) = 20, floor 4 → all four in one.
    const root = union([join(read(0), read(1)), read(2)], [4, 4]);
    const s = stage(root, 8, [0, 1, 2]);
    const groups = coalesceGroups(root, () => hash(4));
    const done = coalesceStage(s, groups, (r) => sizes[r.stage] as Float64Array, { ...config, minPartitionNum: 2 });
    expect(done?.stage.partitions).toBe(3);
    expect(done?.reads.map((r) => [r.stageId, r.to, r.bytes])).toEqual([
      [0, 2, [100, 100]],
      [1, 2, [100, 100]],
      [2, 1, [20]],
    ]);
    expect(done?.stage.root.op === "union" && done.stage.root.counts).toEqual([2, 1]);
  });

  it("returns null when no group gets fewer partitions", () => {
    const s = stage(read(0), 4, [0]);
    expect(coalesceStage(s, coalesceGroups(s.root, () => hash(4)), () => Float64Array.of(100, 100, 100, 100), config)).toBeNull();
  });
});

describe("rangeBytes", () => {
  const keys = [{ index: 0, ascending: true, nullsFirst: true }];
  const bounds = batch(["int32"], [[10], [20]]); // ranges: ≤ 10, (10, 20], > 20

  it("spreads each map task's block bytes over the ranges its sample rows fall in", () => {
    // Map A: 4 sample rows, 400 bytes → 100 each: 1, 5 → range 0; 15 → 1; 25 → 2.
    // Map B: 2 sample rows, 60 bytes → 30 each: both in range 2. Range 3 cannot get rows (2 bounds).
    const samples = [
      { sample: batch(["int32"], [[1], [5], [15], [25]]), bytes: 400 },
      { sample: batch(["int32"], [[30], [40]]), bytes: 60 },
    ];
    expect([...rangeBytes(samples, keys, bounds, 4)]).toEqual([200, 100, 160, 0]);
  });

  it("never estimates a range that can get rows at 0 bytes (coalescing would skip it)", () => {
    // Only range 0 was sampled; ranges 1 and 2 may still hold rows: 1 byte each.
    expect([...rangeBytes([{ sample: batch(["int32"], [[1], [2]]), bytes: 10 }], keys, bounds, 4)]).toEqual([10, 1, 1, 0]);
  });
});
