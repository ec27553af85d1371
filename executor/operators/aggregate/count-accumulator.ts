/** count(*) and count(x): a float64 counter per group (exact below 2^53), emitted as int64. */
import type { Col } from "../../batch.js";
import { growArray } from "../../hash/grow-array.js";
import { words } from "../../hash/hash-columns.js";
import { type Accumulator, int64WordsToNumber, setInt64FromNumber } from "./accumulator.js";
import { type GroupRows, NonNullCounts } from "./group-rows.js";

/** Counts as an int64 column. */
export function countsToCol(c: Float64Array, start: number, end: number, has: Uint8Array | null = null): Col {
  const values = new BigInt64Array(end - start);
  const w = words(values);
  for (let g = start; g < end; g++) setInt64FromNumber(w, g - start, c[g] as number);
  return { type: "int64", values, valid: has };
}

/** Adds the non-null int64 counts of a state column into `c`. */
export function mergeCounts(c: Float64Array, state: Col, gids: Int32Array, n: number): void {
  const w = words((state as { values: BigInt64Array }).values);
  const valid = state.valid;
  for (let i = 0; i < n; i++) {
    if (valid === null || valid[i] === 1) c[gids[i] as number] = (c[gids[i] as number] as number) + int64WordsToNumber(w, i);
  }
}

/** Adds one per row (valid rows of `input` when given) into `c`. */
export function addCounts(c: Float64Array, valid: Uint8Array | null, gids: Int32Array, n: number): void {
  if (valid === null) for (let i = 0; i < n; i++) c[gids[i] as number] = (c[gids[i] as number] as number) + 1;
  else for (let i = 0; i < n; i++) c[gids[i] as number] = (c[gids[i] as number] as number) + (valid[i] as number);
}

export class CountAccumulator implements Accumulator {
  private counts = new Float64Array(0);
  /** Set in partial/complete mode: count(*) is the group's rows, count(x) rows − nulls. */
  private shared: NonNullCounts | null = null;

  shareRows(rows: GroupRows): boolean {
    this.shared = new NonNullCounts(rows);
    return true;
  }

  resize(groups: number): void {
    this.counts = growArray(this.counts, groups);
    this.shared?.resize(groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    const valid = input === null ? null : input.valid;
    if (this.shared !== null) this.shared.update(valid, gids, n);
    else addCounts(this.counts, valid, gids, n);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    mergeCounts(this.counts, states[0] as Col, gids, n);
  }

  state(start: number, end: number): Col[] {
    return [this.result(start, end)];
  }

  result(start: number, end: number): Col {
    this.shared?.fill(this.counts, start, end);
    return countsToCol(this.counts, start, end);
  }
}
