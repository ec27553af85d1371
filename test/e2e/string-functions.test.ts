/**
 * String functions end to end, as DataFrame functions and as SQL, with 1 worker and with 4, over
 * plain and dictionary-encoded (cached) strings. Expected values come from plain JavaScript string
 * methods over code points (Array.from), a different method from the kernels' UTF-8 byte loops,
 * plus Spark's documented examples written by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalysisError, Session, ascii, bitLength, charLength, col, concatWs, contains, endsWith, expr, ilike, initcap, instr, left, lit, locate, lpad,
  ltrim, octetLength, regexpExtract, regexpLike, regexpReplace, repeat, replace, reverse, right, rlike, rpad, rtrim, startsWith, substr,
  substring, translate, trim, type DataFrame, type Row,
} from "../../src/index.js";
import { type FnCase, checkCases } from "../helpers/function-cases.js";

interface R {
  id: number;
  s: string | null;
  t: string | null;
  n: number | null;
}

const STRINGS = ["", " ", "  padded  ", "é", "héllo wörld", "日本", "日本語です", "😀 emoji 😀", "Spark SQL", "a,b,,c", "ABC abc", "banana", null];
const rows: R[] = Array.from({ length: 60 }, (_, id) => ({
  id,
  s: STRINGS[id % STRINGS.length]!,
  t: id % 7 === 0 ? null : ["x", "日", "", "-"][id % 4]!,
  n: id % 11 === 0 ? null : (id % 9) - 3,
}));

const cps = (s: string): string[] => Array.from(s);
const MAX = 2147483647;
/** Spark's substringSQL over code points. */
function sparkSubstring(s: string, pos: number, len = MAX): string {
  const c = cps(s);
  let start = pos > 0 ? pos - 1 : pos < 0 ? c.length + pos : 0;
  const end = len === MAX ? Infinity : start + len;
  start = Math.max(start, 0);
  return start >= end ? "" : c.slice(start, end).join("");
}
function sparkPad(s: string, len: number, pad: string, leftSide: boolean): string {
  const c = cps(s);
  if (len <= c.length || pad === "") return c.slice(0, Math.max(0, len)).join("");
  const fill = cps(pad.repeat(len)).slice(0, len - c.length).join("");
  return leftSide ? fill + s : s + fill;
}
const charPos = (s: string, utf16: number): number => (utf16 < 0 ? 0 : cps(s.slice(0, utf16)).length + 1);
/** Null in, null out. */
const on = <T>(f: (s: string, r: R) => T) => (r: R): T | null => (r.s === null ? null : f(r.s, r));

