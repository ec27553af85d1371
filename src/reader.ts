/**
 * DataFrameReader: `session.read.csv(path, options)` and `session.read.parquet(path)`. A path is a
 * file, a folder of part files (with `key=value/` partition folders) or a glob. The source is
 * resolved here, once — files, schema, splits, Parquet row-group statistics — so the planner can
 * cut partitions and skip row groups without touching the disk, and a bad column name in the
 * next call fails at once, as in Spark.
 */
import { inferCsvSchemaSync, planCsvSplitsSync } from "../io/csv/index.js";
import { describeParquetSync } from "../io/parquet/index.js";
import { inferPartitionType, partitionValueOrNull, resolvePathsSync } from "../io/fs/index.js";
import type { LitValue } from "../planner/expr.js";
import type { CsvReadOptions, LogicalPlan, RowGroupMeta, ScanSource, ScanSplit, SourceFile } from "../planner/logical-plan.js";
import { type DataType, type Field, newAttr } from "../planner/types.js";
import { isNestedType, sparkTypeName } from "../planner/nested-types.js";
import { AnalysisError } from "../planner/errors.js";
import { parseTypeName } from "./column.js";
import { DataFrame } from "./dataframe.js";
import type { Session } from "./session.js";

export interface CsvReaderOptions {
  /** First line holds the column names. Default false (columns _c0, _c1, …). */
  readonly header?: boolean;
  /** Infer column types from a sample; otherwise every column is a string. Default false. */
  readonly inferSchema?: boolean;
  /** An explicit schema: `"name STRING, age INT"`, `{ name: "utf8", age: "int32" }` or a field list. */
  readonly schema?: string | Readonly<Record<string, string>> | readonly { name: string; type: string }[];
  readonly delimiter?: string;
  /** Same as delimiter (Spark's name). */
  readonly sep?: string;
  readonly quote?: string;
  readonly escape?: string;
  /** The text that means null. Default "" (an empty field). */
  readonly nullValue?: string;
  /** Bad records: PERMISSIVE (nulls, default), DROPMALFORMED (skip), FAILFAST (error naming file and line). */
  readonly mode?: "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";
  /** Rows sampled for inferSchema. Default 1000. */
  readonly samplingRows?: number;
}

type ColumnType = Exclude<DataType, "null">;

