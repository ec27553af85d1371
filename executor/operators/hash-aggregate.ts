/**
 * HashAggregate: group rows by key columns and fold aggregates per group — a blocking sink with
 * local state (DuckDB's shape): `consume` batches, then `finish` once.
 *
 * Modes (Spark's two-phase aggregation across a shuffle):
 *   partial   in: [keys…, agg inputs at AggSpec.input]  out: [keys…, state columns of each agg]
 *   final     in: [keys…, state columns of each agg]     out: [keys…, one result per agg]
 *   complete  in: like partial                           out: like final
 * corr/covar read a second input column at AggSpec.input2. Holistic aggregates (median,
 * percentile, approxPercentile) have no partial state and run in complete mode only.
 * State column types come from `aggStateTypes`. Keys are always columns 0..k-1.
 *
 * Global aggregation (no keys) has exactly one group, so it outputs one row even for no input
 * (count → 0, sum → null); a grouped aggregation of no rows outputs no batch.
 */
import type { AggSpec } from "../../planner/bound.js";
import type { DataType } from "../../planner/types.js";
import { type Batch, type Col, sliceBatch, sliceCol } from "../batch.js";
import type { Accumulator } from "./aggregate/accumulator.js";
import { type AggMode, aggStateTypes, createAccumulator } from "./aggregate/create-accumulator.js";
import { GroupRows } from "./aggregate/group-rows.js";
import { GroupKeyTable } from "./aggregate/group-key-table.js";

export { aggResultType, aggStateTypes } from "./aggregate/create-accumulator.js";

export interface AggregateSpec {
  readonly mode: AggMode;
  readonly keyTypes: readonly DataType[];
  readonly aggs: readonly AggSpec[];
  /**
   * The rows a final aggregate will read (known from its input blocks): the table and the states
   * start at that many groups, capped, instead of doubling their way there. q10 of db-benchmark at
   * 1e7 (5M groups per task): rehashing and regrowing were ~13% of the profile.
   */
  readonly expectedRows?: number;
}

/** Presizing stops here (2^22 groups: a 32 MB slot array for a composite key); beyond, tables grow. */
const MAX_PRESIZE = 1 << 22;

/** Most rows per output batch. */
export const MAX_BATCH_ROWS = 65536;

/**
 * A partial aggregate that has seen this many rows and kept more than PASS_THROUGH_RATIO groups
 * per row is not reducing anything: from then on it turns each row into its own partial state and
 * passes it on, saving a hash table that would be as large as its input (db-benchmark q10: ~1
 * group per row).
 */
const PASS_THROUGH_AFTER = 1 << 17;
const PASS_THROUGH_RATIO = 0.9;

export class HashAggregator {
  private table: GroupKeyTable | null;
  private readonly keys: number[];
  private accs: Accumulator[];
  /** Final mode: position of each aggregate's first state column in the input. */
  private readonly stateAt: number[] = [];
  private readonly stateWidth: number[] = [];
  private gids = new Int32Array(0);
  private rowsSeen = 0;
  private passThrough = false;
  private ready: Batch[] = [];
  private rows: GroupRows | null = null;

  /**
   * @example
   * const agg = new HashAggregator({
   *   mode: "complete",
   *   keyTypes: ["utf8"],
   *   aggs: [{ fn: "sum", distinct: false, input: 1, inputType: "int32", resultType: "int64" }],
   * });
   * for (const b of input) agg.consume(b);   // b = [dept: utf8, salary: int32]
   * const out = agg.finish();                 // [dept, sum(salary)]
   */
  constructor(readonly spec: AggregateSpec) {
    this.keys = spec.keyTypes.map((_, i) => i);
    const presize = Math.min(spec.expectedRows ?? 0, MAX_PRESIZE);
    this.table = spec.keyTypes.length > 0 ? new GroupKeyTable(spec.keyTypes, presize) : null;
    this.accs = this.makeAccumulators();
    if (this.table !== null && presize > 256) for (const acc of this.accs) acc.resize(presize);
    let at = spec.keyTypes.length;
    for (const a of spec.aggs) {
      const w = aggStateTypes(a).length;
      this.stateAt.push(at);
      this.stateWidth.push(w);
      at += w;
    }
    if (this.table === null) for (const acc of this.accs) acc.resize(1);
  }

  /** One accumulator per aggregate; those that count per group share one row count (not in final mode). */
  private makeAccumulators(): Accumulator[] {
    const accs = this.spec.aggs.map((a) => createAccumulator(a, this.spec.mode));
    this.rows = null;
    if (this.spec.mode !== "final" && this.table !== null) {
      const rows = new GroupRows();
      let taken = false;
      for (const acc of accs) if (acc.shareRows?.(rows) === true) taken = true;
      if (taken) this.rows = rows;
    }
    return accs;
  }

