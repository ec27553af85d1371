/**
 * TimeZone: the cached offsets must equal a fresh Intl lookup at every minute across DST changes
 * (the hour holding a transition is not cached), and local → UTC must follow java.time's rules
 * (a gap moves forward, an overlap takes the earlier offset unless another is preferred).
 */
import { describe, expect, it } from "vitest";
import { TimeZone } from "../../../../executor/kernels/datetime/time-zone.js";

/** The offset at `ms` from the zone's own wall-clock text, parsed by hand. */
function intlOffset(zone: string, ms: number): number {
  const text = new Date(ms).toLocaleString("sv-SE", { timeZone: zone }); // "2024-03-10 03:00:00"
  const [d, t] = text.split(" ") as [string, string];
  const [y, mo, da] = d.split("-").map(Number) as [number, number, number];
  const [h, mi, s] = t.split(":").map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, da, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

describe("TimeZone", () => {
  it.each([
    ["America/New_York", "2024-03-10T05:00:00Z"],
    ["America/New_York", "2024-11-03T04:00:00Z"],
    ["Europe/London", "2024-03-31T00:00:00Z"],
    ["Australia/Lord_Howe", "2024-04-06T14:00:00Z"], // a 30-minute DST change
    ["Asia/Kolkata", "2024-01-01T00:00:00Z"],
  ])("%s offsets equal Intl minute by minute around %s", (zone, start) => {
    const tz = TimeZone.of(zone);
    const t0 = Date.parse(start);
    for (let m = 0; m < 4 * 60; m += 1) {
      const ms = t0 + m * 60_000 + 17_000;
      expect(tz.offsetMs(ms)).toBe(intlOffset(zone, ms));
    }
  });

  it("resolves local wall times as java.time does", () => {
    const ny = TimeZone.of("America/New_York");
    expect(ny.localToUtcMs(Date.UTC(2024, 6, 1, 12))).toBe(Date.parse("2024-07-01T16:00:00Z"));
    expect(ny.localToUtcMs(Date.UTC(2024, 2, 10, 2, 30))).toBe(Date.parse("2024-03-10T07:30:00Z")); // gap: 03:30 EDT
    expect(ny.localToUtcMs(Date.UTC(2024, 10, 3, 1, 30))).toBe(Date.parse("2024-11-03T05:30:00Z")); // overlap: EDT
    expect(ny.localToUtcMs(Date.UTC(2024, 10, 3, 1, 30), -5 * 3_600_000)).toBe(Date.parse("2024-11-03T06:30:00Z")); // EST preferred
  });

  it("reads fixed offsets and rejects unknown zones", () => {
    expect(TimeZone.of("+05:30").offsetMs(0)).toBe(19_800_000);
    expect(TimeZone.of("GMT-8").offsetMs(0)).toBe(-28_800_000);
    expect(TimeZone.of("UTC").isUtc).toBe(true);
    expect(() => TimeZone.of("Nowhere/Special")).toThrow(RangeError);
  });
});
