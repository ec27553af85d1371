/**
 * A time zone's UTC offset at an instant, from Intl.DateTimeFormat: one formatter per zone, and
 * each offset cached per UTC hour (an hour whose two ends disagree — it holds a transition — is not
 * cached, and its instants are asked one by one). Fixed offsets ("UTC", "+05:30", "GMT-8") need no
 * formatter. Local wall time → UTC resolves a DST gap forward and an overlap to the earlier
 * offset, as java.time's ZonedDateTime.ofLocal does.
 */

const HOUR_MS = 3_600_000;
const zones = new Map<string, TimeZone>();

export class TimeZone {
  private readonly fixed: number | null;
  private readonly format: Intl.DateTimeFormat | null;
  private readonly byHour = new Map<number, number>();

  private constructor(readonly name: string) {
    this.fixed = fixedOffsetMs(name);
    this.format =
      this.fixed === null
        ? new Intl.DateTimeFormat("en-US", {
            timeZone: name,
            hourCycle: "h23",
            era: "short",
            year: "numeric",
            month: "numeric",
            day: "numeric",
            hour: "numeric",
            minute: "numeric",
            second: "numeric",
          })
        : null;
  }

  /**
   * The zone named `name` (an IANA id or a fixed offset); throws a RangeError for an unknown one.
   * @example
   * TimeZone.of("America/New_York").offsetMs(Date.UTC(2024, 6, 1)) // -14400000 (EDT)
   */
  static of(name: string): TimeZone {
    let z = zones.get(name);
    if (z === undefined) {
      z = new TimeZone(name);
      zones.set(name, z);
    }
    return z;
  }

  /** True for UTC and zero fixed offsets. */
  get isUtc(): boolean {
    return this.fixed === 0;
  }

  /** Offset of local time from UTC, in ms, at the instant `utcMs`. */
  offsetMs(utcMs: number): number {
    if (this.fixed !== null) return this.fixed;
    const hour = Math.floor(utcMs / HOUR_MS);
    const cached = this.byHour.get(hour);
    if (cached !== undefined) return cached;
    const start = this.compute(hour * HOUR_MS);
    if (start === this.compute(hour * HOUR_MS + HOUR_MS - 1000)) {
      this.byHour.set(hour, start);
      return start;
    }
    return this.compute(utcMs);
  }

  /**
   * The UTC instant of local wall time `localMs` (ms since the epoch as if local were UTC). In an
   * overlap, `preferredOffsetMs` wins when it is one of the two offsets (java.time keeps the
   * offset it had when truncating or adjusting a ZonedDateTime).
   */
  localToUtcMs(localMs: number, preferredOffsetMs?: number): number {
    if (this.fixed !== null) return localMs - this.fixed;
    if (preferredOffsetMs !== undefined && this.offsetMs(localMs - preferredOffsetMs) === preferredOffsetMs) return localMs - preferredOffsetMs;
    const o1 = this.offsetMs(localMs - this.offsetMs(localMs));
    const utc = localMs - o1;
    const o2 = this.offsetMs(utc);
    return o2 === o1 ? utc : localMs - o2;
  }

  private compute(utcMs: number): number {
    const f = this.format!;
    const seconds = Math.floor(utcMs / 1000) * 1000;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const p of f.formatToParts(new Date(seconds))) {
      switch (p.type) {
        case "year": y = Number(p.value); break;
        case "month": mo = Number(p.value); break;
        case "day": d = Number(p.value); break;
        case "hour": h = Number(p.value); break;
        case "minute": mi = Number(p.value); break;
        case "second": s = Number(p.value); break;
        case "era": bc = p.value.startsWith("B"); break;
        default: break;
      }
    }
    const local = new Date(0);
    local.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
    local.setUTCHours(h, mi, s, 0);
    return local.getTime() - seconds;
  }
}

/** Offset of a fixed zone in ms; null for a region id. */
function fixedOffsetMs(name: string): number | null {
  if (/^(UTC|GMT|Z|UT|Etc\/UTC|Etc\/GMT)$/i.test(name)) return 0;
  const m = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i.exec(name);
  if (!m) return null;
  const ms = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}
