import { describe, expect, it } from "vitest";
import { parseExpression, parseSelectItem, SqlParseError } from "../../planner/sql/index.js";

/** Parses `text` expecting a SqlParseError; returns it. */
function parseError(text: string, parse: (text: string) => unknown = parseExpression): SqlParseError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof SqlParseError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

type ErrorCase = readonly [text: string, line: number, column: number, expected: string, found: string];

const syntax: ErrorCase[] = [
  ["age > > 3", 1, 7, "an expression", '">"'],
  ["a b c", 1, 3, "end of input", '"b"'],
  ["", 1, 1, "an expression", "end of input"],
  ["   ", 1, 4, "an expression", "end of input"],
  ["(a + 1", 1, 7, '")"', "end of input"],
  ["((a)", 1, 5, '")"', "end of input"],
  ["a + 1)", 1, 6, "end of input", '")"'],
  ["()", 1, 2, "an expression", '")"'],
  ["a +", 1, 4, "an expression", "end of input"],
  ["'abc", 1, 1, "a closing ' to end the string that starts here", "end of input"],
  ["x = \"abc", 1, 5, 'a closing " to end the string that starts here', "end of input"],
  ["'abc\\'", 1, 1, "a closing ' to end the string that starts here", "end of input"],
  ["`abc", 1, 1, "a closing ` to end the quoted identifier that starts here", "end of input"],
  ["a /* open", 1, 3, '"*/" to end the comment that starts here', "end of input"],
  ["a & b", 1, 3, "an expression or operator", '"&"'],
  ["12abc", 1, 1, "a number", '"12abc"'],
  ["1e", 1, 1, "a number", '"1e"'],
  ["a AS b", 1, 3, "end of input (an alias is only allowed in a select item)", '"AS"'],
  ["a = NOT b", 1, 5, "an expression", '"NOT"'],
  ["a NOT b", 1, 7, "IN, BETWEEN or LIKE after NOT", '"b"'],
  ["a IS 1", 1, 6, "NULL, NOT or DISTINCT", '"1"'],
  ["a IS NOT 1", 1, 10, "NULL or DISTINCT", '"1"'],
  ["a IN ()", 1, 7, "an expression", '")"'],
  ["a IN 1", 1, 6, '"("', '"1"'],
  ["a IN (1 2)", 1, 9, '"," or ")"', '"2"'],
  ["x BETWEEN 1 OR 2", 1, 13, "AND", '"OR"'],
  ["a AND", 1, 6, "an expression", "end of input"],
  ["AND a", 1, 1, "an expression", '"AND"'],
  ["t.", 1, 3, "a column name", "end of input"],
  ["t.*", 1, 3, "a column name", '"*"'],
  ["*", 1, 1, "an expression", '"*"'],
  ["CASE END", 1, 6, "WHEN", '"END"'],
  ["CASE WHEN a THEN b", 1, 19, "WHEN, ELSE or END", "end of input"],
  ["CASE WHEN a b END", 1, 13, "THEN", '"b"'],
  ["CASE WHEN a THEN b ELSE c", 1, 26, "END", "end of input"],
  ["CAST(a)", 1, 7, "AS", '")"'],
  ["CAST(a AS int", 1, 14, '")"', "end of input"],
  ["CAST(a AS 1)", 1, 11, "a type name", '"1"'],
  ["CAST(a AS varchar(x))", 1, 19, "an integer type parameter", '"x"'],
  ["count(*, a)", 1, 7, "an expression", '"*"'],
  ["count()", 1, 1, "1 argument for count", "0 arguments"],
  ["abs(1, 2)", 1, 1, "1 argument for abs", "2 arguments"],
  ["coalesce()", 1, 1, "at least 1 argument for coalesce", "0 arguments"],
  ["if(a, b)", 1, 1, "3 arguments for if", "2 arguments"],
  ["sum(a", 1, 6, '"," or ")"', "end of input"],
  ["upper(DISTINCT a)", 1, 7, "an argument (DISTINCT is only allowed in aggregates, not upper)", '"DISTINCT"'],
  ["DATE '2024-13-01'", 1, 6, "a valid date 'yyyy-mm-dd'", "\"'2024-13-01'\""],
  ["DATE '2023-02-29'", 1, 6, "a valid date 'yyyy-mm-dd'", "\"'2023-02-29'\""],
  ["DATE '2024-01-02x'", 1, 6, "a valid date 'yyyy-mm-dd'", "\"'2024-01-02x'\""],
  ["DATE 'yesterday'", 1, 6, "a valid date 'yyyy-mm-dd'", "\"'yesterday'\""],
  ["TIMESTAMP '2024-01-02 24:00:00'", 1, 11, "a valid timestamp 'yyyy-mm-dd hh:mm:ss[.ffffff]'", "\"'2024-01-02 24:00:00'\""],
  ["TIMESTAMP '2024-04-31 00:00:00'", 1, 11, "a valid timestamp 'yyyy-mm-dd hh:mm:ss[.ffffff]'", "\"'2024-04-31 00:00:00'\""],
  ["9223372036854775808L", 1, 1, "a BIGINT in [-9223372036854775808, 9223372036854775807]", '"9223372036854775808L"'],
  ["-9223372036854775809L", 1, 2, "a BIGINT in [-9223372036854775808, 9223372036854775807]", '"-9223372036854775809L"'],
  ["1e999", 1, 1, "a finite DOUBLE", '"1e999"'],
  ["a == == b", 1, 6, "an expression", '"=="'],
  // a.b.c is a field path (table a, column b, field c, or struct column a); a trailing dot is not.
  ["a.b.", 1, 5, "a field name", "end of input"],
  ["xs[1", 1, 5, '"]"', "end of input"],
];

