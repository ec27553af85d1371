/**
 * Date and timestamp functions end to end, as DataFrame functions and as SQL, with 1 worker and
 * with 4, in a session whose time zone has DST (America/New_York). Expected values: JavaScript Date
 * UTC arithmetic for calendar fields, a fresh Intl.DateTimeFormat per value for local time (no
 * offset cache, no offset arithmetic), and hand-written instants around the DST changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalysisError, Session, addMonths, col, currentDate, currentTimestamp, dateAdd, dateDiff, dateFormat, dateSub, dateTrunc, dayofmonth, dayofweek,
  dayofyear, fromUnixtime, hour, lastDay, lit, makeDate, minute, month, monthsBetween, quarter, second, toDate, toTimestamp, trunc, unixTimestamp,
  weekofyear, year, type DataFrame, type Row,
} from "../../src/index.js";
import { type FnCase, checkCases } from "../helpers/function-cases.js";
import { rng } from "../helpers/rows.js";

const TZ = "America/New_York";
const DAY = 86_400_000;

interface R {
  id: number;
  days: number | null;
  ts: Date | null;
  n: number | null;
}

const DATES = ["1969-12-31", "1970-01-01", "2000-02-29", "2024-02-29", "2023-12-31", "2024-01-01", "2020-12-31", "2021-01-03", "1900-03-01", "2024-03-31", "2024-01-31", "1600-02-29", null];
const INSTANTS = [
  "2024-03-10T06:59:59Z", "2024-03-10T07:00:00Z", "2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z", "2024-02-29T23:30:00Z",
  "1969-12-31T23:59:59.999Z", "2024-12-31T23:00:00Z", "2024-07-04T13:05:03.250Z",
];
const rand = rng(11);
const rows: R[] = Array.from({ length: 80 }, (_, id) => {
  const ds = DATES[id % DATES.length]!;
  const fixed = INSTANTS[id % INSTANTS.length]!;
  const ts = id % 17 === 0 ? null : id < 40 ? new Date(fixed) : new Date(Math.round(-3e11 + rand() * 2.4e12));
  return { id, days: ds === null ? null : Date.parse(`${ds}T00:00:00Z`) / DAY, ts, n: id % 10 === 0 ? null : (id % 7) * 5 - 14 };
});

/** Local fields of an instant in TZ, from a new formatter (no caching, no offset math). */
function local(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TZ, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  }).formatToParts(new Date(ms));
  const p = (t: string) => Number(parts.find((x) => x.type === t)!.value);
  return { y: p("year"), mo: p("month"), d: p("day"), h: p("hour"), mi: p("minute"), s: p("second") };
}

