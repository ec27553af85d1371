import { describe, expect, it } from "vitest";
import { binary, col, lit, type AggFn, type Expr, type ScalarFn } from "../../planner/expr.js";
import type { DataType } from "../../planner/types.js";
import { parseExpression, parseSelectItem } from "../../planner/sql/index.js";

const [a, b, c, x, y] = ["a", "b", "c", "x", "y"].map((n) => col(n)) as [Expr, Expr, Expr, Expr, Expr];
const and = (l: Expr, r: Expr): Expr => binary("and", l, r);
const or = (l: Expr, r: Expr): Expr => binary("or", l, r);
const not = (input: Expr): Expr => ({ kind: "not", input });
const neg = (input: Expr): Expr => ({ kind: "neg", input });
const isNull = (input: Expr, negated = false): Expr => ({ kind: "isNull", input, negated });
const inList = (input: Expr, list: Expr[], negated = false): Expr => ({ kind: "in", input, list, negated });
const call = (fn: ScalarFn, ...args: Expr[]): Expr => ({ kind: "call", fn, args });
const agg = (fn: AggFn, input: Expr | null, distinct = false): Expr => ({ kind: "agg", fn, input, distinct });
const cast = (input: Expr, to: DataType): Expr => ({ kind: "cast", input, to });
const when = (...pairs: [Expr, Expr][]) => ({
  otherwise: (o: Expr | null): Expr => ({ kind: "case", branches: pairs.map(([w, t]) => ({ when: w, then: t })), otherwise: o }),
});
const alias = (input: Expr, name: string): Expr => ({ kind: "alias", input, name });

type Case = readonly [text: string, expected: Expr];

const operators: Case[] = [
  ["a + b", binary("+", a, b)],
  ["a - b", binary("-", a, b)],
  ["a * b", binary("*", a, b)],
  ["a / b", binary("/", a, b)],
  ["a % b", binary("%", a, b)],
  ["a = b", binary("=", a, b)],
  ["a == b", binary("=", a, b)],
  ["a != b", binary("!=", a, b)],
  ["a <> b", binary("!=", a, b)],
  ["a < b", binary("<", a, b)],
  ["a <= b", binary("<=", a, b)],
  ["a > b", binary(">", a, b)],
  ["a >= b", binary(">=", a, b)],
  ["a <=> b", binary("<=>", a, b)],
  ["a AND b", and(a, b)],
  ["a OR b", or(a, b)],
  ["NOT a", not(a)],
  ["!a", not(a)],
  ["-x", neg(x)],
  ["+x", x],
  ["- -x", neg(neg(x))],
  ["a || b", call("concat", a, b)],
  ["a::bigint", cast(a, "int64")],
  ["a IS NULL", isNull(a)],
  ["a IS NOT NULL", isNull(a, true)],
  ["a IS DISTINCT FROM b", not(binary("<=>", a, b))],
  ["a IS NOT DISTINCT FROM b", binary("<=>", a, b)],
  ["a IN (1, 2, b)", inList(a, [lit(1), lit(2), b])],
  ["a NOT IN ('x')", inList(a, [lit("x")], true)],
  ["x BETWEEN 1 AND 5", and(binary(">=", x, lit(1)), binary("<=", x, lit(5)))],
  ["x NOT BETWEEN 1 AND 5", not(and(binary(">=", x, lit(1)), binary("<=", x, lit(5))))],
  ["a LIKE 'x%'", call("like", a, lit("x%"))],
  ["a NOT LIKE 'x%'", not(call("like", a, lit("x%")))],
  ["(a)", a],
  ["((a + b))", binary("+", a, b)],
];

