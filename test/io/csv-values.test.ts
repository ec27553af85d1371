import { describe, expect, it } from "vitest";
import {
  parseBooleanBytes,
  parseDateBytes,
  parseFloat64Bytes,
  parseInt32Bytes,
  parseInt64Bytes,
  parseTimestampBytes,
} from "../../io/csv/parse-bytes.js";
import { textToBoolean, textToDate, textToFloat64, textToInt32, textToInt64, textToTimestamp } from "../../io/csv/parse-text.js";

// Byte parsers (fast path) and text parsers (reference path) against values computed here.
const bytes = (t: string) => Buffer.from(t, "utf8");
const int32 = (t: string) => {
  const v = parseInt32Bytes(bytes(t), 0, bytes(t).length);
  return Number.isNaN(v) ? null : v;
};
const int64 = (t: string) => {
  const out = new BigInt64Array(1);
  return parseInt64Bytes(bytes(t), 0, bytes(t).length, new Uint32Array(out.buffer), 0) ? out[0]! : null;
};
const float64 = (t: string) => {
  const out = new Float64Array(1);
  return parseFloat64Bytes(bytes(t), 0, bytes(t).length, out, 0) ? out[0]! : null;
};
const bool = (t: string) => [null, false, true][parseBooleanBytes(bytes(t), 0, bytes(t).length) + 1];
const date = (t: string) => {
  const v = parseDateBytes(bytes(t), 0, bytes(t).length);
  return Number.isNaN(v) ? null : v;
};
const timestamp = (t: string) => {
  const out = new BigInt64Array(1);
  return parseTimestampBytes(bytes(t), 0, bytes(t).length, new Uint32Array(out.buffer), 0) ? out[0]! : null;
};
const days = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;
const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe("integer parsing", () => {
  it.each([
    ["0", 0, 0n],
    ["-0", 0, 0n],
    ["+7", 7, 7n],
    ["007", 7, 7n],
    ["2147483647", 2147483647, 2147483647n],
    ["-2147483648", -2147483648, -2147483648n],
    ["2147483648", null, 2147483648n],
    ["-2147483649", null, -2147483649n],
    ["123456789012345", null, 123456789012345n],
    ["9007199254740993", null, 9007199254740993n],
    ["9223372036854775807", null, 9223372036854775807n],
    ["-9223372036854775808", null, -9223372036854775808n],
    ["00000000000000000000042", 42, 42n],
    ["9223372036854775808", null, null],
    ["99999999999999999999999", null, null],
    ["1e3", null, null],
    ["1.0", null, null],
    [" 1", null, null],
    ["1 ", null, null],
    ["-", null, null],
    ["+", null, null],
    ["0x10", null, null],
    ["1_000", null, null],
    ["١", null, null],
  ] as const)("%j", (text, i32, i64) => {
    expect(int32(text)).toBe(i32);
    expect(textToInt32(text)).toBe(i32);
    expect(int64(text)).toBe(i64);
    expect(textToInt64(text)).toBe(i64);
  });
});

