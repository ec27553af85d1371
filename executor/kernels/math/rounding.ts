/**
 * round (HALF_UP) / bround (HALF_EVEN) to a scale, keeping the input type, and floor / ceil to a
 * bigint. Doubles round as Spark does, on their shortest decimal form (BigDecimal(double)), so
 * round(2.675, 2) is 2.68 although the double 2.675 is slightly below it: a multiply-and-floor
 * settles every value that is not within 1e-6 of a tie; ties go through the decimal digits.
 */
import type { Col } from "../../batch.js";
import type { Operand } from "../operand.js";
import { type CallInfo, allValid } from "../library-args.js";

/**
 * @example
 * round([x, lit(-1)], n, { fn: "round", … }) // int32 125 → 130, -125 → -130
 */
export function round(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col;
  const sc = args[1]?.col;
  const scale = sc !== undefined && sc.type === "int32" ? sc.values[0]! : 0;
  const even = info.fn === "bround";
  const valid = allValid(args, n);
  switch (c.type) {
    case "float64": {
      const out = new Float64Array(n);
      const x = c.values;
      for (let i = 0; i < n; i++) out[i] = roundDouble(x[i]!, scale, even);
      return { type: "float64", values: out, valid };
    }
    case "int32": {
      if (scale >= 0) return { ...c, valid };
      const out = new Int32Array(n);
      const f = 10 ** -scale;
      const x = c.values;
      for (let i = 0; i < n; i++) out[i] = roundIntegral(x[i]!, f, even) | 0;
      return { type: "int32", values: out, valid };
    }
    case "int64": {
      if (scale >= 0) return { ...c, valid };
      const out = new BigInt64Array(n);
      const f = 10n ** BigInt(-scale);
      const x = c.values;
      for (let i = 0; i < n; i++) out[i] = roundBig(x[i]!, f, even);
      return { type: "int64", values: out, valid };
    }
    default:
      throw new Error(`internal: ${info.fn} of ${c.type}`);
  }
}

function roundIntegral(x: number, f: number, even: boolean): number {
  const q = Math.trunc(x / f);
  const twice = Math.abs(x - q * f) * 2;
  const up = twice > f || (twice === f && (!even || q % 2 !== 0));
  return (up ? q + Math.sign(x) : q) * f;
}

function roundBig(x: bigint, f: bigint, even: boolean): bigint {
  const q = x / f;
  const r = x - q * f;
  const twice = (r < 0n ? -r : r) * 2n;
  const up = twice > f || (twice === f && (!even || q % 2n !== 0n));
  return BigInt.asIntN(64, (up ? q + (x < 0n ? -1n : 1n) : q) * f);
}

/** Rounds a double to `scale` decimal places, HALF_UP or HALF_EVEN, as Spark's BigDecimal does. */
export function roundDouble(x: number, scale: number, even: boolean): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** scale;
  const v = x * f;
  if (Math.abs(v) < 1e9) {
    const fl = Math.floor(v);
    const frac = v - fl;
    if (Math.abs(frac - 0.5) > 1e-6) {
      const r = frac < 0.5 ? fl : fl + 1;
      return scale >= 0 ? r / f : r * 10 ** -scale;
    }
  }
  return roundDecimal(x, scale, even);
}

function roundDecimal(x: number, scale: number, even: boolean): number {
  const [mant, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expText);
  const keep = exp + 1 + scale; // digits kept before the rounding position
  if (keep >= digits.length) return x;
  if (keep < 0) return 0 * Math.sign(x);
  const kept = digits.slice(0, keep);
  const first = digits.charCodeAt(keep) - 48;
  const rest = /[1-9]/.test(digits.slice(keep + 1));
  const lastOdd = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = first > 5 || (first === 5 && (rest || !even || lastOdd));
  const value = BigInt(kept === "" ? "0" : kept) + (up ? 1n : 0n);
  const r = Number(`${value}e${-scale}`);
  return x < 0 ? -r : r;
}

const TWO32 = 4294967296;

/**
 * floor / ceil to a bigint: doubles convert as Java's (long) cast (NaN → 0, beyond the range →
 * the nearest end); written as two int32 words, so no BigInt is made per row.
 * @example
 * floorCeil([x], n, { fn: "floor", … }) // -1.5 → -2n
 */
export function floorCeil(args: readonly Operand[], n: number, info: CallInfo): Col {
  const c = args[0]!.col;
  if (c.type === "int64") return c;
  if (c.type !== "float64") throw new Error(`internal: ${info.fn} of ${c.type}`);
  const out = new BigInt64Array(n);
  const words = new Int32Array(out.buffer);
  const x = c.values;
  const ceil = info.fn === "ceil";
  for (let i = 0; i < n; i++) {
    const v = ceil ? Math.ceil(x[i]!) : Math.floor(x[i]!);
    if (v !== v) continue;
    if (v >= 9223372036854775807) {
      words[2 * i] = -1;
      words[2 * i + 1] = 0x7fffffff;
    } else if (v <= -9223372036854775808) {
      words[2 * i + 1] = 0x80000000 | 0;
    } else {
      const hi = Math.floor(v / TWO32);
      words[2 * i] = (v - hi * TWO32) | 0;
      words[2 * i + 1] = hi | 0;
    }
  }
  return { type: "int64", values: out, valid: c.valid };
}
