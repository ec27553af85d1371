/**
 * window_group_limit: a filter keeping the first k rows of each window partition
 * (`row_number() OVER (PARTITION BY p ORDER BY o) <= k`) lets every task keep only its own first k
 * rows per partition before the shuffle (Spark's WindowGroupLimit): db-benchmark's q8 shuffles and
 * sorts 2 rows per id6 group and task instead of every row. Only when every function of the Window
 * is row_number (any other could see the rows the pre-filter drops).
 *
 * ```text
 * Before:                                          After:
 * Filter (rn <= 2)                                 Filter (rn <= 2)
 * +- Window [row_number() … AS rn] partitionBy=[p]  +- Window [row_number() … AS rn] partitionBy=[p] groupLimit=2
 * ```
 */
import type { Expr } from "../expr.js";
import { conjuncts } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import type { Rule } from "./rule.js";

/** The largest k kept by `ref <= k`, `ref < k` or `ref = 1` on one of `ids`; null otherwise. */
function limitOf(c: Expr, ids: ReadonlySet<number>): number | null {
  if (c.kind !== "binary" || c.left.kind !== "ref" || !ids.has(c.left.attr.id) || c.right.kind !== "lit") return null;
  const v = c.right.value;
  const k = typeof v === "bigint" ? Number(v) : v;
  if (typeof k !== "number" || !Number.isInteger(k)) return null;
  if (c.op === "<=") return k;
  if (c.op === "<") return k - 1;
  if (c.op === "=" && k === 1) return 1;
  return null;
}

function rewrite(p: LogicalPlan): LogicalPlan {
  if (p.kind !== "filter" || p.input.kind !== "window") return p;
  const w = p.input;
  const ids = new Set<number>();
  for (const e of w.exprs) {
    const over = e.kind === "alias" ? e.input : e;
    if (over.kind !== "over" || over.fn.kind !== "winFn" || over.fn.fn !== "row_number" || e.kind !== "alias" || e.id === undefined) return p;
    ids.add(e.id);
  }
  let limit: number | null = null;
  for (const c of conjuncts(p.predicate)) {
    const k = limitOf(c, ids);
    if (k !== null) limit = limit === null ? k : Math.min(limit, k);
  }
  if (limit === null || limit < 1 || (w.groupLimit !== undefined && w.groupLimit <= limit)) return p;
  return { ...p, input: { ...w, groupLimit: limit } };
}

export const windowGroupLimit: Rule = { name: "window_group_limit", rewrite };
