/**
 * The pre-pass that rewrites Spark spellings the parser library lacks: it keeps the text's length
 * (so error columns stay right), leaves strings, quoted names and comments alone, and marks what
 * it rewrote in text order.
 */
import { describe, expect, it } from "vitest";
import { sparkSpellings } from "../../planner/sql/query/spark-spellings.js";
import { parseQuery } from "../../planner/sql/query/parse-query.js";

describe("sparkSpellings", () => {
  it("rewrites semi/anti joins, INTERSECT/EXCEPT ALL, RANGE frames, CROSS JOIN, CAST AS STRING and EXPLAIN, keeping the length", () => {
    const q = "EXPLAIN EXTENDED SELECT CAST(a AS STRING) FROM t LEFT SEMI JOIN u ON t.a = u.a ANTI JOIN v ON 1 = 1 CROSS JOIN w " +
      "INTERSECT ALL SELECT sum(b) OVER (ORDER BY b RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM x";
    const s = sparkSpellings(q);
    expect(s.text.length).toBe(q.length);
    expect(s.explain).toBe("extended");
    expect(s.text).toBe(
      "                 SELECT CAST(a AS TEXT  ) FROM t LEFT      JOIN u ON t.a = u.a LEFT JOIN v ON 1 = 1 INNER JOIN w " +
        "INTERSECT     SELECT sum(b) OVER (ORDER BY b ROWS  BETWEEN 1 PRECEDING AND CURRENT ROW) FROM x",
    );
    expect(s.marks).toEqual({ setOps: [true], joins: ["semi", "anti", null], frames: [true], windowFns: [] });
  });

  it("renames percent_rank( and cume_dist( to window functions the library knows, marking every ROW_NUMBER( and RANK(", () => {
    const q = "SELECT rank() OVER (ORDER BY a), PERCENT_RANK() OVER (ORDER BY a), cume_dist () OVER (ORDER BY a), row_number() OVER (ORDER BY a), rank FROM t";
    const s = sparkSpellings(q);
    expect(s.text).toBe("SELECT rank() OVER (ORDER BY a), ROW_NUMBER  () OVER (ORDER BY a), RANK      () OVER (ORDER BY a), row_number() OVER (ORDER BY a), rank FROM t");
    expect(s.marks.windowFns).toEqual([null, "percent_rank", "cume_dist", null]);
  });

  it("leaves strings, quoted names and comments alone", () => {
    const q = "SELECT 'LEFT SEMI JOIN', `ANTI JOIN` FROM t -- INTERSECT ALL\n/* RANGE BETWEEN */ WHERE a = \"CROSS JOIN\"";
    const s = sparkSpellings(q);
    expect(s.text).toBe(q);
    expect(s.marks).toEqual({ setOps: [], joins: [], frames: [], windowFns: [] });
  });

  it("hands each mark to its node, nested queries included", () => {
    const p = parseQuery(
      "SELECT a FROM (SELECT a FROM t LEFT ANTI JOIN u USING (a) EXCEPT ALL SELECT a FROM v) s LEFT SEMI JOIN w ON s.a = w.a UNION ALL SELECT a FROM z",
    );
    const outerFrom = p.ast["from"] as Record<string, unknown>[];
    expect(p.specialJoin.get(outerFrom[1] as never)).toBe("semi");
    const inner = ((outerFrom[0]?.["expr"] as Record<string, unknown>)["ast"]) as Record<string, unknown>;
    expect(p.specialJoin.get((inner["from"] as never[])[1] as never)).toBe("anti");
    expect(p.setOpAll.has(inner as never)).toBe(true);
    expect(p.ast["set_op"]).toBe("union all");
  });
});
