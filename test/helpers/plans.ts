/** Builds plans for planner tests without touching the disk: scans over described (fake) files. */
import { buildAggregate, buildFilter, buildJoin, buildProject, buildSort } from "../../planner/analyzer/builders.js";
import type { Expr } from "../../planner/expr.js";
import type { LogicalPlan, ScanSource } from "../../planner/logical-plan.js";
import { parseExpression, parseSelectItem } from "../../planner/sql/index.js";
import { type DataType, newAttr } from "../../planner/types.js";

export function scan(path: string, cols: Record<string, DataType>, opts: { format?: "csv" | "parquet"; sizeBytes?: number; partitions?: Record<string, DataType> } = {}): LogicalPlan {
  const dataSchema = Object.entries(cols).map(([name, type]) => ({ name, type, nullable: true }));
  const partitionSchema = Object.entries(opts.partitions ?? {}).map(([name, type]) => ({ name, type, nullable: true }));
  const format = opts.format ?? "csv";
  const source: ScanSource = {
    format,
    path,
    files: [{ path, size: opts.sizeBytes ?? 1 << 30, partitionValues: {} }],
    dataSchema,
    partitionSchema,
    splits: format === "csv" ? [{ kind: "csv", file: 0, start: 0, end: 100, hasHeader: true, firstLine: 1 }] : [{ kind: "parquet", file: 0, rowGroups: [0] }],
    ...(format === "csv" ? { csv: { header: true, delimiter: ",", quote: '"', escape: '"', nullValue: "", mode: "PERMISSIVE" as const } } : {}),
  };
  const all = [...dataSchema, ...partitionSchema].map((f) => newAttr(f.name, f.type, true));
  return { kind: "scan", source, all, output: all, filters: [] };
}

export const where = (p: LogicalPlan, sql: string): LogicalPlan => buildFilter(p, parseExpression(sql));
export const select = (p: LogicalPlan, ...items: string[]): LogicalPlan => buildProject(p, items.map(parseSelectItem));
export const groupBy = (p: LogicalPlan, keys: string[], aggs: string[]): LogicalPlan =>
  buildAggregate(p, keys.map((k) => parseExpression(k)), aggs.map(parseSelectItem));
export const orderBy = (p: LogicalPlan, ...cols: string[]): LogicalPlan => buildSort(p, cols.map((c): Expr => parseExpression(c)));
export const join = (l: LogicalPlan, r: LogicalPlan, on: string[] | string, how: "inner" | "left" | "right" | "full" | "semi" | "anti" | "cross" = "inner"): LogicalPlan =>
  buildJoin(l, r, typeof on === "string" ? parseExpression(on) : on, how);
