/**
 * median(x), percentile(x, p) and approxPercentile(x, p): holistic, so complete mode only (the
 * planner shuffles raw rows by key into one aggregation, as for DISTINCT). Values are collected
 * per group (GroupValueLists), sorted once at result time, then:
 *   - percentile / median (float64), Spark's exact `percentile`: the position (n − 1)·p between
 *     the sorted values, linearly interpolated between its floor and ceiling neighbours;
 *   - approxPercentile (the input type), computed exactly with Spark's nearest-rank rule: the
 *     smallest value whose rank r (1-based) satisfies r ≥ p·n, i.e. r = max(1, ⌈p·n⌉) — always a
 *     value of the column, as Spark's answer is.
 * Nulls are skipped; a group without values gives NULL.
 */
import { type Col, allocCol, sliceCol } from "../../batch.js";
import type { DataType } from "../../../planner/types.js";
import { isNestedType } from "../../../planner/nested-types.js";
import { words } from "../../hash/hash-columns.js";
import { type Accumulator, validityOf } from "./accumulator.js";
import { GroupValueLists, type SortedGroups } from "./group-value-lists.js";
import { minOf, nansLast, selectKth } from "./select-kth.js";

export type PercentileKind = "exact" | "nearestRank";

/** Reads slot i of a value array as a number (int64 rounded to the nearest double, as Spark's toDouble). */
function numberReader(v: SortedGroups["values"]): (i: number) => number {
  if (v instanceof BigInt64Array) {
    const w = words(v);
    return (i) => (w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0);
  }
  return (i) => v[i] as number;
}

/** Spark's Percentile.getPercentile over one group's sorted slice [a, a + n). */
function interpolate(at: (i: number) => number, a: number, n: number, p: number): number {
  const position = (n - 1) * p;
  const lower = Math.floor(position);
  const higher = Math.ceil(position);
  const lo = at(a + lower);
  if (higher === lower) return lo;
  const hi = at(a + higher);
  if (hi === lo) return lo;
  return (higher - position) * lo + (position - lower) * hi;
}

export class PercentileAccumulator implements Accumulator {
  private readonly lists: GroupValueLists;
  private groups = 0;
  private results: Col | null = null;
  /** 1 where a group has a value (a result). */
  private has = new Uint8Array(0);

  /** `p` in [0, 1] (0.5 for median); `type` is the input column's type. */
  constructor(
    private readonly kind: PercentileKind,
    private readonly p: number,
    private readonly type: DataType,
  ) {
    this.lists = new GroupValueLists(type);
  }

  resize(groups: number): void {
    this.groups = Math.max(this.groups, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error("percentile needs an input column");
    this.lists.append(input, gids, n);
    this.results = null;
  }

  merge(): void {
    throw new Error("median/percentile/approxPercentile run in complete mode only");
  }

  state(): Col[] {
    throw new Error("median/percentile/approxPercentile run in complete mode only");
  }

  /** Sorts and evaluates every group on the first call; later slices reuse that. */
  result(start: number, end: number): Col {
    if (this.results === null) this.results = this.kind === "exact" ? this.interpolated() : this.nearestRank();
    return { ...sliceCol(this.results, start, end), valid: validityOf(this.has, start, end) } as Col;
  }

  private interpolated(): Col {
    const grouped = this.lists.byGroup(this.groups);
    if (!(grouped.values instanceof BigInt64Array)) return this.interpolatedBySelection(grouped.offsets, grouped.values);
    const { offsets, values } = this.lists.sortedByGroup(this.groups);
    const at = numberReader(values);
    const out = new Float64Array(this.groups);
    const valid = (this.has = new Uint8Array(this.groups));
    for (let g = 0; g < this.groups; g++) {
      const a = offsets[g] as number;
      const n = (offsets[g + 1] as number) - a;
      if (n === 0) continue;
      out[g] = interpolate(at, a, n, this.p);
      valid[g] = 1;
    }
    return { type: "float64", values: out, valid };
  }

  /**
   * The same answer from one or two order statistics per group instead of a sorted group: the
   * value at ⌊position⌋ by selection, and the one after it as the smallest value above it. NaNs
   * sort last, as in the sorted path.
   */
  private interpolatedBySelection(offsets: Int32Array, values: Float64Array | Int32Array): Col {
    const out = new Float64Array(this.groups);
    const valid = (this.has = new Uint8Array(this.groups));
    for (let g = 0; g < this.groups; g++) {
      const a = offsets[g] as number;
      const b = offsets[g + 1] as number;
      const n = b - a;
      if (n === 0) continue;
      valid[g] = 1;
      const numbers = values instanceof Float64Array ? nansLast(values, a, b) : b;
      const position = (n - 1) * this.p;
      const lower = a + Math.floor(position);
      const higher = a + Math.ceil(position);
      if (lower >= numbers) {
        out[g] = NaN;
        continue;
      }
      selectKth(values, a, numbers, lower);
      const lo = values[lower] as number;
      if (higher === lower) {
        out[g] = lo;
        continue;
      }
      const hi = higher >= numbers ? NaN : minOf(values, lower + 1, numbers);
      out[g] = hi === lo ? lo : (higher - a - position) * lo + (position - (lower - a)) * hi;
    }
    return { type: "float64", values: out, valid };
  }

  private nearestRank(): Col {
    const { offsets, values } = this.lists.sortedByGroup(this.groups);
    const valid = (this.has = new Uint8Array(this.groups));
    const t = this.type;
    if (isNestedType(t)) throw new Error(`internal: a percentile of ${t}`);
    const out = allocCol(t === "utf8" ? "float64" : t, this.groups, valid);
    const wide = values instanceof BigInt64Array;
    const src = wide ? words(values) : values;
    const dst = out.type === "int64" || out.type === "timestamp" ? words(out.values) : (out as { values: Int32Array | Float64Array }).values;
    for (let g = 0; g < this.groups; g++) {
      const a = offsets[g] as number;
      const n = (offsets[g + 1] as number) - a;
      if (n === 0) continue;
      // Spark's QuantileSummaries.query: rank = ceil(p · n), compared in floating point as there.
      const i = a + Math.max(1, Math.ceil(this.p * n)) - 1;
      if (wide) {
        dst[2 * g] = src[2 * i] as number;
        dst[2 * g + 1] = src[2 * i + 1] as number;
      } else dst[g] = src[i] as number;
      valid[g] = 1;
    }
    return out;
  }
}
