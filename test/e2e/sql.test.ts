/**
 * session.sql() end to end, with 1 worker and with 4: every query's answer is computed in plain
 * JavaScript over the same generated rows (seeded, with nulls), never through the engine. The
 * queries cover the grammar the README lists: expressions, WHERE, GROUP BY (position, alias,
 * expression), HAVING, ORDER BY (position, alias, NULLS FIRST/LAST, a dropped column), LIMIT /
 * OFFSET, DISTINCT, every join kind with ON and USING, subqueries in FROM, CTEs, set operations
 * with duplicates and nulls, CASE, CAST, IN, EXISTS, BETWEEN, LIKE/ILIKE, IS NULL, windows,
 * decorrelated subqueries (null-aware NOT IN) and files queried by path.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session, type Row, type Value } from "../../src/index.js";
import { expectRowsInOrder, expectSameRows, rng } from "../helpers/rows.js";

interface Emp {
  id: number;
  dept: string | null;
  age: number | null;
  salary: number | null;
  name: string;
}
interface Dept {
  dept: string | null;
  budget: number;
  region: string | null;
}
interface AB {
  x: number | null;
  y: string | null;
}

const rand = rng(42);
const emp: Emp[] = Array.from({ length: 300 }, (_, id) => ({
  id,
  dept: rand() < 0.06 ? null : `d${Math.floor(rand() * 6)}`,
  age: rand() < 0.1 ? null : 20 + Math.floor(rand() * 45),
  salary: rand() < 0.1 ? null : 1000 + Math.round(rand() * 1e5) / 100,
  name: `${["Ann", "bob", "Carl", "dave", "Eve"][Math.floor(rand() * 5)]}${id}`,
}));
// d5 has employees but no dept row; d6 and d7 have no employees; one dept row has a null name.
const dept: Dept[] = ["d0", "d1", "d2", "d3", "d4", "d6", "d7", null].map((d, i) => ({
  dept: d,
  budget: 200 + 60 * i,
  region: i === 3 ? null : i % 2 === 0 ? "north" : "south",
}));
const abRows = (seed: number): AB[] => {
  const r = rng(seed);
  return Array.from({ length: 80 }, () => ({
    x: r() < 0.1 ? null : Math.floor(r() * 6),
    y: r() < 0.1 ? null : ["p", "q", "r"][Math.floor(r() * 3)] ?? null,
  }));
};
const a = abRows(7);
const b = abRows(8);
const fileRows = Array.from({ length: 200 }, (_, i) => ({ k: `k${i % 7}`, v: (i * 37) % 50 }));

// ---- plain JavaScript helpers ------------------------------------------------------------------
const big = (n: number): bigint => BigInt(n);
const keyOf = (v: unknown): string => JSON.stringify(v);
function groupBy<T>(xs: readonly T[], key: (x: T) => unknown): Map<string, { key: unknown; rows: T[] }> {
  const m = new Map<string, { key: unknown; rows: T[] }>();
  for (const x of xs) {
    const k = key(x);
    const g = m.get(keyOf(k)) ?? { key: k, rows: [] };
    g.rows.push(x);
    m.set(keyOf(k), g);
  }
  return m;
}
const nn = <T,>(xs: readonly (T | null)[]): T[] => xs.filter((x): x is T => x !== null);
const sumInt = (xs: readonly (number | null)[]): bigint | null => (nn(xs).length ? big(nn(xs).reduce((s, v) => s + v, 0)) : null);
const sumF = (xs: readonly (number | null)[]): number | null => (nn(xs).length ? nn(xs).reduce((s, v) => s + v, 0) : null);
const avg = (xs: readonly (number | null)[]): number | null => (nn(xs).length ? nn(xs).reduce((s, v) => s + v, 0) / nn(xs).length : null);
const maxOf = (xs: readonly (number | null)[]): number | null => (nn(xs).length ? Math.max(...nn(xs)) : null);
const minOf = (xs: readonly (number | null)[]): number | null => (nn(xs).length ? Math.min(...nn(xs)) : null);
const distinctRows = <T,>(xs: readonly T[]): T[] => [...new Map(xs.map((x) => [keyOf(x), x])).values()];
const countIn = <T,>(xs: readonly T[], x: T): number => xs.filter((y) => keyOf(y) === keyOf(x)).length;
/** Null-first ascending comparison of two nullable numbers or strings (Spark's ASC NULLS FIRST). */
const asc = (p: number | string | null, q: number | string | null): number => (p === q ? 0 : p === null ? -1 : q === null ? 1 : p < q ? -1 : 1);
const deptRow = (d: string | null): Dept | undefined => (d === null ? undefined : dept.find((x) => x.dept === d));

