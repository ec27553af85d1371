/**
 * Public types of the CSV layer. `ColumnType` is shared by convention with the planner's
 * `DataType` (minus "null"): io/ imports nothing from the rest of the project, so the names are
 * kept identical by hand.
 */
export type ColumnType = "int32" | "int64" | "float64" | "boolean" | "utf8" | "date" | "timestamp";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

/** What to do with a record that does not fit the schema (Spark's `mode` option). */
export type CsvMode = "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";

export interface CsvOptions {
  /** Default false; when false columns are named _c0, _c1, ... (Spark). */
  header?: boolean;
  /** Default ",". */
  delimiter?: string;
  /** Alias of `delimiter` (Spark's `sep`); `delimiter` wins when both are given. */
  sep?: string;
  /** Default '"'. */
  quote?: string;
  /** Default '"' (RFC 4180 doubled quote); may be "\\". */
  escape?: string;
  /** Default "" (an empty unquoted field is null). */
  nullValue?: string;
  /** Default false: every column is utf8. */
  inferSchema?: boolean;
  /** Records sampled for inference, from the first file. Default 1000. */
  samplingRows?: number;
  /** Default PERMISSIVE. */
  mode?: CsvMode;
  /** Not supported yet: dates are ISO yyyy-MM-dd only. */
  dateFormat?: never;
}
