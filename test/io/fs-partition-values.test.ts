import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  HIVE_DEFAULT_PARTITION,
  escapePartitionValue,
  inferPartitionType,
  parsePartitionDir,
  partitionDirName,
  partitionValueOrNull,
  unescapePartitionValue,
} from "../../io/fs/index.js";

const HOSTILE = ["../../etc", "a/b", "..", ".", "x=y", "%2F", "100%", "a\\b", "tab\there", "nul\0", "{[*?]}", "São Paulo", "😀/..", "../", "/abs", "C:\\x", "del\x7f"];

describe("partition value escaping", () => {
  it.each(HOSTILE)("round-trips %j and stays one path component inside the target", (v) => {
    const escaped = escapePartitionValue(v);
    expect(unescapePartitionValue(escaped)).toBe(v);
    expect(escaped).not.toMatch(/[/\\=\0]/);
    expect(escaped).not.toMatch(/^\.\.?$/);
    const target = resolve("/data/out");
    const joined = resolve(join(target, partitionDirName("k", v), "part-0.parquet"));
    expect(relative(target, joined).split(sep)).toEqual([`k=${escaped}`, "part-0.parquet"]);
  });

  it("escapes like Spark", () => {
    expect(escapePartitionValue("a/b")).toBe("a%2Fb");
    expect(escapePartitionValue("x=y")).toBe("x%3Dy");
    expect(escapePartitionValue("..")).toBe("%2E%2E");
    expect(escapePartitionValue("../../etc")).toBe("..%2F..%2Fetc");
    expect(escapePartitionValue("a\nb")).toBe("a%0Ab");
    expect(escapePartitionValue("ok-value_1.5 é")).toBe("ok-value_1.5 é");
    expect(unescapePartitionValue("100%")).toBe("100%");
    expect(unescapePartitionValue("%zz%4")).toBe("%zz%4");
  });

  it("writes null and the empty string as the Hive default partition", () => {
    expect(escapePartitionValue(null)).toBe(HIVE_DEFAULT_PARTITION);
    expect(escapePartitionValue("")).toBe(HIVE_DEFAULT_PARTITION);
    expect(partitionValueOrNull(unescapePartitionValue(HIVE_DEFAULT_PARTITION))).toBeNull();
    expect(partitionDirName("year", null)).toBe(`year=${HIVE_DEFAULT_PARTITION}`);
  });

  it("parses key=value directory names", () => {
    expect(parsePartitionDir("city=S%C3%A3o")).toEqual(["city", "São"]);
    expect(parsePartitionDir("k=%FF%2F")).toEqual(["k", "\u00ff/"]); // not UTF-8: one char per byte
    expect(parsePartitionDir("k=a=b")).toEqual(["k", "a=b"]);
    expect(parsePartitionDir("k%3D1=v")).toEqual(["k=1", "v"]);
    expect(parsePartitionDir("=v")).toBeUndefined();
    expect(parsePartitionDir("plain")).toBeUndefined();
    expect(() => partitionDirName("", "x")).toThrow(/empty/);
  });
});

describe("inferPartitionType", () => {
  it.each([
    [["1", "-2", "2147483647"], "int32"],
    [["1", "2147483648"], "int64"],
    [["-9223372036854775808", "9223372036854775807"], "int64"],
    [["9223372036854775808"], "utf8"],
    [["1", "2.5"], "float64"],
    [["1e3", "-.5"], "float64"],
    [["007", "8"], "utf8"],
    [["2024-01-01"], "utf8"],
    [["NaN"], "utf8"],
    [["Infinity"], "utf8"],
    [["1", HIVE_DEFAULT_PARTITION], "int32"],
    [[HIVE_DEFAULT_PARTITION], "utf8"],
    [[], "utf8"],
    [["0", "-0"], "int32"],
  ] as const)("%j → %s", (values, type) => {
    expect(inferPartitionType([...values])).toBe(type);
  });
});