function parseSchema(s: NonNullable<CsvReaderOptions["schema"]>): Field[] {
  const pairs: [string, string][] =
    typeof s === "string"
      ? s.split(",").map((part) => {
          const m = /^\s*`?([^`]+?)`?\s+(\w+)\s*$/.exec(part);
          if (!m) throw new Error(`Cannot read schema entry "${part.trim()}"; write "name TYPE", e.g. "age INT".`);
          return [m[1] as string, m[2] as string];
        })
      : Array.isArray(s)
        ? (s as readonly { name: string; type: string }[]).map((f) => [f.name, f.type])
        : Object.entries(s as Record<string, string>);
  return pairs.map(([name, type]) => ({ name, type: parseTypeName(type), nullable: true }));
}

function typedPartitionValue(text: string | null, type: DataType): LitValue {
  if (text === null) return null;
  switch (type) {
    case "int32":
    case "float64":
      return Number(text);
    case "int64":
      return BigInt(text);
    default:
      return text;
  }
}

/** Files with their partition values typed, and the partition schema. */
function resolveFiles(path: string, extensions: string[]): { files: SourceFile[]; partitionSchema: Field[] } {
  const resolved = resolvePathsSync(path, { extensions });
  const keys: string[] = [];
  for (const f of resolved) for (const k of Object.keys(f.partitionValues)) if (!keys.includes(k)) keys.push(k);
  const types = new Map<string, DataType>();
  for (const k of keys) {
    const values = resolved.map((f) => f.partitionValues[k]).filter((v): v is string => v !== undefined && partitionValueOrNull(v) !== null);
    types.set(k, inferPartitionType(values) as DataType);
  }
  const files: SourceFile[] = resolved.map((f) => {
    const pv: Record<string, LitValue> = {};
    for (const k of keys) {
      const raw = f.partitionValues[k];
      pv[k] = raw === undefined ? null : typedPartitionValue(partitionValueOrNull(raw), types.get(k) as DataType);
    }
    return { path: f.path, size: f.size, partitionValues: pv };
  });
  return { files, partitionSchema: keys.map((k) => ({ name: k, type: types.get(k) as DataType, nullable: true })) };
}

function scanPlan(source: ScanSource): LogicalPlan {
  const all = [...source.dataSchema, ...source.partitionSchema].map((f) => newAttr(f.name, f.type, f.nullable));
  return { kind: "scan", source, all, output: all, filters: [] };
}

export class DataFrameReader {
  /** @internal */
  constructor(private readonly session: Session) {}

  /**
   * @example session.read.csv("people.csv", { header: true, inferSchema: true })
   * @example session.read.csv("logs/*.csv", { schema: "ts TIMESTAMP, level STRING, msg STRING" })
   */
  csv(path: string, options: CsvReaderOptions = {}): DataFrame {
    const { files, partitionSchema } = resolveFiles(path, [".csv", ".txt", ".tsv", ".gz"].slice(0, 3));
    const first = files[0];
    if (!first) throw new Error(`Path does not exist: ${path}`);
    const csv: CsvReadOptions = {
      header: options.header ?? false,
      delimiter: options.delimiter ?? options.sep ?? ",",
      quote: options.quote ?? '"',
      escape: options.escape ?? options.quote ?? '"',
      nullValue: options.nullValue ?? "",
      mode: options.mode ?? "PERMISSIVE",
    };
    const ioOpts = { ...csv, inferSchema: options.inferSchema ?? false, ...(options.samplingRows ? { samplingRows: options.samplingRows } : {}) };
    const dataSchema: Field[] = options.schema
      ? parseSchema(options.schema).map((f) => {
          if (isNestedType(f.type)) throw new AnalysisError(`CSV data source does not support ${sparkTypeName(f.type)} data type (column "${f.name}" in the schema).`);
          return f;
        })
      : inferCsvSchemaSync(first.path, ioOpts).map((c) => ({ name: c.name, type: c.type, nullable: true }));
    const partitioned = dataSchema.filter((f) => !partitionSchema.some((p) => p.name === f.name));
    const ranges = planCsvSplitsSync(files.map((f) => ({ path: f.path, size: f.size })), ioOpts, this.splitBytes(files));
    const splits: ScanSplit[] = ranges.map((r) => ({
      kind: "csv",
      file: files.findIndex((f) => f.path === r.path),
      start: r.start,
      end: r.end,
      hasHeader: r.hasHeader,
      firstLine: r.firstLine,
    }));
    const source: ScanSource = { format: "csv", path, files, dataSchema: partitioned, partitionSchema, splits, csv };
    return new DataFrame(this.session, scanPlan(source));
  }

  /** Target split size: enough splits to keep every worker busy, none larger than splitBytes. */
  private splitBytes(files: readonly SourceFile[]): number {
    const total = files.reduce((s, f) => s + f.size, 0);
    const perWorker = Math.ceil(total / this.session.workers);
    return Math.max(Math.min(1 << 20, this.session.splitBytes), Math.min(this.session.splitBytes, perWorker));
  }

  /**
   * @example session.read.parquet("events/")  // a folder, with year=2024/ partition folders
   */
  parquet(path: string): DataFrame {
    const { files: found, partitionSchema } = resolveFiles(path, [".parquet"]);
    if (found.length === 0) throw new Error(`Path does not exist: ${path}`);
    let dataSchema: Field[] | null = null;
    const files: SourceFile[] = [];
    const splits: ScanSplit[] = [];
    const target = this.splitBytes(found);
    found.forEach((f, fi) => {
      const d = describeParquetSync(f.path);
      const schema = d.schema.map((c) => ({ name: c.name, type: c.type as ColumnType, nullable: c.nullable }));
      if (dataSchema === null) dataSchema = schema;
      else if (!sameSchema(dataSchema, schema)) {
        throw new Error(`Parquet files under ${path} disagree on the schema: ${f.path} has (${schema.map((c) => `${c.name} ${c.type}`).join(", ")}), ${found[0]?.path} has (${dataSchema.map((c) => `${c.name} ${c.type}`).join(", ")}).`);
      }
      const rowGroups: RowGroupMeta[] = d.rowGroups.map((g) => ({ index: g.index, numRows: g.numRows, bytes: g.bytes, stats: g.stats }));
      files.push({ ...f, rowGroups });
      // Neighbouring row groups share a partition up to the split target (one per row group at least).
      let group: number[] = [];
      let bytes = 0;
      for (const g of rowGroups) {
        if (group.length > 0 && bytes + g.bytes > target) {
          splits.push({ kind: "parquet", file: fi, rowGroups: group });
          group = [];
          bytes = 0;
        }
        group.push(g.index);
        bytes += g.bytes;
      }
      if (group.length > 0) splits.push({ kind: "parquet", file: fi, rowGroups: group });
    });
    const data = (dataSchema ?? []).filter((c: Field) => !partitionSchema.some((p) => p.name === c.name));
    const source: ScanSource = { format: "parquet", path, files, dataSchema: data, partitionSchema, splits };
    return new DataFrame(this.session, scanPlan(source));
  }
}

function sameSchema(a: readonly Field[], b: readonly Field[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i]?.name && f.type === b[i]?.type);
}
