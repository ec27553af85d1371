/**
 * Instants (microseconds since the epoch, UTC) as local wall time in a zone, and back. Microseconds
 * are read as a Number: exact within ±285 years of 1970, beyond that to the microsecond's
 * neighbourhood (2^53 µs).
 */
import { civilFromDays, daysFromCivil } from "../civil-date.js";
import type { DateTimeFields } from "./datetime-pattern.js";
import type { TimeZone } from "./time-zone.js";

const DAY_MS = 86_400_000;
const ymd = new Int32Array(3);

export function newFields(): DateTimeFields {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, offsetMs: null };
}

/** Fills `f` with the local fields of instant `us`; returns the zone's offset in ms. */
export function toLocal(us: number, tz: TimeZone, f: DateTimeFields): number {
  const utcMs = Math.floor(us / 1000);
  const off = tz.offsetMs(utcMs);
  const local = utcMs + off;
  const days = Math.floor(local / DAY_MS);
  civilFromDays(days, ymd);
  const msOfDay = local - days * DAY_MS;
  f.year = ymd[0]!;
  f.month = ymd[1]!;
  f.day = ymd[2]!;
  f.hour = Math.floor(msOfDay / 3_600_000);
  f.minute = Math.floor(msOfDay / 60_000) % 60;
  f.second = Math.floor(msOfDay / 1000) % 60;
  f.micro = (msOfDay % 1000) * 1000 + (us - utcMs * 1000);
  return off;
}

/**
 * The instant (µs) of local fields, using a parsed offset when the text had one; in a DST overlap
 * `preferredOffsetMs` (the offset before an adjustment) is kept when it still applies.
 */
export function fromLocal(f: DateTimeFields, tz: TimeZone, preferredOffsetMs?: number): number {
  const localMs = daysFromCivil(f.year, f.month, f.day) * DAY_MS + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000;
  const utcMs = f.offsetMs !== null ? localMs - f.offsetMs : tz.localToUtcMs(localMs, preferredOffsetMs);
  return utcMs * 1000 + f.micro;
}

/** The local day number of instant `us`. */
export function localDays(us: number, tz: TimeZone): number {
  const utcMs = Math.floor(us / 1000);
  return Math.floor((utcMs + tz.offsetMs(utcMs)) / DAY_MS);
}

/** The instant of local midnight starting day `days`. */
export function startOfDay(days: number, tz: TimeZone): number {
  return tz.localToUtcMs(days * DAY_MS) * 1000;
}
