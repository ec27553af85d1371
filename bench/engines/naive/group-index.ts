/**
 * The naive baseline's group-by: a JavaScript Map from key to group number (a composite key is
 * the values joined into one string), as plain JavaScript would do it. The real engines use
 * typed-array hash tables; this is the figure they are measured against.
 */
import type { JsColumn } from "../arrow-data.js";

export interface GroupIndex {
  /** The group of each row. */
  readonly ids: Int32Array;
  readonly groups: number;
  /** The first row of each group (to output its key values). */
  readonly first: readonly number[];
}

/** Groups rows [0, n) by the key columns. @example groupIndex([id1], id1.length) */
export function groupIndex(keys: readonly JsColumn[], n: number): GroupIndex {
  const ids = new Int32Array(n);
  const first: number[] = [];
  const map = new Map<string | number, number>();
  const single = keys.length === 1 ? keys[0] : undefined;
  for (let i = 0; i < n; i++) {
    let key: string | number;
    if (single !== undefined) key = single[i] as string | number;
    else {
      key = String(keys[0]?.[i]);
      for (let k = 1; k < keys.length; k++) key += "\u0001" + String(keys[k]?.[i]);
    }
    let g = map.get(key);
    if (g === undefined) {
      g = first.length;
      map.set(key, g);
      first.push(i);
    }
    ids[i] = g;
  }
  return { ids, groups: first.length, first };
}

/** The key values of each group (what a group-by outputs beside its aggregates). */
export function groupKeys(keys: readonly JsColumn[], index: GroupIndex): JsColumn[] {
  return keys.map((k) => gather(k, index.first));
}

/** col[rows[i]] for each i: strings stay strings, numbers go to a Float64Array (-1 → NaN, a null). */
export function gather(col: JsColumn, rows: ArrayLike<number>): JsColumn {
  if (Array.isArray(col)) {
    const out: string[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = col[rows[i] as number] as string;
    return out;
  }
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out[i] = r < 0 ? NaN : (col[r] as number);
  }
  return out;
}
