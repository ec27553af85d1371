/**
 * greatest / least: the largest (smallest) non-null argument of each row, NULL only when all are
 * null (Spark skips nulls). NaN is larger than any other double, as in Spark's ordering. Each
 * argument is compared against the row's best so far in one pass with a loop chosen by type; the
 * result is gathered by `select`, as coalesce does.
 */
import { type Col, type StrCol, flatCol } from "../../batch.js";
import { isBigCol } from "../col-guards.js";
import type { Operand } from "../operand.js";
import { select } from "../select.js";
import type { CallInfo } from "../library-args.js";

/**
 * @example
 * extremes([a, b], n, { fn: "greatest", type: "int32", … }) // (1, null) → 1; (1, 5) → 5
 */
export function extremes(args: readonly Operand[], n: number, info: CallInfo): Col {
  const sign = info.fn === "greatest" ? 1 : -1;
  const choice = new Int32Array(n).fill(-1);
  const live = args.filter((a) => !(a.isScalar && a.col.valid !== null && a.col.valid[0] === 0));
  for (let k = 0; k < live.length; k++) {
    const a = live[k]!;
    const v = a.isScalar ? null : a.col.valid;
    const cmp = comparator(a, live, choice);
    for (let i = 0; i < n; i++) {
      if (v !== null && v[i] === 0) continue;
      if (choice[i] === -1 || sign * cmp(i) > 0) choice[i] = k;
    }
  }
  return select(info.type, choice, live, n);
}

/** Compares argument `a` at row i with the row's current best: > 0 when a is larger. */
function comparator(a: Operand, all: readonly Operand[], choice: Int32Array): (i: number) => number {
  const c = flatCol(a.col, "greatest/least");
  const at = (o: Operand, i: number): number => (o.isScalar ? 0 : i);
  if (c.type === "utf8") {
    return (i) => {
      const b = all[choice[i]!]!;
      return compareStr(c, at(a, i), b.col as StrCol, at(b, i));
    };
  }
  if (isBigCol(c)) {
    return (i) => {
      const b = all[choice[i]!]!;
      const x = c.values[at(a, i)]!;
      const y = (b.col as typeof c).values[at(b, i)]!;
      return x > y ? 1 : x < y ? -1 : 0;
    };
  }
  const xs = (c as Extract<Col, { values: Float64Array | Int32Array | Uint8Array }>).values;
  return (i) => {
    const b = all[choice[i]!]!;
    const x = xs[at(a, i)]!;
    const y = (b.col as typeof c).values[at(b, i)] as number;
    if (x !== x) return y !== y ? 0 : 1;
    if (y !== y) return -1;
    return x > y ? 1 : x < y ? -1 : 0;
  };
}

function compareStr(a: StrCol, i: number, b: StrCol, j: number): number {
  const ad = a.data;
  const bd = b.data;
  let p = a.offsets[i]!;
  const pe = a.offsets[i + 1]!;
  let q = b.offsets[j]!;
  const qe = b.offsets[j + 1]!;
  for (; p < pe && q < qe; p++, q++) {
    const d = ad[p]! - bd[q]!;
    if (d !== 0) return d;
  }
  return pe - p - (qe - q);
}

/**
 * pmod(a, b): the positive remainder, Spark's `r = a % b; r < 0 ? (r + b) % b : r`; NULL when b
 * is 0.
 * @example
 * pmod([lit(-7), lit(3)], 1, info) // 2
 */
export function pmod(args: readonly Operand[], n: number, info: CallInfo): Col {
  const [a, b] = args as [Operand, Operand];
  const ac = a.col;
  const bc = b.col;
  const valid = new Uint8Array(n);
  const av = a.isScalar ? null : ac.valid;
  const bv = b.isScalar ? null : bc.valid;
  for (let i = 0; i < n; i++) valid[i] = (av === null || av[i] === 1) && (bv === null || bv[i] === 1) ? 1 : 0;
  const ai = (i: number): number => (a.isScalar ? 0 : i);
  const bi = (i: number): number => (b.isScalar ? 0 : i);
  if (ac.type === "int64" && bc.type === "int64") {
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const y = bc.values[bi(i)]!;
      if (valid[i] === 0 || y === 0n) {
        valid[i] = 0;
        continue;
      }
      const r = ac.values[ai(i)]! % y;
      out[i] = r < 0n ? BigInt.asIntN(64, (r + y) % y) : r;
    }
    return { type: "int64", values: out, valid };
  }
  if ((ac.type === "int32" && bc.type === "int32") || (ac.type === "float64" && bc.type === "float64")) {
    const out = ac.type === "int32" ? new Int32Array(n) : new Float64Array(n);
    const xs = ac.values;
    const ys = (bc as typeof ac).values;
    for (let i = 0; i < n; i++) {
      const y = ys[bi(i)]!;
      if (valid[i] === 0 || y === 0) {
        valid[i] = 0;
        continue;
      }
      const r = xs[ai(i)]! % y;
      out[i] = r < 0 ? (r + y) % y : r;
    }
    return ac.type === "int32" ? { type: "int32", values: out as Int32Array, valid } : { type: "float64", values: out as Float64Array, valid };
  }
  throw new Error(`internal: ${info.fn} of ${ac.type} and ${bc.type}`);
}
