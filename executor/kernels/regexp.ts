/**
 * rlike / regexp_extract / regexp_replace with JavaScript regular expressions (Spark uses Java's;
 * the common syntax agrees). The pattern is a literal (the analyzer requires it), compiled once per
 * batch; a leading Java inline-flag group such as `(?i)` becomes JavaScript flags, and the `u` flag
 * is used when the pattern allows it, so `.` matches a whole code point as in Java. Replacements
 * use Java's syntax ($1, ${name}, \$ for a dollar), translated to JavaScript's.
 */
import type { Col } from "../batch.js";
import type { Operand } from "./operand.js";
import { Utf8Writer } from "./utf8-writer.js";
import { type CallInfo, scalarString, strOf } from "./library-args.js";

const decoder = new TextDecoder();

/** Compiles a Java-style pattern as JavaScript (the planner's checkRegex compiles it the same way). */
export function compileRegex(pattern: string, global = false): RegExp {
  const m = /^\(\?([imsx]+)\)/.exec(pattern);
  const body = m ? pattern.slice(m[0].length) : pattern;
  const flags = (m ? [...new Set(m[1]!.replace("x", ""))].join("") : "") + (global ? "g" : "");
  try {
    return new RegExp(body, flags + "u");
  } catch {
    return new RegExp(body, flags);
  }
}

/** Java's replacement syntax as a JavaScript replacement string. */
export function javaReplacement(r: string): string {
  let out = "";
  for (let k = 0; k < r.length; k++) {
    const c = r[k]!;
    if (c === "\\" && k + 1 < r.length) {
      const next = r[++k]!;
      out += next === "$" ? "$$" : next;
    } else if (c === "$" && r[k + 1] === "{") {
      const close = r.indexOf("}", k);
      out += `$<${r.slice(k + 2, close)}>`;
      k = close;
    } else out += c;
  }
  return out;
}

/**
 * @example
 * regexp([s, lit("(\\d+)-(\\d+)"), lit(2)], n, { fn: "regexp_extract", … }) // "10-20" → "20"
 */
export function regexp(args: readonly Operand[], n: number, info: CallInfo): Col {
  const s = strOf(args[0], info.fn);
  const pattern = scalarString(args[1], info.fn);
  const valid = s.valid;
  const o = s.offsets;
  const row = (i: number): string => decoder.decode(s.data.subarray(o[i]!, o[i + 1]!));
  if (info.fn === "rlike") {
    const re = compileRegex(pattern);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (valid === null || valid[i] === 1) out[i] = re.test(row(i)) ? 1 : 0;
    return { type: "boolean", values: out, valid };
  }
  const w = new Utf8Writer(n, o[n]! - o[0]! + 16);
  if (info.fn === "regexp_extract") {
    const re = compileRegex(pattern);
    const idxCol = args[2]?.col;
    const idx = idxCol !== undefined && idxCol.type === "int32" ? idxCol.values[0]! : 1;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) w.empty();
      else w.text(re.exec(row(i))?.[idx] ?? "");
    }
    return w.finish(valid);
  }
  const re = compileRegex(pattern, true);
  const replacement = javaReplacement(scalarString(args[2], info.fn));
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) w.empty();
    else w.text(row(i).replace(re, replacement));
  }
  return w.finish(valid);
}
