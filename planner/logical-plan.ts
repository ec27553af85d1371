/**
 * Logical plan nodes: immutable, plain, printable. Every expression inside is resolved (columns are
 * `ref`s to attributes of the node's input), because the DataFrame API analyzes each step as it is
 * built, as Spark does, so a bad column name fails at the call that used it.
 */
import type { AggFn, Expr, GeneratorFn, LitValue } from "./expr.js";
import type { Attr, DataType, Field } from "./types.js";

export type JoinType = "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross";

export type AsofStrategy = "backward" | "forward" | "nearest";

export interface ColumnStats {
  readonly min: LitValue;
  readonly max: LitValue;
  readonly nullCount: number | null;
}

export interface RowGroupMeta {
  readonly index: number;
  readonly numRows: number;
  readonly bytes: number;
  readonly stats: Readonly<Record<string, ColumnStats>>;
}

export interface SourceFile {
  readonly path: string;
  readonly size: number;
  /** Hive partition values (`key=value` folders), already typed. */
  readonly partitionValues: Readonly<Record<string, LitValue>>;
  /** Parquet only: the file's row groups. */
  readonly rowGroups?: readonly RowGroupMeta[];
}

/** One file of a checkpoint (an Arrow IPC stream written by one task). */
export interface CheckpointFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface CsvReadOptions {
  readonly header: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly nullValue: string;
  readonly mode: "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";
}

/** One unit of scan work: a CSV byte range or a set of Parquet row groups of one file. */
export type ScanSplit =
  | { readonly kind: "csv"; readonly file: number; readonly start: number; readonly end: number; readonly hasHeader: boolean; readonly firstLine: number }
  | { readonly kind: "parquet"; readonly file: number; readonly rowGroups: readonly number[] };

/** What `read.csv` / `read.parquet` resolved up front: files, schema, splits. */
export interface ScanSource {
  readonly format: "csv" | "parquet";
  readonly path: string;
  readonly files: readonly SourceFile[];
  /** Columns stored in the files. */
  readonly dataSchema: readonly Field[];
  /** Columns from `key=value` folders. */
  readonly partitionSchema: readonly Field[];
  readonly splits: readonly ScanSplit[];
  readonly csv?: CsvReadOptions;
}

export interface AggCall {
  readonly fn: AggFn;
  readonly input: Expr | null;
  readonly distinct: boolean;
  /** corr/covar's second column, and literal arguments (see the agg Expr). */
  readonly input2?: Expr;
  readonly params?: readonly number[];
  /** The attribute the aggregate's result is known by above the Aggregate node. */
  readonly attr: Attr;
}

