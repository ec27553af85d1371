/** The Spark datetime pattern compiler: formatting and parsing, letter by letter, against hand-written values. */
import { describe, expect, it } from "vitest";
import { type DateTimeFields, DatetimePattern } from "../../../../executor/kernels/datetime/datetime-pattern.js";

const fields = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, micro = 0): DateTimeFields => ({ year: y, month: mo, day: d, hour: h, minute: mi, second: s, micro, offsetMs: null });

describe("format", () => {
  const f = fields(2024, 2, 29, 0, 5, 9, 123456);
  const g = fields(2023, 12, 3, 13, 45, 0, 500);
  it.each([
    ["yyyy-MM-dd HH:mm:ss", f, 0, "2024-02-29 00:05:09"],
    ["yy/M/d", f, 0, "24/2/29"],
    ["MMM MMMM LLL", g, 0, "Dec December Dec"],
    ["EEE EEEE", f, 0, "Thu Thursday"],
    ["h:mm a K k", f, 0, "12:05 AM 0 24"],
    ["hh a", g, 0, "01 PM"],
    ["S SS SSS SSSSSS SSSSSSSS", f, 0, "1 12 123 123456 12345600"],
    ["D DDD", g, 0, "337 337"],
    ["Z X XX XXX x xxx", f, -4.5 * 3_600_000, "-0430 -0430 -0430 -04:30 -0430 -04:30"],
    ["X XXX", f, 0, "Z Z"],
    ["'at' HH 'o''clock' ''", g, 0, "at 13 o'clock '"],
  ])("%s", (pattern, value, offset, want) => {
    expect(new DatetimePattern(pattern).format(value, offset)).toBe(want);
  });
});

describe("parse", () => {
  const out = fields(1970, 1, 1);
  const parse = (pattern: string, text: string): DateTimeFields | null => (new DatetimePattern(pattern).parse(text, out) ? { ...out } : null);
  it.each([
    ["yyyy-MM-dd", "2024-02-29", fields(2024, 2, 29)],
    ["yyyy-MM-dd", "2023-02-29", null],
    ["yyyy-MM-dd", "2024-2-29", null],
    ["yyyy-M-d", "2024-2-9", fields(2024, 2, 9)],
    ["yyyyMMdd", "20240229", fields(2024, 2, 29)],
    ["dd MMM yyyy", "01 jan 2020", fields(2020, 1, 1)],
    ["MMMM d, yy", "March 5, 21", fields(2021, 3, 5)],
    ["EEE, d MMM yyyy HH:mm", "Thu, 29 Feb 2024 23:59", fields(2024, 2, 29, 23, 59)],
    ["hh:mm a", "12:30 AM", fields(1970, 1, 1, 0, 30)],
    ["hh:mm a", "12:30 pm", fields(1970, 1, 1, 12, 30)],
    ["HH:mm:ss.SSS", "10:11:12.5", fields(1970, 1, 1, 10, 11, 12, 500000)],
    ["HH:mm", "24:00", null],
    ["yyyy-DDD", "2023-365", fields(2023, 12, 31)],
    ["yyyy-MM-dd", "2024-02-29 ", null],
  ])("%s ← %s", (pattern, text, want) => {
    expect(parse(pattern, text)).toEqual(want);
  });

  it("reads offsets", () => {
    expect(parse("HH:mmXXX", "10:00Z")?.offsetMs).toBe(0);
    expect(parse("HH:mmXXX", "10:00-05:00")?.offsetMs).toBe(-18_000_000);
    expect(parse("HH:mm Z", "10:00 +0530")?.offsetMs).toBe(19_800_000);
  });
});
