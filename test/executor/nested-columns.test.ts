/**
 * List and struct columns in the executor: gathers, slices, concatenation, Arrow conversion both
 * ways, casts to string and the collection kernels, against hand-written values.
 */
import { makeVector, tableFromIPC, tableToIPC, Table } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { batchToArrow, colFromArrowData, colToArrowData, cinderTypeOf } from "../../executor/arrow-convert.js";
import { type Col, concatCols, nullCol, sliceCol, takeCol } from "../../executor/batch.js";
import { cast } from "../../executor/kernels/cast.js";
import {
  arrayContains,
  arrayDistinct,
  concatArrays,
  elementAt,
  getField,
  javaSplit,
  makeArray,
  namedStruct,
  size,
  sortArray,
  split,
} from "../../executor/kernels/collections.js";
import type { Operand } from "../../executor/kernels/operand.js";
import { type RawValue, colFromRaw, rawValues } from "../../executor/nested-values.js";
import type { DataType } from "../../planner/types.js";

const enc = new TextEncoder();

/** [[1, 2], null, [], [3, null]] built by hand: offsets, child and validity. */
function ints(): Col {
  return {
    type: "array<int32>",
    offsets: Int32Array.of(0, 2, 2, 2, 4),
    child: { type: "int32", values: Int32Array.of(1, 2, 3, 99), valid: Uint8Array.of(1, 1, 1, 0) },
    valid: Uint8Array.of(1, 0, 1, 1),
  };
}
const INTS: RawValue[] = [[1, 2], null, [], [3, null]];

/** struct<a:int32,b:utf8>: {1, "x"}, null, {null, "zz"} by hand. */
function pairs(): Col {
  const b = enc.encode("xzz");
  return {
    type: "struct<a:int32,b:utf8>",
    fields: [
      { type: "int32", values: Int32Array.of(1, 0, 7), valid: Uint8Array.of(1, 0, 0) },
      { type: "utf8", offsets: Int32Array.of(0, 1, 1, 3), data: b, valid: null },
    ],
    length: 3,
    valid: Uint8Array.of(1, 0, 1),
  };
}
const PAIRS: RawValue[] = [[1, "x"], null, [null, "zz"]];

const column = (c: Col): Operand => ({ col: c, isScalar: false });
const scalar = (c: Col): Operand => ({ col: c, isScalar: true });
const info = (fn: string, type: DataType) => ({ fn, type, timeZone: "UTC" });

describe("list and struct columns", () => {
  it("read back as raw values", () => {
    expect(rawValues(ints())).toEqual(INTS);
    expect(rawValues(pairs())).toEqual(PAIRS);
  });

  it("gather rows, with -1 as a missing (null) row", () => {
    expect(rawValues(takeCol(ints(), Int32Array.of(3, -1, 0, 0, 1, 2)))).toEqual([[3, null], null, [1, 2], [1, 2], null, []]);
    expect(rawValues(takeCol(pairs(), Int32Array.of(2, 0, -1)))).toEqual([[null, "zz"], [1, "x"], null]);
  });

  it("slice without copying and concatenate slices", () => {
    const s = sliceCol(ints(), 2, 4);
    expect(rawValues(s)).toEqual([[], [3, null]]);
    expect(rawValues(concatCols([s, sliceCol(ints(), 0, 1), s]))).toEqual([[], [3, null], [1, 2], [], [3, null]]);
    expect(rawValues(concatCols([sliceCol(pairs(), 1, 3), pairs()]))).toEqual([null, [null, "zz"], ...PAIRS]);
  });

  it("null columns of nested types", () => {
    expect(rawValues(nullCol("array<utf8>", 2))).toEqual([null, null]);
    expect(rawValues(nullCol("struct<a:array<int32>>", 1))).toEqual([null]);
  });

  it("round-trip through Arrow List and Struct (also inside one another)", () => {
    const nested: RawValue[] = [[[1, "p"]], [], null, [[2, "q"], [3, null], null]];
    const cases: [DataType, RawValue[]][] = [
      ["array<int32>", INTS],
      ["struct<a:int32,b:utf8>", PAIRS],
      ["array<struct<a:int32,b:utf8>>", nested],
      ["struct<xs:array<int64>,`odd name`:boolean>", [[[1n, null], true], null, [null, false]]],
    ];
    for (const [type, values] of cases) {
      const c = colFromRaw(type, values);
      const d = colToArrowData(c, values.length);
      expect(cinderTypeOf(d.type)).toBe(type);
      expect(rawValues(colFromArrowData(d, type))).toEqual(values);
      // Through an IPC stream, as shuffle and cache blocks travel.
      const rb = batchToArrow({ length: values.length, columns: [c] }, [{ name: "v", type, nullable: true }]);
      const back = tableFromIPC(tableToIPC(new Table([rb]), "stream"));
      expect(rawValues(colFromArrowData(back.batches[0]!.data.children[0]!, type))).toEqual(values);
    }
    // Arrow sees the same values (not only Cinder's reading of them).
    const v = makeVector(colToArrowData(ints(), 4));
    expect([...v].map((x) => (x === null ? null : [...x]))).toEqual([[1, 2], null, [], [3, null]]);
  });

  it("a sliced list converts with rebased offsets", () => {
    const d = colToArrowData(sliceCol(ints(), 3, 4), 1);
    expect(rawValues(colFromArrowData(d, "array<int32>"))).toEqual([[3, null]]);
  });

  it("cast to string as Spark prints them", () => {
    const texts = (c: Col) => rawValues(cast(c, "utf8"));
    expect(texts(ints())).toEqual(["[1, 2]", null, "[]", "[3, null]"]);
    expect(texts(pairs())).toEqual(["{1, x}", null, "{null, zz}"]);
    expect(texts(colFromRaw("array<float64>", [[1, 0.5]]))).toEqual(["[1.0, 0.5]"]);
    expect(texts(colFromRaw("array<date>", [[19782]]))).toEqual(["[2024-02-29]"]);
    expect(texts(colFromRaw("array<array<utf8>>", [[["a"], [], null]]))).toEqual(["[[a], [], null]"]);
  });

  it("casts element by element between array types", () => {
    expect(rawValues(cast(ints(), "array<int64>"))).toEqual([[1n, 2n], null, [], [3n, null]]);
  });
});