const precedence: Case[] = [
  ["1 - 2 - 3", binary("-", binary("-", lit(1), lit(2)), lit(3))],
  ["8 / 4 / 2", binary("/", binary("/", lit(8), lit(4)), lit(2))],
  ["a || b || c", call("concat", call("concat", a, b), c)],
  ["a OR b AND c", or(a, and(b, c))],
  ["a AND b OR c", or(and(a, b), c)],
  ["a OR b OR c", or(or(a, b), c)],
  ["NOT a = b", not(binary("=", a, b))],
  ["NOT a AND b", and(not(a), b)],
  ["NOT NOT a", not(not(a))],
  ["-x * y", binary("*", neg(x), y)],
  ["a + b * c", binary("+", a, binary("*", b, c))],
  ["(a + b) * c", binary("*", binary("+", a, b), c)],
  ["a * b + c", binary("+", binary("*", a, b), c)],
  ["a - b % c", binary("-", a, binary("%", b, c))],
  ["a + b = c * 2", binary("=", binary("+", a, b), binary("*", c, lit(2)))],
  ["a = b AND b < c", and(binary("=", a, b), binary("<", b, c))],
  ["a || b = c", binary("=", call("concat", a, b), c)],
  ["a + 1 IS NULL", isNull(binary("+", a, lit(1)))],
  ["a IS NULL AND b IS NOT NULL", and(isNull(a), isNull(b, true))],
  ["NOT a IS NULL", not(isNull(a))],
  ["x + 1 BETWEEN a AND b + 1", and(binary(">=", binary("+", x, lit(1)), a), binary("<=", binary("+", x, lit(1)), binary("+", b, lit(1))))],
  ["x BETWEEN 1 AND 2 AND y", and(and(binary(">=", x, lit(1)), binary("<=", x, lit(2))), y)],
  ["a LIKE 'p' OR b", or(call("like", a, lit("p")), b)],
  ["a IN (1) = b", binary("=", inList(a, [lit(1)]), b)],
  ["-a::int", neg(cast(a, "int32"))],
  ["a * b::double", binary("*", a, cast(b, "float64"))],
  ["-x - -1", binary("-", neg(x), lit(-1))],
];

const caseInsensitive: Case[] = [
  ["a and b or not c", or(and(a, b), not(c))],
  ["a is not null", isNull(a, true)],
  ["a Not In (1)", inList(a, [lit(1)], true)],
  ["x between 1 and 2", and(binary(">=", x, lit(1)), binary("<=", x, lit(2)))],
  ["a like 'z'", call("like", a, lit("z"))],
  ["Null", lit(null)],
  ["true", lit(true)],
  ["FaLsE", lit(false)],
  ["SUM(x)", agg("sum", x)],
  ["cast(a As INTEGER)", cast(a, "int32")],
  ["case when a then b end", when([a, b]).otherwise(null)],
];

const identifiers: Case[] = [
  ["age", col("age")],
  ["Age_2", col("Age_2")],
  ["_x", col("_x")],
  ["t.name", col("name", "t")],
  ["t . name", col("name", "t")],
  ["`weird name`", col("weird name")],
  ["`a``b`", col("a`b")],
  ["`t 1`.`c.d`", col("c.d", "t 1")],
  ["t.`select`", col("select", "t")],
  ["`and`", col("and")],
  ["date", col("date")],
  ["count + first", binary("+", col("count"), col("first"))],
  ["t.end", col("end", "t")],
  ["größe", col("größe")],
];

const functions: Case[] = [
  ["count(*)", agg("count", null)],
  ["count(1)", agg("count", null)],
  ["count(x)", agg("count", x)],
  ["count(DISTINCT x)", agg("count", x, true)],
  ["count(distinct x + 1)", agg("count", binary("+", x, lit(1)), true)],
  ["count(DISTINCT 1)", agg("count", lit(1), true)],
  ["count(NULL)", agg("count", lit(null))],
  ["sum(x)", agg("sum", x)],
  ["sum(DISTINCT x)", agg("sum", x, true)],
  ["avg(x)", agg("avg", x)],
  ["mean(x)", agg("avg", x)],
  ["min(x)", agg("min", x)],
  ["max(x)", agg("max", x)],
  ["first(x)", agg("first", x)],
  ["last(x)", agg("last", x)],
  ["sum(a * b) / count(*)", binary("/", agg("sum", binary("*", a, b)), agg("count", null))],
  ["coalesce(a, b, 0)", call("coalesce", a, b, lit(0))],
  ["abs(-x)", call("abs", neg(x))],
  ["upper(a)", call("upper", a)],
  ["ucase(a)", call("upper", a)],
  ["lower(a)", call("lower", a)],
  ["length(a)", call("length", a)],
  ["concat(a, '-', b)", call("concat", a, lit("-"), b)],
  ["like(a, 'p%')", call("like", a, lit("p%"))],
  ["isnull(a)", isNull(a)],
  ["isnotnull(a)", isNull(a, true)],
  ["nvl(a, 0)", call("coalesce", a, lit(0))],
  ["ifnull(a, b)", call("coalesce", a, b)],
  ["if(a > 0, 'pos', 'neg')", when([binary(">", a, lit(0)), lit("pos")]).otherwise(lit("neg"))],
  ["nullif(a, 0)", when([binary("=", a, lit(0)), lit(null)]).otherwise(a)],
  ["upper(lower(a))", call("upper", call("lower", a))],
];

