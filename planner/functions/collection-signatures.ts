/** Signatures of the array and struct functions (Spark's names and null rules). */
import { AnalysisError } from "../errors.js";
import type { CollectionFn, Expr } from "../expr.js";
import { typeOf } from "../analyzer/types-of.js";
import { arrayOf, elementType, fieldIndex, isArrayType, isStructType, structFields, structOf } from "../nested-types.js";
import { commonType } from "../types.js";
import { type FnSignature, castTo, describe, intLiteral, sig, stringLiteral } from "./signature.js";
import { checkRegex } from "./string-signatures.js";

/** Argument `i` must be an array (or an untyped NULL, read as array<null>). */
function arrayArg(args: readonly Expr[], i: number, fn: string, operation: string): Expr {
  const a = args[i]!;
  const t = typeOf(a);
  if (t === "null") return castTo(a, arrayOf("null"));
  if (!isArrayType(t)) throw new AnalysisError(`Type mismatch in ${operation}: ${fn}() argument ${i + 1} must be an array, got ${describe(a)}.`);
  return a;
}

function intArg(args: readonly Expr[], i: number, fn: string, operation: string, what: string): Expr {
  const a = args[i]!;
  const t = typeOf(a);
  if (t !== "int32" && t !== "int64" && t !== "null") throw new AnalysisError(`Type mismatch in ${operation}: ${fn}() argument ${i + 1} (${what}) must be an integer, got ${describe(a)}.`);
  return castTo(a, "int32");
}

/** The common type of several expressions, or an error naming the function. */
function commonOf(args: readonly Expr[], fn: string, operation: string): Expr[] {
  let t: ReturnType<typeof typeOf> = "null";
  for (const a of args) {
    const next = commonType(t, typeOf(a));
    if (next === undefined) throw new AnalysisError(`Type mismatch in ${operation}: ${fn}() arguments must share a type; ${describe(a)} does not fit ${t}.`);
    t = next;
  }
  return args.map((a) => castTo(a, t));
}

const elementOfFirst = (args: readonly Expr[]) => {
  const t = typeOf(args[0]!);
  return isArrayType(t) ? elementType(t) : "null";
};

export const COLLECTION_SIGNATURES: Readonly<Record<CollectionFn, FnSignature>> = {
  // array() of nothing is array<null> (Spark 3: ArrayType(NullType) unless the legacy string flag is set).
  array: sig(["elements:any*"], (args) => arrayOf(args.length === 0 ? "null" : typeOf(args[0]!)), {
    nulls: "never",
    coerce: (args, fn, op) => commonOf(args, fn, op),
  }),
  named_struct: sig(["name:any", "value:any*"], (args) => structOf(structPairs(args)), {
    nulls: "never",
    coerce: (args, fn, op) => {
      if (args.length % 2 !== 0) throw new AnalysisError(`${fn}() takes name, value pairs; got ${args.length} arguments in ${op}.`);
      structPairs(args);
      return args;
    },
  }),
  split: sig(["str:str", "pattern:strLit", "limit:intLit?"], arrayOf("utf8"), {
    check: (args, fn) => {
      const p = stringLiteral(args[1]);
      if (p !== null) checkRegex(fn, p);
    },
  }),
  size: sig(["array:any"], "int32", { nulls: "never", coerce: (args, fn, op) => [arrayArg(args, 0, fn, op)] }),
  element_at: sig(["array:any", "index:any"], elementOfFirst, {
    nulls: "may",
    coerce: (args, fn, op) => [arrayArg(args, 0, fn, op), intArg(args, 1, fn, op, "index")],
    check: (args, fn) => {
      if (intLiteral(args[1]) === 0) throw new AnalysisError(`${fn}(): SQL array indices start at 1; index 0 is not valid.`);
    },
  }),
  get_item: sig(["array:any", "index:any"], elementOfFirst, {
    nulls: "may",
    coerce: (args, fn, op) => [arrayArg(args, 0, fn, op), intArg(args, 1, fn, op, "index")],
  }),
  get_field: sig(["struct:any", "name:strLit"], (args) => {
    const t = typeOf(args[0]!);
    const name = stringLiteral(args[1]) ?? "";
    return isStructType(t) ? (structFields(t)[fieldIndex(t, name)]?.type ?? "null") : "null";
  }, {
    nulls: "may",
    coerce: (args, fn, op) => {
      const s = args[0]!;
      const t = typeOf(s);
      const name = stringLiteral(args[1]);
      if (!isStructType(t)) throw new AnalysisError(`Type mismatch in ${op}: cannot take field "${name ?? "?"}" of ${describe(s)}: it is not a struct.`);
      if (name === null) throw new AnalysisError(`${fn}(): the field name must be a string literal in ${op}.`);
      if (fieldIndex(t, name) < 0) {
        throw new AnalysisError(`No such struct field "${name}" in ${describe(s)} in ${op}. Fields: ${structFields(t).map((f) => f.name).join(", ")}.`);
      }
      return args;
    },
  }),
  array_contains: sig(["array:any", "value:any"], "boolean", {
    nulls: "may",
    coerce: (args, fn, op) => {
      const a = arrayArg(args, 0, fn, op);
      const et = elementType(typeOf(a));
      const v = args[1]!;
      const t = commonType(et, typeOf(v));
      if (t === undefined) throw new AnalysisError(`Type mismatch in ${op}: ${fn}() cannot look for ${describe(v)} in ${describe(a)}.`);
      return [castTo(a, arrayOf(t)), castTo(v, t)];
    },
  }),
  sort_array: sig(["array:any", "asc:any?"], (args) => typeOf(args[0]!), {
    coerce: (args, fn, op) => {
      const a = arrayArg(args, 0, fn, op);
      const asc = args[1];
      if (asc !== undefined && !(asc.kind === "lit" && typeof asc.value === "boolean")) {
        throw new AnalysisError(`${fn}() argument 2 (asc) must be a boolean literal in ${op}, got ${describe(asc)}.`);
      }
      return asc === undefined ? [a] : [a, asc];
    },
  }),
  array_distinct: sig(["array:any"], (args) => typeOf(args[0]!), { coerce: (args, fn, op) => [arrayArg(args, 0, fn, op)] }),
  // Internal (group_by_nested_keys): an injective text of an array or struct value, for grouping.
  nested_key: sig(["value:any"], "utf8", { nulls: "first" }),
  explode: generator(),
  explode_outer: generator(),
  posexplode: generator(),
  posexplode_outer: generator(),
};

/** A generator's signature: one array argument; its type is the element type (the `col` output). */
function generator(): FnSignature {
  return sig(["array:any"], elementOfFirst, { nulls: "may", coerce: (args, fn, op) => [arrayArg(args, 0, fn, op)] });
}

/** named_struct's (name, type) pairs; names must be string literals. */
function structPairs(args: readonly Expr[]): { name: string; type: ReturnType<typeof typeOf> }[] {
  const out: { name: string; type: ReturnType<typeof typeOf> }[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const name = stringLiteral(args[i]);
    if (name === null) throw new AnalysisError(`named_struct(): field names must be string literals, got ${describe(args[i]!)}.`);
    out.push({ name, type: typeOf(args[i + 1]!) });
  }
  return out;
}
