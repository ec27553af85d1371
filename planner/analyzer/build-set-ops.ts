/**
 * INTERSECT and EXCEPT, DISTINCT and ALL, with Spark's semantics: rows are compared by position
 * (types widened as for union), and NULLs compare equal to each other, as in DISTINCT.
 *
 * Both sides are tagged and unioned, so nulls group together with no null-safe join:
 *
 * ```text
 * intersect / subtract (DISTINCT):
 * Project [a, b]
 * +- Filter ((l > 0) AND (r > 0))           subtract: (l > 0) AND (r = 0)
 *    +- Aggregate [a, b] [max(l) AS l, max(r) AS r]
 *       +- Union
 *          :- Project [a, b, 1 AS l, 0 AS r]  …left
 *          +- Project [a, b, 0 AS l, 1 AS r]  …right
 *
 * intersectAll / exceptAll: the left's k-th copy of a row is kept when the right holds ≥ k copies
 * (intersectAll) or < k copies (exceptAll):
 * Project [a, b]
 * +- Filter ((l = 1) AND (n <= r))          exceptAll: (l = 1) AND (n > r)
 *    +- Window [row_number() OVER (PARTITION BY a, b, l ORDER BY l) AS n]
 *       +- Window [sum(r) OVER (PARTITION BY a, b) AS r]
 *          +- Union …as above
 * ```
 */
import { AnalysisError } from "../errors.js";
import { type Expr, binary, lit } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import type { Attr } from "../types.js";
import { buildAggregate, buildFilter, buildProject, buildUnion } from "./builders.js";
import { outputOf } from "./types-of.js";

export type SetOp = "intersect" | "intersectAll" | "except" | "exceptAll";

const ref = (attr: Attr): Expr => ({ kind: "ref", attr });
const alias = (input: Expr, name: string): Expr => ({ kind: "alias", input, name });

/** The left and right rows, unioned with two tag columns: l (1 for a left row) and r (1 for a right row). */
function tagged(left: LogicalPlan, right: LogicalPlan, op: SetOp): { plan: LogicalPlan; cols: Attr[]; l: Attr; r: Attr } {
  const la = outputOf(left);
  const ra = outputOf(right);
  if (la.length !== ra.length) {
    throw new AnalysisError(
      `${op} needs the same number of columns: the first DataFrame has ${la.length} (${la.map((x) => x.name).join(", ")}), the second ${ra.length} (${ra.map((x) => x.name).join(", ")}).`,
    );
  }
  const tag = (p: LogicalPlan, attrs: readonly Attr[], isLeft: boolean): LogicalPlan =>
    buildProject(p, [...attrs.map(ref), alias(lit(isLeft ? 1 : 0), "__l"), alias(lit(isLeft ? 0 : 1), "__r")], op);
  const plan = buildUnion(tag(left, la, true), tag(right, ra, false), false);
  const out = outputOf(plan);
  return { plan, cols: out.slice(0, la.length), l: out[la.length] as Attr, r: out[la.length + 1] as Attr };
}

function projectCols(p: LogicalPlan, cols: readonly Attr[], op: SetOp): LogicalPlan {
  const out = outputOf(p);
  return buildProject(p, cols.map((c) => ref(out.find((a) => a.id === c.id) as Attr)), op);
}

/**
 * `left op right` as a plan whose columns are the left's (names) at the widened types.
 * @example buildSetOp(a.plan, b.plan, "intersect")
 */
export function buildSetOp(left: LogicalPlan, right: LogicalPlan, op: SetOp): LogicalPlan {
  const { plan, cols, l, r } = tagged(left, right, op);
  if (op === "intersect" || op === "except") {
    const agg = buildAggregate(plan, cols.map(ref), [
      alias({ kind: "agg", fn: "max", input: ref(l), distinct: false }, "__l"),
      alias({ kind: "agg", fn: "max", input: ref(r), distinct: false }, "__r"),
    ], op);
    const out = outputOf(agg);
    const cl = ref(out[cols.length] as Attr);
    const cr = ref(out[cols.length + 1] as Attr);
    const keep = op === "intersect" ? binary("and", binary(">", cl, lit(0)), binary(">", cr, lit(0))) : binary("and", binary(">", cl, lit(0)), binary("=", cr, lit(0)));
    return projectCols(buildFilter(agg, keep), outputOf(agg).slice(0, cols.length), op);
  }
  const rightCount: Expr = { kind: "over", fn: { kind: "agg", fn: "sum", input: ref(r), distinct: false }, partitionBy: cols.map(ref), orderBy: [], frame: null };
  const copy: Expr = {
    kind: "over",
    fn: { kind: "winFn", fn: "row_number", args: [], ignoreNulls: false },
    partitionBy: [...cols.map(ref), ref(l)],
    orderBy: [{ kind: "sortOrder", input: ref(l), ascending: true, nullsFirst: true }],
    frame: null,
  };
  const counted = buildProject(plan, [...cols.map(ref), ref(l), alias(rightCount, "__rc"), alias(copy, "__n")], op);
  const out = outputOf(counted);
  const isLeft = binary("=", ref(out[cols.length] as Attr), lit(1));
  const rc = ref(out[cols.length + 1] as Attr);
  const n = ref(out[cols.length + 2] as Attr);
  const keep = binary("and", isLeft, op === "intersectAll" ? binary("<=", n, rc) : binary(">", n, rc));
  return projectCols(buildFilter(counted, keep), out.slice(0, cols.length), op);
}
