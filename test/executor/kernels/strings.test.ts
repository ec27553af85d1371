/**
 * upper / lower / length / concat / LIKE on ASCII, unicode (accents, ß, non-BMP emoji), empty
 * strings and nulls; LIKE patterns cover %, _, escapes, regex metacharacters and newlines, literal
 * and per-row patterns.
 */
import { describe, expect, test } from "vitest";
import { evaluate } from "../../../executor/kernels/evaluate.js";
import { sliceBatch } from "../../../executor/batch.js";
import { type Js, batch, call, col, input, js, lit } from "./helpers.js";

const s0 = input(0, "utf8");

describe("upper / lower / length", () => {
  const table: { name: string; xs: Js[]; upper: Js[]; lower: Js[]; length: Js[] }[] = [
    { name: "ascii", xs: ["abc", "", "MiXeD 123_!", null], upper: ["ABC", "", "MIXED 123_!", null], lower: ["abc", "", "mixed 123_!", null], length: [3, 0, 11, null] },
    {
      name: "unicode",
      xs: ["straße", "ÉCOLE", "😀a", "ǅ", null, ""],
      upper: ["STRASSE", "ÉCOLE", "😀A", "Ǆ", null, ""],
      lower: ["straße", "école", "😀a", "ǆ", null, ""],
      length: [6, 5, 2, 1, null, 0],
    },
    { name: "no nulls", xs: ["a", "é"], upper: ["A", "É"], lower: ["a", "é"], length: [1, 1] },
  ];
  test.each(table)("$name", ({ xs, upper, lower, length }) => {
    const b = batch(col("utf8", xs));
    expect(js(evaluate(call("upper", [s0], "utf8"), b))).toEqual(upper);
    expect(js(evaluate(call("lower", [s0], "utf8"), b))).toEqual(lower);
    const len = evaluate(call("length", [s0], "int32"), b);
    expect(len.type).toBe("int32");
    expect(js(len)).toEqual(length);
  });

  test("a sliced batch whose offsets do not start at 0", () => {
    const b = sliceBatch(batch(col("utf8", ["xx", "ab", "cd", "é"])), 1, 4);
    expect(js(evaluate(call("upper", [s0], "utf8"), b))).toEqual(["AB", "CD", "É"]);
    expect(js(evaluate(call("length", [s0], "int32"), b))).toEqual([2, 2, 1]);
  });
});

describe("concat", () => {
  test("columns and literals; null if any argument is null", () => {
    const b = batch(col("utf8", ["Ada", "", null, "é"]), col("utf8", ["Lovelace", "x", "y", "😀"]));
    const e = call("concat", [s0, lit(" ", "utf8"), input(1, "utf8")], "utf8");
    expect(js(evaluate(e, b))).toEqual(["Ada Lovelace", " x", null, "é 😀"]);
  });

  test("a null literal makes everything null; no nulls gives no validity", () => {
    const b = batch(col("utf8", ["a", "b"]));
    expect(js(evaluate(call("concat", [s0, lit(null, "utf8")], "utf8"), b))).toEqual([null, null]);
    const out = evaluate(call("concat", [lit("<", "utf8"), s0, lit(">", "utf8")], "utf8"), b);
    expect(js(out)).toEqual(["<a>", "<b>"]);
    expect(out.valid).toBeNull();
  });
});

describe("LIKE", () => {
  const subjects: Js[] = ["", "a", "abc", "ABC", "aXc", "a%c", "a_c", "abcabc", "é😀z", "line1\nline2", "a.c", "a\\c", null];
  // Expected matches per pattern, written out by hand as the subjects that match.
  const table: [string, Js[]][] = [
    ["abc", ["abc"]],
    ["", [""]],
    ["%", ["", "a", "abc", "ABC", "aXc", "a%c", "a_c", "abcabc", "é😀z", "line1\nline2", "a.c", "a\\c"]],
    ["a%", ["a", "abc", "aXc", "a%c", "a_c", "abcabc", "a.c", "a\\c"]],
    ["%c", ["abc", "aXc", "a%c", "a_c", "abcabc", "a.c", "a\\c"]],
    ["%bc%", ["abc", "abcabc"]],
    ["a%c%c", ["abcabc"]],
    ["a_c", ["abc", "aXc", "a%c", "a_c", "a.c", "a\\c"]],
    ["_", ["a"]],
    ["é_z", ["é😀z"]],
    ["___", ["abc", "ABC", "aXc", "a%c", "a_c", "é😀z", "a.c", "a\\c"]],
    ["a\\%c", ["a%c"]],
    ["a\\_c", ["a_c"]],
    ["a\\\\c", ["a\\c"]],
    ["a.c", ["a.c"]],
    ["line1%", ["line1\nline2"]],
    ["line1_line2", ["line1\nline2"]],
    ["%😀%", ["é😀z"]],
    ["abc%abc", ["abcabc"]],
    ["abca%bc", ["abcabc"]],
    ["abcab%bc", []], // prefix and suffix may not overlap
  ];

  test.each(table)("pattern %j", (pattern, matches) => {
    const out = evaluate(call("like", [s0, lit(pattern, "utf8")], "boolean"), batch(col("utf8", subjects)));
    expect(js(out)).toEqual(subjects.map((x) => (x === null ? null : matches.includes(x))));
  });

  test("per-row patterns", () => {
    const b = batch(col("utf8", ["abc", "abc", "xyz", null, "q"]), col("utf8", ["a%", "_b_", "x", "%", null]));
    expect(js(evaluate(call("like", [s0, input(1, "utf8")], "boolean"), b))).toEqual([true, true, false, null, null]);
  });

  test("null pattern gives null; a bad escape is an error", () => {
    const b = batch(col("utf8", ["a"]));
    expect(js(evaluate(call("like", [s0, lit(null, "utf8")], "boolean"), b))).toEqual([null]);
    expect(() => evaluate(call("like", [s0, lit("a\\b", "utf8")], "boolean"), b)).toThrow(/escape/);
    expect(() => evaluate(call("like", [s0, lit("a\\", "utf8")], "boolean"), b)).toThrow(/escape/);
  });
});
