/**
 * The function library's registry: every LibraryFn's signature, and the three questions the
 * analyzer asks of a call (coerce its arguments, its type, can it be null).
 */
import { AnalysisError } from "../errors.js";
import type { Expr, LibraryFn, ScalarFn } from "../expr.js";
import { nullableOf } from "../analyzer/types-of.js";
import type { DataType } from "../types.js";
import { COLLECTION_SIGNATURES } from "./collection-signatures.js";
import { DATETIME_SIGNATURES } from "./datetime-signatures.js";
import { MATH_SIGNATURES } from "./math-signatures.js";
import { MISC_SIGNATURES } from "./misc-signatures.js";
import { type FnSignature, coerceArg, maxArgs, minArgs } from "./signature.js";
import { STRING_SIGNATURES } from "./string-signatures.js";

export { checkRegex } from "./string-signatures.js";
export { type FnSignature, maxArgs, minArgs } from "./signature.js";

let registry: Readonly<Record<LibraryFn, FnSignature>> | null = null;

/** Built on first use: the family modules and the analyzer import each other. */
function signatures(): Readonly<Record<LibraryFn, FnSignature>> {
  registry ??= { ...STRING_SIGNATURES, ...MATH_SIGNATURES, ...DATETIME_SIGNATURES, ...MISC_SIGNATURES, ...COLLECTION_SIGNATURES };
  return registry;
}

export function signatureOf(fn: ScalarFn): FnSignature | undefined {
  return (signatures() as Partial<Record<ScalarFn, FnSignature>>)[fn];
}

/** Checks arity and types of a library call and inserts the casts its kernel expects. */
export function coerceLibraryCall(e: Extract<Expr, { kind: "call" }>, s: FnSignature, operation: string): Expr {
  const lo = minArgs(s);
  const hi = maxArgs(s);
  const n = e.args.length;
  if (n < lo || n > hi) {
    const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
    throw new AnalysisError(`${e.fn}() takes ${want} argument${want === "1" ? "" : "s"}, got ${n} in ${operation}.`);
  }
  const args = s.coerce
    ? s.coerce(e.args, e.fn, operation)
    : e.args.map((a, i) => coerceArg(a, s.args[Math.min(i, s.args.length - 1)]!, e.fn, i, operation));
  s.check?.(args, e.fn);
  return { ...e, args };
}

export function libraryType(e: Extract<Expr, { kind: "call" }>, s: FnSignature): DataType {
  return typeof s.result === "function" ? s.result(e.args) : s.result;
}

export function libraryNullable(e: Extract<Expr, { kind: "call" }>, s: FnSignature): boolean {
  switch (s.nulls) {
    case "never":
      return false;
    case "may":
      return true;
    case "first":
      return e.args[0] ? nullableOf(e.args[0]) : false;
    case "all":
      return e.args.every(nullableOf);
    case "in":
      return e.args.some(nullableOf);
  }
}
