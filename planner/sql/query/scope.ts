/**
 * What names mean inside one SELECT: the attributes of its FROM clause, which of them each table
 * name or alias qualifies, and the enclosing query's scope (for correlated subqueries).
 */
import { AnalysisError } from "../../errors.js";
import { type Expr, lit } from "../../expr.js";
import { isStructType } from "../../nested-types.js";
import type { LogicalPlan } from "../../logical-plan.js";
import type { Attr } from "../../types.js";

export interface Rel {
  readonly plan: LogicalPlan;
  /** The columns `*` expands to (a subquery joined in for a scalar value adds hidden ones). */
  readonly visible: readonly Attr[];
  /** Lower-cased table name or alias → its columns. */
  readonly quals: ReadonlyMap<string, readonly Attr[]>;
}

export interface Scope {
  readonly rel: Rel;
  readonly outer: Scope | null;
  /** Set when a name resolved in `outer`: the subquery is correlated. */
  readonly correlated: { value: boolean };
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function find(attrs: readonly Attr[], name: string): Attr[] {
  const exact = attrs.filter((a) => a.name === name);
  return exact.length > 0 ? exact : attrs.filter((a) => same(a.name, name));
}

/**
 * A column reference: a `ref` when the name is found once in this scope or an enclosing one
 * (enclosing = correlated), otherwise an unresolved `col` that the builders resolve or reject
 * with their usual message (unknown or ambiguous, with the available columns).
 */
export function resolveColumn(scope: Scope, name: string, qualifier: string | undefined): Expr {
  for (let s: Scope | null = scope, depth = 0; s !== null; s = s.outer, depth++) {
    let pool: readonly Attr[] | undefined;
    if (qualifier === undefined) pool = s.rel.visible.length ? [...s.rel.visible, ...extraOf(s.rel)] : [];
    else pool = s.rel.quals.get(qualifier.toLowerCase());
    if (pool === undefined) continue;
    const hits = find(pool, name);
    if (hits.length === 1) {
      if (depth === 0) return { kind: "ref", attr: hits[0] as Attr };
      scope.correlated.value = true;
      return { kind: "outerRef", attr: hits[0] as Attr };
    }
    if (hits.length > 1 || qualifier !== undefined) break;
  }
  if (qualifier !== undefined && !hasQualifier(scope, qualifier)) {
    // Not a table: `s.a` may be field a of a struct column s (Spark tries the qualifier first).
    const base = resolveColumn(scope, qualifier, undefined);
    if ((base.kind === "ref" || base.kind === "outerRef") && isStructType(base.attr.type)) return fieldOf(base, name);
    const known = [...scope.rel.quals.keys()];
    throw new AnalysisError(`Table or alias "${qualifier}" (in ${qualifier}.${name}) is not in the FROM clause; tables in scope: ${known.join(", ") || "none"}.`);
  }
  return qualifier === undefined ? { kind: "col", name } : { kind: "col", name, qualifier };
}

function extraOf(rel: Rel): Attr[] {
  const seen = new Set(rel.visible.map((a) => a.id));
  const out: Attr[] = [];
  for (const attrs of rel.quals.values()) for (const a of attrs) if (!seen.has(a.id)) (seen.add(a.id), out.push(a));
  return out;
}

function hasQualifier(scope: Scope, q: string): boolean {
  for (let s: Scope | null = scope; s; s = s.outer) if (s.rel.quals.has(q.toLowerCase())) return true;
  return false;
}

/** `t.*`: the columns of table or alias `t`. */
export function starOf(scope: Scope, qualifier: string): Attr[] {
  const attrs = scope.rel.quals.get(qualifier.toLowerCase());
  if (!attrs) throw new AnalysisError(`Table or alias "${qualifier}" (in ${qualifier}.*) is not in the FROM clause; tables in scope: ${[...scope.rel.quals.keys()].join(", ") || "none"}.`);
  return [...attrs];
}

/** `base.name` on a struct (Spark's GetStructField); the analyzer checks that the field exists. */
export function fieldOf(base: Expr, name: string): Expr {
  return { kind: "call", fn: "get_field", args: [base, lit(name)] };
}
