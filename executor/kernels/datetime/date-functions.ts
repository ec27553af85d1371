/**
 * Functions of dates (Int32 days since 1970-01-01): fields (year … weekofyear), arithmetic
 * (date_add, date_sub, datediff, add_months, last_day, make_date) and trunc. Calendar math on
 * integers (civil-date.ts): no Date objects and no time zone.
 */
import { type Col, type I32Col, type Validity } from "../../batch.js";
import { civilFromDays, daysFromCivil, daysInMonth } from "../civil-date.js";
import type { Operand } from "../operand.js";
import { type CallInfo, allValid, i32Of, scalarString } from "../library-args.js";
import { writableValid } from "../validity.js";

type FieldLoop = (out: Int32Array, days: Int32Array, n: number) => void;

const ymd = new Int32Array(3);

/** ISO-8601 week of the year: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(days: number): number {
  const wd = ((((days + 3) % 7) + 7) % 7) + 1; // 1 = Monday
  const thursday = days - wd + 4;
  civilFromDays(thursday, ymd);
  return Math.floor((thursday - daysFromCivil(ymd[0]!, 1, 1)) / 7) + 1;
}

const FIELDS: Readonly<Record<string, FieldLoop>> = {
  year: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = ymd[0]!; } },
  month: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = ymd[1]!; } },
  quarter: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = ((ymd[1]! - 1) / 3 | 0) + 1; } },
  dayofmonth: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = ymd[2]!; } },
  // 1970-01-01 was a Thursday; Spark's dayofweek counts 1 = Sunday … 7 = Saturday.
  dayofweek: (o, d, n) => { for (let i = 0; i < n; i++) o[i] = ((((d[i]! + 4) % 7) + 7) % 7) + 1; },
  dayofyear: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = d[i]! - daysFromCivil(ymd[0]!, 1, 1) + 1; } },
  weekofyear: (o, d, n) => { for (let i = 0; i < n; i++) o[i] = isoWeek(d[i]!); },
  last_day: (o, d, n) => { for (let i = 0; i < n; i++) { civilFromDays(d[i]!, ymd); o[i] = d[i]! + daysInMonth(ymd[0]!, ymd[1]!) - ymd[2]!; } },
};

/**
 * @example
 * dateField([d], n, { fn: "dayofweek", … }) // 2024-03-03 (a Sunday) → 1
 */
export function dateField(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col as I32Col;
  const loop = FIELDS[info.fn];
  if (loop === undefined) throw new Error(`internal: no date field ${info.fn}`);
  const out = new Int32Array(n);
  loop(out, c.values, n);
  return { type: info.fn === "last_day" ? "date" : "int32", values: out, valid: c.valid };
}

/**
 * date_add / date_sub / datediff(end, start) / add_months (the day clamped to the month's end).
 * @example
 * dateArith([d, lit(1)], n, { fn: "add_months", … }) // 2024-01-31 → 2024-02-29
 */
export function dateArith(args: readonly Operand[], n: number, info: CallInfo): Col {
  const a = i32Of(args[0], info.fn);
  const b = i32Of(args[1], info.fn);
  const valid = allValid(args, n);
  const out = new Int32Array(n);
  const av = a.values;
  const bv = b.values;
  const as = a.scalar;
  const bs = b.scalar;
  switch (info.fn) {
    case "date_add":
      for (let i = 0; i < n; i++) out[i] = (as ? av[0]! : av[i]!) + (bs ? bv[0]! : bv[i]!);
      break;
    case "date_sub":
    case "datediff":
      for (let i = 0; i < n; i++) out[i] = (as ? av[0]! : av[i]!) - (bs ? bv[0]! : bv[i]!);
      break;
    case "add_months":
      for (let i = 0; i < n; i++) out[i] = addMonths(as ? av[0]! : av[i]!, bs ? bv[0]! : bv[i]!);
      break;
    default:
      throw new Error(`internal: no date arithmetic ${info.fn}`);
  }
  return { type: info.fn === "datediff" ? "int32" : "date", values: out, valid };
}

export function addMonths(days: number, months: number): number {
  civilFromDays(days, ymd);
  const total = ymd[0]! * 12 + (ymd[1]! - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(ymd[2]!, daysInMonth(y, m)));
}

/**
 * make_date(year, month, day): NULL for a day that does not exist.
 * @example
 * makeDate([lit(2023), lit(2), lit(29)], 1, info) // null
 */
export function makeDate(args: readonly Operand[], n: number, info: CallInfo): Col {
  const [y, m, d] = [0, 1, 2].map((k) => i32Of(args[k], info.fn));
  let valid: Validity = allValid(args, n);
  const out = new Int32Array(n);
  let bad: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const yy = y!.scalar ? y!.values[0]! : y!.values[i]!;
    const mm = m!.scalar ? m!.values[0]! : m!.values[i]!;
    const dd = d!.scalar ? d!.values[0]! : d!.values[i]!;
    if (mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(yy, mm)) {
      bad ??= writableValid(valid, n);
      bad[i] = 0;
    } else out[i] = daysFromCivil(yy, mm, dd);
  }
  if (bad !== null) valid = bad;
  return { type: "date", values: out, valid };
}

/** The start of the date's year / quarter / month / ISO week; null for another unit. */
export function truncDays(days: number, unit: string): number | null {
  civilFromDays(days, ymd);
  switch (unit) {
    case "year":
    case "yyyy":
    case "yy":
      return daysFromCivil(ymd[0]!, 1, 1);
    case "quarter":
      return daysFromCivil(ymd[0]!, ymd[1]! - ((ymd[1]! - 1) % 3), 1);
    case "month":
    case "mon":
    case "mm":
      return daysFromCivil(ymd[0]!, ymd[1]!, 1);
    case "week":
      return days - ((((days + 3) % 7) + 7) % 7);
    default:
      return null;
  }
}

/**
 * trunc(date, unit) with unit year/yyyy/yy, quarter, month/mon/mm or week (to Monday).
 * @example
 * trunc([d, lit("quarter")], n, info) // 2024-05-17 → 2024-04-01
 */
export function trunc(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col as I32Col;
  const unit = scalarString(args[1], info.fn).toLowerCase();
  const out = new Int32Array(n);
  if (truncDays(0, unit) === null) return { type: "date", values: out, valid: new Uint8Array(n) };
  const d = c.values;
  for (let i = 0; i < n; i++) out[i] = truncDays(d[i]!, unit)!;
  return { type: "date", values: out, valid: c.valid };
}
