/**
 * Runs a library function (planner/functions/) on its operands: looks up the kernel once per node
 * and batch, short-circuits a strict function with a null scalar argument to an all-null column,
 * and evaluates a strict function whose only column argument is dictionary-encoded on the
 * dictionary's distinct values, then gathers by the codes (each distinct string is processed once).
 */
import type { LibraryFn } from "../../planner/expr.js";
import { type Col, nullCol, takeCol } from "../batch.js";
import { type Operand, isNullScalar } from "./operand.js";
import { andValid } from "./validity.js";
import type { CallInfo } from "./library-args.js";
import { concatWs } from "./strings/concat-ws.js";
import { pad, repeat } from "./strings/pad.js";
import { matchBytes, position } from "./strings/search.js";
import { right, substring } from "./strings/substring.js";
import { initcap, replace, reverse, stringMeasure, translate } from "./strings/transform.js";
import { trim } from "./strings/trim.js";
import { regexp } from "./regexp.js";
import { floorCeil, round } from "./math/rounding.js";
import { binaryDouble, isNan, mathConstant, unaryDouble } from "./math/double-functions.js";
import { extremes, pmod } from "./math/extremes.js";
import { dateArith, dateField, makeDate, trunc } from "./datetime/date-functions.js";
import { dateTrunc, formatTime, monthsBetween, timeField } from "./datetime/timestamp-functions.js";
import { toDate, toTimestamp, unixTimestamp } from "./datetime/parse-datetime.js";
import { digest, murmur3 } from "./hash-functions.js";
import { arrayContains, arrayDistinct, elementAt, getField, makeArray, namedStruct, nestedKey, size, sortArray, split } from "./collections.js";

type Kernel = (args: readonly Operand[], n: number, info: CallInfo) => Col;

/** strict: NULL in any argument gives NULL (so kernels see only non-null scalars). */
interface Entry {
  readonly kernel: Kernel;
  readonly strict: boolean;
}

const strict = (kernel: Kernel): Entry => ({ kernel, strict: true });
const lenient = (kernel: Kernel): Entry => ({ kernel, strict: false });

const KERNELS: Readonly<Record<LibraryFn, Entry>> = {
  trim: strict(trim), ltrim: strict(trim), rtrim: strict(trim),
  substring: strict(substring), right: strict(right),
  concat_ws: lenient(concatWs),
  lpad: strict(pad), rpad: strict(pad), repeat: strict(repeat),
  startswith: strict(matchBytes), endswith: strict(matchBytes), contains: strict(matchBytes),
  instr: strict(position), locate: strict(position),
  reverse: strict(reverse), initcap: strict(initcap), replace: strict(replace), translate: strict(translate),
  ascii: strict(stringMeasure), octet_length: strict(stringMeasure), bit_length: strict(stringMeasure),
  regexp_extract: strict(regexp), regexp_replace: strict(regexp), rlike: strict(regexp),
  round: strict(round), bround: strict(round), floor: strict(floorCeil), ceil: strict(floorCeil),
  sqrt: strict(unaryDouble), cbrt: strict(unaryDouble), exp: strict(unaryDouble), ln: strict(unaryDouble),
  log10: strict(unaryDouble), log2: strict(unaryDouble), log1p: strict(unaryDouble), signum: strict(unaryDouble),
  sin: strict(unaryDouble), cos: strict(unaryDouble), tan: strict(unaryDouble), asin: strict(unaryDouble),
  acos: strict(unaryDouble), atan: strict(unaryDouble), degrees: strict(unaryDouble), radians: strict(unaryDouble),
  log: strict(binaryDouble), pow: strict(binaryDouble), atan2: strict(binaryDouble),
  greatest: lenient(extremes), least: lenient(extremes), pmod: strict(pmod),
  e: strict(mathConstant), pi: strict(mathConstant),
  to_date: strict(toDate), to_timestamp: strict(toTimestamp), unix_timestamp: strict(unixTimestamp),
  date_format: strict(formatTime), from_unixtime: strict(formatTime),
  year: strict(dateField), quarter: strict(dateField), month: strict(dateField), dayofmonth: strict(dateField),
  dayofweek: strict(dateField), dayofyear: strict(dateField), weekofyear: strict(dateField), last_day: strict(dateField),
  hour: strict(timeField), minute: strict(timeField), second: strict(timeField),
  date_add: strict(dateArith), date_sub: strict(dateArith), datediff: strict(dateArith), add_months: strict(dateArith),
  months_between: strict(monthsBetween), make_date: strict(makeDate),
  date_trunc: strict(dateTrunc), trunc: strict(trunc),
  current_date: strict(noKernel), current_timestamp: strict(noKernel),
  isnan: lenient(isNan), nanvl: lenient(binaryDouble),
  hash: lenient(murmur3), md5: strict(digest), sha1: strict(digest), sha2: strict(digest),
  array: lenient(makeArray), named_struct: lenient(namedStruct), size: lenient(size),
  element_at: strict(elementAt), get_item: strict(elementAt), get_field: strict(getField),
  array_contains: lenient(arrayContains), sort_array: strict(sortArray), array_distinct: strict(arrayDistinct),
  split: strict(split), nested_key: lenient(nestedKey),
  explode: strict(noKernel), explode_outer: strict(noKernel), posexplode: strict(noKernel), posexplode_outer: strict(noKernel),
};

function noKernel(_args: readonly Operand[], _n: number, info: CallInfo): Col {
  throw new Error(`internal: ${info.fn}() reached a worker; the binder replaces it by the query's start time`);
}

/**
 * @example
 * callLibrary({ fn: "upper", type: "utf8", timeZone: "UTC" }, [strOperand], n)
 */
export function callLibrary(fn: LibraryFn, info: CallInfo, args: readonly Operand[], n: number): Col {
  const entry = KERNELS[fn];
  if (entry === undefined) throw new Error(`internal: no kernel for ${fn}`);
  if (!entry.strict) {
    if (fn === "nanvl" && isNullScalar(args[0]!)) return nullCol(info.type, n);
    return entry.kernel(args, n, info);
  }
  if (args.some(isNullScalar) || args.some((a) => a.col.type === "null")) return nullCol(info.type, n);
  const columns = args.filter((a) => !a.isScalar);
  const only = columns.length === 1 ? columns[0]! : null;
  if (only !== null && only.col.type === "utf8" && only.col.dict) {
    const dict = only.col.dict;
    const onDict = args.map((a) => (a === only ? { col: dict.values, isScalar: false } : a));
    const distinct = entry.kernel(onDict, dict.values.offsets.length - 1, info);
    const gathered = takeCol(distinct, dict.codes);
    return withValid(gathered, andValid(gathered.valid, only.col.valid, n));
  }
  return entry.kernel(args, n, info);
}

function withValid(c: Col, valid: Col["valid"]): Col {
  return c.valid === valid ? c : ({ ...c, valid } as Col);
}
