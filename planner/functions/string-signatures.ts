/** Signatures of the string functions (Spark's names; positions and lengths count characters). */
import { AnalysisError } from "../errors.js";
import type { Expr, StringFn } from "../expr.js";
import { type FnSignature, intLiteral, sig, stringLiteral } from "./signature.js";

/**
 * Checks that a literal regex compiles as the kernel will compile it (a leading Java inline-flag
 * group such as `(?i)` becomes JavaScript flags; the kernel in executor/kernels/regexp.ts does the
 * same) and returns its number of capture groups.
 */
export function checkRegex(fn: string, pattern: string): number {
  const m = /^\(\?([imsx]+)\)/.exec(pattern);
  const body = m ? pattern.slice(m[0].length) : pattern;
  const flags = m ? [...new Set(m[1]!.replace("x", ""))].join("") : "";
  let re: RegExp;
  try {
    re = new RegExp(body, flags + "u");
  } catch {
    try {
      re = new RegExp(body, flags);
    } catch (err) {
      throw new AnalysisError(`${fn}(): the pattern '${pattern}' is not a valid regular expression: ${(err as Error).message}.`);
    }
  }
  return new RegExp(`${re.source}|`, re.flags).exec("")!.length - 1;
}

const regexPattern = (index: number) => (args: readonly Expr[], fn: string): void => {
  const p = stringLiteral(args[index]);
  if (p !== null) checkRegex(fn, p);
};

export const STRING_SIGNATURES: Readonly<Record<StringFn, FnSignature>> = {
  trim: sig(["str:str"], "utf8"),
  ltrim: sig(["str:str"], "utf8"),
  rtrim: sig(["str:str"], "utf8"),
  substring: sig(["str:str", "pos:int", "len:int?"], "utf8"),
  right: sig(["str:str", "len:int"], "utf8"),
  concat_ws: sig(["sep:str", "str:str*"], "utf8", { nulls: "first" }),
  lpad: sig(["str:str", "len:int", "pad:str?"], "utf8"),
  rpad: sig(["str:str", "len:int", "pad:str?"], "utf8"),
  startswith: sig(["str:str", "prefix:str"], "boolean"),
  endswith: sig(["str:str", "suffix:str"], "boolean"),
  contains: sig(["str:str", "substr:str"], "boolean"),
  instr: sig(["str:str", "substr:str"], "int32"),
  locate: sig(["substr:str", "str:str", "pos:intLit?"], "int32"),
  reverse: sig(["str:str"], "utf8"),
  repeat: sig(["str:str", "n:int"], "utf8"),
  initcap: sig(["str:str"], "utf8"),
  replace: sig(["str:str", "search:str", "replace:str?"], "utf8"),
  translate: sig(["str:str", "matching:strLit", "replace:strLit"], "utf8"),
  regexp_extract: sig(["str:str", "pattern:strLit", "idx:intLit?"], "utf8", {
    check: (args, fn) => {
      const p = stringLiteral(args[1]);
      const idx = intLiteral(args[2]) ?? 1;
      if (p === null) return;
      const groups = checkRegex(fn, p);
      if (idx < 0 || idx > groups) throw new AnalysisError(`${fn}(): group index ${idx} is out of range: the pattern '${p}' has ${groups} group${groups === 1 ? "" : "s"}.`);
    },
  }),
  regexp_replace: sig(["str:str", "pattern:strLit", "replacement:strLit"], "utf8", { check: regexPattern(1) }),
  rlike: sig(["str:str", "pattern:strLit"], "boolean", { check: regexPattern(1) }),
  ascii: sig(["str:str"], "int32"),
  octet_length: sig(["str:str"], "int32"),
  bit_length: sig(["str:str"], "int32"),
};
