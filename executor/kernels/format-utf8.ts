/**
 * CAST(x AS STRING) with Spark's formatting: integers in decimal, booleans "true"/"false", dates
 * "yyyy-MM-dd", timestamps "yyyy-MM-dd HH:mm:ss[.ffffff]" in UTC with trailing fraction zeros
 * dropped (as Spark prints them), doubles like Java's Double.toString: plain notation with at least
 * one fractional digit for 1e-3 ≤ |x| < 1e7 ("1.0", "0.5"), else "d.dddE±n"; "NaN", "Infinity".
 * JS's shortest round-trip digits match Java's (JDK 19+). Null rows stay null.
 */
import { type Col, type StrCol, flatCol } from "../batch.js";
import { MICROS_PER_DAY, civilFromDays } from "./civil-date.js";
import { Utf8Writer } from "./utf8-writer.js";

const ymd = new Int32Array(3);

/**
 * @example
 * formatUtf8(f64Col) // [1, 0.5, 1e21] → ["1.0", "0.5", "1.0E21"]
 */
export function formatUtf8(nested: Col): StrCol {
  const c = flatCol(nested, "formatUtf8");
  if (c.type === "utf8") return c;
  const n = c.values.length;
  const w = new Utf8Writer(n, n * (c.type === "timestamp" ? 26 : 12));
  // Null rows are written empty; the validity check is loop-invariant when there are no nulls.
  const v = c.type === "null" ? new Uint8Array(n) : c.valid;
  switch (c.type) {
    case "int32":
    case "int64":
      for (let i = 0; i < n; i++) {
        if (v !== null && v[i] === 0) w.empty();
        else w.ascii(String(c.values[i]!));
      }
      break;
    case "float64":
      for (let i = 0; i < n; i++) {
        if (v !== null && v[i] === 0) w.empty();
        else w.ascii(formatDouble(c.values[i]!));
      }
      break;
    case "boolean":
      for (let i = 0; i < n; i++) {
        if (v !== null && v[i] === 0) w.empty();
        else w.ascii(c.values[i] === 1 ? "true" : "false");
      }
      break;
    case "date":
      for (let i = 0; i < n; i++) {
        if (v !== null && v[i] === 0) w.empty();
        else w.ascii(formatDate(c.values[i]!));
      }
      break;
    case "timestamp":
      for (let i = 0; i < n; i++) {
        if (v !== null && v[i] === 0) w.empty();
        else w.ascii(formatTimestamp(c.values[i]!));
      }
      break;
    case "null":
      for (let i = 0; i < n; i++) w.empty();
      break;
  }
  return w.finish(v);
}

/** Java's Double.toString layout over JS's shortest digits. */
export function formatDouble(x: number): string {
  if (x !== x) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e7) {
    const s = String(x); // plain notation in this range
    return s.includes(".") ? s : `${s}.0`;
  }
  const e = x.toExponential(); // shortest digits, e.g. "1.5e-7", "1e+21"
  const at = e.indexOf("e");
  const mant = e.slice(0, at);
  const exp = e.slice(at + 1);
  return `${mant.includes(".") ? mant : `${mant}.0`}E${exp.startsWith("+") ? exp.slice(1) : exp}`;
}

export function formatDate(days: number): string {
  civilFromDays(days, ymd);
  return `${formatYear(ymd[0]!)}-${pad2(ymd[1]!)}-${pad2(ymd[2]!)}`;
}

export function formatTimestamp(us: bigint): string {
  let days = us / MICROS_PER_DAY;
  let rem = us % MICROS_PER_DAY;
  if (rem < 0n) {
    days -= 1n;
    rem += MICROS_PER_DAY;
  }
  const r = Number(rem);
  const micros = r % 1_000_000;
  const secs = (r - micros) / 1_000_000;
  const hms = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
  const base = `${formatDate(Number(days))} ${hms}`;
  if (micros === 0) return base;
  return `${base}.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
}

function formatYear(y: number): string {
  if (y < 0) return `-${String(-y).padStart(4, "0")}`;
  return y > 9999 ? `+${y}` : String(y).padStart(4, "0");
}

function pad2(x: number): string {
  return x < 10 ? `0${x}` : String(x);
}