export interface SortOrder {
  readonly expr: Expr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export type LogicalPlan =
  | {
      readonly kind: "scan";
      readonly source: ScanSource;
      /** Every column the source offers (data then partition columns). */
      readonly all: readonly Attr[];
      /** The columns read, after pruning (a subset of `all`, same order). */
      readonly output: readonly Attr[];
      /** Predicates pushed into the scan (applied by the reader; used to skip row groups and partitions). */
      readonly filters: readonly Expr[];
    }
  | {
      readonly kind: "local";
      /** Arrow IPC stream bytes, one entry per partition. */
      readonly partitions: readonly Uint8Array[];
      readonly rows: number;
      readonly output: readonly Attr[];
    }
  | {
      /** A checkpointed DataFrame read back from its files: a leaf, so the lineage above it is cut. */
      readonly kind: "checkpoint";
      /** The folder holding the files. */
      readonly dir: string;
      /** One file per partition, in partition order. */
      readonly files: readonly CheckpointFile[];
      /** Every column the files hold, by position (the checkpointed plan's output attributes). */
      readonly all: readonly Attr[];
      /** The columns read, after pruning (a subset of `all`, same order). */
      readonly output: readonly Attr[];
    }
  | { readonly kind: "filter"; readonly input: LogicalPlan; readonly predicate: Expr }
  /** Each expr is a `ref` (pass-through) or an `alias` carrying the output attribute id. */
  | { readonly kind: "project"; readonly input: LogicalPlan; readonly exprs: readonly Expr[] }
  | {
      readonly kind: "aggregate";
      readonly input: LogicalPlan;
      /** Grouping expressions, each a `ref` or `alias` (with id). */
      readonly keys: readonly Expr[];
      readonly aggs: readonly AggCall[];
    }
  | {
      readonly kind: "join";
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      readonly how: JoinType;
      readonly condition: Expr | null;
    }
  /**
   * An as-of join (Polars' join_asof, pandas' merge_asof): every left row, with the right row of
   * the same `by` keys whose key is nearest before (backward), after (forward) or either side
   * (nearest) of its own, within `tolerance`; nulls when there is none. Outputs left then right.
   */
  | {
      readonly kind: "asofJoin";
      readonly left: LogicalPlan;
      readonly right: LogicalPlan;
      readonly leftKey: Expr;
      readonly rightKey: Expr;
      readonly leftBy: readonly Expr[];
      readonly rightBy: readonly Expr[];
      readonly strategy: AsofStrategy;
      readonly tolerance: number | null;
    }
  | { readonly kind: "sort"; readonly input: LogicalPlan; readonly orders: readonly SortOrder[] }
  /**
   * Window functions sharing one PARTITION BY / ORDER BY: outputs the input's columns, then one
   * column per expression. Each expr is an `alias` (with id) of an `over` whose partitionBy and
   * orderBy are these (plain column references; the builder projects computed keys below).
   */
  | {
      readonly kind: "window";
      readonly input: LogicalPlan;
      readonly exprs: readonly Expr[];
      readonly partitionBy: readonly Expr[];
      readonly orderBy: readonly SortOrder[];
      /** Set by window_group_limit: only the first k rows of each window partition matter. */
      readonly groupLimit?: number;
    }
  | { readonly kind: "limit"; readonly input: LogicalPlan; readonly n: number }
  /**
   * A random sample (Spark's Sample): each row draws from a generator seeded with seed + partition
   * index, in partition order; without replacement a row is kept when its draw u falls in
   * [lowerBound, upperBound) (randomSplit's splits share the draws, so they are disjoint), with
   * replacement it appears Poisson(upperBound - lowerBound) times.
   */
  | {
      readonly kind: "sample";
      readonly input: LogicalPlan;
      readonly lowerBound: number;
      readonly upperBound: number;
      readonly withReplacement: boolean;
      readonly seed: number;
      /** randomSplit: sort each partition by every column first, so the draws meet the rows in one order (Spark's local Sort). */
      readonly sortFirst: boolean;
    }
  /**
   * Emits every input row once per projection (Spark's Expand): grouping sets (rollup, cube) with
   * the keys a set leaves out nulled and a grouping id, unpivot, describe's statistic rows. Every
   * projection has one expression per output attribute, of that attribute's type.
   */
  | { readonly kind: "expand"; readonly input: LogicalPlan; readonly projections: readonly (readonly Expr[])[]; readonly output: readonly Attr[] }
  /**
   * Spark's Generate: every input row once per element of `arg` (an array), with the element
   * (and its 0-based position for posexplode) appended as `output`. A null or empty array gives
   * no row, or with `outer` one row whose generated columns are null.
   */
  | {
      readonly kind: "generate";
      readonly input: LogicalPlan;
      readonly fn: GeneratorFn;
      readonly arg: Expr;
      readonly outer: boolean;
      /** The generated columns: [pos, col] for posexplode, [col] for explode. */
      readonly output: readonly Attr[];
    }
  | { readonly kind: "distinct"; readonly input: LogicalPlan }
  /** Positional union; the output attributes are the first input's. */
  | { readonly kind: "union"; readonly inputs: readonly LogicalPlan[] }
  | { readonly kind: "repartition"; readonly input: LogicalPlan; readonly n: number; readonly keys: readonly Expr[] }
  | { readonly kind: "coalesce"; readonly input: LogicalPlan; readonly n: number }
  | { readonly kind: "cache"; readonly input: LogicalPlan; readonly cacheId: number };

export type PlanKind = LogicalPlan["kind"];

/** The attribute an alias or ref expression defines. */
export function attrOfNamed(e: Expr, type: DataType, nullable: boolean): Attr {
  if (e.kind === "ref") return e.attr;
  if (e.kind === "alias" && e.id !== undefined) return { id: e.id, name: e.name, type, nullable };
  throw new Error(`internal: expected a named expression, got ${e.kind}`);
}

/** Children of a plan node. */
export function planChildren(p: LogicalPlan): readonly LogicalPlan[] {
  switch (p.kind) {
    case "scan":
    case "local":
    case "checkpoint":
      return [];
    case "join":
    case "asofJoin":
      return [p.left, p.right];
    case "union":
      return p.inputs;
    default:
      return [p.input];
  }
}

/** A copy of `p` with new children (same order as planChildren); same object if unchanged. */
export function withPlanChildren(p: LogicalPlan, kids: readonly LogicalPlan[]): LogicalPlan {
  const old = planChildren(p);
  if (old.length === kids.length && old.every((c, i) => c === kids[i])) return p;
  switch (p.kind) {
    case "scan":
    case "local":
    case "checkpoint":
      return p;
    case "join":
    case "asofJoin":
      return { ...p, left: kids[0] as LogicalPlan, right: kids[1] as LogicalPlan };
    case "union":
      return { ...p, inputs: kids };
    default:
      return { ...p, input: kids[0] as LogicalPlan };
  }
}

/** Rewrites bottom-up; returns the same object when `f` changed nothing. */
export function transformPlanUp(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const kids = planChildren(p);
  const next = kids.map((k) => transformPlanUp(k, f));
  return f(withPlanChildren(p, next));
}

/** Rewrites top-down (parent first, then the children of the result). */
export function transformPlanDown(p: LogicalPlan, f: (p: LogicalPlan) => LogicalPlan): LogicalPlan {
  const q = f(p);
  const kids = planChildren(q);
  return withPlanChildren(q, kids.map((k) => transformPlanDown(k, f)));
}