describe("float parsing", () => {
  it.each([
    ["1.5", 1.5],
    [".5", 0.5],
    ["5.", 5],
    ["-0.0", -0],
    ["+2", 2],
    ["1e-7", 1e-7],
    ["1E+21", 1e21],
    ["0.1", 0.1],
    ["3.141592653589793238", 3.141592653589793],
    ["2.2250738585072014e-308", 2.2250738585072014e-308],
    ["4.9e-324", 5e-324],
    ["1.7976931348623157e308", 1.7976931348623157e308],
    ["1e400", Infinity],
    ["-1e400", -Infinity],
    ["1e-400", 0],
    ["0e999999999", 0],
    ["NaN", NaN],
    ["Inf", Infinity],
    ["-Inf", -Infinity],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
    ["nan", null],
    ["inf", null],
    ["-NaN", null],
    ["1e", null],
    ["e5", null],
    [".", null],
    ["", null],
    ["1.2.3", null],
    ["1,5", null],
    ["0x1p3", null],
    [" 1.5", null],
  ] as const)("%j", (text, expected) => {
    expect(Object.is(float64(text), expected) || (expected === null && float64(text) === null)).toBe(true);
    expect(Object.is(textToFloat64(text), expected) || (expected === null && textToFloat64(text) === null)).toBe(true);
  });

  it("equals Number(text) exactly on 20,000 random decimal strings", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("");
    for (let i = 0; i < 20_000; i++) {
      const sign = ["", "-", "+"][Math.floor(rnd() * 3)]!;
      const intPart = digits(Math.floor(rnd() * 12));
      const frac = rnd() < 0.7 ? `.${digits(Math.floor(rnd() * 20))}` : "";
      const exp = rnd() < 0.4 ? `e${Math.floor(rnd() * 700) - 350}` : "";
      const text = sign + (intPart === "" && frac.length < 2 ? "0" : intPart) + frac + exp;
      expect(Object.is(float64(text), Number(text)), text).toBe(true);
      expect(Object.is(textToFloat64(text), Number(text)), text).toBe(true);
    }
  });
});

describe("boolean parsing", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["tRuE", true],
    ["false", false],
    ["False", false],
    ["t", null],
    ["1", null],
    ["yes", null],
    ["truee", null],
    ["TRUE ", null],
  ] as const)("%j", (text, expected) => {
    expect(bool(text)).toBe(expected);
    expect(textToBoolean(text)).toBe(expected);
  });
});

describe("date and timestamp parsing", () => {
  it.each([
    ["1970-01-01", 0],
    ["2000-02-29", days(2000, 2, 29)],
    ["2024-12-31", days(2024, 12, 31)],
    ["1969-12-31", -1],
    ["0001-01-01", -719162],
    ["9999-12-31", 2932896],
    ["1900-02-29", null],
    ["2023-02-29", null],
    ["2023-13-01", null],
    ["2023-00-10", null],
    ["2023-04-31", null],
    ["2020-1-1", null],
    ["20200101", null],
    ["2020-01-01T00:00:00", null],
  ] as const)("date %j", (text, expected) => {
    expect(date(text)).toBe(expected);
    expect(textToDate(text)).toBe(expected);
  });

  it.each([
    ["1970-01-01", 0n],
    ["2020-01-02T03:04:05Z", micros("2020-01-02T03:04:05Z")],
    ["2020-01-02 03:04:05", micros("2020-01-02T03:04:05Z")],
    ["2020-01-02T03:04:05.5", micros("2020-01-02T03:04:05Z") + 500_000n],
    ["2020-01-02T03:04:05.123456Z", micros("2020-01-02T03:04:05Z") + 123_456n],
    ["2020-01-02T03:04:05.000001", micros("2020-01-02T03:04:05Z") + 1n],
    ["2020-01-02T03:04:05+01:30", micros("2020-01-02T01:34:05Z")],
    ["2020-01-02T03:04:05-08:00", micros("2020-01-02T11:04:05Z")],
    ["1969-12-31T23:59:59.999999Z", -1n],
    ["0001-01-01T00:00:00Z", -62135596800000000n],
    ["9999-12-31T23:59:59.999999Z", 253402300799999999n],
    ["2020-01-02T03:04:05.1234567", null],
    ["2020-01-02T24:00:00", null],
    ["2020-01-02T03:60:00", null],
    ["2020-01-02T03:04", null],
    ["2020-01-02T03:04:05.", null],
    ["2020-01-02T03:04:05+0100", null],
    ["2020-01-02T03:04:05 Z", null],
    ["2020-02-30T00:00:00", null],
  ] as const)("timestamp %j", (text, expected) => {
    expect(timestamp(text)).toBe(expected);
    expect(textToTimestamp(text)).toBe(expected);
  });
});