interface Case {
  readonly name: string;
  readonly sql: string | ((dir: string) => string);
  readonly expected: () => Record<string, Value>[];
  /** Compare in order (the query has a total ORDER BY). */
  readonly ordered?: boolean;
}

const cases: Case[] = [
  {
    name: "select expressions with aliases",
    sql: "SELECT id, age + 1 AS a1, salary * 2 AS s2 FROM emp",
    expected: () => emp.map((e) => ({ id: e.id, a1: e.age === null ? null : e.age + 1, s2: e.salary === null ? null : e.salary * 2 })),
  },
  {
    name: "WHERE with AND / OR and parentheses",
    sql: "SELECT id FROM emp WHERE age > 30 AND (dept = 'd1' OR dept = 'd2')",
    expected: () => emp.filter((e) => e.age !== null && e.age > 30 && (e.dept === "d1" || e.dept === "d2")).map((e) => ({ id: e.id })),
  },
  {
    name: "IS NULL / IS NOT NULL",
    sql: "SELECT id FROM emp WHERE age IS NULL OR (salary IS NULL AND dept IS NOT NULL)",
    expected: () => emp.filter((e) => e.age === null || (e.salary === null && e.dept !== null)).map((e) => ({ id: e.id })),
  },
  {
    name: "BETWEEN",
    sql: "SELECT id FROM emp WHERE dept IS NOT NULL AND age BETWEEN 30 AND 40",
    expected: () => emp.filter((e) => e.dept !== null && e.age !== null && e.age >= 30 && e.age <= 40).map((e) => ({ id: e.id })),
  },
  {
    name: "NOT BETWEEN (null ages drop out)",
    sql: "SELECT id FROM emp WHERE age NOT BETWEEN 25 AND 60",
    expected: () => emp.filter((e) => e.age !== null && !(e.age >= 25 && e.age <= 60)).map((e) => ({ id: e.id })),
  },
  {
    name: "LIKE is case-sensitive",
    sql: "SELECT id, name FROM emp WHERE name LIKE 'A%' OR name LIKE '%7'",
    expected: () => emp.filter((e) => e.name.startsWith("A") || e.name.endsWith("7")).map((e) => ({ id: e.id, name: e.name })),
  },
  {
    name: "ILIKE ignores case",
    sql: "SELECT id FROM emp WHERE name ILIKE 'B%'",
    expected: () => emp.filter((e) => e.name.toLowerCase().startsWith("b")).map((e) => ({ id: e.id })),
  },
  {
    name: "NOT LIKE",
    sql: "SELECT id FROM emp WHERE name NOT LIKE '%a%'",
    expected: () => emp.filter((e) => !e.name.includes("a")).map((e) => ({ id: e.id })),
  },
  {
    name: "IN list",
    sql: "SELECT id FROM emp WHERE age IN (25, 30, 35)",
    expected: () => emp.filter((e) => e.age !== null && [25, 30, 35].includes(e.age)).map((e) => ({ id: e.id })),
  },
  {
    name: "NOT IN list (null depts drop out)",
    sql: "SELECT id FROM emp WHERE dept NOT IN ('d1', 'd2')",
    expected: () => emp.filter((e) => e.dept !== null && !["d1", "d2"].includes(e.dept)).map((e) => ({ id: e.id })),
  },
  {
    name: "searched and simple CASE",
    sql: "SELECT id, CASE WHEN age < 30 THEN 'young' WHEN age < 50 THEN 'mid' ELSE 'old' END AS band, CASE dept WHEN 'd0' THEN 0 WHEN 'd1' THEN 1 END AS dcode FROM emp",
    expected: () =>
      emp.map((e) => ({
        id: e.id,
        band: e.age !== null && e.age < 30 ? "young" : e.age !== null && e.age < 50 ? "mid" : "old",
        dcode: e.dept === "d0" ? 0 : e.dept === "d1" ? 1 : null,
      })),
  },
  {
    name: "CAST and ::",
    sql: "SELECT id, CAST(age AS STRING) AS s, CAST('12' AS INT) + id AS n, age::double / 2 AS h FROM emp",
    expected: () => emp.map((e) => ({ id: e.id, s: e.age === null ? null : String(e.age), n: 12 + e.id, h: e.age === null ? null : e.age / 2 })),
  },
  {
    name: "GROUP BY with count, sum, avg, min, max (null group included)",
    sql: "SELECT dept, count(*) AS n, count(age) AS na, sum(age) AS sa, avg(salary) AS av, min(age) AS mn, max(salary) AS mx FROM emp GROUP BY dept",
    expected: () =>
      [...groupBy(emp, (e) => e.dept).values()].map(({ key, rows }) => ({
        dept: key as string | null,
        n: big(rows.length),
        na: big(nn(rows.map((r) => r.age)).length),
        sa: sumInt(rows.map((r) => r.age)),
        av: avg(rows.map((r) => r.salary)),
        mn: minOf(rows.map((r) => r.age)),
        mx: maxOf(rows.map((r) => r.salary)),
      })),
  },
  {
    name: "GROUP BY position",
    sql: "SELECT dept, count(*) FROM emp GROUP BY 1",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].map(({ key, rows }) => ({ dept: key as string | null, "count(1)": big(rows.length) })),
  },
  {
    name: "GROUP BY alias",
    sql: "SELECT age % 10 AS bucket, count(*) AS n FROM emp WHERE age IS NOT NULL GROUP BY bucket",
    expected: () => [...groupBy(emp.filter((e) => e.age !== null), (e) => (e.age as number) % 10).values()].map(({ key, rows }) => ({ bucket: key as number, n: big(rows.length) })),
  },
  {
    name: "GROUP BY an expression repeated in the select list",
    sql: "SELECT upper(dept) AS d, sum(salary) AS s FROM emp GROUP BY upper(dept)",
    expected: () => [...groupBy(emp, (e) => e.dept?.toUpperCase() ?? null).values()].map(({ key, rows }) => ({ d: key as string | null, s: sumF(rows.map((r) => r.salary)) })),
  },
  {
    name: "HAVING on an aggregate not in the select list",
    sql: "SELECT dept FROM emp GROUP BY dept HAVING count(*) > 50",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].filter((g) => g.rows.length > 50).map((g) => ({ dept: g.key as string | null })),
  },
  {
    name: "HAVING on a select alias",
    sql: "SELECT dept, sum(age) AS s FROM emp GROUP BY dept HAVING s > 1500",
    expected: () =>
      [...groupBy(emp, (e) => e.dept).values()]
        .map((g) => ({ dept: g.key as string | null, s: sumInt(g.rows.map((r) => r.age)) }))
        .filter((r) => r.s !== null && r.s > 1500n),
  },
  {
    name: "aggregates with FILTER (WHERE …)",
    sql: "SELECT dept, count(*) FILTER (WHERE age > 40) AS old, sum(salary) FILTER (WHERE name LIKE 'A%') AS ann FROM emp GROUP BY dept",
    expected: () =>
      [...groupBy(emp, (e) => e.dept).values()].map((g) => ({
        dept: g.key as string | null,
        old: big(g.rows.filter((r) => r.age !== null && r.age > 40).length),
        ann: sumF(g.rows.filter((r) => r.name.startsWith("A")).map((r) => r.salary)),
      })),
  },
  {
    name: "window: first_value IGNORE NULLS",
    sql: "SELECT id, first_value(age) IGNORE NULLS OVER (PARTITION BY dept ORDER BY id) AS fa FROM emp",
    expected: () => emp.map((e) => ({ id: e.id, fa: emp.find((x) => x.dept === e.dept && x.id <= e.id && x.age !== null)?.age ?? null })),
  },
  {
    name: "count(DISTINCT)",
    sql: "SELECT dept, count(DISTINCT age) AS da FROM emp GROUP BY dept",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].map((g) => ({ dept: g.key as string | null, da: big(new Set(nn(g.rows.map((r) => r.age))).size) })),
  },
  {
    name: "global aggregate",
    sql: "SELECT count(*) AS n, max(age) AS m, sum(salary) AS s FROM emp WHERE dept = 'd3'",
    expected: () => {
      const rows = emp.filter((e) => e.dept === "d3");
      return [{ n: big(rows.length), m: maxOf(rows.map((r) => r.age)), s: sumF(rows.map((r) => r.salary)) }];
    },
  },
  {
    name: "ORDER BY position DESC, LIMIT",
    sql: "SELECT id, age FROM emp WHERE age IS NOT NULL ORDER BY 2 DESC, 1 LIMIT 15",
    ordered: true,
    expected: () =>
      emp
        .filter((e) => e.age !== null)
        .sort((p, q) => (q.age as number) - (p.age as number) || p.id - q.id)
        .slice(0, 15)
        .map((e) => ({ id: e.id, age: e.age })),
  },
  {
    name: "ORDER BY an alias",
    sql: "SELECT id, salary * 2 AS s2 FROM emp WHERE salary IS NOT NULL ORDER BY s2, id LIMIT 10",
    ordered: true,
    expected: () =>
      emp
        .filter((e) => e.salary !== null)
        .map((e) => ({ id: e.id, s2: (e.salary as number) * 2 }))
        .sort((p, q) => p.s2 - q.s2 || p.id - q.id)
        .slice(0, 10),
  },
  {
    name: "ORDER BY ASC NULLS LAST",
    sql: "SELECT id, age FROM emp ORDER BY age ASC NULLS LAST, id DESC",
    ordered: true,
    expected: () => [...emp].sort((p, q) => (p.age === null ? (q.age === null ? 0 : 1) : q.age === null ? -1 : p.age - q.age) || q.id - p.id).map((e) => ({ id: e.id, age: e.age })),
  },
  {
    name: "ORDER BY DESC NULLS FIRST",
    sql: "SELECT id, age FROM emp ORDER BY age DESC NULLS FIRST, id",
    ordered: true,
    expected: () => [...emp].sort((p, q) => (p.age === null ? (q.age === null ? 0 : -1) : q.age === null ? 1 : q.age - p.age) || p.id - q.id).map((e) => ({ id: e.id, age: e.age })),
  },
  {
    name: "ORDER BY a column the select list drops",
    sql: "SELECT name FROM emp ORDER BY id DESC LIMIT 5",
    ordered: true,
    expected: () => [...emp].sort((p, q) => q.id - p.id).slice(0, 5).map((e) => ({ name: e.name })),
  },
  {
    name: "LIMIT with OFFSET",
    sql: "SELECT id FROM emp ORDER BY id LIMIT 10 OFFSET 5",
    ordered: true,
    expected: () => emp.slice(5, 15).map((e) => ({ id: e.id })),
  },
  {
    name: "OFFSET without LIMIT, and LIMIT ALL",
    sql: "SELECT id FROM emp WHERE id < 20 ORDER BY id DESC LIMIT ALL OFFSET 15",
    ordered: true,
    expected: () => [4, 3, 2, 1, 0].map((id) => ({ id })),
  },
  {
    name: "DISTINCT one column (null is one value)",
    sql: "SELECT DISTINCT dept FROM emp",
    expected: () => distinctRows(emp.map((e) => ({ dept: e.dept }))),
  },
  {
    name: "DISTINCT over an expression",
    sql: "SELECT DISTINCT dept, age % 3 AS m FROM emp",
    expected: () => distinctRows(emp.map((e) => ({ dept: e.dept, m: e.age === null ? null : e.age % 3 }))),
  },
  {
    name: "INNER JOIN ON with table aliases",
    sql: "SELECT e.id, d.region FROM emp e JOIN dept d ON e.dept = d.dept",
    expected: () => emp.flatMap((e) => (deptRow(e.dept) ? [{ id: e.id, region: (deptRow(e.dept) as Dept).region }] : [])),
  },
  {
    name: "LEFT OUTER JOIN",
    sql: "SELECT e.id, d.budget FROM emp e LEFT OUTER JOIN dept d ON e.dept = d.dept",
    expected: () => emp.map((e) => ({ id: e.id, budget: deptRow(e.dept)?.budget ?? null })),
  },
  {
    name: "RIGHT JOIN with an extra ON condition",
    sql: "SELECT e.id, d.dept FROM emp e RIGHT JOIN dept d ON e.dept = d.dept AND e.age > 50",
    expected: () =>
      dept.flatMap((d) => {
        const m = emp.filter((e) => d.dept !== null && e.dept === d.dept && e.age !== null && e.age > 50);
        return m.length ? m.map((e) => ({ id: e.id as number | null, dept: d.dept })) : [{ id: null, dept: d.dept }];
      }),
  },
  {
    name: "FULL OUTER JOIN",
    sql: "SELECT e.id, d.dept AS dd FROM emp e FULL OUTER JOIN dept d ON e.dept = d.dept",
    expected: () => [
      ...emp.map((e) => ({ id: e.id as number | null, dd: deptRow(e.dept)?.dept ?? null })),
      ...dept.filter((d) => d.dept === null || !emp.some((e) => e.dept === d.dept)).map((d) => ({ id: null, dd: d.dept })),
    ],
  },
  {
    name: "JOIN USING",
    sql: "SELECT dept, id, budget FROM emp JOIN dept USING (dept)",
    expected: () => emp.flatMap((e) => (deptRow(e.dept) ? [{ dept: e.dept, id: e.id, budget: (deptRow(e.dept) as Dept).budget }] : [])),
  },
  {
    name: "NATURAL JOIN and NATURAL LEFT JOIN join on the shared column names",
    sql: "SELECT id, budget, m.b2 FROM emp NATURAL JOIN dept NATURAL LEFT JOIN (SELECT dept, budget * 2 AS b2 FROM dept WHERE budget > 400) m",
    expected: () =>
      emp.flatMap((e) => {
        const d = deptRow(e.dept);
        return d ? [{ id: e.id, budget: d.budget, b2: d.budget > 400 ? d.budget * 2 : null }] : [];
      }),
  },
  {
    name: "CROSS JOIN with a subquery",
    sql: "SELECT s.x AS x1, d.dept FROM (SELECT DISTINCT x FROM a) s CROSS JOIN dept d",
    expected: () => distinctRows(a.map((r) => r.x)).flatMap((x) => dept.map((d) => ({ x1: x, dept: d.dept }))),
  },
  {
    name: "LEFT SEMI JOIN",
    sql: "SELECT id FROM emp LEFT SEMI JOIN dept ON emp.dept = dept.dept AND dept.budget > 400",
    expected: () => emp.filter((e) => (deptRow(e.dept)?.budget ?? 0) > 400).map((e) => ({ id: e.id })),
  },
  {
    name: "LEFT ANTI JOIN",
    sql: "SELECT id, dept FROM emp LEFT ANTI JOIN dept ON emp.dept = dept.dept",
    expected: () => emp.filter((e) => !deptRow(e.dept)).map((e) => ({ id: e.id, dept: e.dept })),
  },
  {
    name: "comma join with the condition in WHERE",
    sql: "SELECT e.id, d.budget FROM emp e, dept d WHERE e.dept = d.dept AND e.age < 25",
    expected: () => emp.filter((e) => deptRow(e.dept) && e.age !== null && e.age < 25).map((e) => ({ id: e.id, budget: (deptRow(e.dept) as Dept).budget })),
  },
  {
    name: "self join",
    sql: "SELECT p.id AS i1, q.id AS i2 FROM emp p JOIN emp q ON p.age = q.age AND p.id < q.id WHERE p.dept = 'd0' AND q.dept = 'd0'",
    expected: () => {
      const d0 = emp.filter((e) => e.dept === "d0");
      return d0.flatMap((p) => d0.filter((q) => p.age !== null && p.age === q.age && p.id < q.id).map((q) => ({ i1: p.id, i2: q.id })));
    },
  },
  {
    name: "subquery in FROM",
    sql: "SELECT s.dept, s.n FROM (SELECT dept, count(*) AS n FROM emp GROUP BY dept) s WHERE s.n > 45",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].filter((g) => g.rows.length > 45).map((g) => ({ dept: g.key as string | null, n: big(g.rows.length) })),
  },
  {
    name: "subquery in FROM naming its columns: alias (a, b)",
    sql: "SELECT c.d, c.cnt FROM (SELECT dept, count(age) FROM emp GROUP BY dept) AS c (d, cnt) WHERE cnt > 40",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].map((g) => ({ d: g.key as string | null, cnt: big(nn(g.rows.map((r) => r.age)).length) })).filter((r) => r.cnt > 40n),
  },
  {
    name: "a table naming its columns: alias(a, b, …)",
    sql: "SELECT q, p FROM a x(q, p) WHERE q > 3",
    expected: () => a.filter((r) => r.x !== null && r.x > 3).map((r) => ({ q: r.x, p: r.y })),
  },
  {
    name: "WITH (a CTE)",
    sql: "WITH old AS (SELECT * FROM emp WHERE age >= 50) SELECT dept, count(*) AS n FROM old GROUP BY dept",
    expected: () => [...groupBy(emp.filter((e) => e.age !== null && e.age >= 50), (e) => e.dept).values()].map((g) => ({ dept: g.key as string | null, n: big(g.rows.length) })),
  },
  {
    name: "WITH two CTEs, the second reading the first",
    sql: "WITH a1 AS (SELECT dept, avg(salary) AS av FROM emp GROUP BY dept), a2 AS (SELECT * FROM a1 WHERE av > 1500) SELECT dept FROM a2",
    expected: () => [...groupBy(emp, (e) => e.dept).values()].filter((g) => (avg(g.rows.map((r) => r.salary)) ?? 0) > 1500).map((g) => ({ dept: g.key as string | null })),
  },
  {
    name: "WITH naming its columns",
    sql: "WITH c(who, years) AS (SELECT id, age FROM emp) SELECT who FROM c WHERE years > 60",
    expected: () => emp.filter((e) => e.age !== null && e.age > 60).map((e) => ({ who: e.id })),
  },
  {
    name: "a three-way join with qualified star",
    sql: "SELECT d.*, e.id FROM emp e JOIN dept d ON e.dept = d.dept JOIN emp f ON f.id = e.id + 1 WHERE f.dept = e.dept",
    expected: () =>
      emp.flatMap((e) => {
        const d = deptRow(e.dept);
        const f = emp.find((x) => x.id === e.id + 1);
        return d && f && f.dept === e.dept ? [{ dept: d.dept, budget: d.budget, region: d.region, id: e.id }] : [];
      }),
  },
  {
    name: "UNION ALL keeps duplicates",
    sql: "SELECT x, y FROM a UNION ALL SELECT x, y FROM b",
    expected: () => [...a, ...b].map((r) => ({ x: r.x, y: r.y })),
  },
  {
    name: "UNION removes duplicates (nulls equal)",
    sql: "SELECT x, y FROM a UNION SELECT x, y FROM b",
    expected: () => distinctRows([...a, ...b].map((r) => ({ x: r.x, y: r.y }))),
  },
  {
    name: "INTERSECT",
    sql: "SELECT x, y FROM a INTERSECT SELECT x, y FROM b",
    expected: () => distinctRows(a).filter((r) => countIn(b, r) > 0),
  },
  {
    name: "INTERSECT ALL",
    sql: "SELECT x, y FROM a INTERSECT ALL SELECT x, y FROM b",
    expected: () => distinctRows(a).flatMap((r) => Array.from({ length: Math.min(countIn(a, r), countIn(b, r)) }, () => r)),
  },
  {
    name: "EXCEPT",
    sql: "SELECT x, y FROM a EXCEPT SELECT x, y FROM b",
    expected: () => distinctRows(a).filter((r) => countIn(b, r) === 0),
  },
  {
    name: "EXCEPT ALL",
    sql: "SELECT x, y FROM a EXCEPT ALL SELECT x, y FROM b",
    expected: () => distinctRows(a).flatMap((r) => Array.from({ length: Math.max(0, countIn(a, r) - countIn(b, r)) }, () => r)),
  },
  {
    name: "INTERSECT binds tighter than EXCEPT",
    sql: "SELECT x FROM a EXCEPT SELECT x FROM b INTERSECT SELECT x FROM a WHERE x > 2",
    expected: () => {
      const right = distinctRows(b.map((r) => r.x)).filter((x) => a.some((r) => r.x === x && x !== null && x > 2));
      return distinctRows(a.map((r) => r.x)).filter((x) => !right.includes(x)).map((x) => ({ x }));
    },
  },
  {
    name: "set operation with ORDER BY and LIMIT over the whole",
    sql: "SELECT x FROM a UNION SELECT x FROM b ORDER BY x DESC LIMIT 3",
    ordered: true,
    expected: () => distinctRows([...a, ...b].map((r) => r.x)).sort((p, q) => asc(q, p)).slice(0, 3).map((x) => ({ x })),
  },
  {
    name: "IN (subquery)",
    sql: "SELECT id FROM emp WHERE dept IN (SELECT dept FROM dept WHERE region = 'north')",
    expected: () => emp.filter((e) => deptRow(e.dept)?.region === "north").map((e) => ({ id: e.id })),
  },
  {
    name: "NOT IN (subquery) with a null in the subquery is never true",
    sql: "SELECT id FROM emp WHERE dept NOT IN (SELECT dept FROM dept)",
    expected: () => [],
  },
  {
    name: "NOT IN (subquery) without nulls; a null left side drops out",
    sql: "SELECT id FROM emp WHERE dept NOT IN (SELECT dept FROM dept WHERE dept IS NOT NULL)",
    expected: () => emp.filter((e) => e.dept !== null && !deptRow(e.dept)).map((e) => ({ id: e.id })),
  },
  {
    name: "NOT IN an empty subquery keeps every row, nulls too",
    sql: "SELECT id FROM emp WHERE age NOT IN (SELECT x FROM a WHERE x > 100)",
    expected: () => emp.map((e) => ({ id: e.id })),
  },
  {
    name: "correlated EXISTS",
    sql: "SELECT id FROM emp e WHERE EXISTS (SELECT 1 FROM dept d WHERE d.dept = e.dept AND d.budget > 300)",
    expected: () => emp.filter((e) => (deptRow(e.dept)?.budget ?? 0) > 300).map((e) => ({ id: e.id })),
  },
  {
    name: "correlated NOT EXISTS",
    sql: "SELECT id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM dept d WHERE d.dept = e.dept)",
    expected: () => emp.filter((e) => !deptRow(e.dept)).map((e) => ({ id: e.id })),
  },
  {
    name: "correlated IN",
    sql: "SELECT d.dept FROM dept d WHERE d.budget IN (SELECT e.age * 10 FROM emp e WHERE e.dept = d.dept)",
    expected: () => dept.filter((d) => emp.some((e) => e.dept !== null && e.dept === d.dept && e.age !== null && e.age * 10 === d.budget)).map((d) => ({ dept: d.dept })),
  },
  {
    name: "uncorrelated scalar subquery in WHERE",
    sql: "SELECT id FROM emp WHERE salary > (SELECT avg(salary) FROM emp)",
    expected: () => {
      const av = avg(emp.map((e) => e.salary)) as number;
      return emp.filter((e) => e.salary !== null && e.salary > av).map((e) => ({ id: e.id }));
    },
  },
  {
    name: "scalar subquery in the select list",
    sql: "SELECT id, salary - (SELECT min(salary) FROM emp) AS diff FROM emp WHERE dept = 'd1'",
    expected: () => {
      const mn = minOf(emp.map((e) => e.salary)) as number;
      return emp.filter((e) => e.dept === "d1").map((e) => ({ id: e.id, diff: e.salary === null ? null : e.salary - mn }));
    },
  },
  {
    name: "correlated scalar subquery with an aggregate",
    sql: "SELECT id FROM emp e WHERE e.salary > (SELECT avg(salary) FROM emp x WHERE x.dept = e.dept)",
    expected: () =>
      emp
        .filter((e) => {
          if (e.dept === null || e.salary === null) return false;
          const av = avg(emp.filter((x) => x.dept === e.dept).map((x) => x.salary));
          return av !== null && e.salary > av;
        })
        .map((e) => ({ id: e.id })),
  },
  {
    name: "correlated scalar count is 0, not null, where nothing matches",
    sql: "SELECT d.dept, (SELECT count(*) FROM emp e WHERE e.dept = d.dept) AS n FROM dept d",
    expected: () => dept.map((d) => ({ dept: d.dept, n: big(emp.filter((e) => d.dept !== null && e.dept === d.dept).length) })),
  },
  {
    name: "IN (subquery) and a scalar subquery in HAVING",
    sql: "SELECT dept, sum(salary) AS s FROM emp GROUP BY dept HAVING dept IN (SELECT dept FROM dept WHERE budget < 500) AND sum(salary) > (SELECT avg(salary) * 40 FROM emp)",
    expected: () => {
      const bar = (avg(emp.map((e) => e.salary)) as number) * 40;
      return [...groupBy(emp, (e) => e.dept).values()]
        .filter((g) => (deptRow(g.key as string | null)?.budget ?? 1e9) < 500)
        .map((g) => ({ dept: g.key as string | null, s: sumF(g.rows.map((r) => r.salary)) }))
        .filter((r) => r.s !== null && r.s > bar);
    },
  },
  {
    name: "window: row_number over partitions",
    sql: "SELECT id, row_number() OVER (PARTITION BY dept ORDER BY id) AS rn FROM emp",
    expected: () => emp.map((e) => ({ id: e.id, rn: emp.filter((x) => x.dept === e.dept && x.id <= e.id).length })),
  },
  {
    name: "window: sum over a ROWS frame",
    sql: "SELECT id, sum(age) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM emp",
    expected: () =>
      emp.map((e) => {
        const part = emp.filter((x) => x.dept === e.dept);
        const i = part.findIndex((x) => x.id === e.id);
        return { id: e.id, s: sumInt(part.slice(Math.max(0, i - 2), i + 1).map((x) => x.age)) };
      }),
  },
  {
    name: "window: count over a RANGE frame",
    sql: "SELECT id, count(*) OVER (ORDER BY age RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS c FROM emp WHERE age IS NOT NULL",
    expected: () => {
      const xs = emp.filter((e) => e.age !== null);
      return xs.map((e) => ({ id: e.id, c: big(xs.filter((x) => Math.abs((x.age as number) - (e.age as number)) <= 5).length) }));
    },
  },
  {
    name: "window: rank (DESC puts nulls last) and lag",
    sql: "SELECT id, rank() OVER (PARTITION BY dept ORDER BY age DESC) AS r, lag(id, 1) OVER (PARTITION BY dept ORDER BY id) AS prev FROM emp",
    expected: () =>
      emp.map((e) => {
        const part = emp.filter((x) => x.dept === e.dept);
        const before = part.filter((x) => (e.age === null ? x.age !== null : x.age !== null && x.age > e.age)).length;
        const prev = part.filter((x) => x.id < e.id).at(-1)?.id ?? null;
        return { id: e.id, r: before + 1, prev };
      }),
  },
  {
    name: "window: percent_rank and cume_dist (the parser library knows neither), with ROW_NUMBER and RANK around them",
    sql: "SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn, percent_rank() OVER (PARTITION BY dept ORDER BY age) AS pr, rank() OVER (ORDER BY id DESC) AS r, CUME_DIST() OVER (PARTITION BY dept ORDER BY age) AS cd FROM emp",
    expected: () =>
      emp.map((e) => {
        const part = emp.filter((x) => x.dept === e.dept);
        // ASC puts nulls first: a null age is below every age and ties with the other nulls.
        const below = (x: Emp) => (e.age === null ? false : x.age === null || x.age < e.age);
        const same = (x: Emp) => x.age === e.age;
        const pr = part.length === 1 ? 0 : part.filter(below).length / (part.length - 1);
        const cd = part.filter((x) => below(x) || same(x)).length / part.length;
        return { id: e.id, rn: e.id + 1, pr, r: emp.length - e.id, cd };
      }),
  },
  {
    name: "a CSV file queried by path",
    sql: (dir) => `SELECT k, sum(v) AS s, count(*) AS n FROM '${dir}/data.csv' GROUP BY k`,
    expected: () => [...groupBy(fileRows, (r) => r.k).values()].map((g) => ({ k: g.key as string, s: sumInt(g.rows.map((r) => r.v)), n: big(g.rows.length) })),
  },
  {
    name: "Parquet files queried by a glob",
    sql: (dir) => `SELECT count(*) AS n, sum(v) AS s FROM '${dir}/pq/*.parquet' WHERE v > 10`,
    expected: () => {
      const xs = fileRows.filter((r) => r.v > 10);
      return [{ n: big(xs.length), s: sumInt(xs.map((r) => r.v)) }];
    },
  },
  {
    name: "SELECT without FROM",
    sql: "SELECT 1 + 2 AS three, 'x' AS s, upper('ab') AS u",
    expected: () => [{ three: 3, s: "x", u: "AB" }],
  },
  {
    name: "backquoted names",
    sql: "SELECT `id` AS `my id` FROM emp WHERE `age` = 30",
    expected: () => emp.filter((e) => e.age === 30).map((e) => ({ "my id": e.id })),
  },
  {
    name: "window, WHERE and ORDER BY together",
    sql: "SELECT id, max(salary) OVER (PARTITION BY dept) AS top FROM emp WHERE age < 30 ORDER BY id",
    ordered: true,
    expected: () => {
      const xs = emp.filter((e) => e.age !== null && e.age < 30);
      return xs.map((e) => ({ id: e.id, top: maxOf(xs.filter((x) => x.dept === e.dept).map((x) => x.salary)) }));
    },
  },
];

