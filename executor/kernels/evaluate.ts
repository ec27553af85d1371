/**
 * Vectorized expression evaluation: every node of a BoundExpr becomes one whole column of the
 * batch. The dispatch below runs once per node per batch; it hands each kernel its operands
 * (columns, or scalars for constant subtrees, which are folded once on a single row and never
 * materialized next to a column), and the kernel picks its specialised typed-array loop.
 */
import type { BoundExpr } from "../../planner/bound.js";
import type { Batch, Col } from "../batch.js";
import { arithmetic } from "./arithmetic.js";
import { caseWhen } from "./case-when.js";
import { cast } from "./cast.js";
import { changeCase } from "./change-case.js";
import { callLibrary } from "./call-library.js";
import { charLength } from "./char-length.js";
import { coalesce } from "./coalesce.js";
import { compare } from "./compare.js";
import { concat } from "./concat.js";
import { concatArrays } from "./collections.js";
import { isArrayType } from "../../planner/nested-types.js";
import { inList } from "./in-list.js";
import { isNull } from "./is-null.js";
import { like } from "./like.js";
import { literal } from "./literal.js";
import { logic, not } from "./logic.js";
import { type Operand, broadcast, isConstant } from "./operand.js";
import { unaryMath } from "./unary-math.js";
import { evaluateUdf } from "./udf.js";

/** The batch constant subtrees are evaluated on. */
const ONE_ROW: Batch = { length: 1, columns: [] };

/** Folded constants; columns are immutable, so one fold serves every batch. */
const folded = new WeakMap<BoundExpr, Col>();

/**
 * Evaluates `e` over `batch`: a column of `batch.length` rows of type `e.type`. The result may
 * share buffers with the batch's columns (e.g. a bare column reference); treat it as read-only.
 * @example
 * const a = { kind: "input", index: 0, type: "float64" } as const;
 * const over100: BoundExpr = { kind: "binary", op: ">", left: a, right: { kind: "lit", value: 100, type: "float64" }, type: "boolean" };
 * evaluate(over100, batch) // boolean column, null where a is null; 100 is never materialized
 */
export function evaluate(e: BoundExpr, batch: Batch): Col {
  if (e.kind === "input") return inputCol(e.index, batch);
  // Broadcast even for one row, so the cached fold itself never escapes to a caller.
  if (batch !== ONE_ROW && isConstant(e)) return broadcast(fold(e), batch.length);
  return evalNode(e, batch);
}

/**
 * Evaluates a boolean predicate into a filter mask: 1 where it is TRUE, 0 where false or null
 * (SQL WHERE drops unknowns).
 * @example
 * const kept = filterBatch(batch, evaluatePredicate(pred, batch));
 */
export function evaluatePredicate(e: BoundExpr, batch: Batch): Uint8Array {
  const c = evaluate(e, batch);
  const n = batch.length;
  if (c.type === "null") return new Uint8Array(n);
  if (c.type !== "boolean") throw new Error(`internal: predicate of type ${c.type}`);
  const v = c.valid;
  // A bare boolean input column (or `x AND true`) comes back as the input's own buffer: copy it.
  if (v === null) return batch.columns.some((x) => x.type === "boolean" && x.values === c.values) ? c.values.slice(0, n) : c.values;
  const mask = new Uint8Array(n);
  const x = c.values;
  for (let i = 0; i < n; i++) mask[i] = x[i]! & v[i]!;
  return mask;
}

function fold(e: BoundExpr): Col {
  let c = folded.get(e);
  if (c === undefined) {
    c = evalNode(e, ONE_ROW);
    folded.set(e, c);
  }
  return c;
}

function operand(e: BoundExpr, batch: Batch): Operand {
  if (isConstant(e)) return { col: fold(e), isScalar: true };
  return { col: evaluate(e, batch), isScalar: false };
}

function inputCol(index: number, batch: Batch): Col {
  const c = batch.columns[index];
  if (c === undefined) throw new Error(`internal: input #${index} of a ${batch.columns.length}-column batch`);
  return c;
}

function evalNode(e: BoundExpr, batch: Batch): Col {
  const n = batch.length;
  switch (e.kind) {
    case "input":
      return inputCol(e.index, batch);
    case "lit":
      return literal(e.value, e.type);
    case "binary": {
      const l = operand(e.left, batch);
      const r = operand(e.right, batch);
      switch (e.op) {
        case "+":
        case "-":
        case "*":
        case "/":
        case "%":
          return arithmetic(e.op, l, r, e.type, n);
        case "and":
        case "or":
          return logic(e.op, l, r, n);
        default:
          return compare(e.op, l, r, n);
      }
    }
    case "not":
      return not(evaluate(e.input, batch));
    case "neg":
      return unaryMath("neg", evaluate(e.input, batch));
    case "isNull":
      return isNull(evaluate(e.input, batch), e.negated);
    case "cast":
      return cast(evaluate(e.input, batch), e.type);
    case "case": {
      const whens = e.branches.map((b) => operand(b.when, batch));
      const thens = e.branches.map((b) => operand(b.then, batch));
      const otherwise = e.otherwise ? operand(e.otherwise, batch) : null;
      return caseWhen(e.type, { whens, thens, otherwise }, n);
    }
    case "in":
      return inList(operand(e.input, batch), e.list.map((x) => operand(x, batch)), e.negated, n);
    case "call":
      return call(e, batch);
    case "udf":
      return evaluateUdf(e, e.args.map((x) => evaluate(x, batch)), n);
  }
}

function call(e: Extract<BoundExpr, { kind: "call" }>, batch: Batch): Col {
  const n = batch.length;
  const arg = (i: number): BoundExpr => {
    const a = e.args[i];
    if (a === undefined) throw new Error(`internal: ${e.fn} is missing argument ${i + 1}`);
    return a;
  };
  switch (e.fn) {
    case "coalesce":
      return coalesce(e.type, e.args.map((x) => operand(x, batch)), n);
    case "concat":
      if (isArrayType(e.type)) return concatArrays(e.args.map((x) => operand(x, batch)), n, e.type);
      return concat(e.args.map((x) => operand(x, batch)), n);
    case "like":
      return like(operand(arg(0), batch), operand(arg(1), batch), n);
    case "abs":
      return unaryMath("abs", evaluate(arg(0), batch));
    case "upper":
    case "lower":
      return changeCase(e.fn, evaluate(arg(0), batch));
    case "length":
      return charLength(evaluate(arg(0), batch));
    case "grouping":
    case "grouping_id":
      throw new Error(`internal: ${e.fn}() reached a worker; the analyzer rewrites it over the grouping id`);
    default:
      return callLibrary(e.fn, { fn: e.fn, type: e.type, timeZone: e.timeZone ?? "UTC" }, e.args.map((x) => operand(x, batch)), n);
  }
}
