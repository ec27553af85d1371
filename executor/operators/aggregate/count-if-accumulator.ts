/** countIf(cond): the rows where the condition is true (not false, not null), as int64; 0 for none. */
import type { Col } from "../../batch.js";
import { growArray } from "../../hash/grow-array.js";
import type { Accumulator } from "./accumulator.js";
import { countsToCol, mergeCounts } from "./count-accumulator.js";

function addTrue(v: Uint8Array, valid: Uint8Array | null, gids: Int32Array, n: number, c: Float64Array): void {
  if (valid === null) for (let i = 0; i < n; i++) c[gids[i] as number] = (c[gids[i] as number] as number) + (v[i] === 0 ? 0 : 1);
  else for (let i = 0; i < n; i++) c[gids[i] as number] = (c[gids[i] as number] as number) + (v[i] !== 0 && valid[i] === 1 ? 1 : 0);
}

export class CountIfAccumulator implements Accumulator {
  private counts = new Float64Array(0);

  resize(groups: number): void {
    this.counts = growArray(this.counts, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null || input.type !== "boolean") throw new Error(`countIf needs a boolean column, got ${input?.type ?? "none"}`);
    addTrue(input.values, input.valid, gids, n, this.counts);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    mergeCounts(this.counts, states[0] as Col, gids, n);
  }

  state(start: number, end: number): Col[] {
    return [countsToCol(this.counts, start, end)];
  }

  result(start: number, end: number): Col {
    return countsToCol(this.counts, start, end);
  }
}