const multiLine: ErrorCase[] = [
  ["a = 1\nAND b = > 2", 2, 9, "an expression", '">"'],
  ["x = \n  1 +\n  * 2", 3, 3, "an expression", '"*"'],
  ["a\r\n  b", 2, 3, "end of input", '"b"'],
  ["-- leading comment\nsum(v\n", 3, 1, '"," or ")"', "end of input"],
  ["a +\n'unterminated\nstring", 2, 1, "a closing ' to end the string that starts here", "end of input"],
];

describe("SQL parse errors", () => {
  it.each([...syntax, ...multiLine])("%j", (text, line, column, expected, found) => {
    const e = parseError(text);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("SqlParseError");
    expect({ line: e.line, column: e.column }).toStrictEqual({ line, column });
    expect(e.message).toBe(`Syntax error at line ${line}, column ${column} in "${text}": expected ${expected}, found ${found}`);
  });

  it("names an unknown function, its position and the known ones", () => {
    const e = parseError("1 + foo(x)");
    expect([e.line, e.column]).toStrictEqual([1, 5]);
    expect(e.message).toMatch(/^Unknown function "foo" at line 1, column 5; known functions: abs, .*avg, .*count.*upper, .*variance, .*year$/);
  });

  it("names an unknown function on a later line", () => {
    const e = parseError("a +\n  frobnicate(x)");
    expect([e.line, e.column]).toStrictEqual([2, 3]);
    expect(e.message).toContain('Unknown function "frobnicate" at line 2, column 3; known functions: ');
  });

  it("names an unknown CAST type", () => {
    const e = parseError("CAST(a AS blob)");
    expect([e.line, e.column]).toStrictEqual([1, 11]);
    expect(e.message).toMatch(/^Unknown type "blob" at line 1, column 11; known types: bigint, bool, boolean, .*varchar$/);
  });

  it("records the offset and the parsed text", () => {
    const e = parseError("a + + + )");
    expect(e.offset).toBe(8);
    expect(e.text).toBe("a + + + )");
  });
});

describe("parseSelectItem errors", () => {
  const items: ErrorCase[] = [
    ["a b c", 1, 5, "end of input", '"c"'],
    ["a AS", 1, 5, "an alias name", "end of input"],
    ["a AS 1", 1, 6, "an alias name", '"1"'],
    ["a FROM t", 1, 3, "an operator, an alias or end of input", '"FROM"'],
    ["* x", 1, 3, "end of input", '"x"'],
    ["t.* AS x", 1, 5, "end of input", '"AS"'],
    ["", 1, 1, "an expression", "end of input"],
    ["a AS b AS c", 1, 8, "end of input", '"AS"'],
  ];
  it.each(items)("%j", (text, line, column, expected, found) => {
    const e = parseError(text, parseSelectItem);
    expect({ line: e.line, column: e.column }).toStrictEqual({ line, column });
    expect(e.message).toBe(`Syntax error at line ${line}, column ${column} in "${text}": expected ${expected}, found ${found}`);
  });
});
