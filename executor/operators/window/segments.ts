/**
 * Where each row's window partition and peer group (rows equal on the ORDER BY keys) begin and
 * end, over a batch sorted by (partition keys, order keys); and each row's frame as a range of
 * row indices. One comparator per key set, chosen once; the loops touch typed arrays only.
 */
import type { WindowFrame } from "../../../planner/expr.js";
import { type Batch, type Col, flatCol } from "../../batch.js";
import { type SortKey, compareRowsFn } from "../compare-rows.js";

export interface Segments {
  readonly n: number;
  /** Per row: first row of its partition, and one past its last. */
  readonly pStart: Int32Array;
  readonly pEnd: Int32Array;
  /** Per row: first row of its peer group, and one past its last. */
  readonly peerStart: Int32Array;
  readonly peerEnd: Int32Array;
}

export function segments(b: Batch, partitionKeys: readonly number[], orderKeys: readonly SortKey[]): Segments {
  const n = b.length;
  const samePart = compareRowsFn(b, b, partitionKeys.map((index) => ({ index, ascending: true, nullsFirst: true })));
  const samePeer = compareRowsFn(b, b, orderKeys);
  const pStart = new Int32Array(n);
  const pEnd = new Int32Array(n);
  const peerStart = new Int32Array(n);
  const peerEnd = new Int32Array(n);
  let ps = 0;
  let qs = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && samePart(i - 1, i) !== 0) ps = qs = i;
    else if (i > 0 && samePeer(i - 1, i) !== 0) qs = i;
    pStart[i] = ps;
    peerStart[i] = qs;
  }
  let pe = n;
  let qe = n;
  for (let i = n - 1; i >= 0; i--) {
    if (i < n - 1 && pStart[i + 1] !== pStart[i]) pe = qe = i + 1;
    else if (i < n - 1 && peerStart[i + 1] !== peerStart[i]) qe = i + 1;
    pEnd[i] = pe;
    peerEnd[i] = qe;
  }
  return { n, pStart, pEnd, peerStart, peerEnd };
}

/** Frame bounds per row, inclusive: rows lo[i]..hi[i] (empty when lo > hi). */
export interface FrameBounds {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

/** The ORDER BY key as sort-direction numbers (ascending: v, descending: -v) for RANGE offsets. */
function directed(nested: Col, ascending: boolean): Float64Array {
  const key = flatCol(nested, "a RANGE frame key");
  const n = key.type === "utf8" ? key.offsets.length - 1 : key.values.length;
  const w = new Float64Array(n);
  const s = ascending ? 1 : -1;
  if (key.type === "int64" || key.type === "timestamp") for (let i = 0; i < n; i++) w[i] = s * Number(key.values[i]);
  else if (key.type === "int32" || key.type === "date" || key.type === "float64") for (let i = 0; i < n; i++) w[i] = s * (key.values[i] as number);
  else throw new Error(`internal: RANGE offsets over a ${key.type} key`);
  return w;
}

export function frameBounds(seg: Segments, frame: WindowFrame, b: Batch, orderKeys: readonly SortKey[]): FrameBounds {
  const { n, pStart, pEnd, peerStart, peerEnd } = seg;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const { start, end } = frame;
  if (frame.type === "rows") {
    for (let i = 0; i < n; i++) {
      const a = pStart[i] as number;
      const z = (pEnd[i] as number) - 1;
      lo[i] = start === null ? a : Math.max(a, i + start);
      hi[i] = end === null ? z : Math.min(z, i + end);
    }
    return { lo, hi };
  }
  const valueOffsets = (start !== null && start !== 0) || (end !== null && end !== 0);
  if (!valueOffsets) {
    for (let i = 0; i < n; i++) {
      lo[i] = start === null ? (pStart[i] as number) : (peerStart[i] as number);
      hi[i] = end === null ? (pEnd[i] as number) - 1 : (peerEnd[i] as number) - 1;
    }
    return { lo, hi };
  }
  const k = orderKeys[0] as SortKey;
  const key = b.columns[k.index] as Col;
  const w = directed(key, k.ascending);
  const valid = key.valid;
  // Within a partition the non-null keys form one run (nulls sort first or last) in which w never
  // decreases, so both frame edges move forward with the row: two pointers.
  for (let p = 0; p < n; p = pEnd[p] as number) {
    const pe = pEnd[p] as number;
    let a = p;
    let z = pe;
    if (valid !== null) {
      while (a < pe && valid[a] === 0) a++;
      while (z > a && valid[z - 1] === 0) z--;
    }
    let l = a;
    let h = a;
    for (let i = p; i < pe; i++) {
      if (i < a || i >= z) {
        // A null key: its peers are the other nulls.
        lo[i] = start === null ? p : (peerStart[i] as number);
        hi[i] = end === null ? pe - 1 : (peerEnd[i] as number) - 1;
        continue;
      }
      const wi = w[i] as number;
      if (start === null) lo[i] = p;
      else {
        while (l < z && (w[l] as number) < wi + start) l++;
        lo[i] = l;
      }
      if (end === null) hi[i] = pe - 1;
      else {
        if (h < l) h = l;
        while (h < z && (w[h] as number) <= wi + end) h++;
        hi[i] = h - 1;
      }
    }
  }
  return { lo, hi };
}
