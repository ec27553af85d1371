/**
 * Glob support for resolvePaths (Node 20 has no fs.glob): `*` and `?` within one path segment,
 * `[abc]`/`[!a-z]` classes, `**` as a whole segment for any depth, and `{a,b}` alternatives.
 */

const META = /[*?[{]/;

export function hasGlobMeta(s: string): boolean {
  return META.test(s);
}

/** Expands `{a,b}` alternatives (nested allowed) into plain globs; braces may span `/`. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) {
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      const cuts = [open, ...commas, i];
      const out: string[] = [];
      for (let k = 0; k + 1 < cuts.length; k++) {
        const alt = pattern.slice((cuts[k] ?? 0) + 1, cuts[k + 1]);
        out.push(...expandBraces(head + alt + tail));
      }
      return out;
    } else if (ch === "," && depth === 1) commas.push(i);
  }
  throw new Error(`Unbalanced "{" in path pattern: ${pattern}`);
}

/** Compiles one path segment (no `/`) into an anchored RegExp. */
export function segmentMatcher(segment: string): RegExp {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? "";
    if (ch === "*") re += ".*";
    else if (ch === "?") re += ".";
    else if (ch === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith("!")) body = "^" + body.slice(1);
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = close;
    } else re += ch.replace(/[.+^$()|\\\]{}]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}

export type GlobSegment = { kind: "any-depth" } | { kind: "match"; re: RegExp; raw: string };

/** Splits a brace-free glob's relative part into segments for the directory walk. */
export function compileSegments(relative: string): GlobSegment[] {
  return relative
    .split("/")
    .filter((s) => s !== "")
    .map((s): GlobSegment => (s === "**" ? { kind: "any-depth" } : { kind: "match", re: segmentMatcher(s), raw: s }));
}