const cases: FnCase<R>[] = [
  { name: "trim", df: trim("s"), sql: "trim(s)", expect: on((s) => s.replace(/^ +| +$/g, "")) },
  { name: "ltrim", df: ltrim("s"), sql: "ltrim(s)", expect: on((s) => s.replace(/^ +/, "")) },
  { name: "rtrim", df: rtrim("s"), sql: "rtrim(s)", expect: on((s) => s.replace(/ +$/, "")) },
  { name: "substring 2", df: substring("s", 2), sql: "substring(s, 2)", expect: on((s) => sparkSubstring(s, 2)) },
  { name: "substring -3", df: substr("s", -3), sql: "substr(s, -3)", expect: on((s) => sparkSubstring(s, -3)) },
  { name: "substring 0,2", df: substring("s", 0, 2), sql: "substring(s, 0, 2)", expect: on((s) => sparkSubstring(s, 0, 2)) },
  { name: "substring -4,2", df: substring("s", -4, 2), sql: "substring(s, -4, 2)", expect: on((s) => sparkSubstring(s, -4, 2)) },
  { name: "substring -8,3", df: substring("s", -8, 3), sql: "substring(s, -8, 3)", expect: on((s) => sparkSubstring(s, -8, 3)) },
  { name: "substring column len", df: substring("s", 2, col("n")), sql: "substring(s, 2, n)", expect: (r) => (r.s === null || r.n === null ? null : sparkSubstring(r.s, 2, r.n)) },
  { name: "left", df: left("s", 3), sql: "left(s, 3)", expect: on((s) => cps(s).slice(0, 3).join("")) },
  { name: "right", df: right("s", 3), sql: "right(s, 3)", expect: on((s) => cps(s).slice(-3).join("")) },
  { name: "right 0", df: right("s", 0), sql: "right(s, 0)", expect: on(() => "") },
  { name: "concat_ws", df: concatWs("|", "s", "t", lit(null)), sql: "concat_ws('|', s, t, NULL)", expect: (r) => [r.s, r.t].filter((x) => x !== null).join("|") },
  { name: "lpad", df: lpad("s", 8, "日x"), sql: "lpad(s, 8, '日x')", expect: on((s) => sparkPad(s, 8, "日x", true)) },
  { name: "rpad", df: rpad("s", 4), sql: "rpad(s, 4)", expect: on((s) => sparkPad(s, 4, " ", false)) },
  { name: "lpad empty pad", df: lpad("s", 5, ""), sql: "lpad(s, 5, '')", expect: on((s) => sparkPad(s, 5, "", true)) },
  { name: "startswith", df: startsWith("s", "日"), sql: "startswith(s, '日')", expect: on((s) => s.startsWith("日")) },
  { name: "endswith", df: endsWith("s", "😀"), sql: "endswith(s, '😀')", expect: on((s) => s.endsWith("😀")) },
  { name: "contains column", df: contains("s", col("t")), sql: "contains(s, t)", expect: (r) => (r.s === null || r.t === null ? null : r.s.includes(r.t)) },
  { name: "instr", df: instr("s", "本"), sql: "instr(s, '本')", expect: on((s) => charPos(s, s.indexOf("本"))) },
  { name: "instr emoji", df: instr("s", "e"), sql: "instr(s, 'e')", expect: on((s) => charPos(s, s.indexOf("e"))) },
  {
    name: "locate from 3",
    df: locate("a", "s", 3),
    sql: "locate('a', s, 3)",
    expect: on((s) => {
      const c = cps(s);
      const k = c.slice(2).join("").indexOf("a");
      return k < 0 ? 0 : 2 + cps(c.slice(2).join("").slice(0, k)).length + 1;
    }),
  },
  { name: "reverse", df: reverse("s"), sql: "reverse(s)", expect: on((s) => cps(s).reverse().join("")) },
  { name: "repeat", df: repeat("s", 2), sql: "repeat(s, 2)", expect: on((s) => s.repeat(2)) },
  { name: "repeat negative", df: repeat("s", col("n")), sql: "repeat(s, n)", expect: (r) => (r.s === null || r.n === null ? null : r.s.repeat(Math.max(0, r.n))) },
  {
    name: "initcap",
    df: initcap("s"),
    sql: "initcap(s)",
    expect: on((s) => s.toLowerCase().split(" ").map((w) => (w === "" ? w : cps(w)[0]!.toUpperCase() + cps(w).slice(1).join(""))).join(" ")),
  },
  { name: "replace", df: replace("s", "a", "日"), sql: "replace(s, 'a', '日')", expect: on((s) => s.split("a").join("日")) },
  { name: "replace remove", df: replace("s", "an"), sql: "replace(s, 'an')", expect: on((s) => s.split("an").join("")) },
  { name: "replace empty", df: replace("s", "", "x"), sql: "replace(s, '', 'x')", expect: on((s) => s) },
  { name: "translate", df: translate("s", "aé本", "x"), sql: "translate(s, 'aé本', 'x')", expect: on((s) => cps(s).map((c) => (c === "a" ? "x" : c === "é" || c === "本" ? "" : c)).join("")) },
  { name: "regexp_extract", df: regexpExtract("s", "(\\w+) (\\w+)", 2), sql: "regexp_extract(s, '(\\\\w+) (\\\\w+)', 2)", expect: on((s) => /(\w+) (\w+)/u.exec(s)?.[2] ?? "") },
  { name: "regexp_extract group 0", df: regexpExtract("s", "[a-z]+", 0), sql: "regexp_extract(s, '[a-z]+', 0)", expect: on((s) => /[a-z]+/.exec(s)?.[0] ?? "") },
  { name: "regexp_replace", df: regexpReplace("s", "([aeiou])", "<$1>"), sql: "regexp_replace(s, '([aeiou])', '<$1>')", expect: on((s) => s.replace(/([aeiou])/g, "<$1>")) },
  { name: "regexp_replace (?i)", df: regexpReplace("s", "(?i)S", "_"), sql: "regexp_replace(s, '(?i)S', '_')", expect: on((s) => s.replace(/s/gi, "_")) },
  { name: "rlike", df: rlike("s", "^\\p{L}+$"), sql: "s RLIKE_FN", expect: on((s) => /^\p{L}+$/u.test(s)) },
  { name: "regexp_like", df: regexpLike("s", "an"), sql: "regexp_like(s, 'an')", expect: on((s) => s.includes("an")) },
  { name: "ilike", df: ilike("s", "%sql%"), sql: "ilike(s, '%SQL%')", expect: on((s) => s.toLowerCase().includes("sql")) },
  { name: "ascii", df: ascii("s"), sql: "ascii(s)", expect: on((s) => s.codePointAt(0) ?? 0) },
  { name: "char_length", df: charLength("s"), sql: "char_length(s)", expect: on((s) => cps(s).length) },
  { name: "octet_length", df: octetLength("s"), sql: "octet_length(s)", expect: on((s) => Buffer.byteLength(s)) },
  { name: "bit_length", df: bitLength("s"), sql: "bit_length(s)", expect: on((s) => Buffer.byteLength(s) * 8) },
];
// SQL has no RLIKE operator here: the function form.
const rl = cases.find((c) => c.name === "rlike")!;
(rl as { sql: string }).sql = "rlike(s, '^\\\\p{L}+$')";

