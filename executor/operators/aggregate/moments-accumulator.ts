/**
 * stddevSamp / stddevPop / varSamp / varPop: per group the count n, the mean and m2 (the sum of
 * squared deviations from the mean), all float64 — Spark's CentralMomentAgg state. Rows fold in
 * with Welford's update and partial states merge with Chan's parallel formula, both numerically
 * stable where the textbook Σx² − (Σx)²/n cancels catastrophically (values near 1e9 with a spread
 * of 1 lose every digit that way). Results follow Spark 3: no value → NULL; the sample variants of
 * one value → NULL (spark.sql.legacy.statisticalAggregate=false); the population ones → 0.
 */
import type { Col } from "../../batch.js";
import { growArray } from "../../hash/grow-array.js";
import type { Accumulator } from "./accumulator.js";
import { Float64View } from "./float64-view.js";

export type MomentFn = "stddevSamp" | "stddevPop" | "varSamp" | "varPop";

/** Welford's update over rows without nulls. */
function addAll(x: Float64Array, gids: Int32Array, n: number, cnt: Float64Array, mean: Float64Array, m2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const g = gids[i] as number;
    const v = x[i] as number;
    const c = (cnt[g] as number) + 1;
    const d = v - (mean[g] as number);
    const m = (mean[g] as number) + d / c;
    cnt[g] = c;
    mean[g] = m;
    m2[g] = (m2[g] as number) + d * (v - m);
  }
}

/** Welford's update over the valid rows. */
function addValid(x: Float64Array, valid: Uint8Array, gids: Int32Array, n: number, cnt: Float64Array, mean: Float64Array, m2: Float64Array): void {
  for (let i = 0; i < n; i++) {
    if (valid[i] === 0) continue;
    const g = gids[i] as number;
    const v = x[i] as number;
    const c = (cnt[g] as number) + 1;
    const d = v - (mean[g] as number);
    const m = (mean[g] as number) + d / c;
    cnt[g] = c;
    mean[g] = m;
    m2[g] = (m2[g] as number) + d * (v - m);
  }
}

/** Chan et al.: folds partial states (nB, meanB, m2B) row by row into the groups' states. */
function mergeAll(
  sn: Float64Array, smean: Float64Array, sm2: Float64Array, gids: Int32Array, n: number,
  cnt: Float64Array, mean: Float64Array, m2: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const nb = sn[i] as number;
    if (nb === 0) continue;
    const g = gids[i] as number;
    const na = cnt[g] as number;
    const c = na + nb;
    const d = (smean[i] as number) - (mean[g] as number);
    const dn = d / c;
    cnt[g] = c;
    mean[g] = (mean[g] as number) + dn * nb;
    m2[g] = (m2[g] as number) + (sm2[i] as number) + d * dn * na * nb;
  }
}

const f64 = (c: Col | undefined): Float64Array => {
  if (c === undefined || c.type !== "float64") throw new Error(`moment state must be float64, got ${c?.type}`);
  return c.values;
};

export class MomentsAccumulator implements Accumulator {
  private cnt = new Float64Array(0);
  private mean = new Float64Array(0);
  private m2 = new Float64Array(0);
  private readonly view = new Float64View();

  constructor(private readonly fn: MomentFn) {}

  resize(groups: number): void {
    this.cnt = growArray(this.cnt, groups);
    this.mean = growArray(this.mean, groups);
    this.m2 = growArray(this.m2, groups);
  }

  update(input: Col | null, gids: Int32Array, n: number): void {
    if (input === null) throw new Error(`${this.fn} needs an input column`);
    const x = this.view.of(input, n);
    if (input.valid === null) addAll(x, gids, n, this.cnt, this.mean, this.m2);
    else addValid(x, input.valid, gids, n, this.cnt, this.mean, this.m2);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    mergeAll(f64(states[0]), f64(states[1]), f64(states[2]), gids, n, this.cnt, this.mean, this.m2);
  }

  state(start: number, end: number): Col[] {
    return [this.cnt, this.mean, this.m2].map((a): Col => ({ type: "float64", values: a.slice(start, end), valid: null }));
  }

  result(start: number, end: number): Col {
    const pop = this.fn === "stddevPop" || this.fn === "varPop";
    const root = this.fn === "stddevSamp" || this.fn === "stddevPop";
    const values = new Float64Array(end - start);
    const valid = new Uint8Array(end - start);
    let nulls = 0;
    for (let g = start; g < end; g++) {
      const c = this.cnt[g] as number;
      if (c === 0 || (!pop && c === 1)) {
        nulls++;
        continue;
      }
      const v = (this.m2[g] as number) / (pop ? c : c - 1);
      values[g - start] = root ? Math.sqrt(v) : v;
      valid[g - start] = 1;
    }
    return { type: "float64", values, valid: nulls === 0 ? null : valid };
  }
}
