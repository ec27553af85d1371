/**
 * Name resolution and type coercion for one expression against its input's attributes. This is
 * where user mistakes become clear errors: unknown or ambiguous columns (with a close match), type
 * mismatches, aggregates where none may be.
 */
import { AnalysisError, closest } from "../errors.js";
import { type Expr, children as childrenOf, exprToString, exists, existsOutsideWindow, withChildren as rebuild } from "../expr.js";
import { resolveOver } from "./resolve-window.js";
import { type Attr, type DataType, commonType, isNumeric, widerNumeric } from "../types.js";
import { coerceStatAgg, isStatAgg } from "./stat-aggs.js";
import { typeOf } from "./types-of.js";
import { coerceLibraryCall, signatureOf } from "../functions/index.js";
import { rejectGenerators } from "./build-generate.js";
import { elementType, isArrayType, isNestedType, isStructType, structFields } from "../nested-types.js";

export interface ResolveContext {
  /** What the user is doing, for error messages: "where", "select", "groupBy", … */
  readonly operation: string;
  /** Whether aggregate functions may appear (only inside agg). */
  readonly allowAggregates?: boolean;
  /** Whether explode & co. may appear (select and withColumn, which extract them). */
  readonly allowGenerators?: boolean;
}

/** Finds the attribute `name` (optionally qualified) refers to. */
export function resolveName(name: string, qualifier: string | undefined, input: readonly Attr[], ctx: ResolveContext): Attr {
  const byQual = qualifier === undefined ? input : input.filter((a) => a.qualifier?.toLowerCase() === qualifier.toLowerCase());
  let hits = byQual.filter((a) => a.name === name);
  if (hits.length === 0) hits = byQual.filter((a) => a.name.toLowerCase() === name.toLowerCase());
  if (hits.length === 1) return hits[0] as Attr;
  const shown = qualifier ? `${qualifier}.${name}` : name;
  if (hits.length > 1) {
    throw new AnalysisError(
      `Column "${shown}" is ambiguous in ${ctx.operation}: ${hits.length} input columns have that name ` +
        `(after a join, refer to one side with df.col("${name}") on the DataFrame it came from, or rename it first).`,
    );
  }
  const names = input.map((a) => a.name);
  const hint = closest(name, names);
  throw new AnalysisError(
    `Column "${shown}" does not exist in ${ctx.operation}.` +
      (hint ? ` Did you mean "${hint}"?` : "") +
      ` Available columns: ${names.join(", ")}.`,
  );
}

/**
 * A column, or — when no column has that name — a field path into a struct column, as Spark
 * resolves `a.b.c`: the qualifier first (table a, column b, field c), then a struct column a with
 * field b and its field c. The resolved path is get_field calls, coerced (checked) as any call.
 */
function resolveColumnOrField(e: Extract<Expr, { kind: "col" }>, input: readonly Attr[], ctx: ResolveContext): Expr {
  let first: unknown;
  try {
    return { kind: "ref", attr: resolveName(e.name, e.qualifier, input, ctx) };
  } catch (err) {
    first = err;
  }
  const parts = [...(e.qualifier === undefined ? [] : [e.qualifier]), ...e.name.split(".")];
  const tries: [string | undefined, string, string[]][] = [];
  if (e.qualifier !== undefined && parts.length > 2) tries.push([e.qualifier, parts[1]!, parts.slice(2)]);
  if (parts.length > 1) tries.push([undefined, parts[0]!, parts.slice(1)]);
  for (const [q, name, fields] of tries) {
    let base: Attr;
    try {
      base = resolveName(name, q, input, ctx);
    } catch {
      continue;
    }
    if (!base.type.startsWith("struct<")) continue;
    let out: Expr = { kind: "ref", attr: base };
    for (const f of fields) out = coerce({ kind: "call", fn: "get_field", args: [out, { kind: "lit", value: f, type: "utf8" }] }, ctx);
    return out;
  }
  throw first;
}

