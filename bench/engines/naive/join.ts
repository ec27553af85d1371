/**
 * A hash join in plain JavaScript: a Map from the right side's key to its first row, a chain of
 * further rows with the same key, then a probe of every left row; the output columns are gathered.
 */
import type { JsColumn } from "../arrow-data.js";
import { gather } from "./group-index.js";
import type { NaiveResult } from "./groupby.js";

export type Columns = Readonly<Record<string, JsColumn>>;

/** Grows a list of row numbers without a concat (apache-arrow makes concat slow; LIBRARIES.md). */
class RowList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * left JOIN right USING (key); `left` keeps unmatched left rows with nulls on the right.
 * Right columns whose names the left side has get a `right_` prefix.
 */
export function hashJoin(left: Columns, right: Columns, key: string, how: "inner" | "left"): NaiveResult {
  const rk = right[key], lk = left[key];
  if (rk === undefined || lk === undefined) throw new Error(`join key ${key} missing`);
  const head = new Map<string | number, number>();
  const next = new Int32Array(rk.length).fill(-1);
  for (let j = rk.length - 1; j >= 0; j--) {
    const k = rk[j] as string | number;
    const h = head.get(k);
    if (h !== undefined) next[j] = h;
    head.set(k, j);
  }
  const li = new RowList(), ri = new RowList();
  for (let i = 0; i < lk.length; i++) {
    let j = head.get(lk[i] as string | number) ?? -1;
    if (j < 0 && how === "left") {
      li.push(i);
      ri.push(-1);
    }
    for (; j >= 0; j = next[j] as number) {
      li.push(i);
      ri.push(j);
    }
  }
  const columns: Record<string, JsColumn> = {};
  for (const [name, col] of Object.entries(left)) columns[name] = gather(col, li.view());
  for (const [name, col] of Object.entries(right)) {
    if (name !== key) columns[name in left ? `right_${name}` : name] = gather(col, ri.view());
  }
  return { rows: li.length, columns };
}
