/** Cinder's flat column types; io/csv/types.ts defines the identical union (io/ shares no module). */
export type FlatColumnType = "int32" | "int64" | "float64" | "boolean" | "utf8" | "date" | "timestamp";

/**
 * Cinder's logical column types: flat, or lists and structs in Cinder's type-string form
 * (`array<int32>`, `struct<a:int32,b:array<utf8>>`; planner/nested-types.ts defines the syntax).
 */
export type ColumnType = FlatColumnType | `array<${string}>` | `struct<${string}>`;

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

/** A statistic value in its column's ColumnType domain: int32/float64/date (days) → number,
 * int64/timestamp (µs UTC) → bigint, utf8 → string, boolean → boolean. */
export type StatValue = number | bigint | string | boolean;

/**
 * Footer statistics of one column chunk. `min`/`max` are bounds over the chunk's non-null values;
 * `null` means unknown (not stored, NaN, truncated, or an ordering Cinder cannot trust).
 */
export interface ColumnStats {
  min: StatValue | null;
  max: StatValue | null;
  nullCount: number | null;
}

export interface RowGroupInfo {
  index: number;
  numRows: number;
  /** Compressed bytes on disk (what a split planner balances). */
  bytes: number;
  /** Only columns whose writer stored statistics appear here. */
  stats: Record<string, ColumnStats>;
}

export interface ParquetDescription {
  path: string;
  size: number;
  schema: ColumnSpec[];
  numRows: number;
  rowGroups: RowGroupInfo[];
}
