/**
 * The db-benchmark groupby questions in plain JavaScript over columns: a Map-based group index,
 * accumulators in typed arrays per group, a two-pass standard deviation and correlation, and a
 * sort per group for the median.
 */
import type { JsColumn } from "../arrow-data.js";
import { type GroupIndex, groupIndex, groupKeys } from "./group-index.js";

export interface G1Columns {
  readonly id1: string[]; readonly id2: string[]; readonly id3: string[];
  readonly id4: Int32Array; readonly id5: Int32Array; readonly id6: Int32Array;
  readonly v1: Int32Array; readonly v2: Int32Array; readonly v3: Float64Array;
}

/** A result: its row count and columns (keys and values). */
export interface NaiveResult {
  readonly rows: number;
  readonly columns: Readonly<Record<string, JsColumn>>;
}

function sumBy(gi: GroupIndex, v: Int32Array | Float64Array): Float64Array {
  const s = new Float64Array(gi.groups);
  for (let i = 0; i < v.length; i++) {
    const g = gi.ids[i] as number;
    s[g] = (s[g] as number) + (v[i] as number);
  }
  return s;
}

function countBy(gi: GroupIndex): Float64Array {
  const c = new Float64Array(gi.groups);
  for (let i = 0; i < gi.ids.length; i++) {
    const g = gi.ids[i] as number;
    c[g] = (c[g] as number) + 1;
  }
  return c;
}

const divide = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, i) => x / (b[i] as number));

function result(keyNames: readonly string[], keys: readonly JsColumn[], gi: GroupIndex, values: Record<string, JsColumn>): NaiveResult {
  const out: Record<string, JsColumn> = {};
  groupKeys(keys, gi).forEach((k, i) => (out[keyNames[i] as string] = k));
  return { rows: gi.groups, columns: { ...out, ...values } };
}

/** sum or mean of some value columns by some keys (q1–q5). */
export function aggregate(d: G1Columns, keyNames: readonly (keyof G1Columns)[], fn: "sum" | "mean", values: readonly ("v1" | "v2" | "v3")[]): NaiveResult {
  const keys = keyNames.map((k) => d[k]);
  const gi = groupIndex(keys, d.v1.length);
  const counts = fn === "mean" ? countBy(gi) : null;
  const out: Record<string, JsColumn> = {};
  for (const v of values) out[v] = counts ? divide(sumBy(gi, d[v]), counts) : sumBy(gi, d[v]);
  return result(keyNames, keys, gi, out);
}

/** q3: sum v1, mean v3 by id3. */
export function q3(d: G1Columns): NaiveResult {
  const gi = groupIndex([d.id3], d.v1.length);
  return result(["id3"], [d.id3], gi, { v1: sumBy(gi, d.v1), v3: divide(sumBy(gi, d.v3), countBy(gi)) });
}

/** The rows' values bucketed by group: group g owns values[offsets[g], offsets[g + 1]). */
function bucket(gi: GroupIndex, v: Float64Array): { offsets: Int32Array; values: Float64Array } {
  const offsets = new Int32Array(gi.groups + 1);
  const sizes = countBy(gi);
  for (let g = 0; g < gi.groups; g++) offsets[g + 1] = (offsets[g] as number) + (sizes[g] as number);
  const fill = offsets.slice(0, gi.groups);
  const values = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const g = gi.ids[i] as number;
    const at = fill[g] as number;
    values[at] = v[i] as number;
    fill[g] = at + 1;
  }
  return { offsets, values };
}

/** q6: median and sample standard deviation of v3 by id4, id5. */
export function q6(d: G1Columns): NaiveResult {
  const gi = groupIndex([d.id4, d.id5], d.v3.length);
  const { offsets, values } = bucket(gi, d.v3);
  const med = new Float64Array(gi.groups), sd = new Float64Array(gi.groups);
  for (let g = 0; g < gi.groups; g++) {
    const xs = values.subarray(offsets[g], offsets[g + 1]).sort();
    const n = xs.length, h = n >> 1;
    med[g] = n % 2 ? (xs[h] as number) : ((xs[h - 1] as number) + (xs[h] as number)) / 2;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += xs[i] as number;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((xs[i] as number) - mean) ** 2;
    sd[g] = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  }
  return result(["id4", "id5"], [d.id4, d.id5], gi, { median_v3: med, sd_v3: sd });
}

