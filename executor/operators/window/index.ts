/**
 * The window operator: over one task's rows, sorted by (partition keys, order keys), computes each
 * window function as a new column. A blocking operator (like sort): it sees the whole task
 * partition, which holds whole window partitions because the input was hash exchanged on the keys.
 */
import type { SortKey, WindowFuncSpec } from "../../../planner/physical-plan.js";
import { type Batch, type Col, filterBatch } from "../../batch.js";
import { KeyTable } from "../../hash/key-table.js";
import { hashColumns } from "../../hash/hash-columns.js";
import { compareRowsFn } from "../compare-rows.js";
import { sortBatch } from "../sort.js";
import { frameAggregate, frameValue } from "./frame-aggregates.js";
import { rankFunction } from "./rank-functions.js";
import { type FrameBounds, frameBounds, segments } from "./segments.js";

const VALUE_FNS = new Set(["first", "last", "first_value", "last_value", "nth_value"]);
const FRAME_AGGS = new Set(["count", "sum", "avg", "min", "max", "collectList", "collectSet"]);

/**
 * @example
 * // b sorted by dept, then salary descending
 * computeWindow(b, [0], [{ index: 1, ascending: false, nullsFirst: false }], [rowNumberSpec])
 * // → b's columns plus row_number
 */
export function computeWindow(b: Batch, partitionKeys: readonly number[], orderKeys: readonly SortKey[], funcs: readonly WindowFuncSpec[]): Batch {
  const seg = segments(b, partitionKeys, orderKeys);
  const bounds = new Map<string, FrameBounds>();
  const boundsOf = (spec: WindowFuncSpec): FrameBounds => {
    const key = `${spec.frame.type}:${spec.frame.start}:${spec.frame.end}`;
    let fb = bounds.get(key);
    if (!fb) bounds.set(key, (fb = frameBounds(seg, spec.frame, b, orderKeys)));
    return fb;
  };
  const extra: Col[] = funcs.map((spec) => {
    const input = spec.input === null ? null : (b.columns[spec.input] as Col);
    if (VALUE_FNS.has(spec.fn)) return frameValue(spec, seg, boundsOf(spec), input as Col);
    if (FRAME_AGGS.has(spec.fn)) return frameAggregate(spec, seg, boundsOf(spec), input);
    return rankFunction(spec, seg, input);
  });
  return { length: b.length, columns: [...b.columns, ...extra] };
}

/**
 * The first `limit` rows of each window partition, in window order (rows sorted by partition keys,
 * then order keys): what a later `row_number() <= limit` can keep, decided before the shuffle.
 */
export function groupLimit(b: Batch, partitionKeys: readonly number[], orderKeys: readonly SortKey[], limit: number): Batch {
  if (limit <= SMALL_LIMIT && partitionKeys.length > 0) return groupTopK(b, partitionKeys, orderKeys, limit);
  const keys: SortKey[] = [...partitionKeys.map((index) => ({ index, ascending: true, nullsFirst: true })), ...orderKeys];
  const sorted = sortBatch(b, keys);
  const { n, pStart } = segments(sorted, partitionKeys, []);
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = i - (pStart[i] as number) < limit ? 1 : 0;
  return filterBatch(sorted, keep);
}

/** Up to this limit, the best rows of each group are kept by insertion instead of a sort. */
const SMALL_LIMIT = 8;

/**
 * The first `limit` rows of each window partition without sorting: a hash table gives each row its
 * partition, and each partition keeps its best `limit` rows by insertion (ties: the earlier row
 * first, as the stable sort would). Output in input order; the window sorts after the shuffle.
 * q8 at 1e7 (1M-row tasks, 100k groups, limit 2): the radix sort was ~120 ms of a ~300 ms task.
 */
function groupTopK(b: Batch, partitionKeys: readonly number[], orderKeys: readonly SortKey[], limit: number): Batch {
  const n = b.length;
  const table = new KeyTable(partitionKeys.map((k) => (b.columns[k] as Col).type));
  const gids = new Int32Array(n);
  table.findOrInsert(b, partitionKeys, table.needsHashes ? hashColumns(b, partitionKeys) : null, gids);
  const groups = table.size;
  const numeric = numericOrderKey(b, orderKeys);
  const best = numeric ? topKByValue(numeric.values, numeric.ascending, gids, groups, limit) : topKByComparator(b, orderKeys, gids, groups, limit);
  const keep = new Uint8Array(n);
  for (let t = 0; t < best.length; t++) {
    const r = best[t] as number;
    if (r >= 0) keep[r] = 1;
  }
  return filterBatch(b, keep);
}

/** The single order key's values when they are numbers without nulls or NaN (q8: v3 desc). */
function numericOrderKey(b: Batch, orderKeys: readonly SortKey[]): { values: Float64Array | Int32Array; ascending: boolean } | null {
  const [k] = orderKeys;
  if (orderKeys.length !== 1 || k === undefined) return null;
  const c = b.columns[k.index] as Col;
  if (c.valid !== null || !(c.type === "float64" || c.type === "int32" || c.type === "date")) return null;
  const v = c.values;
  if (c.type === "float64") for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return null;
  return { values: v, ascending: k.ascending };
}

/**
 * Each group's best rows with their key values kept beside them, so a row is compared with
 * numbers in the group's own slots rather than by reading the current best rows' values back
 * from the column (a random read into the whole task's column per row: q8 at 1e7, ~1 s per
 * worker over three runs of groupTopK's ~3 s). Ties keep the earlier row, as the stable sort.
 */
function topKByValue(values: Float64Array | Int32Array, ascending: boolean, gids: Int32Array, groups: number, limit: number): Int32Array {
  const best = new Int32Array(groups * limit).fill(-1);
  const bestKey = new Float64Array(groups * limit);
  const filled = new Int32Array(groups);
  const sign = ascending ? 1 : -1; // sorts first = smallest sign·value
  for (let i = 0; i < gids.length; i++) {
    const g = gids[i] as number;
    const base = g * limit;
    const v = sign * (values[i] as number);
    let m = filled[g] as number;
    if (m === limit) {
      if (!(v < (bestKey[base + m - 1] as number))) continue;
      m--;
    } else filled[g] = m + 1;
    let j = m;
    while (j > 0 && v < (bestKey[base + j - 1] as number)) {
      best[base + j] = best[base + j - 1] as number;
      bestKey[base + j] = bestKey[base + j - 1] as number;
      j--;
    }
    best[base + j] = i;
    bestKey[base + j] = v;
  }
  return best;
}

function topKByComparator(b: Batch, orderKeys: readonly SortKey[], gids: Int32Array, groups: number, limit: number): Int32Array {
  const n = b.length;
  const best = new Int32Array(groups * limit).fill(-1);
  const filled = new Int32Array(groups);
  const cmp = compareRowsFn(b, b, orderKeys);
  for (let i = 0; i < n; i++) {
    const g = gids[i] as number;
    const base = g * limit;
    let m = filled[g] as number;
    if (m === limit) {
      // Full: the row enters only if it sorts strictly before the current last.
      if (cmp(i, best[base + m - 1] as number) >= 0) continue;
      m--;
    } else filled[g] = m + 1;
    let j = m;
    while (j > 0 && cmp(i, best[base + j - 1] as number) < 0) {
      best[base + j] = best[base + j - 1] as number;
      j--;
    }
    best[base + j] = i;
  }
  return best;
}