const casts: Case[] = [
  ...(
    [
      ["int", "int32"], ["integer", "int32"], ["smallint", "int32"], ["bigint", "int64"], ["long", "int64"],
      ["double", "float64"], ["float", "float64"], ["real", "float64"], ["decimal", "float64"],
      ["decimal(10, 2)", "float64"], ["decimal(10)", "float64"], ["boolean", "boolean"], ["bool", "boolean"],
      ["string", "utf8"], ["varchar(20)", "utf8"], ["char(1)", "utf8"], ["date", "date"], ["timestamp", "timestamp"],
    ] as const
  ).map(([name, type]): Case => [`CAST(a AS ${name})`, cast(a, type)]),
  ["CAST(a + 1 AS STRING) || 'x'", call("concat", cast(binary("+", a, lit(1)), "utf8"), lit("x"))],
  ["cast(cast(a as int) as double)", cast(cast(a, "int32"), "float64")],
];

const cases: Case[] = [
  ["CASE WHEN a THEN 1 END", when([a, lit(1)]).otherwise(null)],
  ["CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END", when([a, lit(1)], [b, lit(2)]).otherwise(lit(3))],
  ["CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", when([binary("=", x, lit(1)), lit("one")], [binary("=", x, lit(2)), lit("two")]).otherwise(null)],
  ["CASE x + 1 WHEN y THEN a ELSE b END", when([binary("=", binary("+", x, lit(1)), y), a]).otherwise(b)],
  ["CASE WHEN a > 1 AND b THEN x + 1 ELSE -y END * 2", binary("*", when([and(binary(">", a, lit(1)), b), binary("+", x, lit(1))]).otherwise(neg(y)), lit(2))],
  ["CASE WHEN CASE WHEN a THEN b END THEN c END", when([when([a, b]).otherwise(null), c]).otherwise(null)],
];

const whitespaceAndComments: Case[] = [
  ["  a\n\t+\r\n b  ", binary("+", a, b)],
  ["a + -- comment\n b", binary("+", a, b)],
  ["a /* block\n comment */ + b", binary("+", a, b)],
  ["a+b*c", binary("+", a, binary("*", b, c))],
  ["a>=1", binary(">=", a, lit(1))],
];

describe("parseExpression", () => {
  const groups = { operators, precedence, caseInsensitive, identifiers, functions, casts, cases, whitespaceAndComments };
  for (const [group, table] of Object.entries(groups)) {
    it.each(table)(`${group}: %s`, (text, expected) => {
      expect(parseExpression(text)).toStrictEqual(expected);
    });
  }

  it("parses the brief's example predicate", () => {
    expect(parseExpression("age > 25 AND dept = 'x'")).toStrictEqual(
      and(binary(">", col("age"), lit(25)), binary("=", col("dept"), lit("x"))),
    );
  });
});

describe("parseSelectItem", () => {
  const items: Case[] = [
    ["*", col("*")],
    ["t.*", col("*", "t")],
    ["`my t`.*", col("*", "my t")],
    ["a", a],
    ["a + 1 AS b", alias(binary("+", a, lit(1)), "b")],
    ["a + 1 b", alias(binary("+", a, lit(1)), "b")],
    ["sum(v) as total", alias(agg("sum", col("v")), "total")],
    ["count(*) n", alias(agg("count", null), "n")],
    ["a AS `weird name`", alias(a, "weird name")],
    ["a `weird name`", alias(a, "weird name")],
    ["a AS end", alias(a, "end")],
    ["t.x AS x", alias(col("x", "t"), "x")],
    ["CASE WHEN a THEN 1 END AS flag", alias(when([a, lit(1)]).otherwise(null), "flag")],
    ["a * 2", binary("*", a, lit(2))],
    ["a date", alias(a, "date")],
  ];
  it.each(items)("%s", (text, expected) => {
    expect(parseSelectItem(text)).toStrictEqual(expected);
  });
});
