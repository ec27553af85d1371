/**
 * HashJoin: an equi-join (plus an optional residual condition) that hashes the build side and
 * streams the probe side. Output: all left columns then all right columns (semi/anti: left only).
 *
 * Every `how` works with either build side; what the side decides is when rows come out:
 *   - pairs and preserved probe rows without a match stream out of `probe`;
 *   - preserved build rows without a match (left/right/full), and semi/anti rows when the left
 *     side is the build side, come out of `finish`, from a per-row "matched" flag.
 * `cross` is the join without keys: every pair, filtered by the residual.
 * Null keys never match. The residual is part of the join condition (Spark): an outer row whose
 * candidates all fail it comes out with nulls, and a semi row needs one candidate that passes.
 */
import { type Batch, type Col, filterBatch, nullCol, takeBatch } from "../batch.js";
import type { DataType } from "../../planner/types.js";
import { JoinBuildSide } from "./join-build-side.js";

export type JoinHow = "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross";

export interface JoinSpec {
  readonly how: JoinHow;
  readonly buildSide: "left" | "right";
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  readonly leftTypes: readonly DataType[];
  readonly rightTypes: readonly DataType[];
  /** Extra condition over candidates laid out [left cols…, right cols…]; 1 = the pair matches. */
  readonly residual?: (candidates: Batch) => Uint8Array;
}

/** Most candidate pairs materialised at once (and most rows per output batch). */
const CHUNK = 65536;

/** Checks a JoinSpec; throws a message naming what is wrong. */
function validate(s: JoinSpec): void {
  if (s.buildSide !== "left" && s.buildSide !== "right") throw new Error(`HashJoin: buildSide must be left or right, got ${String(s.buildSide)}`);
  if (s.leftKeys.length !== s.rightKeys.length) {
    throw new Error(`HashJoin: ${s.leftKeys.length} left keys but ${s.rightKeys.length} right keys`);
  }
  if (s.how === "cross" && s.leftKeys.length > 0) throw new Error("HashJoin: a cross join takes no keys (use inner)");
  s.leftKeys.forEach((lk, i) => {
    const rk = s.rightKeys[i] as number;
    const lt = s.leftTypes[lk];
    const rt = s.rightTypes[rk];
    if (lt === undefined || rt === undefined) throw new Error(`HashJoin: key pair ${i} (#${lk}, #${rk}) is out of range`);
    if (lt !== rt) throw new Error(`HashJoin: key pair ${i} has types ${lt} and ${rt}; the planner must cast them to one type`);
  });
}

export class HashJoin {
  private readonly probeIsLeft: boolean;
  private readonly buildTypes: readonly DataType[];
  private readonly buildKeys: readonly number[];
  private readonly probeKeys: readonly number[];
  /** Probe rows come out by their matched flag: unmatched outer rows (with nulls), semi/anti rows. */
  private readonly emitsProbeRows: boolean;
  /** Pairs come out (not for semi/anti). */
  private readonly emitPairs: boolean;
  /** Build rows need a matched flag: finish() emits from it. */
  private readonly trackBuild: boolean;
  private pending: Batch[] = [];
  private side: JoinBuildSide | null = null;
  private matched = new Uint8Array(0);
  private finished = false;

  /**
   * @example
   * const j = new HashJoin({ how: "left", buildSide: "right", leftKeys: [0], rightKeys: [0],
   *   leftTypes: ["int32", "utf8"], rightTypes: ["int32", "float64"] });
   * for (const b of right) j.build(b);
   * const out = left.flatMap((b) => j.probe(b));
   * out.push(...j.finish());
   */
  constructor(readonly spec: JoinSpec) {
    validate(spec);
    const { how } = spec;
    this.probeIsLeft = spec.buildSide === "right";
    this.buildTypes = this.probeIsLeft ? spec.rightTypes : spec.leftTypes;
    this.buildKeys = this.probeIsLeft ? spec.rightKeys : spec.leftKeys;
    this.probeKeys = this.probeIsLeft ? spec.leftKeys : spec.rightKeys;
    const preserves = (left: boolean): boolean => how === "full" || how === (left ? "left" : "right");
    const semiAnti = how === "semi" || how === "anti";
    this.emitPairs = !semiAnti;
    this.emitsProbeRows = preserves(this.probeIsLeft) || (semiAnti && this.probeIsLeft);
    this.trackBuild = preserves(!this.probeIsLeft) || (semiAnti && !this.probeIsLeft);
  }

  /** Adds a batch of the build side; all build batches come before the first probe. */
  build(b: Batch): void {
    if (this.side !== null) throw new Error("HashJoin: build() after probing started");
    if (b.length > 0) this.pending.push(b);
  }

