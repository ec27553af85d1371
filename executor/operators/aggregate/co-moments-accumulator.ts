/**
 * corr(x, y) / covarSamp / covarPop: per group n, meanX, meanY, c2 (the co-moment
 * Σ(x − meanX)(y − meanY)) and, for corr, m2X and m2Y — Spark's Covariance and
 * PearsonCorrelation state, all float64. Rows where x or y is null are skipped. Rows fold in with
 * the bivariate Welford update, partial states merge with Chan's formula (see moments-accumulator).
 * Results follow Spark 3: no pair → NULL; one pair → NULL for covarSamp and corr, 0 for covarPop;
 * corr where either input has zero variance → NULL (Spark's division by zero).
 */
import type { Col } from "../../batch.js";
import { growArray } from "../../hash/grow-array.js";
import type { Accumulator } from "./accumulator.js";
import { Float64View, bothValid } from "./float64-view.js";

export type CoMomentFn = "corr" | "covarSamp" | "covarPop";

/** The state arrays, one slot per group. */
interface CoMoments {
  n: Float64Array;
  mx: Float64Array;
  my: Float64Array;
  c2: Float64Array;
  m2x: Float64Array;
  m2y: Float64Array;
}

/** Bivariate Welford update over the rows where `valid` (null: every row) is set. */
function addPairs(x: Float64Array, y: Float64Array, valid: Uint8Array | null, gids: Int32Array, len: number, s: CoMoments): void {
  const { n, mx, my, c2, m2x, m2y } = s;
  if (valid === null) {
    for (let i = 0; i < len; i++) {
      const g = gids[i] as number;
      const xi = x[i] as number;
      const yi = y[i] as number;
      const c = (n[g] as number) + 1;
      const dx = xi - (mx[g] as number);
      const dy = yi - (my[g] as number);
      const nx = (mx[g] as number) + dx / c;
      const ny = (my[g] as number) + dy / c;
      n[g] = c;
      mx[g] = nx;
      my[g] = ny;
      c2[g] = (c2[g] as number) + dx * (yi - ny);
      m2x[g] = (m2x[g] as number) + dx * (xi - nx);
      m2y[g] = (m2y[g] as number) + dy * (yi - ny);
    }
    return;
  }
  for (let i = 0; i < len; i++) {
    if (valid[i] === 0) continue;
    const g = gids[i] as number;
    const xi = x[i] as number;
    const yi = y[i] as number;
    const c = (n[g] as number) + 1;
    const dx = xi - (mx[g] as number);
    const dy = yi - (my[g] as number);
    const nx = (mx[g] as number) + dx / c;
    const ny = (my[g] as number) + dy / c;
    n[g] = c;
    mx[g] = nx;
    my[g] = ny;
    c2[g] = (c2[g] as number) + dx * (yi - ny);
    m2x[g] = (m2x[g] as number) + dx * (xi - nx);
    m2y[g] = (m2y[g] as number) + dy * (yi - ny);
  }
}

/** Chan's merge of partial states; `b.m2x`/`b.m2y` are absent for covariance states. */
function mergeStates(b: Omit<CoMoments, "m2x" | "m2y"> & Partial<CoMoments>, gids: Int32Array, len: number, s: CoMoments): void {
  const { n, mx, my, c2, m2x, m2y } = s;
  const bm2x = b.m2x;
  const bm2y = b.m2y;
  for (let i = 0; i < len; i++) {
    const nb = b.n[i] as number;
    if (nb === 0) continue;
    const g = gids[i] as number;
    const na = n[g] as number;
    const c = na + nb;
    const dx = (b.mx[i] as number) - (mx[g] as number);
    const dy = (b.my[i] as number) - (my[g] as number);
    const dxn = dx / c;
    const dyn = dy / c;
    const w = na * nb;
    n[g] = c;
    mx[g] = (mx[g] as number) + dxn * nb;
    my[g] = (my[g] as number) + dyn * nb;
    c2[g] = (c2[g] as number) + (b.c2[i] as number) + dx * dyn * w;
    if (bm2x !== undefined && bm2y !== undefined) {
      m2x[g] = (m2x[g] as number) + (bm2x[i] as number) + dx * dxn * w;
      m2y[g] = (m2y[g] as number) + (bm2y[i] as number) + dy * dyn * w;
    }
  }
}

const f64 = (c: Col | undefined): Float64Array => {
  if (c === undefined || c.type !== "float64") throw new Error(`co-moment state must be float64, got ${c?.type}`);
  return c.values;
};

export class CoMomentsAccumulator implements Accumulator {
  private s: CoMoments = { n: new Float64Array(0), mx: new Float64Array(0), my: new Float64Array(0), c2: new Float64Array(0), m2x: new Float64Array(0), m2y: new Float64Array(0) };
  private readonly xs = new Float64View();
  private readonly ys = new Float64View();
  private validScratch = new Uint8Array(0);

  constructor(private readonly fn: CoMomentFn) {}

  resize(groups: number): void {
    const s = this.s;
    this.s = {
      n: growArray(s.n, groups),
      mx: growArray(s.mx, groups),
      my: growArray(s.my, groups),
      c2: growArray(s.c2, groups),
      m2x: growArray(s.m2x, groups),
      m2y: growArray(s.m2y, groups),
    };
  }

  update(input: Col | null, gids: Int32Array, n: number, input2?: Col): void {
    if (input === null || input2 === undefined) throw new Error(`${this.fn} needs two input columns`);
    this.validScratch = growArray(this.validScratch, n);
    const valid = bothValid(input.valid, input2.valid, n, this.validScratch);
    addPairs(this.xs.of(input, n), this.ys.of(input2, n), valid, gids, n, this.s);
  }

  merge(states: readonly Col[], gids: Int32Array, n: number): void {
    const [sn, smx, smy, sc2, sm2x, sm2y] = states;
    const base = { n: f64(sn), mx: f64(smx), my: f64(smy), c2: f64(sc2) };
    mergeStates(this.fn === "corr" ? { ...base, m2x: f64(sm2x), m2y: f64(sm2y) } : base, gids, n, this.s);
  }

  state(start: number, end: number): Col[] {
    const s = this.s;
    const arrays = this.fn === "corr" ? [s.n, s.mx, s.my, s.c2, s.m2x, s.m2y] : [s.n, s.mx, s.my, s.c2];
    return arrays.map((a): Col => ({ type: "float64", values: a.slice(start, end), valid: null }));
  }

  result(start: number, end: number): Col {
    const values = new Float64Array(end - start);
    const valid = new Uint8Array(end - start);
    let nulls = 0;
    for (let g = start; g < end; g++) {
      const v = this.valueOf(g);
      if (v === null) nulls++;
      else {
        values[g - start] = v;
        valid[g - start] = 1;
      }
    }
    return { type: "float64", values, valid: nulls === 0 ? null : valid };
  }

  /** Group g's result, or null in Spark 3's NULL cases. */
  private valueOf(g: number): number | null {
    const { n, c2, m2x, m2y } = this.s;
    const c = n[g] as number;
    if (c === 0) return null;
    if (this.fn === "covarPop") return (c2[g] as number) / c;
    if (c === 1) return null;
    if (this.fn === "covarSamp") return (c2[g] as number) / (c - 1);
    const d = Math.sqrt((m2x[g] as number) * (m2y[g] as number));
    return d === 0 ? null : (c2[g] as number) / d;
  }
}
