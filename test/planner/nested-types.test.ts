/** The array/struct type strings: building, parsing, taking apart, common types. */
import { describe, expect, it } from "vitest";
import {
  arrayOf,
  elementType,
  fieldIndex,
  isArrayType,
  isNestedType,
  isStructType,
  parseType,
  quoteFieldName,
  sparkTypeName,
  structFields,
  structOf,
} from "../../planner/nested-types.js";
import { commonType } from "../../planner/types.js";

describe("nested type strings", () => {
  it("builds arrays and structs in Spark's DDL shape with Cinder's element names", () => {
    expect(arrayOf("int32")).toBe("array<int32>");
    expect(arrayOf(arrayOf("utf8"))).toBe("array<array<utf8>>");
    expect(structOf([{ name: "a", type: "int32" }, { name: "b", type: arrayOf("utf8") }])).toBe("struct<a:int32,b:array<utf8>>");
  });

  it("quotes field names that are not plain identifiers, doubling backquotes", () => {
    expect(quoteFieldName("plain_1")).toBe("plain_1");
    expect(quoteFieldName("with space")).toBe("`with space`");
    expect(quoteFieldName("a`b")).toBe("`a``b`");
    expect(quoteFieldName("x>,y:z")).toBe("`x>,y:z`");
    expect(quoteFieldName("1st")).toBe("`1st`");
  });

  it("takes structs apart again, whatever the names hold", () => {
    const names = ["a", "with space", "a`b", "x>,y:z<", "", "struct<q:int32>"];
    const t = structOf(names.map((name, i) => ({ name, type: i % 2 ? arrayOf("int64") : structOf([{ name: "in`ner", type: "date" }]) })));
    const fields = structFields(t);
    expect(fields.map((f) => f.name)).toEqual(names);
    expect(fields[1]?.type).toBe("array<int64>");
    expect(structFields(fields[0]!.type)).toEqual([{ name: "in`ner", type: "date", nullable: true }]);
    expect(structOf(fields)).toBe(t);
  });

  it("classifies and unwraps", () => {
    expect(isArrayType("array<struct<a:int32>>")).toBe(true);
    expect(isStructType("array<struct<a:int32>>")).toBe(false);
    expect(isNestedType("utf8")).toBe(false);
    expect(elementType("array<struct<a:int32>>")).toBe("struct<a:int32>");
    expect(fieldIndex("struct<a:int32,B:utf8>", "b")).toBe(1); // case-insensitive fallback, as Spark
    expect(fieldIndex("struct<a:int32,b:utf8,B:utf8>", "B")).toBe(2); // exact match first
    expect(fieldIndex("struct<a:int32>", "z")).toBe(-1);
  });

  it("parses what users write: Spark's names, any case, spaces", () => {
    expect(parseType("ARRAY<INT>")).toBe("array<int32>");
    expect(parseType("struct< a : string, b:array< bigint > >")).toBe("struct<a:utf8,b:array<int64>>");
    expect(parseType("array<struct<`x y`:double,z:date>>")).toBe("array<struct<`x y`:float64,z:date>>");
    expect(parseType("struct<>")).toBe("struct<>");
    expect(() => parseType("array<int")).toThrow(/Cannot parse type "array<int": expected ">"/);
    expect(() => parseType("array<decimal>")).toThrow(/unknown type "decimal"/);
    expect(() => parseType("struct<a int>")).toThrow(/expected ":"/);
  });

  it("prints Spark's spelling for messages", () => {
    expect(sparkTypeName("array<int32>")).toBe("array<int>");
    expect(sparkTypeName("struct<a:int64,b:array<utf8>>")).toBe("struct<a:bigint,b:array<string>>");
  });

  it("widens arrays element-wise and refuses to mix nested with flat", () => {
    expect(commonType("array<int32>", "array<int64>")).toBe("array<int64>");
    expect(commonType("array<null>", "array<utf8>")).toBe("array<utf8>");
    expect(commonType("array<int32>", "null")).toBe("array<int32>");
    expect(commonType("array<int32>", "array<boolean>")).toBeUndefined();
    expect(commonType("array<int32>", "int32")).toBeUndefined();
    expect(commonType("struct<a:int32>", "utf8")).toBeUndefined();
    expect(commonType("struct<a:int32>", "struct<a:int32>")).toBe("struct<a:int32>");
  });
});
