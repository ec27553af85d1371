/**
 * rewrite_predicate_subquery and rewrite_scalar_subquery by plan text (before → after), over plans
 * the SQL planner builds from scans (no Session, no disk).
 */
import { describe, expect, it } from "vitest";
import { planToString } from "../../planner/explain.js";
import type { LogicalPlan } from "../../planner/logical-plan.js";
import { optimize } from "../../planner/optimizer.js";
import { applyRule } from "../../planner/rules/rule.js";
import { rewritePredicateSubquery } from "../../planner/rules/rewrite-predicate-subquery.js";
import { rewriteScalarSubquery } from "../../planner/rules/rewrite-scalar-subquery.js";
import type { SqlTables } from "../../planner/sql/query/context.js";
import { planSql } from "../../planner/sql/query/plan-query.js";
import { scan } from "../helpers/plans.js";

const t = scan("t.csv", { k: "int32", v: "float64", name: "utf8" });
const u = scan("u.csv", { k: "int32", w: "float64" });
const tables: SqlTables = {
  view: (n) => (n.toLowerCase() === "t" ? t : n.toLowerCase() === "u" ? u : undefined),
  viewNames: () => ["t", "u"],
  file: () => {
    throw new Error("no files here");
  },
  oneRow: () => t,
};
const sql = (q: string): LogicalPlan => planSql(q, tables).plan;
const lines = (...xs: string[]): string => xs.join("\n");

describe("rewrite_predicate_subquery", () => {
  it("a correlated EXISTS becomes a semi join on the lifted condition; the subquery keeps the column it reads", () => {
    const p = sql("SELECT name FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > 1)");
    expect(planToString(p)).toBe(lines("Project [name]", "+- Filter exists(subquery)", "   +- Scan csv t.csv [k, v, name]"));
    expect(planToString(applyRule(rewritePredicateSubquery, p))).toBe(
      lines(
        "Project [name]",
        "+- Join semi (k = k)",
        "   :- Scan csv t.csv [k, v, name]",
        "   +- Project [1, k]",
        "      +- Filter (w > CAST(1 AS FLOAT64))",
        "         +- Scan csv u.csv [k, w]",
      ),
    );
  });

  it("NOT IN over nullable columns is a null-aware anti join", () => {
    const p = applyRule(rewritePredicateSubquery, sql("SELECT name FROM t WHERE k NOT IN (SELECT k FROM u)"));
    expect(planToString(p)).toBe(
      lines("Project [name]", "+- Join anti (((k = k) OR (k IS NULL)) OR (k IS NULL))", "   :- Scan csv t.csv [k, v, name]", "   +- Project [k]", "      +- Scan csv u.csv [k, w]"),
    );
  });

  it("keeps the other conjuncts as a filter below the join", () => {
    const p = applyRule(rewritePredicateSubquery, sql("SELECT name FROM t WHERE v > 2 AND k IN (SELECT k FROM u)"));
    expect(planToString(p)).toBe(
      lines(
        "Project [name]",
        "+- Join semi (k = k)",
        "   :- Filter (v > CAST(2 AS FLOAT64))",
        "   :  +- Scan csv t.csv [k, v, name]",
        "   +- Project [k]",
        "      +- Scan csv u.csv [k, w]",
      ),
    );
  });
});

describe("rewrite_scalar_subquery", () => {
  it("a correlated count() is an aggregate grouped by the key, left-joined, null read as 0", () => {
    const p = sql("SELECT name, (SELECT count(*) FROM u WHERE u.k = t.k) AS n FROM t");
    expect(planToString(p)).toBe(lines("Project [name, scalar-subquery() AS n]", "+- Scan csv t.csv [k, v, name]"));
    expect(planToString(applyRule(rewriteScalarSubquery, p))).toBe(
      lines(
        "Project [name, coalesce(count(1), 0L) AS n]",
        "+- Join left (k = k)",
        "   :- Scan csv t.csv [k, v, name]",
        "   +- Aggregate [k] [count(1)]",
        "      +- Scan csv u.csv [k, w]",
      ),
    );
  });

  it("an uncorrelated scalar in a filter is a cross join with the one-row aggregate, projected back", () => {
    const p = applyRule(rewriteScalarSubquery, sql("SELECT name FROM t WHERE v > (SELECT avg(w) FROM u)"));
    expect(planToString(p)).toBe(
      lines(
        "Project [name]",
        "+- Project [k, v, name]",
        "   +- Filter (v > avg(w))",
        "      +- Join cross",
        "         :- Scan csv t.csv [k, v, name]",
        "         +- Aggregate [] [avg(w)]",
        "            +- Scan csv u.csv [k, w]",
      ),
    );
  });

  it("runs first in the optimizer, so the optimized plan holds no subquery", () => {
    const text = planToString(optimize(sql("SELECT name FROM t WHERE k IN (SELECT k FROM u WHERE w > (SELECT max(w) FROM u))")));
    expect(text).not.toMatch(/subquery/);
    expect(text).toMatch(/Join semi/);
    expect(text).toMatch(/Join inner \(w > max\(w\)\)/); // the cross join, with the filter pushed into it
  });
});
