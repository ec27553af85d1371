/**
 * How a library function's arguments are checked and coerced, and what it returns. Each family file
 * (string-signatures.ts, math-signatures.ts, …) declares its functions with `sig`; the analyzer
 * calls `coerceArgs` and `resultType` through the registry in index.ts.
 */
import { AnalysisError } from "../errors.js";
import { type Expr, exprToString } from "../expr.js";
import { typeOf } from "../analyzer/types-of.js";
import { type DataType, isNumeric } from "../types.js";

/**
 * What an argument accepts. str: anything, cast to string (as Spark's implicit casts); int/long/
 * double: numbers or numeric strings; num: any number, type kept; date/ts: dates, timestamps or
 * strings; bool: booleans; any: anything; strLit/intLit: a literal (patterns, formats, scales).
 */
export type ArgKind = "str" | "int" | "long" | "double" | "num" | "date" | "ts" | "bool" | "any" | "strLit" | "intLit";

export interface ArgSpec {
  readonly name: string;
  readonly kind: ArgKind;
  readonly optional?: boolean;
  /** Repeats (only the last argument). */
  readonly variadic?: boolean;
}

/**
 * in: null exactly when an argument is null (the default); may: can also be null for non-null
 * arguments (an unparseable date, log of 0); never: never null; first: null when the first
 * argument is; all: null when every argument is.
 */
export type NullRule = "in" | "may" | "never" | "first" | "all";

export interface FnSignature {
  readonly args: readonly ArgSpec[];
  readonly result: DataType | ((args: readonly Expr[]) => DataType);
  readonly nulls: NullRule;
  /** Reads the session time zone (the binder hands it to the kernel). */
  readonly timeZone: boolean;
  /** Replaces the per-argument coercion (greatest, pmod, round: types that depend on each other). */
  readonly coerce?: (args: readonly Expr[], fn: string, operation: string) => readonly Expr[];
  /** Checks literal arguments after coercion (a regex compiles, a scale is in range). */
  readonly check?: (args: readonly Expr[], fn: string) => void;
}

/** Parses "name:kind", "name:kind?" (optional) and "name:kind*" (variadic). */
export function sig(
  args: readonly string[],
  result: FnSignature["result"],
  opts: { nulls?: NullRule; timeZone?: boolean; coerce?: FnSignature["coerce"]; check?: FnSignature["check"] } = {},
): FnSignature {
  const specs = args.map((a): ArgSpec => {
    const [name, rawKind] = a.split(":") as [string, string];
    const optional = rawKind.endsWith("?");
    const variadic = rawKind.endsWith("*");
    const kind = (optional || variadic ? rawKind.slice(0, -1) : rawKind) as ArgKind;
    return { name, kind, ...(optional ? { optional } : {}), ...(variadic ? { variadic } : {}) };
  });
  return { args: specs, result, nulls: opts.nulls ?? "in", timeZone: opts.timeZone ?? false, ...(opts.coerce ? { coerce: opts.coerce } : {}), ...(opts.check ? { check: opts.check } : {}) };
}

export function minArgs(s: FnSignature): number {
  return s.args.filter((a) => !a.optional && !a.variadic).length;
}

export function maxArgs(s: FnSignature): number {
  return s.args.some((a) => a.variadic) ? Infinity : s.args.length;
}

export function describe(e: Expr): string {
  return `${exprToString(e)} (${typeOf(e)})`;
}

/** `e` cast to `to` (unchanged when it already has that type). */
export function castTo(e: Expr, to: DataType): Expr {
  const from = typeOf(e);
  if (from === to) return e;
  if (e.kind === "lit" && e.value === null) return { kind: "lit", value: null, type: to };
  return { kind: "cast", input: e, to };
}

export function argError(fn: string, i: number, spec: ArgSpec, e: Expr, want: string, operation: string): AnalysisError {
  return new AnalysisError(`Type mismatch in ${operation}: ${fn}() argument ${i + 1} (${spec.name}) must be ${want}, got ${describe(e)}.`);
}

/** A literal's value, seeing through a unary minus on a number. */
export function literalValue(e: Expr): { value: unknown } | undefined {
  if (e.kind === "lit") return { value: e.value };
  if (e.kind === "neg" && e.input.kind === "lit") {
    const v = e.input.value;
    if (typeof v === "number") return { value: -v };
    if (typeof v === "bigint") return { value: -v };
  }
  if (e.kind === "cast") return literalValue(e.input);
  return undefined;
}

/** Coerces argument `i` (0-based) to what `spec` accepts. */
export function coerceArg(e: Expr, spec: ArgSpec, fn: string, i: number, operation: string): Expr {
  const t = typeOf(e);
  switch (spec.kind) {
    case "any":
      return e;
    case "str":
      return castTo(e, "utf8");
    case "int":
    case "long":
    case "double": {
      if (!isNumeric(t) && t !== "utf8" && t !== "null") throw argError(fn, i, spec, e, spec.kind === "double" ? "a number" : "an integer", operation);
      return castTo(e, spec.kind === "int" ? "int32" : spec.kind === "long" ? "int64" : "float64");
    }
    case "num":
      if (t === "utf8" || t === "null") return castTo(e, "float64");
      if (!isNumeric(t)) throw argError(fn, i, spec, e, "a number", operation);
      return e;
    case "bool":
      if (t !== "boolean" && t !== "null") throw argError(fn, i, spec, e, "a boolean", operation);
      return castTo(e, "boolean");
    case "date":
      if (t === "date") return e;
      if (t === "null") return castTo(e, "date");
      // Through to_date, which reads the session time zone (a plain CAST would use UTC).
      if (t === "timestamp" || t === "utf8") return { kind: "call", fn: "to_date", args: [e] };
      throw argError(fn, i, spec, e, "a date, timestamp or string", operation);
    case "ts":
      if (t === "timestamp") return e;
      if (t === "null") return castTo(e, "timestamp");
      if (t === "date" || t === "utf8") return { kind: "call", fn: "to_timestamp", args: [e] };
      throw argError(fn, i, spec, e, "a timestamp, date or string", operation);
    case "strLit": {
      const v = literalValue(e);
      if (v === undefined || (v.value !== null && typeof v.value !== "string")) throw argError(fn, i, spec, e, "a string literal", operation);
      return castTo(e, "utf8");
    }
    case "intLit": {
      const v = literalValue(e);
      if (v === undefined || (v.value !== null && !(typeof v.value === "bigint" || (typeof v.value === "number" && Number.isInteger(v.value))))) {
        throw argError(fn, i, spec, e, "an integer literal", operation);
      }
      return castTo(e, "int32");
    }
  }
}

/** The string a (possibly cast) literal argument holds; null for a null literal or a non-literal. */
export function stringLiteral(e: Expr | undefined): string | null {
  if (e === undefined) return null;
  const v = literalValue(e);
  return v !== undefined && typeof v.value === "string" ? v.value : null;
}

/** The integer a literal argument holds; null for a null literal or a non-literal. */
export function intLiteral(e: Expr | undefined): number | null {
  if (e === undefined) return null;
  const v = literalValue(e);
  return v !== undefined && (typeof v.value === "number" || typeof v.value === "bigint") ? Number(v.value) : null;
}