  /** Folds one input batch into the groups. */
  consume(input: Batch): void {
    const n = input.length;
    if (n === 0) return;
    // A partial aggregate looks at big batches (a Parquet row group can be 1M rows) in slices, so
    // it can decide to pass rows through part-way.
    if (this.spec.mode === "partial" && !this.passThrough && n > MAX_BATCH_ROWS) {
      for (let a = 0; a < n; a += MAX_BATCH_ROWS) this.consume(sliceBatch(input, a, a + MAX_BATCH_ROWS));
      return;
    }
    if (this.passThrough) {
      this.ready.push(this.rowStates(input));
      return;
    }

    if (this.gids.length < n) this.gids = new Int32Array(n);
    const gids = this.gids;
    if (this.table !== null) {
      this.table.findOrInsert(input, gids);
      for (const acc of this.accs) acc.resize(this.table.size);
      if (this.rows !== null) {
        this.rows.resize(this.table.size);
        this.rows.add(gids, n);
      }
    } // else gids stays all 0: one global group
    const { aggs, mode } = this.spec;
    for (let j = 0; j < aggs.length; j++) {
      const acc = this.accs[j] as Accumulator;
      if (mode === "final") {
        const at = this.stateAt[j] as number;
        acc.merge(input.columns.slice(at, at + (this.stateWidth[j] as number)), gids, n);
      } else {
        const a = aggs[j] as AggSpec;
        acc.update(a.input === null ? null : (input.columns[a.input] as Col), gids, n, a.input2 === undefined ? undefined : (input.columns[a.input2] as Col));
      }
    }
    this.rowsSeen += n;
    if (mode === "partial" && this.table !== null && this.rowsSeen >= PASS_THROUGH_AFTER && this.table.size > PASS_THROUGH_RATIO * this.rowsSeen) {
      // Send the groups so far first (so first/last still see rows in input order), then start
      // over empty and pass every later row on.
      this.ready.push(...this.groups());
      this.table = new GroupKeyTable(this.spec.keyTypes);
      this.accs = this.makeAccumulators();
      this.passThrough = true;
    }
  }

  /** Partial states already complete (pass-through mode), to send on before finish. */
  takeReady(): Batch[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Each row of `b` as its own group's partial state: fresh accumulators over ids 0..n-1. */
  private rowStates(b: Batch): Batch {
    const n = b.length;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = i;
    const columns: Col[] = b.columns.slice(0, this.keys.length);
    for (const a of this.spec.aggs) {
      const acc = createAccumulator(a, "partial");
      acc.resize(n);
      acc.update(a.input === null ? null : (b.columns[a.input] as Col), ids, n, a.input2 === undefined ? undefined : (b.columns[a.input2] as Col));
      columns.push(...acc.state(0, n));
    }
    return { length: n, columns };
  }

  /** The groups: keys then states (partial) or results, in batches of ≤ 65536 rows. */
  finish(): Batch[] {
    // Pass-through states not yet taken come first: nothing is lost if takeReady was never called.
    return [...this.takeReady(), ...(this.passThrough ? [] : this.groups())];
  }

  /** The groups in the table: keys then states (partial) or results. */
  private groups(): Batch[] {
    const groups = this.table === null ? 1 : this.table.size;
    const keyCols = this.table === null ? [] : this.table.keyColumns();
    const out: Batch[] = [];
    for (let start = 0; start < groups; start += MAX_BATCH_ROWS) {
      const end = Math.min(groups, start + MAX_BATCH_ROWS);
      const columns: Col[] = keyCols.map((c) => sliceCol(c, start, end));
      for (const acc of this.accs) {
        if (this.spec.mode === "partial") columns.push(...acc.state(start, end));
        else columns.push(acc.result(start, end));
      }
      out.push({ length: end - start, columns });
    }
    return out;
  }

  /** One EXPLAIN line, e.g. `HashAggregate[final]: keys=[#0], aggs=[sum(#1), count(*)]`. */
  toString(): string {
    const keys = this.keys.map((k) => `#${k}`).join(", ");
    const aggs = this.spec.aggs
      .map((a) => `${a.fn}(${a.distinct ? "DISTINCT " : ""}${a.input === null ? "*" : `#${a.input}`}${a.input2 === undefined ? "" : `, #${a.input2}`})`)
      .join(", ");
    return `HashAggregate[${this.spec.mode}]: keys=[${keys}], aggs=[${aggs}]`;
  }
}
