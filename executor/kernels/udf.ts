/**
 * User-defined functions in the worker. The plan carries a UDF as its source text (a closure
 * cannot cross to a worker thread); it is compiled here once per worker and source with
 * `new Function`, whose body runs in the global scope: the function sees its arguments and the
 * JavaScript globals, nothing of the scope it was written in.
 *
 * Why compiling `(${source})` is not splicing user text into generated code: the source is the
 * user's function itself (Function.prototype.toString of a real function, checked in the driver to
 * parse on its own as one function expression), not a value interpolated into code of ours. Column
 * names and values are never put into code; they reach the function as arguments.
 *
 * Row-at-a-time UDFs get each row's values as collect() shows them (int64 → bigint, date and
 * timestamp → Date, null → null); vectorised ones get one Arrow Vector per argument per batch.
 */
import { makeVector, type Vector } from "apache-arrow";
import type { BoundExpr } from "../../planner/bound.js";
import type { DataType } from "../../planner/types.js";
import { cinderTypeOf, colFromArrowData, colToArrowData } from "../arrow-convert.js";
import { type Col, StringColBuilder, allocCol, flatCol, isListCol, isStructCol, stringAt } from "../batch.js";
import { type RawValue, colFromRaw, jsValueOf, rawFromJs, rawValueAt } from "../nested-values.js";
import { isNestedType } from "../../planner/nested-types.js";
import { compactValid } from "./validity.js";

type UdfExpr = Extract<BoundExpr, { kind: "udf" }>;
type Compiled = (...args: unknown[]) => unknown;

/** Every UDF error message starts so; the scheduler does not retry such a task (the same rows fail again). */
export const UDF_ERROR_PREFIX = "UDF ";

/** Whether `err` is a UDF's failure (deterministic: retrying the task would fail the same way). */
export function isUdfError(err: Error): boolean {
  return err.message.startsWith(UDF_ERROR_PREFIX) && err.message.includes("[udf]");
}

function udfError(name: string, text: string): Error {
  return new Error(`${UDF_ERROR_PREFIX}"${name}" ${text} [udf]`);
}

const compiled = new Map<string, Compiled>();

/**
 * Compiles a UDF's source in the global scope. Used by the driver (udf() checks the source early)
 * and by workers (once per source).
 * @example compileUdf("(x) => x + 1", "plus_one")(41) // 42
 */
export function compileUdf(source: string, name: string): Compiled {
  let f = compiled.get(source);
  if (f !== undefined) return f;
  let made: unknown;
  try {
    made = new Function(`"use strict"; return (${source}\n);`)();
  } catch (err) {
    throw udfError(name, `cannot be shipped to workers: its source does not parse as a function expression (${(err as Error).message}). Write an arrow function or a function expression; class and object methods cannot be shipped.`);
  }
  if (typeof made !== "function") throw udfError(name, "cannot be shipped to workers: its source is not a function.");
  f = made as Compiled;
  compiled.set(source, f);
  return f;
}

/** Human-readable value for error messages. */
export function showValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "object") return `${Object.prototype.toString.call(v)}`;
  return String(v);
}

/** Rewords a user function's exception: which UDF, which row, what happened. */
function callError(e: UdfExpr, err: unknown, where: string): Error {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof ReferenceError) {
    const id = /^(\S+) is not defined/.exec(msg)?.[1] ?? msg;
    return udfError(
      e.name,
      `uses "${id}", which is not defined in the worker (${where}): UDFs run in worker threads and cannot capture variables; pass values as arguments (lit(...)) instead.`,
    );
  }
  return udfError(e.name, `threw ${where}: ${msg}`);
}

/** Reads row i of a column as the JavaScript value collect() gives. Chosen once per column. */
function reader(nested: Col): (i: number) => unknown {
  if (isListCol(nested) || isStructCol(nested)) return (i) => jsValueOf(rawValueAt(nested, i), nested.type);
  const c = flatCol(nested, "a UDF");
  const v = c.valid;
  const get = ((): ((i: number) => unknown) => {
    switch (c.type) {
      case "utf8":
        return (i) => stringAt(c, i);
      case "boolean":
        return (i) => c.values[i] === 1;
      case "date":
        return (i) => new Date((c.values[i] as number) * 86400000);
      case "timestamp":
        return (i) => new Date(Math.floor(Number(c.values[i] as bigint) / 1000));
      case "null":
        return () => null;
      default:
        return (i) => c.values[i];
    }
  })();
  return v === null ? get : (i) => (v[i] === 1 ? get(i) : null);
}

/** Builds the result column, converting each returned value to the declared type. */
class ResultWriter {
  private readonly col: Col | null;
  private readonly strings: StringColBuilder | null;
  private readonly valid: Uint8Array;
  /** Array and struct results, as raw values (nested-values.ts). */
  private readonly raw: RawValue[] | null;

  constructor(
    private readonly e: UdfExpr,
    n: number,
  ) {
    this.valid = new Uint8Array(n);
    this.strings = e.type === "utf8" ? new StringColBuilder(n) : null;
    const t = e.type;
    this.raw = isNestedType(t) ? [] : null;
    this.col = t === "utf8" || isNestedType(t) ? null : allocCol(t, n, this.valid);
  }

