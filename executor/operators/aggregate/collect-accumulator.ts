/**
 * collect_list(x) / collect_set(x), as Spark: the group's non-null values, in input order for
 * collect_list (across partitions: partition order), without duplicates for collect_set (order
 * unspecified; here first occurrence). A group without values gives an empty array, never null.
 * State: [array<x>] — a partial list, merged by concatenation (collect_set de-duplicates again).
 * Values are held as raw JavaScript values per group (nested-values.ts), so elements of any type,
 * arrays and structs included, are collected the same way.
 */
import type { Col } from "../../batch.js";
import { arrayOf } from "../../../planner/nested-types.js";
import type { DataType } from "../../../planner/types.js";
import { type RawValue, colFromRaw, rawKey, rawValueAt } from "../../nested-values.js";
import type { Accumulator } from "./accumulator.js";

export class CollectAccumulator implements Accumulator {
  private lists: RawValue[][] = [];
  private seen: Set<string>[] = [];

  constructor(
    private readonly distinct: boolean,
    private readonly inputType: DataType,
  ) {}

  resize(groups: number): void {
    for (let g = this.lists.length; g < groups; g++) {
      this.lists.push([]);
      if (this.distinct) this.seen.push(new Set());
    }
  }

  private add(g: number, v: RawValue): void {
    if (v === null) return;
    if (this.distinct) {
      const k = rawKey(v);
      const s = this.seen[g]!;
      if (s.has(k)) return;
      s.add(k);
    }
    this.lists[g]!.push(v);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error("collect_list/collect_set needs an input column");
    if (input.type === "null") return;
    for (let i = 0; i < n; i++) this.add(gids[i] as number, rawValueAt(input, i));
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    const c = states[0] as Col;
    for (let i = 0; i < n; i++) {
      const list = rawValueAt(c, i) as readonly RawValue[] | null;
      if (list !== null) for (const v of list) this.add(gids[i] as number, v);
    }
  }

  state(start: number, end: number): Col[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): Col {
    return colFromRaw(arrayOf(this.inputType), this.lists.slice(start, end));
  }
}