/** `e` cast to `to` (unchanged when it already has that type). */
export function cast(e: Expr, to: DataType): Expr {
  const from = typeOf(e);
  if (from === to) return e;
  if (e.kind === "lit" && e.value === null) return { kind: "lit", value: null, type: to };
  return { kind: "cast", input: e, to };
}

function describe(e: Expr): string {
  return `${exprToString(e)} (${typeOf(e)})`;
}

function coerceBinary(e: Extract<Expr, { kind: "binary" }>, ctx: ResolveContext): Expr {
  const { op } = e;
  let left = e.left;
  let right = e.right;
  const lt = typeOf(left);
  const rt = typeOf(right);
  if (op === "and" || op === "or") {
    for (const side of [left, right]) {
      const t = typeOf(side);
      if (t !== "boolean" && t !== "null") {
        throw new AnalysisError(`Type mismatch in ${ctx.operation}: ${op.toUpperCase()} needs boolean operands, but ${describe(side)} is not boolean.`);
      }
    }
    return { ...e, left: cast(left, "boolean"), right: cast(right, "boolean") };
  }
  if (op === "+" || op === "-" || op === "*" || op === "/" || op === "%") {
    // Spark implicitly casts strings to double in arithmetic.
    if (lt === "utf8") left = cast(left, "float64");
    if (rt === "utf8") right = cast(right, "float64");
    const t = widerNumeric(typeOf(left), typeOf(right));
    if (t === undefined) {
      throw new AnalysisError(`Type mismatch in ${ctx.operation}: cannot apply "${op}" to ${describe(e.left)} and ${describe(e.right)}.`);
    }
    const target = op === "/" ? "float64" : t;
    return { ...e, left: cast(left, target), right: cast(right, target) };
  }
  const t = commonType(lt, rt);
  if (t === undefined) {
    throw new AnalysisError(`Type mismatch in ${ctx.operation}: cannot compare ${describe(left)} with ${describe(right)}.`);
  }
  const target = t === "null" ? "boolean" : t;
  return { ...e, left: cast(left, target), right: cast(right, target) };
}

function commonOf(exprs: readonly Expr[], what: string, ctx: ResolveContext): DataType {
  let t: DataType = "null";
  for (const x of exprs) {
    const next = commonType(t, typeOf(x));
    if (next === undefined) {
      throw new AnalysisError(`Type mismatch in ${ctx.operation}: ${what} mixes ${t} and ${describe(x)}.`);
    }
    t = next;
  }
  return t;
}

function coerce(e: Expr, ctx: ResolveContext): Expr {
  switch (e.kind) {
    case "binary":
      return coerceBinary(e, ctx);
    case "not": {
      const t = typeOf(e.input);
      if (t !== "boolean" && t !== "null") throw new AnalysisError(`Type mismatch in ${ctx.operation}: NOT needs a boolean, but ${describe(e.input)} is not.`);
      return { ...e, input: cast(e.input, "boolean") };
    }
    case "neg": {
      const t = typeOf(e.input);
      if (t === "utf8") return { ...e, input: cast(e.input, "float64") };
      if (!isNumeric(t) && t !== "null") throw new AnalysisError(`Type mismatch in ${ctx.operation}: cannot negate ${describe(e.input)}.`);
      return t === "null" ? { ...e, input: cast(e.input, "int32") } : e;
    }
    case "in": {
      const t = commonOf([e.input, ...e.list], "IN", ctx);
      return { ...e, input: cast(e.input, t), list: e.list.map((x) => cast(x, t)) };
    }
    case "case": {
      const t = commonOf(e.branches.map((b) => b.then).concat(e.otherwise ? [e.otherwise] : []), "CASE", ctx);
      for (const b of e.branches) {
        const wt = typeOf(b.when);
        if (wt !== "boolean" && wt !== "null") throw new AnalysisError(`Type mismatch in ${ctx.operation}: WHEN needs a boolean, got ${describe(b.when)}.`);
      }
      return {
        ...e,
        branches: e.branches.map((b) => ({ when: cast(b.when, "boolean"), then: cast(b.then, t) })),
        otherwise: e.otherwise ? cast(e.otherwise, t) : null,
      };
    }
    case "call":
      return coerceCall(e, ctx);
    case "agg":
      return coerceAgg(e, ctx);
    case "cast":
      checkNestedCast(typeOf(e.input), e.to, e, ctx);
      return e;
    default:
      return e;
  }
}

