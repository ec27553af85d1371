/**
 * The per-aggregate state of a hash aggregate: one accumulator per AggSpec, holding one state
 * slot per group id in typed arrays. `update` folds raw input rows (partial and complete modes),
 * `merge` folds the state columns of partial aggregates (final mode); each picks its typed inner
 * loop once per batch.
 */
import type { Col } from "../../batch.js";
import type { GroupRows } from "./group-rows.js";

export interface Accumulator {
  /** Makes room for group ids < `groups`; new groups start empty. */
  resize(groups: number): void;
  /** Folds rows 0..n-1 of `input` (null for count(*)) into groups `gids`; `input2` is corr/covar's second column. */
  update(input: Col | null, gids: Int32Array, n: number, input2?: Col): void;
  /** Folds partial states (columns in aggStateTypes order) into groups `gids`. */
  merge(states: readonly Col[], gids: Int32Array, n: number): void;
  /** The partial state of groups [start, end), one column per state type. */
  state(start: number, end: number): Col[];
  /** The final value of groups [start, end). */
  result(start: number, end: number): Col;
  /**
   * Offers the rows per group that the aggregate counts once per batch (partial and complete
   * modes); an accumulator that takes them counts only its input's nulls. True when taken.
   */
  shareRows?(rows: GroupRows): boolean;
}

/** Reads int64 word pairs (lo, hi) as a number; exact below 2^53. */
export function int64WordsToNumber(w: Int32Array, i: number): number {
  return (w[2 * i + 1] as number) * 4294967296 + ((w[2 * i] as number) >>> 0);
}

/** Writes the integer `x` (|x| < 2^53) as int64 words at slot `i` of `w`, without a BigInt. */
export function setInt64FromNumber(w: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / 4294967296);
  w[2 * i] = (x - hi * 4294967296) | 0;
  w[2 * i + 1] = hi;
}

/** A validity array for `n` rows from a per-group "has value" test; null when all are valid. */
export function validityOf(has: Uint8Array, start: number, end: number): Uint8Array | null {
  for (let g = start; g < end; g++) if (has[g] === 0) return has.slice(start, end);
  return null;
}
