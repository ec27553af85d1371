/** Result type and nullability of resolved expressions, and the output attributes of plan nodes. */
import type { Expr } from "../expr.js";
import type { LogicalPlan } from "../logical-plan.js";
import type { Attr, DataType } from "../types.js";
import { arrayOf } from "../nested-types.js";
import { libraryNullable, libraryType, signatureOf } from "../functions/index.js";

export function aggResultType(fn: string, input: DataType): DataType {
  switch (fn) {
    case "count":
      return "int64";
    case "sum":
      return input === "float64" ? "float64" : "int64";
    case "avg":
    case "stddevSamp":
    case "stddevPop":
    case "varSamp":
    case "varPop":
    case "corr":
    case "covarSamp":
    case "covarPop":
    case "median":
    case "percentile":
      return "float64";
    case "countIf":
      return "int64";
    case "collectList":
    case "collectSet":
      return arrayOf(input);
    default:
      return input;
  }
}

const BOOL_OPS = new Set(["=", "!=", "<", "<=", ">", ">=", "<=>", "and", "or"]);

/** The type of a resolved expression (operands already coerced by the analyzer). */
export function typeOf(e: Expr): DataType {
  switch (e.kind) {
    case "ref":
      return e.attr.type;
    case "lit":
      return e.type;
    case "col":
      throw new Error(`internal: typeOf unresolved column ${e.name}`);
    case "binary":
      if (BOOL_OPS.has(e.op)) return "boolean";
      if (e.op === "/") return "float64";
      return typeOf(e.left);
    case "not":
    case "isNull":
    case "in":
      return "boolean";
    case "neg":
    case "alias":
    case "sortOrder":
      return typeOf(e.input);
    case "cast":
      return e.to;
    case "case": {
      for (const b of e.branches) {
        const t = typeOf(b.then);
        if (t !== "null") return t;
      }
      return e.otherwise ? typeOf(e.otherwise) : "null";
    }
    case "call": {
      const s = signatureOf(e.fn);
      if (s) return libraryType(e, s);
      switch (e.fn) {
        case "coalesce": {
          for (const a of e.args) {
            const t = typeOf(a);
            if (t !== "null") return t;
          }
          return "null";
        }
        case "concat": {
          const arr = e.args.map(typeOf).find((t) => t.startsWith("array<"));
          return arr ?? "utf8";
        }
        case "like":
          return "boolean";
        case "abs":
          return e.args[0] ? typeOf(e.args[0]) : "null";
        case "length":
          return "int32";
        default:
          return "utf8";
      }
    }
    case "udf":
      return e.returnType;
    case "agg":
      return aggResultType(e.fn, e.input ? typeOf(e.input) : "int64");
    case "winFn":
      return windowFnType(e);
    case "over":
      return typeOf(e.fn);
    case "outerRef":
      return e.attr.type;
    case "subquery":
      return e.mode === "scalar" ? (outputOf(e.plan)[0]?.type ?? "null") : "boolean";
  }
}

/** Spark's result types: ranks and ntile are int, percent_rank and cume_dist double, offsets keep the input type. */
function windowFnType(e: Extract<Expr, { kind: "winFn" }>): DataType {
  switch (e.fn) {
    case "row_number":
    case "rank":
    case "dense_rank":
    case "ntile":
      return "int32";
    case "percent_rank":
    case "cume_dist":
      return "float64";
    default:
      return e.args[0] ? typeOf(e.args[0]) : "null";
  }
}

/** Whether a resolved expression can produce null. */
export function nullableOf(e: Expr): boolean {
  switch (e.kind) {
    case "ref":
      return e.attr.nullable;
    case "lit":
      return e.value === null;
    case "col":
      return true;
    case "isNull":
      return false;
    case "binary":
      if (e.op === "<=>") return false;
      // Division and modulo by zero give null.
      if (e.op === "/" || e.op === "%") return true;
      return nullableOf(e.left) || nullableOf(e.right);
    case "not":
    case "neg":
    case "alias":
    case "sortOrder":
      return nullableOf(e.input);
    case "cast":
      // Casts from strings (and narrowing numeric casts) can fail, giving null.
      return nullableOf(e.input) || typeOf(e.input) !== e.to;
    case "case":
      return e.otherwise === null || e.branches.some((b) => nullableOf(b.then)) || nullableOf(e.otherwise);
    case "in":
      return nullableOf(e.input) || e.list.some(nullableOf);
    case "call": {
      const s = signatureOf(e.fn);
      if (s) return libraryNullable(e, s);
      if (e.fn === "coalesce") return e.args.every(nullableOf);
      return e.args.some(nullableOf);
    }
    case "udf":
      return true;
    case "agg":
      return e.fn !== "count" && e.fn !== "countIf";
    case "winFn":
      return !["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile"].includes(e.fn);
    case "over":
      return nullableOf(e.fn);
    case "outerRef":
      return e.attr.nullable;
    case "subquery":
      return e.mode !== "exists";
  }
}

/** The attributes a plan node outputs. */
export function outputOf(p: LogicalPlan): readonly Attr[] {
  switch (p.kind) {
    case "scan":
    case "local":
    case "checkpoint":
      return p.output;
    case "filter":
    case "sort":
    case "limit":
    case "distinct":
    case "repartition":
    case "coalesce":
    case "cache":
    case "sample":
      return outputOf(p.input);
    case "project":
      return p.exprs.map(namedAttr);
    case "expand":
      return p.output;
    case "aggregate":
      return [...p.keys.map(namedAttr), ...p.aggs.map((a) => a.attr)];
    case "window":
      return [...outputOf(p.input), ...p.exprs.map(namedAttr)];
    case "generate":
      return [...outputOf(p.input), ...p.output];
    case "asofJoin":
      return [...outputOf(p.left), ...outputOf(p.right).map(asNullable)];
    case "join": {
      const l = outputOf(p.left);
      if (p.how === "semi" || p.how === "anti") return l;
      const r = outputOf(p.right);
      const nl = p.how === "right" || p.how === "full";
      const nr = p.how === "left" || p.how === "full";
      return [...(nl ? l.map(asNullable) : l), ...(nr ? r.map(asNullable) : r)];
    }
    case "union": {
      const first = outputOf(p.inputs[0] as LogicalPlan);
      const others = p.inputs.slice(1).map(outputOf);
      return first.map((a, i) => (others.some((o) => o[i]?.nullable) && !a.nullable ? asNullable(a) : a));
    }
  }
}

function asNullable(a: Attr): Attr {
  return a.nullable ? a : { ...a, nullable: true };
}

/** The attribute of a `ref` or id-carrying `alias`. */
export function namedAttr(e: Expr): Attr {
  if (e.kind === "ref") return e.attr;
  if (e.kind === "alias" && e.id !== undefined) {
    const a: Attr = { id: e.id, name: e.name, type: typeOf(e.input), nullable: nullableOf(e.input) };
    return e.qualifier === undefined ? a : { ...a, qualifier: e.qualifier };
  }
  throw new Error(`internal: expected a named expression, got ${e.kind}`);
}
