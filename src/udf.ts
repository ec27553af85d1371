/**
 * User-defined functions (PySpark's `udf` and `pandas_udf`). A UDF travels to the workers as its
 * source text and is compiled there in the global scope (executor/kernels/udf.ts): it may use its
 * arguments and JavaScript globals (Math, Date, JSON, String, …), nothing else from the scope it
 * was written in. Spark's rule holds too: UDFs must be deterministic (a lost partition is
 * recomputed, calling them again).
 */
import { type Expr, type UdfSpec, col } from "../planner/expr.js";
import { AnalysisError } from "../planner/errors.js";
import type { SqlFunction } from "../planner/sql/index.js";
import { compileUdf } from "../executor/kernels/udf.js";
import { Column, parseTypeName } from "./column.js";

/** A callable UDF: call it with Columns or column names to get a Column. */
export interface UserDefinedFunction {
  (...args: (Column | string)[]): Column;
  /** What the plan carries: name, source, return type, vectorised or not. */
  readonly spec: UdfSpec;
  /** How many arguments the function declares (`fn.length`). */
  readonly arity: number;
}

/** Any function signature is accepted: the values it gets are checked at run time. */
type AnyFunction = (...args: any[]) => unknown;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks `fn` can be shipped (its source compiles on its own) and builds its spec. */
function specOf(fn: AnyFunction, returnType: string, vectorized: boolean, name?: string): { spec: UdfSpec; arity: number } {
  if (typeof fn !== "function") throw new AnalysisError(`udf() needs a function, got ${typeof fn}.`);
  const shown = name ?? (fn.name && IDENTIFIER.test(fn.name) ? fn.name : "udf");
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new AnalysisError(
      `UDF "${shown}" cannot be shipped to workers: it is a native or bound function (its source is "[native code]"). ` +
        `Wrap it in a function of your own, e.g. udf((x) => Math.sqrt(x), "float64").`,
    );
  }
  const kind = Object.prototype.toString.call(fn);
  if (kind !== "[object Function]") {
    throw new AnalysisError(`UDF "${shown}" cannot be used: it is ${kind.slice(8, -1)}; a UDF must be a plain synchronous function.`);
  }
  let type;
  try {
    type = parseTypeName(returnType);
  } catch (err) {
    throw new AnalysisError(`UDF "${shown}": ${(err as Error).message}`);
  }
  try {
    compileUdf(source, shown);
  } catch (err) {
    throw new AnalysisError((err as Error).message.replace(/ \[udf\]$/, ""));
  }
  return { spec: { name: shown, source, returnType: type, vectorized }, arity: fn.length };
}

function callable(spec: UdfSpec, arity: number): UserDefinedFunction {
  const f = (...args: (Column | string)[]): Column => {
    if (args.length < arity) {
      throw new AnalysisError(`UDF "${spec.name}" declares ${arity} argument(s), but was called with ${args.length}.`);
    }
    const exprs: Expr[] = args.map((a) => (typeof a === "string" ? col(a) : a.expr));
    return new Column({ kind: "udf", ...spec, args: exprs });
  };
  return Object.assign(f, { spec, arity });
}

/**
 * A row-at-a-time user-defined function (PySpark's `udf(f, returnType)`). `fn` is called once per
 * row with the argument values as collect() gives them (int64 → bigint, date/timestamp → Date,
 * null → null, so handle nulls yourself); null or undefined gives null. `returnType`: a Cinder or
 * Spark type name ("int32"/"int", "int64"/"long", "float64"/"double", "utf8"/"string",
 * "boolean", "date", "timestamp"). `fn` may use only its arguments and JavaScript globals.
 * @example
 * const plusOne = udf((x: number) => x + 1, "int32");
 * df.select(plusOne(col("a")).alias("b"));
 */
export function udf(fn: AnyFunction, returnType: string): UserDefinedFunction {
  const { spec, arity } = specOf(fn, returnType, false);
  return callable(spec, arity);
}

/**
 * A vectorised user-defined function (PySpark's `pandas_udf`): `fn` is called once per batch with
 * one Apache Arrow Vector per argument and returns an Arrow Vector, a typed array or a plain
 * array with one value per row.
 * @example
 * const twice = vectorUdf((v: Vector<Float64>) => Float64Array.from(v, (x) => (x ?? NaN) * 2), "float64");
 * df.select(twice("x").alias("x2"));
 */
export function vectorUdf(fn: AnyFunction, returnType: string): UserDefinedFunction {
  const { spec, arity } = specOf(fn, returnType, true);
  return callable(spec, arity);
}

/** Same as vectorUdf (PySpark's name). @example pandasUdf((v) => v, "int32") */
export const pandasUdf = vectorUdf;

/** session.udf: registers UDFs under a name for SQL expression strings (PySpark's spark.udf). */
export class UdfRegistration {
  private readonly byName = new Map<string, { spec: UdfSpec; arity: number }>();

  /**
   * Registers a UDF under `name` for expression strings (`expr`, `selectExpr`, `where`) and returns
   * it callable. `fn`: a function (with `returnType`) or a UDF made by udf()/vectorUdf().
   * @example
   * session.udf.register("plus_one", (x: number) => x + 1, "int32");
   * df.selectExpr("plus_one(a) AS b");
   */
  register(name: string, fn: AnyFunction | UserDefinedFunction, returnType?: string): UserDefinedFunction {
    if (!IDENTIFIER.test(name)) throw new AnalysisError(`UDF name "${name}" must be an identifier (letters, digits, _).`);
    const existing = (fn as Partial<UserDefinedFunction>).spec;
    let entry: { spec: UdfSpec; arity: number };
    if (existing !== undefined) entry = { spec: { ...existing, name }, arity: (fn as UserDefinedFunction).arity };
    else {
      if (returnType === undefined) throw new AnalysisError(`session.udf.register("${name}", fn, returnType): the return type is missing.`);
      entry = specOf(fn, returnType, false, name);
    }
    this.byName.set(name.toLowerCase(), entry);
    PROCESS_UDFS.set(name.toLowerCase(), entry);
    return callable(entry.spec, entry.arity);
  }

  /** The registered UDFs as SQL functions (for the expression parser). @internal */
  sqlFunctions(): ReadonlyMap<string, SqlFunction> {
    return asSqlFunctions(this.byName);
  }
}

/**
 * Every registration of this process, `expr("f(a)")` has no session to ask,
 * so it sees UDFs registered on any session (the last registration of a name wins).
 */
const PROCESS_UDFS = new Map<string, { spec: UdfSpec; arity: number }>();

function asSqlFunctions(m: ReadonlyMap<string, { spec: UdfSpec; arity: number }>): ReadonlyMap<string, SqlFunction> {
  const out = new Map<string, SqlFunction>();
  for (const [k, { spec, arity }] of m) {
    out.set(k, { aggregate: false, minArgs: arity, maxArgs: Infinity, build: (args) => ({ kind: "udf", ...spec, args }) });
  }
  return out;
}

/** UDFs registered on any session, for `expr()`. @internal */
export function processUdfs(): ReadonlyMap<string, SqlFunction> {
  return asSqlFunctions(PROCESS_UDFS);
}