/** Casts that involve arrays or structs: to string, array to array, struct to struct of as many fields (each part castable). */
function checkNestedCast(from: DataType, to: DataType, e: Expr, ctx: ResolveContext): void {
  if (from === to || from === "null") return;
  const nf = isNestedType(from);
  const nt = isNestedType(to);
  if (!nf && !nt) return;
  const fail = (): never => {
    throw new AnalysisError(`Cannot cast ${describe((e as Extract<Expr, { kind: "cast" }>).input)} to ${to} in ${ctx.operation}: arrays and structs cast to string, to arrays (element by element) and to structs of as many fields.`);
  };
  if (to === "utf8") return;
  if (isArrayType(from) && isArrayType(to)) return checkNestedCast(elementType(from), elementType(to), e, ctx);
  if (isStructType(from) && isStructType(to)) {
    const a = structFields(from);
    const b = structFields(to);
    if (a.length !== b.length) fail();
    a.forEach((f, i) => checkNestedCast(f.type, b[i]!.type, e, ctx));
    return;
  }
  fail();
}

function coerceCall(e: Extract<Expr, { kind: "call" }>, ctx: ResolveContext): Expr {
  const s = signatureOf(e.fn);
  if (s) return coerceLibraryCall(e, s, ctx.operation);
  const arity: Record<string, [number, number]> = {
    coalesce: [1, Infinity],
    like: [2, 2],
    abs: [1, 1],
    upper: [1, 1],
    lower: [1, 1],
    length: [1, 1],
    concat: [1, Infinity],
  };
  if (e.fn === "grouping" || e.fn === "grouping_id") {
    throw new AnalysisError(`${e.fn}() can only be used in rollup(...).agg(...) or cube(...).agg(...), not in ${ctx.operation}.`);
  }
  const [lo, hi] = arity[e.fn] ?? [0, Infinity];
  if (e.args.length < lo || e.args.length > hi) {
    throw new AnalysisError(`${e.fn}() takes ${lo === hi ? lo : `${lo} or more`} argument(s), got ${e.args.length} in ${ctx.operation}.`);
  }
  switch (e.fn) {
    case "coalesce": {
      const t = commonOf(e.args, "coalesce", ctx);
      return { ...e, args: e.args.map((a) => cast(a, t)) };
    }
    case "concat": {
      // concat of arrays joins them (Spark); of anything else, strings.
      if (!e.args.some((a) => isArrayType(typeOf(a)))) return { ...e, args: e.args.map((a) => cast(a, "utf8")) };
      const t = commonOf(e.args, "concat", ctx);
      if (!isArrayType(t)) throw new AnalysisError(`Type mismatch in ${ctx.operation}: concat() of arrays takes arrays only, got ${e.args.map(describe).join(", ")}.`);
      return { ...e, args: e.args.map((a) => cast(a, t)) };
    }
    case "abs": {
      const a = e.args[0] as Expr;
      if (!isNumeric(typeOf(a))) throw new AnalysisError(`Type mismatch in ${ctx.operation}: abs needs a number, got ${describe(a)}.`);
      return e;
    }
    case "like": {
      const pat = e.args[1] as Expr;
      if (pat.kind !== "lit" || typeof pat.value !== "string") {
        throw new AnalysisError(`like() needs a string literal pattern in ${ctx.operation}, got ${exprToString(pat)}.`);
      }
      return { ...e, args: [cast(e.args[0] as Expr, "utf8"), pat] };
    }
    default:
      return { ...e, args: e.args.map((a) => cast(a, "utf8")) };
  }
}

