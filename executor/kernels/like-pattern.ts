/**
 * Compiles a SQL LIKE pattern (`%` any run, `_` one character, `\` escapes `%`, `_` or `\`).
 * A pattern without `_` becomes a byte matcher — literal segments between `%`s, matched on the
 * UTF-8 bytes with no decoding (prefix, suffix, contains and equality are all this shape);
 * a pattern with `_` needs character boundaries and becomes an anchored RegExp over the decoded
 * string (`u` so `_` is one code point, `s` so `%` spans newlines).
 */

export type LikeMatcher =
  /** Segment k is bytes[starts[k], starts[k + 1]); the pattern was seg0 % seg1 % … % segLast. */
  | { readonly kind: "segments"; readonly bytes: Uint8Array; readonly starts: Int32Array }
  | { readonly kind: "regex"; readonly re: RegExp };

type Token = { readonly wild: "%" | "_" } | { readonly text: string };

const encoder = new TextEncoder();

/**
 * @example
 * compileLike("a\\%b%") // segments ["a%b", ""]: starts with "a%b"
 */
export function compileLike(pattern: string): LikeMatcher {
  const tokens = tokenize(pattern);
  if (tokens.some((t) => "wild" in t && t.wild === "_")) return { kind: "regex", re: toRegex(tokens) };
  const segs: string[] = [""];
  for (const t of tokens) {
    if ("wild" in t) segs.push("");
    else segs[segs.length - 1] += t.text;
  }
  const encoded = segs.map((s) => encoder.encode(s));
  const starts = new Int32Array(encoded.length + 1);
  for (let k = 0; k < encoded.length; k++) starts[k + 1] = starts[k]! + encoded[k]!.length;
  const bytes = new Uint8Array(starts[encoded.length]!);
  for (let k = 0; k < encoded.length; k++) bytes.set(encoded[k]!, starts[k]!);
  return { kind: "segments", bytes, starts };
}

/** An anchored RegExp for any pattern (used for patterns that differ per row). */
export function likeRegex(pattern: string): RegExp {
  return toRegex(tokenize(pattern));
}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < pattern.length; k++) {
    const ch = pattern[k]!;
    if (ch === "\\") {
      const next = pattern[k + 1];
      if (next === undefined) throw new Error(`LIKE pattern '${pattern}' ends with the escape character`);
      if (next !== "%" && next !== "_" && next !== "\\") {
        throw new Error(`LIKE pattern '${pattern}': the escape character may only precede '%', '_' or '\\'`);
      }
      out.push({ text: next });
      k++;
    } else if (ch === "%" || ch === "_") {
      out.push({ wild: ch });
    } else {
      out.push({ text: ch });
    }
  }
  return out;
}

function toRegex(tokens: readonly Token[]): RegExp {
  let src = "";
  for (const t of tokens) {
    if ("wild" in t) src += t.wild === "%" ? ".*" : ".";
    else src += t.text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"); // only syntax characters may be escaped under `u`
  }
  return new RegExp(`^${src}$`, "su");
}

/** Does bytes [a, b) of `d` match the segments? seg0 is a prefix, segLast a suffix, the rest in order between. */
export function matchSegments(d: Uint8Array, a: number, b: number, bytes: Uint8Array, starts: Int32Array): boolean {
  const k = starts.length - 1;
  const len0 = starts[1]!;
  if (k === 1) return b - a === len0 && same(d, a, bytes, 0, len0);
  const lastA = starts[k - 1]!;
  const lenLast = starts[k]! - lastA;
  if (b - a < len0 + lenLast) return false;
  if (!same(d, a, bytes, 0, len0) || !same(d, b - lenLast, bytes, lastA, lenLast)) return false;
  let p = a + len0;
  const hi = b - lenLast;
  for (let s = 1; s < k - 1; s++) {
    const sa = starts[s]!;
    const len = starts[s + 1]! - sa;
    let q = p;
    while (q + len <= hi && !same(d, q, bytes, sa, len)) q++;
    if (q + len > hi) return false;
    p = q + len;
  }
  return true;
}

function same(d: Uint8Array, p: number, bytes: Uint8Array, s: number, len: number): boolean {
  for (let j = 0; j < len; j++) if (d[p + j] !== bytes[s + j]) return false;
  return true;
}
