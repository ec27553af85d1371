/**
 * Row comparators for sorting, built once per key and column type (no type switch per compare).
 * Orders follow Spark: numbers natively, float64 with -0 = 0 and NaN equal to NaN and larger than
 * any number, booleans false < true, utf8 by UTF-8 bytes (= code point order), int64 as signed
 * 64-bit via 32-bit words. Nulls go first or last regardless of the direction.
 */
import { type Batch, type Col, type StrCol, flatCol, isListCol, isStructCol } from "../batch.js";
import { type RawValue, compareRaw, rawValues } from "../nested-values.js";
import { words } from "../hash/hash-columns.js";
import { RADIX_MIN_ROWS, radixSortedIndices } from "./radix-sort.js";

export interface SortKey {
  /** Column position. */
  readonly index: number;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** Compares row i of one batch with row j of another (or the same); < 0, 0, > 0. */
export type RowComparator = (i: number, j: number) => number;

function utf8Comparator(x: StrCol, y: StrCol): RowComparator {
  const xo = x.offsets;
  const xd = x.data;
  const yo = y.offsets;
  const yd = y.data;
  return (i, j) => {
    const p = xo[i] as number;
    const q = yo[j] as number;
    const n = (xo[i + 1] as number) - p;
    const m = (yo[j + 1] as number) - q;
    const k = n < m ? n : m;
    for (let t = 0; t < k; t++) {
      const a = xd[p + t] as number;
      const b = yd[q + t] as number;
      if (a !== b) return a - b;
    }
    return n - m;
  };
}

/** Compares the non-null values of two columns of one type. */
/** Each row of a nested column as a raw value, read once per column (a sort compares rows often). */
const rawCache = new WeakMap<Col, RawValue[]>();
function rawRows(c: Col): RawValue[] {
  let out = rawCache.get(c);
  if (out === undefined) rawCache.set(c, (out = rawValues(c)));
  return out;
}

function valueComparator(nx: Col, ny: Col): RowComparator {
  if (nx.type !== ny.type) throw new Error(`compare: column types differ (${nx.type} vs ${ny.type})`);
  if (isListCol(nx) || isStructCol(nx)) {
    // Arrays and structs: Spark's ordering (element by element, then length), on raw values.
    const a = rawRows(nx);
    const b = rawRows(ny);
    return (i, j) => compareRaw(a[i] as RawValue, b[j] as RawValue);
  }
  const x = flatCol(nx, "a sort");
  const y = flatCol(ny, "a sort");
  switch (x.type) {
    case "float64": {
      const a = x.values;
      const b = (y as { values: Float64Array }).values;
      return (i, j) => {
        const u = a[i] as number;
        const v = b[j] as number;
        if (u < v) return -1;
        if (u > v) return 1;
        if (u === v) return 0;
        const un = u !== u;
        return un === (v !== v) ? 0 : un ? 1 : -1; // NaN is the largest value
      };
    }
    case "int64":
    case "timestamp": {
      const a = words(x.values);
      const b = words((y as { values: BigInt64Array }).values);
      return (i, j) => {
        const uh = a[2 * i + 1] as number;
        const vh = b[2 * j + 1] as number;
        if (uh !== vh) return uh < vh ? -1 : 1;
        const ul = (a[2 * i] as number) >>> 0;
        const vl = (b[2 * j] as number) >>> 0;
        return ul < vl ? -1 : ul > vl ? 1 : 0;
      };
    }
    case "utf8":
      return utf8Comparator(x, y as StrCol);
    default: {
      const a = x.values;
      const b = (y as { values: Int32Array | Uint8Array }).values;
      return (i, j) => (a[i] as number) - (b[j] as number);
    }
  }
}

/** One key: direction and null placement around the value comparator. */
function keyComparator(x: Col, y: Col, key: SortKey): RowComparator {
  const cmp = valueComparator(x, y);
  const dir = key.ascending ? 1 : -1;
  const xv = x.valid;
  const yv = y.valid;
  if (xv === null && yv === null) return key.ascending ? cmp : (i, j) => -cmp(i, j);
  const nullSide = key.nullsFirst ? -1 : 1; // where a null row sorts against a value
  return (i, j) => {
    const a = xv === null || xv[i] === 1;
    const b = yv === null || yv[j] === 1;
    if (a && b) return dir * cmp(i, j);
    if (a === b) return 0;
    return a ? -nullSide : nullSide;
  };
}

/**
 * A comparator of row i of `left` with row j of `right` under `keys` (lexicographic).
 * `rightIndexes[k]` is the column of `right` that key k reads (default: the key's own index).
 *
 * @example
 * const cmp = compareRowsFn(b, b, [{ index: 0, ascending: false, nullsFirst: false }]);
 * cmp(3, 7) < 0   // row 3 sorts before row 7
 */
export function compareRowsFn(
  left: Batch,
  right: Batch,
  keys: readonly SortKey[],
  rightIndexes: readonly number[] = keys.map((k) => k.index),
): RowComparator {
  const cs = keys.map((k, n) => {
    const x = left.columns[k.index];
    const y = right.columns[rightIndexes[n] as number];
    if (x === undefined || y === undefined) throw new Error(`compare: sort key ${n} is out of range`);
    return keyComparator(x, y, k);
  });
  const [first] = cs;
  if (cs.length === 0 || first === undefined) return () => 0;
  if (cs.length === 1) return first;
  return (i, j) => {
    for (const c of cs) {
      const r = c(i, j);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/**
 * Row numbers of `b` in sorted order; stable (ties keep input order). Fixed-width keys use a radix
 * sort, keys with a utf8 column a comparator sort.
 */
export function sortedIndices(b: Batch, keys: readonly SortKey[]): Int32Array {
  if (b.length >= RADIX_MIN_ROWS && keys.length > 0) {
    const radix = radixSortedIndices(b, keys);
    if (radix !== null) return radix;
  }
  const idx = new Int32Array(b.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  if (keys.length === 0) return idx;
  const cmp = compareRowsFn(b, b, keys);
  return idx.sort((i, j) => cmp(i, j) || i - j);
}