function coerceAgg(e: Extract<Expr, { kind: "agg" }>, ctx: ResolveContext): Expr {
  if (isStatAgg(e.fn)) return coerceStatAgg(e, ctx.operation);
  if (!e.input) return e;
  const t = typeOf(e.input);
  const collect = e.fn === "collectList" || e.fn === "collectSet";
  if (isNestedType(t) && (e.fn === "min" || e.fn === "max" || (e.distinct && !collect))) {
    throw new AnalysisError(`${exprToString(e)} over ${describe(e.input)} is not supported yet in ${ctx.operation}: min, max and DISTINCT aggregates take flat columns (first, last, collect_list and collect_set take arrays and structs).`);
  }
  if ((e.fn === "sum" || e.fn === "avg") && !isNumeric(t)) {
    if (t === "utf8" || t === "null") return { ...e, input: cast(e.input, "float64") };
    throw new AnalysisError(`Type mismatch in ${ctx.operation}: ${e.fn} needs a numeric column, but ${describe(e.input)} is not numeric.`);
  }
  return e;
}

/** Resolves names and coerces types, bottom-up. */
export function resolveExpr(e: Expr, input: readonly Attr[], ctx: ResolveContext): Expr {
  if (!ctx.allowAggregates && existsOutsideWindow(e, (x) => x.kind === "agg")) {
    throw new AnalysisError(
      `Aggregate function ${exprToString(findAgg(e))} is not allowed in ${ctx.operation}; aggregates belong in groupBy(...).agg(...) or agg(...).`,
    );
  }
  const out = resolveNode(e, input, ctx);
  if (!ctx.allowGenerators) rejectGenerators(out, ctx.operation);
  return out;
}

function findAgg(e: Expr): Expr {
  let found: Expr = e;
  existsOutsideWindow(e, (x) => {
    if (x.kind === "agg") found = x;
    return x.kind === "agg";
  });
  return found;
}

function resolveNode(e: Expr, input: readonly Attr[], ctx: ResolveContext): Expr {
  switch (e.kind) {
    case "col":
      if (e.name === "*") throw new AnalysisError(`"*" can only be used in select, not in ${ctx.operation}.`);
      return resolveColumnOrField(e, input, ctx);
    case "ref":
      // A Column taken from a DataFrame (df.col("x")): it must belong to this input.
      if (!input.some((a) => a.id === e.attr.id)) {
        const byName = input.filter((a) => a.name === e.attr.name);
        if (byName.length === 1) return { kind: "ref", attr: byName[0] as Attr };
        throw new AnalysisError(
          `Column "${e.attr.name}" comes from a different DataFrame and cannot be used in ${ctx.operation}. Available columns: ${input.map((a) => a.name).join(", ")}.`,
        );
      }
      return { kind: "ref", attr: input.find((a) => a.id === e.attr.id) as Attr };
    case "lit":
      return e;
    case "winFn":
      throw new AnalysisError(`${exprToString(e)} is a window function: it needs a window, as in ${e.fn}().over(Window.partitionBy(...).orderBy(...)) (in ${ctx.operation}).`);
    case "over":
      return resolveOver(e, (x, c) => resolveNode(x, input, c), { ...ctx, allowAggregates: false });
    case "agg":
      if (childrenOf(e).some((c) => exists(c, (x) => x.kind === "agg"))) {
        throw new AnalysisError(`Aggregate functions cannot be nested: ${exprToString(e)} in ${ctx.operation}.`);
      }
      break;
    default:
      break;
  }
  const kids = childrenOf(e).map((k) => resolveNode(k, input, ctx));
  return coerce(rebuild(e, kids), ctx);
}