describe.each([1, 4])("string functions with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers });
    df = session.createDataFrame(rows as unknown as Row[], { partitions: 4 });
  });
  afterAll(async () => {
    await session.stop();
  });

  it("match plain JavaScript on plain strings", async () => {
    await checkCases(df, rows, cases);
  });

  it("match on dictionary-encoded (cached) strings", async () => {
    const cached = df.cache();
    await checkCases(cached, rows, cases);
    cached.unpersist?.();
  });

  it("give Spark's documented examples", async () => {
    const one = session.createDataFrame([{ id: 0 }]);
    const [r] = await one
      .selectExpr(
        "substring('Spark SQL', 5) AS a",
        "substring('Spark SQL', -3) AS b",
        "substring('Spark SQL', 5, 1) AS c",
        "lpad('hi', 5, '??') AS d",
        "lpad('hi', 1, '??') AS e",
        "rpad('hi', 5, '??') AS f",
        "instr('SparkSQL', 'SQL') AS g",
        "locate('bar', 'foobarbar', 5) AS h",
        "initcap('sPark sql') AS i",
        "translate('AaBbCc', 'abc', '123') AS j",
        "regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1) AS k",
        "concat_ws(' ', 'Spark', 'SQL') AS l",
        "left('Spark SQL', 3) AS m",
        "right('Spark SQL', 3) AS n",
        "ascii('222') AS o",
        "regexp_replace('100-200', '(\\\\d+)', 'num') AS p",
        "reverse('Spark SQL') AS q",
        "replace('ABCabc', 'abc', 'DEF') AS r",
        "repeat('123', 2) AS s",
        "substring('Spark SQL', -300, 3) AS t",
      )
      .collect();
    expect(r).toEqual({
      a: "k SQL", b: "SQL", c: "k", d: "???hi", e: "h", f: "hi???", g: 6, h: 7, i: "Spark Sql", j: "A1B2C3", k: "100",
      l: "Spark SQL", m: "Spa", n: "SQL", o: 50, p: "num-num", q: "LQS krapS", r: "ABCDEF", s: "123123", t: "",
    });
  });
});

describe("string function errors", () => {
  const session = new Session({ workers: 1 });
  const df = session.createDataFrame([{ id: 0, s: "a", d: 1 }]);
  afterAll(async () => {
    await session.stop();
  });

  it("name the function and argument", () => {
    expect(() => df.select(substring("s", lit(true)))).toThrow(AnalysisError);
    expect(() => df.select(substring("s", lit(true)))).toThrow(/substring\(\) argument 2 \(pos\) must be an integer/);
    expect(() => df.select(regexpExtract("s", "(a", 1))).toThrow(/regexp_extract\(\): the pattern '\(a' is not a valid regular expression/);
    expect(() => df.select(regexpExtract("s", "(a)", 2))).toThrow(/group index 2 is out of range/);
    expect(() => df.selectExpr("rlike(s, s)")).toThrow(/rlike\(\) argument 2 \(pattern\) must be a string literal/);
    expect(() => df.selectExpr("lpad(s)")).toThrow(/lpad/);
    expect(() => df.selectExpr("translate(s, 'a')")).toThrow(/translate/);
  });

  it("null arguments give null", async () => {
    const [r] = await df.selectExpr("substring(s, NULL) AS a", "lpad(NULL, 3, 'x') AS b", "concat_ws(NULL, s) AS c", "concat_ws(',', NULL) AS d").collect();
    expect(r).toEqual({ a: null, b: null, c: null, d: "" });
  });
});
