/**
 * The SQL expression tokenizer: text → tokens that keep their source offset, so every parse error
 * can name an exact line and column. Keywords are not special here: the parser recognises them by
 * an `ident` token's upper-cased `keyword`, which keeps `count`, `date` or `first` usable as
 * column names where no keyword fits.
 */
import { syntaxError } from "./sql-parse-error.js";

export type TokenKind = "ident" | "quoted" | "number" | "string" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The token exactly as written (with quotes, for strings and quoted identifiers). */
  readonly text: string;
  /** Unescaped contents of a string or `quoted` identifier; otherwise the same as `text`. */
  readonly value: string;
  /** Upper-cased `text` of an `ident`, for keyword tests; "" for other kinds. */
  readonly keyword: string;
  /** 0-based offset of the token's first character. */
  readonly start: number;
}

/** Longest first, so `<=>` wins over `<=` and `<`. */
const OPERATORS = ["<=>", "<=", ">=", "<>", "!=", "==", "||", "::", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", "!", "[", "]", ":"];

const NON_ASCII_IDENT_START = /[\p{L}]/u;
const NON_ASCII_IDENT_PART = /[\p{L}\p{N}]/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
  return c > 127 && NON_ASCII_IDENT_START.test(text.charAt(i));
}

function isIdentPart(text: string, i: number): boolean {
  return isIdentStart(text, i) || isDigit(text.charCodeAt(i)) || (text.charCodeAt(i) > 127 && NON_ASCII_IDENT_PART.test(text.charAt(i)));
}

function identEnd(text: string, i: number): number {
  while (i < text.length && isIdentPart(text, i)) i++;
  return i;
}

function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Digits, an optional fraction and exponent, then an optional `L` (integers only) or `D` suffix. */
function numberEnd(text: string, start: number): number {
  let i = digitsEnd(text, start);
  let integral = true;
  if (text.charAt(i) === ".") {
    integral = false;
    i = digitsEnd(text, i + 1);
  }
  const e = text.charAt(i);
  if (e === "e" || e === "E") {
    const sign = text.charAt(i + 1) === "+" || text.charAt(i + 1) === "-" ? 1 : 0;
    if (isDigit(text.charCodeAt(i + 1 + sign))) {
      integral = false;
      i = digitsEnd(text, i + 1 + sign);
    }
  }
  const suffix = text.charAt(i);
  if (((suffix === "L" || suffix === "l") && integral) || suffix === "D" || suffix === "d") i++;
  if (i < text.length && isIdentPart(text, i)) {
    throw syntaxError(text, start, "a number", `"${text.slice(start, identEnd(text, i))}"`);
  }
  return i;
}

/** Spark's string escapes; `\%` and `\_` keep their backslash so LIKE patterns can use them. */
function unescape(text: string, i: number): { value: string; length: number } {
  const c = text.charAt(i);
  switch (c) {
    case "0":
      return { value: "\0", length: 1 };
    case "b":
      return { value: "\b", length: 1 };
    case "n":
      return { value: "\n", length: 1 };
    case "r":
      return { value: "\r", length: 1 };
    case "t":
      return { value: "\t", length: 1 };
    case "Z":
      return { value: "\x1a", length: 1 };
    case "%":
    case "_":
      return { value: `\\${c}`, length: 1 };
    case "u": {
      const hex = text.slice(i + 1, i + 5);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return { value: String.fromCharCode(parseInt(hex, 16)), length: 5 };
      return { value: c, length: 1 };
    }
    default:
      return { value: c, length: 1 };
  }
}

/**
 * A quoted run starting at `start`: a doubled quote stands for one quote; strings (not backquoted
 * identifiers) also take backslash escapes.
 */
function scanQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  const escapes = quote !== "`";
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (escapes && c === "\\" && i + 1 < text.length) {
      const esc = unescape(text, i + 1);
      value += esc.value;
      i += 1 + esc.length;
    } else if (c === quote && text.charAt(i + 1) === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i++;
    }
  }
  const what = escapes ? "string" : "quoted identifier";
  throw syntaxError(text, start, `a closing ${quote} to end the ${what} that starts here`, "end of input");
}

/** Skips spaces and `--` / block comments from `i`; returns the next offset. */
function skipBlank(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else if (text.startsWith("--", i)) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw syntaxError(text, i, `"*/" to end the comment that starts here`, "end of input");
      i = end + 2;
    } else return i;
  }
}

/**
 * Splits `text` into tokens, ending with one `eof` token at `text.length`.
 *
 * @example
 * tokenize("a <= 'x'").map((t) => t.kind); // ["ident", "op", "string", "eof"]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const raw = text.slice(start, end);
    tokens.push({ kind, text: raw, value: value ?? raw, keyword: kind === "ident" ? raw.toUpperCase() : "", start });
  };
  let i = skipBlank(text, 0);
  while (i < text.length) {
    const start = i;
    const c = text.charAt(i);
    if (isIdentStart(text, i)) {
      i = identEnd(text, i);
      push("ident", start, i);
    } else if (isDigit(c.charCodeAt(0)) || (c === "." && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i);
      push("number", start, i);
    } else if (c === "'" || c === '"' || c === "`") {
      const q = scanQuoted(text, i);
      i = q.end;
      push(c === "`" ? "quoted" : "string", start, i, q.value);
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, start));
      if (op === undefined) throw syntaxError(text, start, "an expression or operator", `"${c}"`);
      i += op.length;
      push("op", start, i);
    }
    i = skipBlank(text, i);
  }
  tokens.push({ kind: "eof", text: "", value: "", keyword: "", start: text.length });
  return tokens;
}