const utc = (days: number) => new Date(days * DAY);
const dateOut = (days: number) => new Date(days * DAY);
const pad = (v: number, w = 2) => String(v).padStart(w, "0");
const onD = <T>(f: (days: number, dt: Date) => T) => (r: R): T | null => (r.days === null ? null : f(r.days, utc(r.days)));
const onT = <T>(f: (ms: number) => T) => (r: R): T | null => (r.ts === null ? null : f(r.ts.getTime()));
function isoWeek(dt: Date): number {
  const d = new Date(dt.getTime());
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / DAY + 1) / 7);
}
function jsAddMonths(dt: Date, k: number): Date {
  const first = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + k, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCFullYear(first.getUTCFullYear(), first.getUTCMonth(), Math.min(dt.getUTCDate(), last));
  return first;
}
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const cases: FnCase<R>[] = [
  { name: "year", df: year("d"), sql: "year(d)", expect: onD((_, dt) => dt.getUTCFullYear()) },
  { name: "quarter", df: quarter("d"), sql: "quarter(d)", expect: onD((_, dt) => Math.floor(dt.getUTCMonth() / 3) + 1) },
  { name: "month", df: month("d"), sql: "month(d)", expect: onD((_, dt) => dt.getUTCMonth() + 1) },
  { name: "dayofmonth", df: dayofmonth("d"), sql: "day(d)", expect: onD((_, dt) => dt.getUTCDate()) },
  { name: "dayofweek", df: dayofweek("d"), sql: "dayofweek(d)", expect: onD((_, dt) => dt.getUTCDay() + 1) },
  { name: "dayofyear", df: dayofyear("d"), sql: "dayofyear(d)", expect: onD((_, dt) => Math.round((dt.getTime() - Date.UTC(dt.getUTCFullYear(), 0, 1)) / DAY) + 1) },
  { name: "weekofyear", df: weekofyear("d"), sql: "weekofyear(d)", expect: onD((_, dt) => isoWeek(dt)) },
  { name: "last_day", df: lastDay("d"), sql: "last_day(d)", expect: onD((_, dt) => new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0))) },
  { name: "date_add", df: dateAdd("d", col("n")), sql: "date_add(d, n)", expect: (r) => (r.days === null || r.n === null ? null : dateOut(r.days + r.n)) },
  { name: "date_sub", df: dateSub("d", 3), sql: "date_sub(d, 3)", expect: onD((days) => dateOut(days - 3)) },
  { name: "datediff", df: dateDiff("d", lit("2024-01-01")), sql: "datediff(d, '2024-01-01')", expect: onD((days) => days - Date.UTC(2024, 0, 1) / DAY) },
  { name: "add_months", df: addMonths("d", col("n")), sql: "add_months(d, n)", expect: (r) => (r.days === null || r.n === null ? null : jsAddMonths(utc(r.days), r.n)) },
  { name: "trunc month", df: trunc("d", "month"), sql: "trunc(d, 'MM')", expect: onD((_, dt) => new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), 1))) },
  { name: "trunc quarter", df: trunc("d", "quarter"), sql: "trunc(d, 'quarter')", expect: onD((_, dt) => new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() - (dt.getUTCMonth() % 3), 1))) },
  { name: "trunc year", df: trunc("d", "year"), sql: "trunc(d, 'yyyy')", expect: onD((_, dt) => new Date(Date.UTC(dt.getUTCFullYear(), 0, 1))) },
  { name: "trunc week", df: trunc("d", "week"), sql: "trunc(d, 'week')", expect: onD((days, dt) => dateOut(days - ((dt.getUTCDay() + 6) % 7))) },
  { name: "date_format of a date", df: dateFormat("d", "EEE MMM d yy D"), sql: "date_format(d, 'EEE MMM d yy D')", expect: onD((_, dt) => `${DAYS[dt.getUTCDay()]} ${MONTHS[dt.getUTCMonth()]} ${dt.getUTCDate()} ${pad(dt.getUTCFullYear() % 100)} ${Math.round((dt.getTime() - Date.UTC(dt.getUTCFullYear(), 0, 1)) / DAY) + 1}`) },
  { name: "hour", df: hour("ts"), sql: "hour(ts)", expect: onT((ms) => local(ms).h) },
  { name: "minute", df: minute("ts"), sql: "minute(ts)", expect: onT((ms) => local(ms).mi) },
  { name: "second", df: second("ts"), sql: "second(ts)", expect: onT((ms) => local(ms).s) },
  { name: "to_date of a timestamp", df: toDate("ts"), sql: "to_date(ts)", expect: onT((ms) => { const l = local(ms); return new Date(Date.UTC(l.y, l.mo - 1, l.d)); }) },
  { name: "year of a timestamp (local)", df: year("ts"), sql: "year(ts)", expect: onT((ms) => local(ms).y) },
  {
    name: "date_format",
    df: dateFormat("ts", "yyyy-MM-dd HH:mm:ss.SSS"),
    sql: "date_format(ts, 'yyyy-MM-dd HH:mm:ss.SSS')",
    expect: onT((ms) => { const l = local(ms); return `${pad(l.y, 4)}-${pad(l.mo)}-${pad(l.d)} ${pad(l.h)}:${pad(l.mi)}:${pad(l.s)}.${pad(((ms % 1000) + 1000) % 1000, 3)}`; }),
  },
  { name: "unix_timestamp", df: unixTimestamp("ts"), sql: "unix_timestamp(ts)", expect: onT((ms) => BigInt(Math.floor(ms / 1000))) },
  {
    name: "from_unixtime",
    df: fromUnixtime(unixTimestamp("ts")),
    sql: "from_unixtime(unix_timestamp(ts))",
    expect: onT((ms) => { const l = local(ms); return `${pad(l.y, 4)}-${pad(l.mo)}-${pad(l.d)} ${pad(l.h)}:${pad(l.mi)}:${pad(l.s)}`; }),
  },
  { name: "date_trunc hour", df: dateTrunc("hour", "ts"), sql: "date_trunc('HOUR', ts)", expect: onT((ms) => { const l = local(ms); return new Date(Math.floor(ms / 1000) * 1000 - (l.mi * 60 + l.s) * 1000); }) },
  { name: "date_trunc second", df: dateTrunc("second", "ts"), sql: "date_trunc('second', ts)", expect: onT((ms) => new Date(Math.floor(ms / 1000) * 1000)) },
];