describe("collection kernels", () => {
  const i32 = (...xs: (number | null)[]): Col => colFromRaw("int32", xs);
  const str = (...xs: (string | null)[]): Col => colFromRaw("utf8", xs);

  it("array() interleaves its arguments, scalars repeated, never null", () => {
    const out = makeArray([column(i32(1, null, 3)), scalar(i32(9)), column(i32(4, 5, null))], 3, info("array", "array<int32>"));
    expect(rawValues(out)).toEqual([[1, 9, 4], [null, 9, 5], [3, 9, null]]);
    expect(rawValues(makeArray([], 2, info("array", "array<null>")))).toEqual([[], []]);
  });

  it("concat of arrays joins them per row, null when any is null", () => {
    const ys = colFromRaw("array<int32>", [[9], [8], null, []]);
    const out = concatArrays([column(ints()), column(ys), scalar(colFromRaw("array<int32>", [[0]]))], 4, "array<int32>");
    expect(rawValues(out)).toEqual([[1, 2, 9, 0], null, null, [3, null, 0]]);
  });

  it("named_struct() takes the value arguments", () => {
    const out = namedStruct([scalar(str("a")), column(i32(1, 2)), scalar(str("b")), column(str("x", null))], 2, info("named_struct", "struct<a:int32,b:utf8>"));
    expect(rawValues(out)).toEqual([[1, "x"], [2, null]]);
    expect(rawValues(getField([column(out), scalar(str("b"))], 2, info("get_field", "utf8")))).toEqual(["x", null]);
    expect(rawValues(getField([column(pairs()), scalar(str("A"))], 3, info("get_field", "int32")))).toEqual([1, null, null]);
  });

  it("size() is -1 for a null array (spark.sql.legacy.sizeOfNull = true, Spark 3's default)", () => {
    expect(rawValues(size([column(ints())], 4, info("size", "int32")))).toEqual([2, -1, 0, 2]);
  });

  it("element_at is 1-based, negative from the end, null out of range; xs[i] is 0-based", () => {
    const at = (fn: string, k: number) => rawValues(elementAt([column(ints()), scalar(i32(k))], 4, info(fn, "int32")));
    expect(at("element_at", 1)).toEqual([1, null, null, 3]);
    expect(at("element_at", -1)).toEqual([2, null, null, null]);
    expect(at("element_at", 3)).toEqual([null, null, null, null]);
    expect(at("get_item", 1)).toEqual([2, null, null, null]);
    expect(at("get_item", -1)).toEqual([null, null, null, null]);
    expect(() => at("element_at", 0)).toThrow(/start at 1/);
  });

  it("array_contains: null when absent but a null element is there (Spark)", () => {
    const has = (k: number) => rawValues(arrayContains([column(ints()), scalar(i32(k))], 4, info("array_contains", "boolean")));
    expect(has(2)).toEqual([true, null, false, null]);
    expect(has(3)).toEqual([false, null, false, true]);
  });

  it("sort_array puts nulls first ascending and last descending; array_distinct keeps first occurrences", () => {
    const xs = colFromRaw("array<float64>", [[3, null, NaN, -1, 3], null, [0]]);
    expect(rawValues(sortArray([column(xs)], 3, info("sort_array", xs.type)))).toEqual([[null, -1, 3, 3, NaN], null, [0]]);
    expect(rawValues(sortArray([column(xs), scalar(colFromRaw("boolean", [false]))], 3, info("sort_array", xs.type)))).toEqual([[NaN, 3, 3, -1, null], null, [0]]);
    expect(rawValues(arrayDistinct([column(xs)], 3, info("array_distinct", xs.type)))).toEqual([[3, null, NaN, -1], null, [0]]);
  });

  it("split follows Java's String.split as Spark calls it (limit -1: trailing empties kept)", () => {
    const re = (p: string) => new RegExp(p, "gu");
    expect(javaSplit("oneAtwoBthreeC", re("[ABC]"), -1)).toEqual(["one", "two", "three", ""]);
    expect(javaSplit("oneAtwoBthreeC", re("[ABC]"), 2)).toEqual(["one", "twoBthreeC"]);
    expect(javaSplit("a,b,,c,,", re(","), -1)).toEqual(["a", "b", "", "c", "", ""]);
    expect(javaSplit("", re(","), -1)).toEqual([""]);
    expect(javaSplit("abc", re("x"), -1)).toEqual(["abc"]);
    expect(javaSplit(",a", re(","), -1)).toEqual(["", "a"]);
    const out = split([column(str("a b  c", null, "")), scalar(str("\\s+"))], 3, info("split", "array<utf8>"));
    expect(rawValues(out)).toEqual([["a", "b", "c"], null, [""]]);
  });
});
