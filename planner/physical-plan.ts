/**
 * Physical plans and the stage graph: plain data that crosses to worker threads. A stage is one
 * pipeline of narrow operators run as one task per partition; its leaves read files, local data or
 * the outputs of parent stages (exchanges), and its sink says where its output goes.
 */
import type { AggSpec, BoundExpr } from "./bound.js";
import type { AggFn, LitValue, WindowFn, WindowFrame } from "./expr.js";
import type { AsofStrategy, CsvReadOptions, JoinType, ScanSplit } from "./logical-plan.js";
import type { DataType } from "./types.js";

export interface OutField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export interface SortKey {
  readonly index: number;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export type ExchangeMode =
  /** Reduce partition p of a hash / round-robin / single exchange: one block from every map task. */
  | "shuffle"
  /** Every output block of the stage (a broadcast join's build side). */
  | "broadcast"
  /** Every map task's block, keeping the rows that fall in range p of the sort bounds. */
  | "range"
  /** Output partition p of the stage (cached data read back narrowly). */
  | "partition";

export interface ScanColumn {
  readonly name: string;
  readonly type: DataType;
}

/** One window function as the window operator computes it. */
export interface WindowFuncSpec {
  readonly fn: WindowFn | AggFn;
  /** Input column position (null: count(*) and the ranking functions). */
  readonly input: number | null;
  readonly inputType: DataType;
  /** lag/lead offset, ntile buckets, nth_value's n; 0 otherwise. */
  readonly offset: number;
  /** lag/lead default, of the input type. */
  readonly defaultValue: LitValue;
  readonly ignoreNulls: boolean;
  /** Never null here: the default frame is filled in by physical planning. */
  readonly frame: WindowFrame;
  readonly type: DataType;
}

export type PhysNode =
  | {
      readonly op: "scan";
      readonly format: "csv" | "parquet";
      readonly path: string;
      readonly files: readonly { readonly path: string; readonly partitionValues: Readonly<Record<string, string | number | bigint | boolean | null>> }[];
      readonly splits: readonly ScanSplit[];
      /** The file's full data schema (CSV needs it to find columns by position). */
      readonly dataSchema: readonly ScanColumn[];
      /** Data columns to read, then partition columns appended: the layout `filter` is bound to. */
      readonly readColumns: readonly ScanColumn[];
      readonly partitionColumns: readonly ScanColumn[];
      readonly filter: BoundExpr | null;
      /** Positions (in the read layout) of the scan's output columns. */
      readonly project: readonly number[];
      readonly csv?: CsvReadOptions;
      readonly output: readonly OutField[];
    }
  | { readonly op: "local"; readonly partitions: readonly Uint8Array[]; readonly output: readonly OutField[] }
  | {
      /** Partition p reads checkpoint file p (an Arrow IPC stream, columns named by position). */
      readonly op: "checkpoint";
      readonly files: readonly string[];
      /** Rows in each file, checked on read: a truncated file fails instead of losing rows. */
      readonly rows: readonly number[];
      /** Positions (among the files' columns) of the output columns. */
      readonly columns: readonly number[];
      readonly output: readonly OutField[];
    }
  | {
      readonly op: "exchange";
      readonly stage: number;
      readonly mode: ExchangeMode;
      readonly keys?: readonly SortKey[];
      /**
       * Set at run time by adaptive execution (never by the planner): the shuffle's reduce
       * partitions grouped into fewer, larger ones. Partition p of this read is the original
       * partitions coalesced.partitions[p].start ≤ q < end, read in order.
       */
      readonly coalesced?: CoalescedRead;
      readonly output: readonly OutField[];
    }
  | { readonly op: "filter"; readonly input: PhysNode; readonly predicate: BoundExpr; readonly output: readonly OutField[] }
  | { readonly op: "project"; readonly input: PhysNode; readonly exprs: readonly BoundExpr[]; readonly output: readonly OutField[] }
  | {
      readonly op: "hashAggregate";
      readonly input: PhysNode;
      readonly mode: "partial" | "final" | "complete";
      readonly keyTypes: readonly DataType[];
      readonly aggs: readonly AggSpec[];
      /** For EXPLAIN only. */
      readonly describe: string;
      readonly output: readonly OutField[];
    }
  | {
      readonly op: "hashJoin";
      readonly left: PhysNode;
      readonly right: PhysNode;
      readonly how: JoinType;
      readonly buildSide: "left" | "right";
      readonly leftKeys: readonly number[];
      readonly rightKeys: readonly number[];
      readonly residual: BoundExpr | null;
      readonly broadcast: boolean;
      readonly describe: string;
      readonly output: readonly OutField[];
    }
  /**
   * As-of join of two co-partitioned inputs (hash exchanged on the by keys, or one partition):
   * both sides sorted by (by keys, key) within the task, then merged. Key positions are in each
   * side's own layout; outputs left then right columns.
   */
  | {
      readonly op: "asofJoin";
      readonly left: PhysNode;
      readonly right: PhysNode;
      readonly leftKey: number;
      readonly rightKey: number;
      readonly leftBy: readonly number[];
      readonly rightBy: readonly number[];
      readonly strategy: AsofStrategy;
      readonly tolerance: number | null;
      readonly describe: string;
      readonly output: readonly OutField[];
    }
  | { readonly op: "sort"; readonly input: PhysNode; readonly keys: readonly SortKey[]; readonly limit: number | null; readonly describe: string; readonly output: readonly OutField[] }
  | { readonly op: "limit"; readonly input: PhysNode; readonly n: number; readonly output: readonly OutField[] }
  /** A seeded random sample of each partition (see the logical Sample node). */
  | {
      readonly op: "sample";
      readonly input: PhysNode;
      readonly lowerBound: number;
      readonly upperBound: number;
      readonly withReplacement: boolean;
      readonly seed: number;
      readonly output: readonly OutField[];
    }
  /** Each input batch once per projection (grouping sets, unpivot). */
  | { readonly op: "expand"; readonly input: PhysNode; readonly projections: readonly (readonly BoundExpr[])[]; readonly output: readonly OutField[] }
  /** explode / posexplode (outer): the input's columns, then [pos,] col per array element. */
  | { readonly op: "generate"; readonly input: PhysNode; readonly fn: string; readonly arg: BoundExpr; readonly position: boolean; readonly outer: boolean; readonly output: readonly OutField[] }
  /**
   * The first `limit` rows of each window partition of this task's rows, in window order: run
   * before the window's exchange when only row_number ≤ k is kept (Spark's WindowGroupLimit).
   */
  | {
      readonly op: "windowGroupLimit";
      readonly input: PhysNode;
      readonly partitionKeys: readonly number[];
      readonly orderKeys: readonly SortKey[];
      readonly limit: number;
      readonly output: readonly OutField[];
    }
  /**
   * Window functions over an input sorted by (partition keys, order keys): appends one column per
   * function. A partition of the input holds whole window partitions (hash exchanged on the keys).
   */
  | {
      readonly op: "window";
      readonly input: PhysNode;
      readonly partitionKeys: readonly number[];
      readonly orderKeys: readonly SortKey[];
      readonly funcs: readonly WindowFuncSpec[];
      readonly describe: string;
      readonly output: readonly OutField[];
    }
  /** Narrow union: partition p belongs to input i at local partition p - offset(i). */
  | { readonly op: "union"; readonly inputs: readonly PhysNode[]; readonly counts: readonly number[]; readonly output: readonly OutField[] }
  /** Narrow coalesce: partition p runs the input for each of groups[p]. */
  | { readonly op: "coalesce"; readonly input: PhysNode; readonly groups: readonly (readonly number[])[]; readonly output: readonly OutField[] };

/**
 * One partition of a coalesced shuffle read (Spark's CoalescedPartitionSpec): the original reduce
 * partitions start ≤ q < end, and their bytes (for a range exchange, an estimate from the sample).
 */
export interface CoalescedPartition {
  readonly start: number;
  readonly end: number;
  readonly bytes: number;
}

/** A shuffle read whose `from` planned reduce partitions were coalesced into `partitions`. */
export interface CoalescedRead {
  readonly from: number;
  readonly partitions: readonly CoalescedPartition[];
}

export type Sink =
  | {
      readonly kind: "hash";
      readonly keys: readonly number[];
      readonly partitions: number;
      readonly describe: string;
      /** The user chose the count (repartition(n, …)): adaptive execution keeps it (Spark's REPARTITION_BY_NUM). */
      readonly fixedPartitions?: true;
    }
  | { readonly kind: "roundRobin"; readonly partitions: number }
  | { readonly kind: "range"; readonly keys: readonly SortKey[]; readonly partitions: number; readonly describe: string }
  | { readonly kind: "result" }
  | {
      readonly kind: "write";
      /** "arrow": Arrow IPC streams, one file per task (checkpoints); no partitionBy. */
      readonly format: "csv" | "parquet" | "arrow";
      /** Positions of partitionBy columns; the rest are written in the files. */
      readonly partitionBy: readonly number[];
      readonly options: Readonly<Record<string, string | boolean | number>>;
    };

export interface Stage {
  readonly id: number;
  readonly root: PhysNode;
  readonly partitions: number;
  readonly sink: Sink;
  readonly parents: readonly number[];
  /** Set when the stage materializes a cache()d DataFrame: its outputs outlive the job. */
  readonly cacheId?: number;
}

export interface StageGraph {
  readonly stages: readonly Stage[];
  readonly resultStage: number;
  readonly output: readonly OutField[];
}
