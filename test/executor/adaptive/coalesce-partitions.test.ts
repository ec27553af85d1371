/**
 * The coalescing algorithm (Spark's ShufflePartitionsUtil.coalescePartitions) against size arrays
 * worked out by hand: each case says in a comment how the one pass over the sizes goes.
 */
import { describe, expect, it } from "vitest";
import { type CoalesceOptions, coalescePartitions, coalesceTargetBytes, splitMinPartitions } from "../../../executor/adaptive/coalesce-partitions.js";

const sizes = (...xs: number[]): Float64Array => Float64Array.from(xs);
const opts = (advisoryBytes: number, minPartitions = 1, minPartitionBytes = 0): CoalesceOptions => ({ advisoryBytes, minPartitions, minPartitionBytes });
/** [start, end, bytes] triples, easier to read than objects. */
const groups = (xs: ReturnType<typeof coalescePartitions>): [number, number, number][] | null => xs && xs.map((p) => [p.start, p.end, p.bytes]);

describe("coalesceTargetBytes", () => {
  it("is the advisory size, lowered to spread the bytes over minPartitions, never below the floor", () => {
    // min(300, ceil(1000 / 2) = 500) = 300
    expect(coalesceTargetBytes(1000, opts(300, 2))).toBe(300);
    // min(300, ceil(1000 / 5) = 200) = 200
    expect(coalesceTargetBytes(1000, opts(300, 5))).toBe(200);
    // min(300, ceil(1000 / 3) = 334) = 300; min(400, 334) = 334
    expect(coalesceTargetBytes(1000, opts(400, 3))).toBe(334);
    // min(300, ceil(10 / 2) = 5) = 5, raised to the floor of 20
    expect(coalesceTargetBytes(10, opts(300, 2, 20))).toBe(20);
    // nothing to spread: 0, or the floor
    expect(coalesceTargetBytes(0, opts(300, 4))).toBe(0);
    expect(coalesceTargetBytes(0, opts(300, 4, 7))).toBe(7);
  });
});