/** q7: max(v1) - min(v2) by id3. */
export function q7(d: G1Columns): NaiveResult {
  const gi = groupIndex([d.id3], d.v1.length);
  const mx = new Float64Array(gi.groups).fill(-Infinity), mn = new Float64Array(gi.groups).fill(Infinity);
  for (let i = 0; i < d.v1.length; i++) {
    const g = gi.ids[i] as number;
    if ((d.v1[i] as number) > (mx[g] as number)) mx[g] = d.v1[i] as number;
    if ((d.v2[i] as number) < (mn[g] as number)) mn[g] = d.v2[i] as number;
  }
  return result(["id3"], [d.id3], gi, { range_v1_v2: mx.map((x, g) => x - (mn[g] as number)) });
}

/** q8: the two largest v3 of each id6. */
export function q8(d: G1Columns): NaiveResult {
  const gi = groupIndex([d.id6], d.v3.length);
  const top1 = new Float64Array(gi.groups).fill(-Infinity), top2 = new Float64Array(gi.groups).fill(-Infinity);
  const n = countBy(gi);
  for (let i = 0; i < d.v3.length; i++) {
    const g = gi.ids[i] as number, v = d.v3[i] as number;
    if (v > (top1[g] as number)) {
      top2[g] = top1[g] as number;
      top1[g] = v;
    } else if (v > (top2[g] as number)) top2[g] = v;
  }
  const id6: number[] = [], largest: number[] = [];
  for (let g = 0; g < gi.groups; g++) {
    id6.push(d.id6[gi.first[g] as number] as number);
    largest.push(top1[g] as number);
    if ((n[g] as number) > 1) {
      id6.push(d.id6[gi.first[g] as number] as number);
      largest.push(top2[g] as number);
    }
  }
  return { rows: largest.length, columns: { id6: Float64Array.from(id6), largest2_v3: Float64Array.from(largest) } };
}

/** q9: the squared Pearson correlation of v1 and v2 by id2, id4 (two passes: means, then co-moments). */
export function q9(d: G1Columns): NaiveResult {
  const gi = groupIndex([d.id2, d.id4], d.v1.length);
  const n = countBy(gi);
  const m1 = divide(sumBy(gi, d.v1), n), m2 = divide(sumBy(gi, d.v2), n);
  const sxy = new Float64Array(gi.groups), sxx = new Float64Array(gi.groups), syy = new Float64Array(gi.groups);
  for (let i = 0; i < d.v1.length; i++) {
    const g = gi.ids[i] as number;
    const a = (d.v1[i] as number) - (m1[g] as number), b = (d.v2[i] as number) - (m2[g] as number);
    sxy[g] = (sxy[g] as number) + a * b;
    sxx[g] = (sxx[g] as number) + a * a;
    syy[g] = (syy[g] as number) + b * b;
  }
  const r2 = sxy.map((s, g) => (s * s) / ((sxx[g] as number) * (syy[g] as number)));
  return result(["id2", "id4"], [d.id2, d.id4], gi, { r2 });
}

/** q10: sum v3 and count by all six ids. */
export function q10(d: G1Columns): NaiveResult {
  const names = ["id1", "id2", "id3", "id4", "id5", "id6"] as const;
  const keys = names.map((k) => d[k]);
  const gi = groupIndex(keys, d.v3.length);
  return result(names, keys, gi, { v3: sumBy(gi, d.v3), count: countBy(gi) });
}

/** The seed pipeline: rows with v1 > 2, counted by id1. */
export function seed(d: G1Columns): NaiveResult {
  const counts = new Map<string, number>();
  for (let i = 0; i < d.v1.length; i++) {
    if ((d.v1[i] as number) > 2) counts.set(d.id1[i] as string, (counts.get(d.id1[i] as string) ?? 0) + 1);
  }
  return { rows: counts.size, columns: { id1: [...counts.keys()], count: Float64Array.from(counts.values()) } };
}
