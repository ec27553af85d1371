/**
 * Skips scan work the pushed-down filters rule out, from metadata alone (no disk access):
 * files whose `key=value` partition values fail a filter on partition columns, and Parquet row
 * groups whose min/max statistics show that no row can match.
 */
import { type Expr, conjuncts, references, transformUp } from "../expr.js";
import type { LitValue } from "../expr.js";
import type { ColumnStats, ScanSource, ScanSplit } from "../logical-plan.js";
import { foldExpr } from "../rules/constant-folding.js";
import type { Attr } from "../types.js";

/** Whether `pred` is certainly false (or null) once partition columns are replaced by values. */
function ruledOutByPartition(pred: Expr, values: Readonly<Record<string, LitValue>>, partIds: ReadonlyMap<number, string>): boolean {
  const ids = references(pred);
  if (ids.size === 0 || ![...ids].every((id) => partIds.has(id))) return false;
  const bound = transformUp(pred, (x) => {
    if (x.kind !== "ref") return x;
    const name = partIds.get(x.attr.id) as string;
    return { kind: "lit", value: values[name] ?? null, type: x.attr.type };
  });
  const folded = foldExpr(bound);
  return folded.kind === "lit" && (folded.value === false || folded.value === null);
}

type Cmp = "=" | "<" | "<=" | ">" | ">=";
const FLIP: Record<Cmp, Cmp> = { "=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

/** `col op literal` (either way round), or undefined. */
function simpleComparison(e: Expr): { attr: Attr; op: Cmp; value: LitValue } | undefined {
  if (e.kind !== "binary" || !(e.op in FLIP)) return undefined;
  const op = e.op as Cmp;
  if (e.left.kind === "ref" && e.right.kind === "lit") return { attr: e.left.attr, op, value: e.right.value };
  if (e.right.kind === "ref" && e.left.kind === "lit") return { attr: e.right.attr, op: FLIP[op], value: e.left.value };
  return undefined;
}

function lessThan(a: LitValue, b: LitValue): boolean {
  return (a as number) < (b as number);
}

/** True when statistics prove no row of the group satisfies `col op value`. */
function statsRuleOut(stats: ColumnStats, op: Cmp, value: LitValue): boolean {
  const { min, max } = stats;
  if (value === null || min === null || max === null) return false;
  if (typeof min !== typeof value || typeof max !== typeof value) return false;
  if (typeof value === "number" && Number.isNaN(value)) return false;
  switch (op) {
    case "=":
      return lessThan(value, min) || lessThan(max, value);
    case "<":
      return !lessThan(min, value);
    case "<=":
      return lessThan(value, min);
    case ">":
      return !lessThan(value, max);
    case ">=":
      return lessThan(max, value);
  }
}

export interface PrunedSplits {
  readonly splits: readonly ScanSplit[];
  readonly skippedFiles: number;
  readonly skippedRowGroups: number;
}

export function pruneSplits(source: ScanSource, all: readonly Attr[], filters: readonly Expr[]): PrunedSplits {
  const partIds = new Map<number, string>();
  for (const a of all) if (source.partitionSchema.some((f) => f.name === a.name)) partIds.set(a.id, a.name);
  const preds = filters.flatMap(conjuncts);
  const fileOk = source.files.map((f) => !preds.some((p) => ruledOutByPartition(p, f.partitionValues, partIds)));
  const comparisons = preds.map(simpleComparison).filter((c): c is NonNullable<typeof c> => c !== undefined && !partIds.has(c.attr.id));
  let skippedRowGroups = 0;
  const splits: ScanSplit[] = [];
  for (const s of source.splits) {
    if (!fileOk[s.file]) continue;
    if (s.kind !== "parquet" || comparisons.length === 0) {
      splits.push(s);
      continue;
    }
    const meta = source.files[s.file]?.rowGroups ?? [];
    const keep = s.rowGroups.filter((g) => {
      const stats = meta.find((m) => m.index === g)?.stats;
      const out = stats !== undefined && comparisons.some((c) => {
        const st = stats[c.attr.name];
        return st !== undefined && statsRuleOut(st, c.op, c.value);
      });
      if (out) skippedRowGroups++;
      return !out;
    });
    if (keep.length > 0) splits.push(keep.length === s.rowGroups.length ? s : { ...s, rowGroups: keep });
  }
  return { splits, skippedFiles: fileOk.filter((ok) => !ok).length, skippedRowGroups };
}