describe("coalescePartitions", () => {
  it("packs adjacent partitions until the next would pass the target", () => {
    // target 25: 10+10 = 20, +10 = 30 > 25 → cut; the same twice more.
    expect(groups(coalescePartitions([sizes(10, 10, 10, 10, 10, 10)], opts(25)))).toEqual([
      [0, 2, 20],
      [2, 4, 20],
      [4, 6, 20],
    ]);
    // target 100: 10+0+90 = 100 is not past it; +20 is → cut before 3; 20+0 closes the rest.
    expect(groups(coalescePartitions([sizes(10, 0, 90, 20, 0)], opts(100)))).toEqual([
      [0, 3, 100],
      [3, 5, 20],
    ]);
  });

  it("a partition bigger than the target stays alone, and is never split", () => {
    // target 50: 10+20 = 30; +200 → cut; 200 alone; +5 → cut; 5+5 = 10.
    expect(groups(coalescePartitions([sizes(10, 20, 200, 5, 5)], opts(50)))).toEqual([
      [0, 2, 30],
      [2, 3, 200],
      [3, 5, 10],
    ]);
  });

  it("sums co-partitioned shuffles per index and gives them one grouping (Spark's two-shuffle example)", () => {
    // Summed: [110, 30, 170, 15, 35], target 128: 110 | +30 = 140 > 128 → cut | 30 +170 → cut |
    // 170 alone, +15 → cut | 15 + 35 = 50.
    const a = sizes(100, 20, 100, 10, 30);
    const b = sizes(10, 10, 70, 5, 5);
    expect(groups(coalescePartitions([a, b], opts(128)))).toEqual([
      [0, 1, 110],
      [1, 2, 30],
      [2, 3, 170],
      [3, 5, 50],
    ]);
    // Alone, shuffle a packs differently (target 128: 100+20 = 120, +100 → cut | 100+10 = 110,
    // +30 → cut | 30): the sum is what keeps the two sides of a join cut at the same places.
    expect(groups(coalescePartitions([a], opts(128)))).toEqual([
      [0, 2, 120],
      [2, 4, 110],
      [4, 5, 30],
    ]);
  });

  it("leaves shuffles with different partition counts alone, as Spark does", () => {
    expect(coalescePartitions([sizes(1, 1, 1), sizes(1, 1)], opts(100))).toBeNull();
    expect(coalescePartitions([], opts(100))).toBeNull();
  });

  it("spreads over at least minPartitions when the bytes allow", () => {
    const eight = sizes(10, 10, 10, 10, 10, 10, 10, 10);
    // minPartitions 1: target min(1000, 80) = 80 — everything in one partition.
    expect(groups(coalescePartitions([eight], opts(1000, 1)))).toEqual([[0, 8, 80]]);
    // minPartitions 4: target ceil(80 / 4) = 20 — pairs.
    expect(groups(coalescePartitions([eight], opts(1000, 4)))).toEqual([
      [0, 2, 20],
      [2, 4, 20],
      [4, 6, 20],
      [6, 8, 20],
    ]);
    // minPartitions 3: target ceil(80 / 3) = 27 — still pairs (a third would make 30 > 27), so
    // at least 3 partitions.
    expect(coalescePartitions([eight], opts(1000, 3))?.length).toBe(4);
    // The advisory size still caps the target: min(15, ceil(80 / 2)) = 15 — no two fit together.
    expect(coalescePartitions([eight], opts(15, 2))).toBeNull();
  });

  it("skips runs of empty partitions that would make an empty task", () => {
    // target 50: 0, 0 → 0; +60 > 50 → cut, but the group [0, 2) has no bytes: no task for it.
    // 60 alone; +40 → cut; 40 + 0 = 40.
    expect(groups(coalescePartitions([sizes(0, 0, 60, 40, 0)], opts(50)))).toEqual([
      [2, 3, 60],
      [3, 5, 40],
    ]);
    // Empty partitions inside a group just ride along: 0+0+50 = 50 ≤ 50; +0; +50 → cut; 50+0+0.
    expect(groups(coalescePartitions([sizes(0, 0, 50, 0, 50, 0, 0)], opts(50)))).toEqual([
      [0, 4, 50],
      [4, 7, 50],
    ]);
  });

  it("gives all-empty input one partition covering everything", () => {
    // Total 0: target 0, nothing is ever past it; one forced group.
    expect(groups(coalescePartitions([sizes(0, 0, 0, 0)], opts(64, 2)))).toEqual([[0, 4, 0]]);
    expect(groups(coalescePartitions([sizes(0, 0, 0), sizes(0, 0, 0)], opts(64, 1, 10)))).toEqual([[0, 3, 0]]);
  });

  it("returns null for a single partition, or when nothing would get fewer partitions", () => {
    expect(coalescePartitions([sizes(42)], opts(10))).toBeNull();
    expect(coalescePartitions([sizes(0)], opts(10))).toBeNull();
    // target 50: 50 | 50 | 50 — as planned.
    expect(coalescePartitions([sizes(50, 50, 50)], opts(50))).toBeNull();
    // Two planned, one coalesced: worth it (a flat [start, end, …] list of 2 entries is 1 group).
    expect(groups(coalescePartitions([sizes(5, 5)], opts(50)))).toEqual([[0, 2, 10]]);
  });

  it("merges a crumb below minPartitionBytes into its smaller neighbour (Spark's [64 MB, 0.5 MB, 64 MB])", () => {
    // target 640, floor 10: 640 | +5 → cut | 5 +640 would pass the target, but 5 < 10: the group
    // before (640) is not smaller than the next partition (640), so the crumb takes the next one.
    expect(groups(coalescePartitions([sizes(640, 5, 640)], opts(640, 1, 10)))).toEqual([
      [0, 1, 640],
      [1, 3, 645],
    ]);
    // target 600, floor 10: 600 | +5 → cut | 5 + 640 → 5 < 10, and the group before (600) is
    // smaller than 640: the crumb joins it, and 640 starts a group of its own.
    expect(groups(coalescePartitions([sizes(600, 5, 640)], opts(600, 1, 10)))).toEqual([
      [0, 2, 605],
      [2, 3, 640],
    ]);
    // Without the floor, the crumb stays a task of its own: 3 partitions as planned.
    expect(coalescePartitions([sizes(640, 5, 640)], opts(640))).toBeNull();
  });

  it("merges a trailing crumb into the last group", () => {
    // target 50, floor 10: 50 | 50 | 3, and 3 < 10 at the end: it joins [1, 2).
    expect(groups(coalescePartitions([sizes(50, 50, 3)], opts(50, 1, 10)))).toEqual([
      [0, 1, 50],
      [1, 3, 53],
    ]);
    // Without the floor: 50 | 50 | 3 — as planned.
    expect(coalescePartitions([sizes(50, 50, 3)], opts(50))).toBeNull();
    // A crumb with nothing before it to join is kept (target 100, floor 10: 4 | 200 | 4 → the
    // first 4 cannot join a group before it, so it takes the 200 in; the last 4 joins that).
    expect(groups(coalescePartitions([sizes(4, 200, 4)], opts(100, 1, 10)))).toEqual([[0, 3, 208]]);
  });

  it("covers every non-empty partition exactly once, in order", () => {
    let seed = 11;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(next() * 60);
      const a = Float64Array.from({ length: n }, () => (next() < 0.3 ? 0 : Math.floor(next() * 1000)));
      const b = Float64Array.from({ length: n }, () => (next() < 0.5 ? 0 : Math.floor(next() * 300)));
      const o = opts(1 + Math.floor(next() * 3000), 1 + Math.floor(next() * 4), Math.floor(next() * 200));
      const parts = coalescePartitions([a, b], o);
      if (!parts) continue;
      expect(parts.length).toBeLessThan(n);
      let covered = 0;
      let last = 0;
      for (const p of parts) {
        expect(p.start).toBeGreaterThanOrEqual(last);
        expect(p.end).toBeGreaterThan(p.start);
        // Whatever lies between two groups is empty.
        for (let i = last; i < p.start; i++) expect((a[i] as number) + (b[i] as number)).toBe(0);
        let bytes = 0;
        for (let i = p.start; i < p.end; i++) bytes += (a[i] as number) + (b[i] as number);
        expect(p.bytes).toBe(bytes);
        covered += bytes;
        last = p.end;
      }
      for (let i = last; i < n; i++) expect((a[i] as number) + (b[i] as number)).toBe(0);
      expect(covered).toBe([...a, ...b].reduce((x, y) => x + y, 0));
    }
  });
});

describe("splitMinPartitions", () => {
  it("splits the minimum among independent groups by their bytes, at least one each", () => {
    expect(splitMinPartitions(5, [7])).toEqual([5]);
    expect(splitMinPartitions(0, [7])).toEqual([1]);
    // 4 × 300/400 = 3, 4 × 100/400 = 1
    expect(splitMinPartitions(4, [300, 100])).toEqual([3, 1]);
    // 2 × 1000/1001 ≈ 2, 2 × 1/1001 ≈ 0 → 1
    expect(splitMinPartitions(2, [1000, 1])).toEqual([2, 1]);
    // no bytes at all: each gets the whole minimum
    expect(splitMinPartitions(3, [0, 0])).toEqual([3, 3]);
  });
});