describe.each([1, 4])("session.sql with %i worker(s)", (workers) => {
  let session: Session;
  let dir: string;
  beforeAll(async () => {
    session = new Session({ workers, shufflePartitions: workers === 1 ? 1 : 3 });
    session.createDataFrame(emp as unknown as Row[], { partitions: 3 }).createOrReplaceTempView("emp");
    session.createDataFrame(dept as unknown as Row[]).createOrReplaceTempView("dept");
    session.createDataFrame(a as unknown as Row[], { partitions: 2 }).createOrReplaceTempView("a");
    session.createDataFrame(b as unknown as Row[], { partitions: 2 }).createOrReplaceTempView("b");
    dir = mkdtempSync(join(tmpdir(), "cinder-sql-"));
    writeFileSync(join(dir, "data.csv"), `k,v\n${fileRows.map((r) => `${r.k},${r.v}`).join("\n")}\n`);
    await session.createDataFrame(fileRows, { partitions: 2 }).write.mode("overwrite").parquet(join(dir, "pq"));
  });
  afterAll(async () => {
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has at least 50 queries", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const text = typeof c.sql === "string" ? c.sql : c.sql(dir);
    const rows = await session.sql(text).collect();
    if (c.ordered) expectRowsInOrder(rows, c.expected());
    else expectSameRows(rows, c.expected());
  });
});
