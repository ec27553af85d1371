/**
 * s LIKE pattern. A literal pattern (the usual case) is compiled once per batch; a byte matcher
 * when it can be, else a RegExp tested on each decoded row. A pattern that varies per row is
 * compiled per distinct value (cached for the batch).
 */
import { type Col, type StrCol, nullCol, stringAt } from "../batch.js";
import { compileLike, likeRegex, matchSegments } from "./like-pattern.js";
import { type Operand, isNullScalar, validOf } from "./operand.js";
import { andValid } from "./validity.js";

/**
 * @example
 * like({ col: names, isScalar: false }, { col: pattern("A%"), isScalar: true }, n)
 */
export function like(str: Operand, pattern: Operand, n: number): Col {
  if (isNullScalar(str) || isNullScalar(pattern)) return nullCol("boolean", n);
  const s = asStr(str.col);
  const p = asStr(pattern.col);
  const out = new Uint8Array(n);
  if (pattern.isScalar && !str.isScalar) {
    const m = compileLike(stringAt(p, 0));
    if (m.kind === "segments") matchAllSegments(out, s, m.bytes, m.starts, n);
    else matchAllRegex(out, s, m.re, n);
    return { type: "boolean", values: out, valid: s.valid };
  }
  matchPerRowPattern(out, s, str.isScalar, p, pattern.isScalar, n);
  return { type: "boolean", values: out, valid: andValid(validOf(str), validOf(pattern), n) };
}

function matchAllSegments(out: Uint8Array, s: StrCol, bytes: Uint8Array, starts: Int32Array, n: number): void {
  const o = s.offsets;
  const d = s.data;
  for (let i = 0; i < n; i++) out[i] = matchSegments(d, o[i]!, o[i + 1]!, bytes, starts) ? 1 : 0;
}

function matchAllRegex(out: Uint8Array, s: StrCol, re: RegExp, n: number): void {
  for (let i = 0; i < n; i++) out[i] = re.test(stringAt(s, i)) ? 1 : 0;
}

function matchPerRowPattern(out: Uint8Array, s: StrCol, sScalar: boolean, p: StrCol, pScalar: boolean, n: number): void {
  const cache = new Map<string, RegExp>();
  const pv = p.valid;
  for (let i = 0; i < n; i++) {
    const pi = pScalar ? 0 : i;
    if (pv !== null && pv[pi] === 0) continue;
    const pat = stringAt(p, pi);
    let re = cache.get(pat);
    if (re === undefined) {
      re = likeRegex(pat);
      cache.set(pat, re);
    }
    out[i] = re.test(stringAt(s, sScalar ? 0 : i)) ? 1 : 0;
  }
}

function asStr(c: Col): StrCol {
  if (c.type !== "utf8") throw new Error(`internal: LIKE on ${c.type}`);
  return c;
}