  /** Stores `x` at row i (rows are written in order); `where` describes the row for errors. */
  put(i: number, x: unknown, where: () => string): void {
    if (this.raw !== null) {
      const r = rawFromJs(x, this.e.type);
      if (r === undefined) this.misfit(x, where);
      this.raw[i] = r;
      return;
    }
    if (x === null || x === undefined || (typeof x === "number" && Number.isNaN(x) && this.e.type !== "float64")) {
      if (x !== null && x !== undefined) this.misfit(x, where);
      this.strings?.appendNull();
      return;
    }
    const c = this.col;
    if (c === null) {
      if (typeof x !== "string") this.misfit(x, where);
      this.strings?.append(x as string);
    } else {
      switch (c.type) {
        case "int32":
          if (typeof x !== "number" || !Number.isInteger(x) || x < -2147483648 || x > 2147483647) this.misfit(x, where);
          c.values[i] = x as number;
          break;
        case "float64":
          if (typeof x !== "number") this.misfit(x, where);
          c.values[i] = x as number;
          break;
        case "int64":
          if (typeof x === "bigint" && BigInt.asIntN(64, x) === x) c.values[i] = x;
          else if (typeof x === "number" && Number.isSafeInteger(x)) c.values[i] = BigInt(x);
          else this.misfit(x, where);
          break;
        case "boolean":
          if (typeof x !== "boolean") this.misfit(x, where);
          c.values[i] = x ? 1 : 0;
          break;
        case "date":
          if (!(x instanceof Date) || Number.isNaN(x.getTime())) this.misfit(x, where);
          c.values[i] = Math.floor((x as Date).getTime() / 86400000);
          break;
        case "timestamp":
          if (!(x instanceof Date) || Number.isNaN(x.getTime())) this.misfit(x, where);
          c.values[i] = BigInt((x as Date).getTime()) * 1000n;
          break;
        default:
          this.misfit(x, where);
      }
    }
    this.valid[i] = 1;
  }

  private misfit(x: unknown, where: () => string): never {
    const js = x instanceof Date ? "a Date" : Array.isArray(x) ? "an array" : `a ${typeof x}`;
    throw udfError(this.e.name, `returned ${showValue(x)} (${js}) ${where()}, which does not fit its return type ${this.e.type}.`);
  }

  finish(): Col {
    if (this.strings !== null) return this.strings.finish();
    if (this.raw !== null) return colFromRaw(this.e.type, this.raw);
    const c = this.col as Col;
    const valid = compactValid(this.valid, this.valid.length);
    return valid === this.valid ? c : ({ ...c, valid } as Col);
  }
}

/**
 * Evaluates a UDF over one batch: `args` are its argument columns (full length `n`).
 * @example
 * evaluateUdf(udfExpr, [aCol], batch.length) // the declared return type's column
 */
export function evaluateUdf(e: UdfExpr, args: readonly Col[], n: number): Col {
  const fn = compileUdf(e.source, e.name);
  return e.vectorized ? vectorized(e, fn, args, n) : rowAtATime(e, fn, args, n);
}

function rowAtATime(e: UdfExpr, fn: Compiled, args: readonly Col[], n: number): Col {
  const readers = args.map(reader);
  const out = new ResultWriter(e, n);
  const values: unknown[] = new Array<unknown>(readers.length);
  const where = (): string => `for arguments (${values.map(showValue).join(", ")})`;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < readers.length; j++) values[j] = (readers[j] as (i: number) => unknown)(i);
    let x: unknown;
    try {
      x = fn(...values);
    } catch (err) {
      throw callError(e, err, where());
    }
    out.put(i, x, where);
  }
  return out.finish();
}

const TYPED: Partial<Record<DataType, new (n: number) => ArrayLike<unknown>>> = {
  int32: Int32Array,
  date: Int32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  timestamp: BigInt64Array,
};

function vectorized(e: UdfExpr, fn: Compiled, args: readonly Col[], n: number): Col {
  const vectors = args.map((c) => makeVector(colToArrowData(c, n)));
  let x: unknown;
  try {
    x = fn(...vectors);
  } catch (err) {
    throw callError(e, err, `on a batch of ${n} rows`);
  }
  const len = x !== null && typeof x === "object" && "length" in x ? (x as { length: unknown }).length : undefined;
  if (typeof len !== "number") {
    throw udfError(e.name, `returned ${showValue(x)}; a vectorised UDF returns an Arrow Vector, a typed array or an array with one value per row (${n}).`);
  }
  if (len !== n) throw udfError(e.name, `returned ${len} values for a batch of ${n} rows; a vectorised UDF returns one value per row.`);
  if (isVector(x)) {
    const v = x;
    if (v.data.length === 1 && cinderTypeOf(v.type) === e.type && v.data[0] !== undefined) return colFromArrowData(v.data[0], e.type);
    return fromList(e, (i) => fromArrowValue(v.get(i), cinderTypeOf(v.type)), n);
  }
  const typed = TYPED[e.type];
  if (typed !== undefined && x instanceof typed && e.type !== "date") {
    return { type: e.type, values: x, valid: null } as Col;
  }
  const list = x as ArrayLike<unknown>;
  return fromList(e, (i) => list[i], n);
}

function isVector(x: unknown): x is Vector {
  return x !== null && typeof x === "object" && "data" in x && "type" in x && typeof (x as Vector).get === "function";
}

/** An Arrow Vector's element as a row-at-a-time UDF would return it. */
function fromArrowValue(v: unknown, type: DataType | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (type === "date") return new Date(v as number);
  if (type === "timestamp") return new Date(Math.floor(Number(v)));
  return v;
}

function fromList(e: UdfExpr, at: (i: number) => unknown, n: number): Col {
  const out = new ResultWriter(e, n);
  for (let i = 0; i < n; i++) out.put(i, at(i), () => `at row ${i} of a batch`);
  return out.finish();
}
