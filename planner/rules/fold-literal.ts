/**
 * Evaluates an expression over literals only, for constant folding. Returns undefined when the
 * expression is not one this small evaluator handles (it is then left for the executor), so
 * folding never changes a result: the executor's kernels stay the single source of semantics for
 * everything else.
 */
import type { Expr, LitValue } from "../expr.js";
import type { DataType } from "../types.js";
import { typeOf } from "../analyzer/types-of.js";

type Lit = Extract<Expr, { kind: "lit" }>;

const mk = (value: LitValue, type: DataType): Lit => ({ kind: "lit", value, type });

function arith(op: string, a: LitValue, b: LitValue, type: DataType): LitValue | undefined {
  if (a === null || b === null) return null;
  if (type === "int32" && typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "+":
        return (a + b) | 0;
      case "-":
        return (a - b) | 0;
      case "*":
        return Math.imul(a, b);
      case "%":
        return b === 0 ? null : a % b;
    }
  }
  if (type === "int64" && typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "+":
        return BigInt.asIntN(64, a + b);
      case "-":
        return BigInt.asIntN(64, a - b);
      case "*":
        return BigInt.asIntN(64, a * b);
      case "%":
        return b === 0n ? null : a % b;
    }
  }
  if (type === "float64" && typeof a === "number" && typeof b === "number") {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? null : a / b;
      case "%":
        return b === 0 ? null : a % b;
    }
  }
  return undefined;
}

function compare(op: string, a: LitValue, b: LitValue): LitValue | undefined {
  if (op === "<=>") {
    if (a === null || b === null) return a === b;
  } else if (a === null || b === null) return null;
  if (typeof a !== typeof b) return undefined;
  // NaN ordering differs between SQL and JS; leave float NaN comparisons to the executor.
  if (typeof a === "number" && (Number.isNaN(a) || Number.isNaN(b as number))) return undefined;
  const x = a as number | bigint | string | boolean;
  const y = b as number | bigint | string | boolean;
  if (typeof x === "string" && typeof y === "string") {
    // JS compares UTF-16 code units; only fold when both are ASCII, where that equals byte order.
    if (!/^[\x00-\x7f]*$/.test(x + y)) return undefined;
  }
  switch (op) {
    case "=":
    case "<=>":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
  }
  return undefined;
}

function castLit(v: LitValue, from: DataType, to: DataType): LitValue | undefined {
  if (v === null) return null;
  if (from === to) return v;
  if (to === "float64" && (typeof v === "number" || typeof v === "bigint")) return Number(v);
  if (to === "int64" && from === "int32" && typeof v === "number") return BigInt(v);
  if (to === "utf8" && (from === "int32" || from === "int64")) return String(v);
  return undefined;
}

/** Folds `e` if all its inputs are literals; undefined when it cannot. */
export function foldLiteral(e: Expr): Lit | undefined {
  const type = typeOf(e);
  switch (e.kind) {
    case "binary": {
      if (e.left.kind !== "lit" || e.right.kind !== "lit") return undefined;
      const a = e.left.value;
      const b = e.right.value;
      if (e.op === "and" || e.op === "or") {
        const isAnd = e.op === "and";
        if (a === !isAnd || b === !isAnd) return mk(!isAnd, "boolean");
        if (a === null || b === null) return mk(null, "boolean");
        return mk(isAnd, "boolean");
      }
      const v = ["+", "-", "*", "/", "%"].includes(e.op) ? arith(e.op, a, b, type) : compare(e.op, a, b);
      return v === undefined ? undefined : mk(v, type);
    }
    case "not":
      if (e.input.kind !== "lit") return undefined;
      return mk(e.input.value === null ? null : !e.input.value, "boolean");
    case "isNull":
      if (e.input.kind !== "lit") return undefined;
      return mk((e.input.value === null) !== e.negated, "boolean");
    case "neg": {
      if (e.input.kind !== "lit") return undefined;
      const v = e.input.value;
      if (v === null) return mk(null, type);
      if (typeof v === "bigint") return mk(BigInt.asIntN(64, -v), type);
      if (typeof v === "number") return mk(type === "int32" ? -v | 0 : -v, type);
      return undefined;
    }
    case "cast": {
      if (e.input.kind !== "lit") return undefined;
      const v = castLit(e.input.value, e.input.type, e.to);
      return v === undefined ? undefined : mk(v, e.to);
    }
    default:
      return undefined;
  }
}
