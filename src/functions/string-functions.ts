/**
 * String functions (Spark's names in camelCase). Positions and lengths count characters (code
 * points), not bytes. Column arguments take a Column or a column name; pattern, search and pad
 * arguments given as JS strings are the text itself (pass col("x") to use a column).
 */
import { Column, type ColumnOrValue } from "../column.js";
import { ilikeOf } from "../../planner/sql/library-functions.js";
import { type ColumnOrName, call, named, value } from "./call.js";

/** Removes leading and trailing spaces. @example trim("name") */
export const trim = (c: ColumnOrName): Column => call("trim", named(c));
/** Removes leading spaces. @example ltrim("name") */
export const ltrim = (c: ColumnOrName): Column => call("ltrim", named(c));
/** Removes trailing spaces. @example rtrim("name") */
export const rtrim = (c: ColumnOrName): Column => call("rtrim", named(c));

/**
 * `len` characters from 1-based position `pos`; a negative pos counts from the end (Spark's rules).
 * @example substring("name", 1, 3) // "Ada Lovelace" → "Ada"; substring("name", -3, 2) → "ac"
 */
export const substring = (c: ColumnOrName, pos: ColumnOrValue, len?: ColumnOrValue): Column =>
  len === undefined ? call("substring", named(c), value(pos)) : call("substring", named(c), value(pos), value(len));
/** Same as substring; len optional (to the end). @example substr("name", 5) */
export const substr = substring;
/** The first n characters ("" for n ≤ 0). @example left("name", 3) */
export const left = (c: ColumnOrName, n: ColumnOrValue): Column => call("substring", named(c), value(1), value(n));
/** The last n characters ("" for n ≤ 0). @example right("name", 3) */
export const right = (c: ColumnOrName, n: ColumnOrValue): Column => call("right", named(c), value(n));

/** Joins the non-null arguments with `sep` (nulls are skipped). @example concatWs("-", "year", "month") */
export const concatWs = (sep: string, ...cols: ColumnOrName[]): Column => call("concat_ws", value(sep), ...cols.map(named));

/** Pads on the left to `len` characters with `pad` (or truncates to len). @example lpad("id", 5, "0") // "42" → "00042" */
export const lpad = (c: ColumnOrName, len: ColumnOrValue, pad: ColumnOrValue = " "): Column => call("lpad", named(c), value(len), value(pad));
/** Pads on the right to `len` characters with `pad` (or truncates to len). @example rpad("code", 4, "*") */
export const rpad = (c: ColumnOrName, len: ColumnOrValue, pad: ColumnOrValue = " "): Column => call("rpad", named(c), value(len), value(pad));

/** Whether the string starts with `prefix`. @example df.where(startsWith("name", "Ad")) */
export const startsWith = (c: ColumnOrName, prefix: ColumnOrValue): Column => call("startswith", named(c), value(prefix));
/** Whether the string ends with `suffix`. @example endsWith("file", ".csv") */
export const endsWith = (c: ColumnOrName, suffix: ColumnOrValue): Column => call("endswith", named(c), value(suffix));
/** Whether the string contains `substr`. @example contains("title", "data") */
export const contains = (c: ColumnOrName, substr: ColumnOrValue): Column => call("contains", named(c), value(substr));
/** 1-based character position of the first `substr`, 0 when absent. @example instr("email", "@") */
export const instr = (c: ColumnOrName, substr: ColumnOrValue): Column => call("instr", named(c), value(substr));
/** 1-based position of `substr` at or after character `pos`, 0 when absent. @example locate("a", "name", 2) */
export const locate = (substr: ColumnOrValue, c: ColumnOrName, pos = 1): Column => call("locate", value(substr), named(c), value(pos));

/** The characters in reverse order. @example reverse("word") */
export const reverse = (c: ColumnOrName): Column => call("reverse", named(c));
/** The string repeated n times ("" for n ≤ 0). @example repeat("s", 3) */
export const repeat = (c: ColumnOrName, n: ColumnOrValue): Column => call("repeat", named(c), value(n));
/** Lower case with each word's first letter upper case (words split at spaces). @example initcap("title") */
export const initcap = (c: ColumnOrName): Column => call("initcap", named(c));
/** Every occurrence of `search` replaced (removed when `replacement` is omitted). @example replace("path", "\\", "/") */
export const replace = (c: ColumnOrName, search: ColumnOrValue, replacement?: ColumnOrValue): Column =>
  replacement === undefined ? call("replace", named(c), value(search)) : call("replace", named(c), value(search), value(replacement));
/** Each character of `matching` replaced by the one at its place in `replace` (removed past its end). @example translate("code", "abc", "xy") */
export const translate = (c: ColumnOrName, matching: string, replace: string): Column => call("translate", named(c), value(matching), value(replace));

/**
 * Group `idx` of the first match of a regular expression ("" when nothing matches). The pattern is
 * a JavaScript RegExp (Spark uses Java's; see the README).
 * @example regexpExtract("log", "user=(\\w+)", 1)
 */
export const regexpExtract = (c: ColumnOrName, pattern: string, idx = 1): Column => call("regexp_extract", named(c), value(pattern), value(idx));
/** Every match replaced; the replacement uses Java's syntax ($1, ${name}, \$). @example regexpReplace("phone", "[^0-9]", "") */
export const regexpReplace = (c: ColumnOrName, pattern: string, replacement: string): Column =>
  call("regexp_replace", named(c), value(pattern), value(replacement));
/** Whether a regular expression matches anywhere in the string. @example df.where(rlike("code", "^[A-Z]{2}\\d+$")) */
export const rlike = (c: ColumnOrName, pattern: string): Column => call("rlike", named(c), value(pattern));
/** Same as rlike. @example regexpLike("code", "\\d") */
export const regexpLike = rlike;
/** Case-insensitive LIKE. @example df.where(ilike("name", "ada%")) */
export const ilike = (c: ColumnOrName, pattern: string): Column => new Column(ilikeOf(named(c), value(pattern)));

/** Code point of the first character (0 for ""). @example ascii("letter") */
export const ascii = (c: ColumnOrName): Column => call("ascii", named(c));
/** Length in characters (same as length). @example charLength("name") */
export const charLength = (c: ColumnOrName): Column => call("length", named(c));
/** Same as charLength. @example characterLength("name") */
export const characterLength = charLength;
/** Length in UTF-8 bytes. @example octetLength("name") // "é" → 2 */
export const octetLength = (c: ColumnOrName): Column => call("octet_length", named(c));
/** Length in bits of the UTF-8 bytes. @example bitLength("name") */
export const bitLength = (c: ColumnOrName): Column => call("bit_length", named(c));