describe.each([1, 4])("date and timestamp functions with %i worker(s)", (workers) => {
  let session: Session;
  let df: DataFrame;
  beforeAll(() => {
    session = new Session({ workers, timeZone: TZ });
    df = session
      .createDataFrame(rows.map((r) => ({ id: r.id, ds: r.days === null ? null : utc(r.days).toISOString().slice(0, 10), ts: r.ts, n: r.n })) as unknown as Row[], { partitions: 4 })
      .withColumn("d", col("ds").cast("date"));
  });
  afterAll(async () => {
    await session.stop();
  });

  it("match JavaScript Date and Intl over the same rows", async () => {
    await checkCases(df, rows, cases);
  });

  it("parse and format Spark patterns, in the session time zone across DST changes", async () => {
    const one = session.createDataFrame([{ id: 0 }]);
    const [r] = await one
      .selectExpr(
        "to_date('29/02/2024', 'dd/MM/yyyy') AS a",
        "to_date('30/02/2024', 'dd/MM/yyyy') AS b",
        "to_date('2024-2-5', 'yyyy-M-d') AS c",
        "to_date('2024-02-05x', 'yyyy-MM-dd') AS d",
        "to_date('feb 5, 2024', 'MMM d, yyyy') AS e",
        "to_date('2024-060', 'yyyy-DDD') AS f",
        "to_date('2024-02-29') AS g",
        "to_timestamp('2024-03-10 02:30', 'yyyy-MM-dd HH:mm') AS h",
        "to_timestamp('2024-11-03 01:30', 'yyyy-MM-dd HH:mm') AS i",
        "to_timestamp('2024-07-01 12:00:00.123', 'yyyy-MM-dd HH:mm:ss.SSS') AS j",
        "to_timestamp('2024-07-01T12:00:00+02:00', 'yyyy-MM-dd''T''HH:mm:ssXXX') AS k",
        "to_timestamp('12/25/2024 01:05 PM', 'MM/dd/yyyy hh:mm a') AS l",
        "to_timestamp('2024-07-01 12:00:00') AS m",
        "to_timestamp('2024-07-01 12:00:00Z') AS n",
        "date_format(to_timestamp('2024-07-04 09:05:03.5'), 'EEEE, MMMM d, yyyy h:mm:ss.SSS a Z') AS o",
        "make_date(2024, 2, 30) AS p",
        "make_date(2024, 2, 29) AS q",
        "months_between('1997-02-28 10:30:00', '1996-10-30') AS r",
        "months_between('1997-02-28 10:30:00', '1996-10-30', false) AS s",
        "date_trunc('day', TIMESTAMP '2024-03-10 12:00:00') AS t",
        "date_trunc('month', TIMESTAMP '2024-11-15 12:00:00') AS u",
        "date_trunc('week', TIMESTAMP '2024-11-15 12:00:00') AS v",
        "EXTRACT(YEAR FROM DATE '2024-02-29') AS w",
        "extract(hour from TIMESTAMP '2024-07-01 16:00:00') AS x",
        "unix_timestamp('1970-01-01 00:00:00') AS y",
        "from_unixtime(0, 'yyyy-MM-dd HH:mm XXX') AS z",
        "to_date('2024-12-31 23:30', 'yyyy-MM-dd HH:mm') AS aa",
        "hour(DATE '2024-07-01') AS ab",
        "to_timestamp('2024-07-01', 'yyyy-MM-dd HH:mm') AS ac",
      )
      .collect();
    expect(r).toEqual({
      a: new Date("2024-02-29"), b: null, c: new Date("2024-02-05"), d: null, e: new Date("2024-02-05"), f: new Date("2024-02-29"), g: new Date("2024-02-29"),
      h: new Date("2024-03-10T07:30:00Z"), i: new Date("2024-11-03T05:30:00Z"), j: new Date("2024-07-01T16:00:00.123Z"), k: new Date("2024-07-01T10:00:00Z"),
      l: new Date("2024-12-25T18:05:00Z"), m: new Date("2024-07-01T16:00:00Z"), n: new Date("2024-07-01T12:00:00Z"),
      o: "Thursday, July 4, 2024 9:05:03.500 AM -0400", p: null, q: new Date("2024-02-29"), r: 3.94959677, s: 3.9495967741935485,
      // TIMESTAMP literals are UTC instants: 2024-03-10 12:00Z is 08:00 EDT, its local day starts 05:00Z (EST).
      t: new Date("2024-03-10T05:00:00Z"), u: new Date("2024-11-01T04:00:00Z"), v: new Date("2024-11-11T05:00:00Z"), w: 2024, x: 12,
      y: 18000n, z: "1969-12-31 19:00 -05:00", aa: new Date("2024-12-31"), ab: 0, ac: null,
    });
  });

  it("fix current_date and current_timestamp once per query", async () => {
    const before = Date.now();
    const got = await df.select(currentTimestamp().alias("now"), currentDate().alias("today")).collect();
    const after = Date.now();
    expect(new Set(got.map((x) => (x.now as Date).getTime())).size).toBe(1);
    const now = (got[0]!.now as Date).getTime();
    expect(now >= before && now <= after).toBe(true);
    const l = local(now);
    expect(got[0]!.today).toEqual(new Date(Date.UTC(l.y, l.mo - 1, l.d)));
  });
});