  /** Joins one probe batch against the build side. */
  probe(b: Batch): Batch[] {
    const side = this.prepare();
    if (b.length === 0) return [];
    const ids = side.lookup(b, this.probeKeys);
    const { how, residual } = this.spec;
    if ((how === "semi" || how === "anti") && this.probeIsLeft && residual === undefined) {
      return this.semiAntiFast(b, ids, how === "semi");
    }
    const out: Batch[] = [];
    const probeMatched = new Uint8Array(b.length);
    const pIdx = new Int32Array(CHUNK);
    const bIdx = new Int32Array(CHUNK);
    let m = 0;
    for (let i = 0; i < b.length; i++) {
      const id = ids[i] as number;
      if (id < 0) continue;
      if (side.unique) {
        pIdx[m] = i;
        bIdx[m] = id;
        if (++m === CHUNK) m = this.flushPairs(b, pIdx, bIdx, m, probeMatched, out);
        continue;
      }
      const end = side.starts[id + 1] as number;
      for (let k = side.starts[id] as number; k < end; k++) {
        pIdx[m] = i;
        bIdx[m] = side.rows[k] as number;
        if (++m === CHUNK) m = this.flushPairs(b, pIdx, bIdx, m, probeMatched, out);
      }
    }
    if (m > 0) this.flushPairs(b, pIdx, bIdx, m, probeMatched, out);
    if (this.emitsProbeRows) this.emitProbeRows(b, probeMatched, how === "semi" ? 1 : 0, out);
    return out;
  }

  /** Rows only the build side can produce: unmatched preserved rows, or semi/anti rows. */
  finish(): Batch[] {
    const side = this.prepare();
    if (this.finished) throw new Error("HashJoin: finish() called twice");
    this.finished = true;
    if (!this.trackBuild) return [];
    const want = this.spec.how === "semi" ? 1 : 0;
    const n = side.batch.length;
    let count = 0;
    for (let i = 0; i < n; i++) if (this.matched[i] === want) count++;
    const idx = new Int32Array(count);
    count = 0;
    for (let i = 0; i < n; i++) if (this.matched[i] === want) idx[count++] = i;
    const out: Batch[] = [];
    for (let a = 0; a < idx.length; a += CHUNK) {
      const rows = takeBatch(side.batch, idx.subarray(a, Math.min(idx.length, a + CHUNK)));
      out.push(this.emitPairs ? this.withNulls(rows, false) : rows);
    }
    return out;
  }

  private prepare(): JoinBuildSide {
    if (this.side === null) {
      this.side = new JoinBuildSide(this.pending, this.buildTypes, this.buildKeys);
      this.pending = [];
      if (this.trackBuild) this.matched = new Uint8Array(this.side.batch.length);
    }
    return this.side;
  }

  private semiAntiFast(b: Batch, ids: Int32Array, semi: boolean): Batch[] {
    const mask = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) mask[i] = (ids[i] as number) >= 0 === semi ? 1 : 0;
    const out = filterBatch(b, mask);
    return out.length > 0 ? [out] : [];
  }

  /** Materialises m candidate pairs, applies the residual, records matches, emits pairs; returns 0. */
  private flushPairs(b: Batch, pIdx: Int32Array, bIdx: Int32Array, m: number, probeMatched: Uint8Array, out: Batch[]): number {
    const side = this.side as JoinBuildSide;
    const p = pIdx.subarray(0, m);
    const q = bIdx.subarray(0, m);
    const probeRows = takeBatch(b, p);
    const buildRows = takeBatch(side.batch, q);
    const left = this.probeIsLeft ? probeRows : buildRows;
    const right = this.probeIsLeft ? buildRows : probeRows;
    const candidates: Batch = { length: m, columns: [...left.columns, ...right.columns] };
    const mask = this.spec.residual?.(candidates);
    for (let k = 0; k < m; k++) {
      if (mask !== undefined && mask[k] !== 1) continue;
      probeMatched[p[k] as number] = 1;
      if (this.trackBuild) this.matched[q[k] as number] = 1;
    }
    if (!this.emitPairs) return 0;
    const kept = mask === undefined ? candidates : filterBatch(candidates, mask);
    if (kept.length > 0) out.push(kept);
    return 0;
  }

  /** Emits probe rows whose matched flag equals `want`: outer rows with nulls, or semi/anti rows. */
  private emitProbeRows(b: Batch, probeMatched: Uint8Array, want: number, out: Batch[]): void {
    const mask = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) mask[i] = probeMatched[i] === want ? 1 : 0;
    const rows = filterBatch(b, mask);
    if (rows.length === 0) return;
    out.push(this.emitPairs ? this.withNulls(rows, true) : rows);
  }

  /** `rows` of one side beside all-null columns of the other, in [left…, right…] order. */
  private withNulls(rows: Batch, rowsAreProbe: boolean): Batch {
    const rowsAreLeft = rowsAreProbe === this.probeIsLeft;
    const otherTypes = rowsAreLeft ? this.spec.rightTypes : this.spec.leftTypes;
    const nulls: Col[] = otherTypes.map((t) => nullCol(t, rows.length));
    const columns = rowsAreLeft ? [...rows.columns, ...nulls] : [...nulls, ...rows.columns];
    return { length: rows.length, columns };
  }

  /** One EXPLAIN line, e.g. `HashJoin[left, build=right]: keys=[#0 = #0], residual`. */
  toString(): string {
    const keys = this.spec.leftKeys.map((k, i) => `#${k} = #${this.spec.rightKeys[i] as number}`).join(", ");
    return `HashJoin[${this.spec.how}, build=${this.spec.buildSide}]: keys=[${keys}]${this.spec.residual ? ", residual" : ""}`;
  }
}
