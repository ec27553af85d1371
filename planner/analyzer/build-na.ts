/**
 * Missing-value verbs (Spark's DataFrameNaFunctions): fill, drop and replace, each one Project or
 * Filter. Spark's typing rules: a value only touches columns of its own kind — a number the
 * numeric columns (cast to each column's type, so 1.5 fills an int column with 1), a string the
 * string columns, a boolean the boolean columns; other columns of a subset are left alone. NaN in
 * a float64 column counts as missing for fill and drop, as in Spark.
 *
 * ```text
 * na.fill(0, ["a"])              Project [coalesce(CASE WHEN (a = NaN) THEN NULL ELSE a END, 0.0) AS a, …]
 * na.drop({ how: "any" })         Filter ((a IS NOT NULL) AND …)
 * na.replace("x", "y", ["s"])     Project [CASE WHEN (s = 'x') THEN 'y' ELSE s END AS s, …]
 * ```
 */
import { AnalysisError } from "../errors.js";
import type { Expr, LitValue } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { type Attr, type DataType, isIntegral, isNumeric, newAttrId } from "../types.js";
import { cast, resolveName } from "./resolve.js";
import { outputOf } from "./types-of.js";

export type NaValue = number | bigint | string | boolean;
export type NaKind = "numeric" | "string" | "boolean";

const refOf = (a: Attr): Expr => ({ kind: "ref", attr: a });

function kindOfValue(v: unknown, operation: string): NaKind {
  if (typeof v === "number" || typeof v === "bigint") return "numeric";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  throw new AnalysisError(`${operation}: unsupported value ${String(v)} (${v === null ? "null" : typeof v}); use a number, bigint, string or boolean.`);
}

function kindOfType(t: DataType): NaKind | null {
  if (isNumeric(t)) return "numeric";
  if (t === "utf8") return "string";
  if (t === "boolean") return "boolean";
  return null;
}

function litOf(v: LitValue): Expr {
  if (v === null) return { kind: "lit", value: null, type: "null" };
  if (typeof v === "boolean") return { kind: "lit", value: v, type: "boolean" };
  if (typeof v === "string") return { kind: "lit", value: v, type: "utf8" };
  if (typeof v === "bigint") return { kind: "lit", value: v, type: "int64" };
  return { kind: "lit", value: v, type: "float64" };
}

/** The columns `subset` names (all when undefined), each resolved; unknown names fail. */
function targets(input: LogicalPlan, subset: readonly string[] | undefined, operation: string): Attr[] {
  const attrs = outputOf(input);
  if (subset === undefined) return [...attrs];
  return subset.map((n) => resolveName(n, undefined, attrs, { operation }));
}

/** Rebuilds every column, replacing those in `by` (same names, fresh ids). */
function projectReplacing(input: LogicalPlan, by: ReadonlyMap<number, Expr>): LogicalPlan {
  if (by.size === 0) return input;
  const exprs = outputOf(input).map((a): Expr => {
    const e = by.get(a.id);
    return e ? { kind: "alias", input: e, name: a.name, id: newAttrId() } : refOf(a);
  });
  return { kind: "project", input, exprs };
}

/** `a` with NaN read as null (float64 only). */
function nanAsNull(a: Attr): Expr {
  if (a.type !== "float64") return refOf(a);
  const isNan: Expr = { kind: "binary", op: "=", left: refOf(a), right: { kind: "lit", value: Number.NaN, type: "float64" } };
  return { kind: "case", branches: [{ when: isNan, then: { kind: "lit", value: null, type: "float64" } }], otherwise: refOf(a) };
}

function fillExpr(a: Attr, value: NaValue): Expr {
  return { kind: "call", fn: "coalesce", args: [nanAsNull(a), cast(litOf(value), a.type)] };
}

/** na.fill(value, subset) and na.fill({ column: value }). */
export function buildFillNa(input: LogicalPlan, value: NaValue | Readonly<Record<string, NaValue>>, subset?: readonly string[]): LogicalPlan {
  const operation = "na.fill";
  const by = new Map<number, Expr>();
  if (typeof value === "object") {
    if (subset !== undefined) throw new AnalysisError(`${operation}: subset cannot be given with a { column: value } map.`);
    const attrs = outputOf(input);
    for (const [name, v] of Object.entries(value)) {
      kindOfValue(v, operation);
      const a = resolveName(name, undefined, attrs, { operation });
      if (kindOfType(a.type) === null && typeof v !== "string") {
        throw new AnalysisError(`${operation}: cannot fill column "${name}" (${a.type}) with ${String(v)}.`);
      }
      by.set(a.id, fillExpr(a, v));
    }
    return projectReplacing(input, by);
  }
  const kind = kindOfValue(value, operation);
  for (const a of targets(input, subset, operation)) if (kindOfType(a.type) === kind) by.set(a.id, fillExpr(a, value));
  return projectReplacing(input, by);
}

