/**
 * constant_folding: evaluates literal-only expressions at planning time and simplifies boolean
 * logic; a filter that is always true disappears, one that is never true becomes an empty relation.
 *
 * ```text
 * Before:                                   After:
 * Filter ((age > (20 + 5)) AND true)        Filter (age > 25)
 * +- Scan csv people.csv [age]              +- Scan csv people.csv [age]
 *
 * Filter (1 = 2)                            LocalRelation [age] (0 rows)
 * +- Scan csv people.csv [age]
 * ```
 */
import { type Expr, transformUp } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import { outputOf } from "../analyzer/types-of.js";
import { foldLiteral } from "./fold-literal.js";
import type { Rule } from "./rule.js";

const isTrue = (e: Expr): boolean => e.kind === "lit" && e.value === true;
const isFalse = (e: Expr): boolean => e.kind === "lit" && e.value === false;
const isNullLit = (e: Expr): boolean => e.kind === "lit" && e.value === null;

function simplify(e: Expr): Expr {
  if (e.kind === "binary" && e.op === "and") {
    if (isTrue(e.left)) return e.right;
    if (isTrue(e.right)) return e.left;
    // `x AND false` is false for every x, null included.
    if (isFalse(e.left) || isFalse(e.right)) return { kind: "lit", value: false, type: "boolean" };
  }
  if (e.kind === "binary" && e.op === "or") {
    if (isFalse(e.left)) return e.right;
    if (isFalse(e.right)) return e.left;
    if (isTrue(e.left) || isTrue(e.right)) return { kind: "lit", value: true, type: "boolean" };
  }
  if (e.kind === "not" && e.input.kind === "not") return e.input.input;
  return foldLiteral(e) ?? e;
}

export const foldExpr = (e: Expr): Expr => transformUp(e, simplify);

function foldAll(exprs: readonly Expr[]): readonly Expr[] {
  let changed = false;
  const out = exprs.map((e) => {
    const f = foldExpr(e);
    if (f !== e) changed = true;
    return f;
  });
  return changed ? out : exprs;
}

function rewrite(p: LogicalPlan): LogicalPlan {
  switch (p.kind) {
    case "filter": {
      const pred = foldExpr(p.predicate);
      if (isTrue(pred)) return p.input;
      if (isFalse(pred) || isNullLit(pred)) return { kind: "local", partitions: [], rows: 0, output: outputOf(p.input) };
      return pred === p.predicate ? p : { ...p, predicate: pred };
    }
    case "project": {
      const exprs = foldAll(p.exprs);
      return exprs === p.exprs ? p : { ...p, exprs };
    }
    case "join": {
      if (!p.condition) return p;
      const c = foldExpr(p.condition);
      return c === p.condition ? p : { ...p, condition: c };
    }
    case "scan": {
      const filters = foldAll(p.filters).filter((f) => !isTrue(f));
      return filters.length === p.filters.length && filters.every((f, i) => f === p.filters[i]) ? p : { ...p, filters };
    }
    default:
      return p;
  }
}

export const constantFolding: Rule = { name: "constant_folding", rewrite };
