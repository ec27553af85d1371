/** Signatures of the math functions, with Spark's result types. */
import { AnalysisError } from "../errors.js";
import type { Expr, MathFn } from "../expr.js";
import { typeOf } from "../analyzer/types-of.js";
import { type DataType, commonType, widerNumeric } from "../types.js";
import { type FnSignature, castTo, coerceArg, describe, sig } from "./signature.js";

const double1 = (): FnSignature => sig(["x:double"], "float64");
/** Spark's logarithms are NULL for arguments at or below their asymptote. */
const log1 = (): FnSignature => sig(["x:double"], "float64", { nulls: "may" });

/** round/bround keep the input's type; a string is read as a double. */
const rounding = (): FnSignature =>
  sig(["x:num", "scale:intLit?"], (args) => typeOf(args[0]!), {
    check: (args, fn) => {
      const s = args[1];
      if (s && s.kind === "lit" && typeof s.value === "number" && Math.abs(s.value) > 300) throw new AnalysisError(`${fn}(): scale ${s.value} is out of range.`);
    },
  });

/** floor/ceil of any number is a bigint (Spark's LongType). */
const floorCeil = (): FnSignature =>
  sig(["x:num"], "int64", {
    coerce: (args, fn, op) => {
      const x = coerceArg(args[0]!, { name: "x", kind: "num" }, fn, 0, op);
      return [typeOf(x) === "float64" ? x : castTo(x, "int64")];
    },
  });

/** All arguments to one common type (greatest, least). */
function common(args: readonly Expr[], fn: string, op: string): readonly Expr[] {
  let t: DataType = "null";
  for (const a of args) {
    const next = commonType(t, typeOf(a));
    if (next === undefined || next === "boolean" && t !== "null" && t !== "boolean") {
      throw new AnalysisError(`Type mismatch in ${op}: ${fn}() mixes ${t} and ${describe(a)}.`);
    }
    t = next;
  }
  if (t === "null") t = "int32";
  return args.map((a) => castTo(a, t));
}

export const MATH_SIGNATURES: Readonly<Record<MathFn, FnSignature>> = {
  round: rounding(),
  bround: rounding(),
  floor: floorCeil(),
  ceil: floorCeil(),
  sqrt: double1(),
  cbrt: double1(),
  exp: double1(),
  log: sig(["base:double", "x:double"], "float64", { nulls: "may" }),
  ln: log1(),
  log10: log1(),
  log2: log1(),
  log1p: log1(),
  pow: sig(["x:double", "y:double"], "float64"),
  signum: double1(),
  sin: double1(),
  cos: double1(),
  tan: double1(),
  asin: double1(),
  acos: double1(),
  atan: double1(),
  atan2: sig(["y:double", "x:double"], "float64"),
  degrees: double1(),
  radians: double1(),
  greatest: sig(["a:any", "b:any", "more:any*"], (args) => typeOf(args[0]!), { nulls: "all", coerce: common }),
  least: sig(["a:any", "b:any", "more:any*"], (args) => typeOf(args[0]!), { nulls: "all", coerce: common }),
  pmod: sig(["a:num", "b:num"], (args) => typeOf(args[0]!), {
    nulls: "may",
    coerce: (args, fn, op) => {
      const [a, b] = args.map((x, i) => coerceArg(x, { name: i === 0 ? "a" : "b", kind: "num" }, fn, i, op)) as [Expr, Expr];
      const t = widerNumeric(typeOf(a), typeOf(b)) ?? "float64";
      return [castTo(a, t), castTo(b, t)];
    },
  }),
  e: sig([], "float64", { nulls: "never" }),
  pi: sig([], "float64", { nulls: "never" }),
};
