/**
 * DataFrameWriter: `df.write.mode(...).partitionBy(...).option(...).parquet(path)` / `.csv(path)`.
 * Files are written into a staging folder beside the target and committed by rename, with
 * `_SUCCESS` last, so a failed job leaves the target as it was.
 */
import { randomUUID } from "node:crypto";
import { abortWrite, beginWrite, commitWrite } from "../io/fs/index.js";
import { outputOf } from "../planner/analyzer/types-of.js";
import { resolveName } from "../planner/analyzer/resolve.js";
import { isNestedType, sparkTypeName } from "../planner/nested-types.js";
import { AnalysisError } from "../planner/errors.js";
import type { DataFrame } from "./dataframe.js";

export type SaveMode = "error" | "errorifexists" | "overwrite" | "append" | "ignore";
type OptionValue = string | number | boolean;

export class DataFrameWriter {
  private saveMode: "error" | "overwrite" | "append" | "ignore" = "error";
  private partitionCols: string[] = [];
  private readonly opts: Record<string, OptionValue> = {};

  /** @internal */
  constructor(private readonly df: DataFrame) {}

  /** What to do when the target exists. @example df.write.mode("overwrite") */
  mode(m: SaveMode): this {
    const known = ["error", "errorifexists", "overwrite", "append", "ignore"];
    if (!known.includes(m)) throw new Error(`Unknown save mode "${m}"; use one of ${known.join(", ")}.`);
    this.saveMode = m === "errorifexists" ? "error" : (m as "error" | "overwrite" | "append" | "ignore");
    return this;
  }

  /** Writes `col=value/` folders. @example df.write.partitionBy("year", "month") */
  partitionBy(...cols: string[]): this {
    this.partitionCols = cols;
    return this;
  }

  /** A format option: csv `header`, `delimiter`/`sep`, `nullValue`; parquet `compression` (snappy, zstd, gzip, none). */
  option(key: string, value: OptionValue): this {
    this.opts[key === "sep" ? "delimiter" : key] = value;
    return this;
  }

  /** Several options. @example df.write.options({ header: true }) */
  options(o: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(o)) this.option(k, v);
    return this;
  }

  /** @example await df.write.mode("overwrite").parquet("out", { compression: "zstd" }) */
  async parquet(path: string, opts: { compression?: "snappy" | "zstd" | "gzip" | "none" } = {}): Promise<void> {
    if (opts.compression) this.option("compression", opts.compression);
    const c = this.opts["compression"] ?? "snappy";
    if (!["snappy", "zstd", "gzip", "none", "uncompressed"].includes(String(c))) {
      throw new Error(`Unknown Parquet compression "${String(c)}"; use snappy, zstd, gzip or none.`);
    }
    if (c === "uncompressed") this.opts["compression"] = "none";
    await this.save(path, "parquet");
  }

  /** @example await df.write.mode("overwrite").csv("out", { header: true }) */
  async csv(path: string, opts: { header?: boolean; delimiter?: string; nullValue?: string } = {}): Promise<void> {
    for (const [k, v] of Object.entries(opts)) if (v !== undefined) this.option(k, v);
    await this.save(path, "csv");
  }

  private async save(path: string, format: "csv" | "parquet"): Promise<void> {
    const attrs = outputOf(this.df.plan);
    const nested = format === "csv" ? attrs.find((a) => isNestedType(a.type)) : undefined;
    if (nested) {
      // Spark's message: "CSV data source does not support array<int> data type."
      throw new AnalysisError(`CSV data source does not support ${sparkTypeName(nested.type)} data type (column "${nested.name}", ${nested.type}); write Parquet, or turn it into a string first (cast(...) to string, or concatWs for an array of strings).`);
    }
    const partitionBy = this.partitionCols.map((c) => attrs.findIndex((a) => a.id === resolveName(c, undefined, attrs, { operation: "partitionBy" }).id));
    if (partitionBy.length > 0 && partitionBy.length === attrs.length) {
      throw new AnalysisError("partitionBy cannot use every column: at least one column must be left to write into the files.");
    }
    const session = this.df.session;
    const { graph } = session.plan(this.df.plan, { kind: "write", format, partitionBy, options: { ...this.opts } });
    const job = await beginWrite(path, this.saveMode);
    if (!job) return;
    try {
      const result = await session.run(graph, { staging: job.staging, uuid: job.jobId ?? randomUUID() });
      session.release(result.jobId);
      await commitWrite(job);
    } catch (err) {
      await abortWrite(job);
      throw err;
    }
  }
}
