/**
 * Functions of doubles: one typed-array loop per function, chosen once per batch from a table (no
 * per-row switch). Spark's logarithms are NULL at or below their asymptote (log(0), ln(-1),
 * log1p(-1)); sqrt(-1) and asin(2) are NaN, as in Java.
 */
import type { Col, F64Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { type CallInfo, allValid, f64Of } from "../library-args.js";
import { writableValid } from "../validity.js";

type Loop = (o: Float64Array, x: Float64Array, n: number) => void;

const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

const UNARY: Readonly<Record<string, Loop>> = {
  sqrt: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]!); },
  cbrt: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.cbrt(x[i]!); },
  exp: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]!); },
  signum: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sign(x[i]!); },
  sin: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]!); },
  cos: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]!); },
  tan: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.tan(x[i]!); },
  asin: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.asin(x[i]!); },
  acos: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.acos(x[i]!); },
  atan: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.atan(x[i]!); },
  degrees: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = x[i]! * DEG; },
  radians: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = x[i]! * RAD; },
  ln: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.log(x[i]!); },
  log10: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.log10(x[i]!); },
  log2: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.log2(x[i]!); },
  log1p: (o, x, n) => { for (let i = 0; i < n; i++) o[i] = Math.log1p(x[i]!); },
};

/** The value at or below which a logarithm is NULL. */
const ASYMPTOTE: Readonly<Record<string, number>> = { ln: 0, log10: 0, log2: 0, log1p: -1 };

/**
 * @example
 * unaryDouble([x], n, { fn: "ln", … }) // [Math.E, 0, null] → [1, null, null]
 */
export function unaryDouble(args: readonly Operand[], n: number, info: CallInfo): Col {
  const x = f64Of(args[0], info.fn).values;
  const loop = UNARY[info.fn];
  if (loop === undefined) throw new Error(`internal: no double loop for ${info.fn}`);
  const out = new Float64Array(n);
  loop(out, x, n);
  const floor = ASYMPTOTE[info.fn];
  const valid = floor === undefined ? (args[0]!.col as F64Col).valid : nullAtOrBelow(x, floor, (args[0]!.col as F64Col).valid, n);
  return { type: "float64", values: out, valid };
}

function nullAtOrBelow(x: Float64Array, floor: number, v: Uint8Array | null, n: number): Uint8Array | null {
  let out: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (x[i]! <= floor) {
      out ??= writableValid(v, n);
      out[i] = 0;
    }
  }
  return out ?? v;
}

/**
 * pow(x, y), atan2(y, x), log(base, x) (NULL when base or x ≤ 0), nanvl(x, y) (y where x is NaN).
 * @example
 * binaryDouble([lit(2), x], n, { fn: "log", … }) // 8 → 3
 */
export function binaryDouble(args: readonly Operand[], n: number, info: CallInfo): Col {
  const a = f64Of(args[0], info.fn);
  const b = f64Of(args[1], info.fn);
  const out = new Float64Array(n);
  let valid = allValid(args, n);
  const av = a.values;
  const bv = b.values;
  const as = a.scalar;
  const bs = b.scalar;
  switch (info.fn) {
    case "pow":
      for (let i = 0; i < n; i++) out[i] = Math.pow(as ? av[0]! : av[i]!, bs ? bv[0]! : bv[i]!);
      break;
    case "atan2":
      for (let i = 0; i < n; i++) out[i] = Math.atan2(as ? av[0]! : av[i]!, bs ? bv[0]! : bv[i]!);
      break;
    case "nanvl":
      for (let i = 0; i < n; i++) {
        const x = as ? av[0]! : av[i]!;
        out[i] = x !== x ? (bs ? bv[0]! : bv[i]!) : x;
      }
      // NULL where x is null, or where x is NaN and y is null.
      valid = nanvlValid(args, n);
      break;
    case "log": {
      let v: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const base = as ? av[0]! : av[i]!;
        const x = bs ? bv[0]! : bv[i]!;
        if (base <= 0 || x <= 0) {
          v ??= writableValid(valid, n);
          v[i] = 0;
        } else out[i] = Math.log(x) / Math.log(base);
      }
      if (v !== null) valid = v;
      break;
    }
    default:
      throw new Error(`internal: no binary double loop for ${info.fn}`);
  }
  return { type: "float64", values: out, valid };
}

function nanvlValid(args: readonly Operand[], n: number): Uint8Array | null {
  const [x, y] = args as [Operand, Operand];
  const xv = x.isScalar ? null : x.col.valid;
  // A null scalar y is null on every row.
  const yv = y.isScalar ? (y.col.valid !== null && y.col.valid[0] === 0 ? new Uint8Array(n) : null) : y.col.valid;
  if (yv === null) return xv;
  const xs = (x.col as F64Col).values;
  const out = writableValid(xv, n);
  for (let i = 0; i < n; i++) {
    const v = x.isScalar ? xs[0]! : xs[i]!;
    if (v !== v && yv[i] === 0) out[i] = 0;
  }
  return out;
}

/**
 * isnan(x): true for NaN, false otherwise (a null is false, never null).
 * @example
 * isNan([x], n, info) // [NaN, 1, null] → [true, false, false]
 */
export function isNan(args: readonly Operand[], n: number, info: CallInfo): Col {
  const x = f64Of(args[0], info.fn).values;
  const v = args[0]!.col.valid;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] !== x[i] && (v === null || v[i] === 1) ? 1 : 0;
  return { type: "boolean", values: out, valid: null };
}

/** e() and pi(): one row, broadcast by the evaluator. */
export function mathConstant(_args: readonly Operand[], n: number, info: CallInfo): Col {
  return { type: "float64", values: new Float64Array(n).fill(info.fn === "e" ? Math.E : Math.PI), valid: null };
}