describe("time zones", () => {
  it("a fixed offset and UTC give their own local times", async () => {
    const ist = new Session({ workers: 1, timeZone: "+05:30" });
    const utcSession = new Session({ workers: 1 });
    try {
      const q = (s: Session) => s.createDataFrame([{ ts: new Date("2024-01-01T00:00:00Z") }]).select(hour("ts").alias("h"), minute("ts").alias("m"), toDate("ts").alias("d")).collect();
      expect(await q(ist)).toEqual([{ h: 5, m: 30, d: new Date("2024-01-01") }]);
      expect(await q(utcSession)).toEqual([{ h: 0, m: 0, d: new Date("2024-01-01") }]);
      const [r] = await utcSession.createDataFrame([{ id: 0 }]).selectExpr("to_timestamp('2024-07-01 12:00:00') AS t").collect();
      expect(r).toEqual({ t: new Date("2024-07-01T12:00:00Z") });
    } finally {
      await ist.stop();
      await utcSession.stop();
    }
  });

  it("an unknown time zone is rejected when the session is made", () => {
    expect(() => new Session({ workers: 1, timeZone: "Mars/Olympus" })).toThrow(/timeZone "Mars\/Olympus" is not a known time zone/);
  });
});

describe("date function errors", () => {
  const session = new Session({ workers: 1 });
  const df = session.createDataFrame([{ id: 0, i: 5, s: "2024-01-01" }]);
  afterAll(async () => {
    await session.stop();
  });
  it("name the function and argument", () => {
    expect(() => df.select(year("i"))).toThrow(AnalysisError);
    expect(() => df.select(year("i"))).toThrow(/year\(\) argument 1 \(date\) must be a date, timestamp or string, got i \(int32\)/);
    expect(() => df.select(dateFormat("s", "yyyy-qq"))).toThrow(/date_format\(\): the datetime pattern letter 'q'/);
    expect(() => df.select(toDate("s", "'yyyy"))).toThrow(/unterminated quote/);
    expect(() => df.select(dateTrunc("fortnight", "s"))).toThrow(/date_trunc\(\): unknown unit 'fortnight'/);
    expect(() => df.select(trunc("s", "day"))).toThrow(/trunc\(\): unknown unit 'day'/);
    expect(() => df.selectExpr("to_date(s, s)")).toThrow(/to_date\(\) argument 2 \(format\) must be a string literal/);
    expect(() => df.selectExpr("extract(era from s)")).toThrow(/Unknown EXTRACT field "era"/);
    expect(() => df.select(monthsBetween("s", "i"))).toThrow(/months_between\(\) argument 2/);
    expect(() => df.select(makeDate("s", "i", "i"))).not.toThrow();
  });
});
