/**
 * extract_common_disjuncts: a conjunct that every branch of an OR shares is pulled out of it
 * (Spark's BooleanSimplification does the same), so a join key written in each branch becomes a
 * key of the join instead of a condition tested on every pair of a nested loop (TPC-H Q19). It is
 * exact under SQL's three-valued logic: AND distributes over OR there too.
 *
 * ```text
 * Before:                                          After:
 * Filter (((k = pk) AND (b = 1)) OR                Filter ((k = pk) AND ((b = 1) OR (b = 2)))
 *         ((k = pk) AND (b = 2)))                  +- Join Inner
 * +- Join Inner                                       :- Scan parquet lineitem [k]
 *    :- Scan parquet lineitem [k]                     +- Scan parquet part [pk, b]
 *    +- Scan parquet part [pk, b]
 * ```
 */
import { type Expr, andAll, binary, conjuncts } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import type { Rule } from "./rule.js";

/** Splits `a OR b OR c` into its disjuncts. */
function disjuncts(e: Expr): Expr[] {
  if (e.kind === "binary" && e.op === "or") return [...disjuncts(e.left), ...disjuncts(e.right)];
  return [e];
}

/** Structural identity of an expression (plain data; bigint literals included). */
const keyOf = (e: Expr): string => JSON.stringify(e, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

/** `(a AND b) OR (a AND c)` → `a AND (b OR c)`; the same object when no conjunct is common. */
export function extractCommon(e: Expr): Expr {
  const ors = disjuncts(e);
  if (ors.length < 2) return e;
  const branches = ors.map((d) => conjuncts(d).map((c) => ({ c, key: keyOf(c) })));
  const first = branches[0] ?? [];
  const common = first.filter(({ key }) => branches.every((b) => b.some((x) => x.key === key)));
  if (common.length === 0) return e;
  const commonKeys = new Set(common.map((x) => x.key));
  const rests = branches.map((b) => b.filter((x) => !commonKeys.has(x.key)).map((x) => x.c));
  const commonExpr = andAll(common.map((x) => x.c)) as Expr;
  // A branch with nothing left is just the common part: (a) OR (a AND c) is a.
  if (rests.some((r) => r.length === 0)) return commonExpr;
  const rest = rests.map((r) => andAll(r) as Expr).reduce((l, r) => binary("or", l, r));
  return binary("and", commonExpr, rest);
}

/** Rewrites every conjunct of a predicate; the same object when nothing changed. */
function rewritePredicate(p: Expr): Expr {
  const cs = conjuncts(p);
  const out = cs.map(extractCommon);
  return out.every((c, i) => c === cs[i]) ? p : (andAll(out) as Expr);
}

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind === "filter") {
    const predicate = rewritePredicate(p.predicate);
    return predicate === p.predicate ? p : { ...p, predicate };
  }
  if (p.kind === "join" && p.condition) {
    const condition = rewritePredicate(p.condition);
    return condition === p.condition ? p : { ...p, condition };
  }
  return p;
}

export const extractCommonDisjuncts: Rule = { name: "extract_common_disjuncts", rewrite };