export interface DropNaOptions {
  /** "any" (default): drop a row with any missing value; "all": only rows where all are missing. */
  readonly how?: "any" | "all";
  /** Keep rows with at least this many present values (overrides how). */
  readonly thresh?: number;
  readonly subset?: readonly string[];
}

/** na.drop: keeps rows with at least `thresh` present (non-null, non-NaN) values among the subset. */
export function buildDropNa(input: LogicalPlan, opts: DropNaOptions = {}): LogicalPlan {
  const operation = "na.drop";
  const how = opts.how ?? "any";
  if (how !== "any" && how !== "all") throw new AnalysisError(`${operation}: how must be "any" or "all", got "${String(how)}".`);
  if (opts.thresh !== undefined && (!Number.isInteger(opts.thresh) || opts.thresh < 0)) {
    throw new AnalysisError(`${operation}: thresh must be a whole number ≥ 0, got ${opts.thresh}.`);
  }
  const cols = targets(input, opts.subset, operation);
  const need = opts.thresh ?? (how === "any" ? cols.length : 1);
  if (need === 0) return input;
  const present = cols.map((a): Expr => ({ kind: "isNull", input: nanAsNull(a), negated: true }));
  if (need > cols.length) return { kind: "filter", input, predicate: { kind: "lit", value: false, type: "boolean" } };
  if (need === cols.length) {
    const all = present.reduce((l, r): Expr => ({ kind: "binary", op: "and", left: l, right: r }));
    return { kind: "filter", input, predicate: all };
  }
  const one = (p: Expr): Expr => ({ kind: "case", branches: [{ when: p, then: { kind: "lit", value: 1, type: "int32" } }], otherwise: { kind: "lit", value: 0, type: "int32" } });
  const count = present.map(one).reduce((l, r): Expr => ({ kind: "binary", op: "+", left: l, right: r }));
  return { kind: "filter", input, predicate: { kind: "binary", op: ">=", left: count, right: { kind: "lit", value: need, type: "int32" } } };
}

export type ReplaceValue = NaValue | null;

/** `col = key` in the column's type; null when the key can never match (1.5 in an int column). */
function matches(a: Attr, key: NaValue): Expr | null {
  let right: Expr;
  if (isIntegral(a.type)) {
    const n = typeof key === "bigint" ? key : Number.isInteger(key) ? BigInt(key as number) : null;
    if (n === null) return null;
    right = a.type === "int64" ? { kind: "lit", value: n, type: "int64" } : { kind: "lit", value: Number(n), type: "int32" };
  } else if (a.type === "float64") right = { kind: "lit", value: Number(key), type: "float64" };
  else right = litOf(key);
  return { kind: "binary", op: "=", left: refOf(a), right };
}

/** na.replace: CASE WHEN col = k THEN v … ELSE col END over the columns of the keys' kind. */
export function buildReplaceNa(input: LogicalPlan, pairs: readonly (readonly [NaValue, ReplaceValue])[], subset?: readonly string[]): LogicalPlan {
  const operation = "na.replace";
  if (pairs.length === 0) return input;
  const kinds = new Set(pairs.map(([k]) => kindOfValue(k, operation)));
  if (kinds.size > 1) throw new AnalysisError(`${operation}: the values to replace mix ${[...kinds].join(" and ")}; use one kind.`);
  const kind = [...kinds][0] as NaKind;
  for (const [, v] of pairs) {
    if (v !== null && kindOfValue(v, operation) !== kind) {
      throw new AnalysisError(`${operation}: replacement ${String(v)} is not ${kind} like the values it replaces.`);
    }
  }
  const by = new Map<number, Expr>();
  for (const a of targets(input, subset, operation)) {
    if (kindOfType(a.type) !== kind) continue;
    const branches = pairs.flatMap(([k, v]) => {
      const when = matches(a, k);
      return when ? [{ when, then: cast(litOf(v), a.type) }] : [];
    });
    if (branches.length) by.set(a.id, { kind: "case", branches, otherwise: refOf(a) });
  }
  return projectReplacing(input, by);
}
