/**
 * Spark spellings the SQL parser library (node-sql-parser, PostgreSQL grammar) does not accept,
 * rewritten to ones it does before parsing. Every rewrite keeps the text's length and the offset
 * of every other character, so the parser's error positions still point into the user's text.
 * This is a word scanner (quotes and comments skipped, parentheses counted), not a parser.
 *
 *   EXPLAIN [EXTENDED|FORMATTED|…] q  → q, and the mode is returned
 *   LEFT SEMI JOIN / SEMI JOIN        → LEFT JOIN; marked semi
 *   LEFT ANTI JOIN / ANTI JOIN        → LEFT JOIN; marked anti
 *   SELECT ALL                        → SELECT (ALL is the default)
 *   INTERSECT / EXCEPT ALL            → INTERSECT / EXCEPT; marked ALL (the library has none)
 *   INTERSECT / EXCEPT DISTINCT       → INTERSECT / EXCEPT
 *   RANGE BETWEEN (a window frame)    → ROWS  BETWEEN; marked RANGE
 *   NATURAL [LEFT|…] JOIN             → [LEFT|…] JOIN; marked natural
 *   CROSS JOIN                        → INNER JOIN (no ON: a cross join; the library misreads CROSS)
 *   a == b                            → a =  b
 *   AS `alias`                        → AS "alias" (the library quotes aliases only so)
 *   AS STRING)  (in a CAST)           → AS TEXT  )
 *   PERCENT_RANK( / CUME_DIST(         → ROW_NUMBER  ( / RANK     (; marked (the library's grammar
 *                                        takes OVER only after the window functions it knows)
 */

export interface Word {
  /** Upper-cased text of a bare word, or the punctuation character itself. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Parenthesis depth at the word. */
  readonly depth: number;
}

/** What one marked word said, in text order (see markSpellings in parse-query.ts). */
export interface Marks {
  /** One per UNION / INTERSECT / EXCEPT: whether ALL followed it. */
  readonly setOps: boolean[];
  /** One per JOIN: "semi", "anti", "natural" or null (the library's own join type holds). */
  readonly joins: ("semi" | "anti" | "natural" | null)[];
  /** One per window frame (ROWS or RANGE): whether it was RANGE. */
  readonly frames: boolean[];
  /** One per ROW_NUMBER( or RANK( the parser will see: the function the user wrote when it was renamed. */
  readonly windowFns: ("percent_rank" | "cume_dist" | null)[];
}

export interface Spellings {
  /** The text to hand to the parser (same length as the input). */
  readonly text: string;
  /** EXPLAIN mode, or null when the text is a plain query. */
  readonly explain: "simple" | "extended" | null;
  readonly marks: Marks;
}

/** Bare words and parentheses of `text`, skipping strings, quoted names and comments. */
export function scanWords(text: string): Word[] {
  const out: Word[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < text.length && text.charAt(j) !== c) j += text.charAt(j) === "\\" && c !== "`" ? 2 : 1;
      out.push({ text: c, start: i, end: j + 1, depth });
      i = j + 1;
    } else if (c === "-" && text.charAt(i + 1) === "-") {
      while (i < text.length && text.charAt(i) !== "\n") i++;
    } else if (c === "/" && text.charAt(i + 1) === "*") {
      const j = text.indexOf("*/", i + 2);
      i = j < 0 ? text.length : j + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_$]/.test(text.charAt(j))) j++;
      out.push({ text: text.slice(i, j).toUpperCase(), start: i, end: j, depth });
      i = j;
    } else if (c === "(") {
      out.push({ text: c, start: i, end: i + 1, depth });
      depth++;
      i++;
    } else if (c === ")") {
      depth--;
      out.push({ text: c, start: i, end: i + 1, depth });
      i++;
    } else {
      if (!/\s/.test(c)) out.push({ text: c, start: i, end: i + 1, depth });
      i++;
    }
  }
  return out;
}

const EXPLAIN_MODES = new Set(["EXTENDED", "FORMATTED", "CODEGEN", "COST", "LOGICAL"]);

export function sparkSpellings(input: string): Spellings {
  const chars = input.split("");
  const blank = (w: Word): void => {
    for (let k = w.start; k < w.end; k++) chars[k] = " ";
  };
  const put = (at: number, s: string): void => {
    for (let k = 0; k < s.length; k++) chars[at + k] = s.charAt(k);
  };
  const words = scanWords(input);
  const at = (k: number): string => words[k]?.text ?? "";
  let explain: Spellings["explain"] = null;
  const marks: Marks = { setOps: [], joins: [], frames: [], windowFns: [] };
  let k0 = 0;
  if (at(0) === "EXPLAIN") {
    blank(words[0] as Word);
    explain = "simple";
    k0 = 1;
    if (EXPLAIN_MODES.has(at(1))) {
      explain = at(1) === "EXTENDED" || at(1) === "FORMATTED" ? "extended" : "simple";
      blank(words[1] as Word);
      k0 = 2;
    }
  }
  for (let k = k0; k < words.length; k++) {
    const w = words[k] as Word;
    const t = w.text;
    if ((t === "SEMI" || t === "ANTI") && at(k + 1) === "JOIN") {
      blank(w);
      if (at(k - 1) !== "LEFT") put(w.start, "LEFT");
      marks.joins.push(t === "SEMI" ? "semi" : "anti");
      k++;
    } else if (t === "NATURAL") {
      // The library reads NATURAL JOIN as a join without a condition: mark it, and plan it as USING (common columns).
      blank(w);
      const j = words.findIndex((x, i) => i > k && x.text === "JOIN");
      if (j > 0 && j <= k + 3) {
        marks.joins.push("natural");
        k = j;
      }
    } else if (t === "CROSS" && at(k + 1) === "JOIN") {
      // The library reads CROSS as an alias of the table before it; INNER JOIN without ON is the same join.
      put(w.start, "INNER");
    } else if (t === "JOIN") {
      marks.joins.push(null);
    } else if (t === "SELECT" && at(k + 1) === "ALL") {
      blank(words[k + 1] as Word);
      k++;
    } else if (t === "UNION" || t === "INTERSECT" || t === "EXCEPT") {
      const next = at(k + 1);
      marks.setOps.push(next === "ALL");
      // UNION ALL is the library's own; INTERSECT/EXCEPT ALL and DISTINCT are not.
      if ((next === "ALL" && t !== "UNION") || next === "DISTINCT") blank(words[k + 1] as Word);
      if (next === "ALL" || next === "DISTINCT") k++;
    } else if ((t === "RANGE" || t === "ROWS") && (at(k + 1) === "BETWEEN" || at(k + 1) === "UNBOUNDED" || at(k + 1) === "CURRENT")) {
      if (t === "RANGE") put(w.start, "ROWS ");
      marks.frames.push(t === "RANGE");
    } else if (t === "=" && at(k + 1) === "=" && (words[k + 1] as Word).start === w.end) {
      put(w.end, " ");
      k++;
    } else if (t === "AS" && at(k + 1) === "`") {
      // The library takes backquoted names everywhere but after AS, where it wants "double quotes".
      const q = words[k + 1] as Word;
      if (!input.slice(q.start + 1, q.end - 1).includes('"')) (put(q.start, '"'), put(q.end - 1, '"'));
    } else if ((t === "ROW_NUMBER" || t === "RANK") && at(k + 1) === "(") {
      marks.windowFns.push(null);
    } else if ((t === "PERCENT_RANK" || t === "CUME_DIST") && at(k + 1) === "(") {
      blank(w);
      put(w.start, t === "PERCENT_RANK" ? "ROW_NUMBER" : "RANK");
      marks.windowFns.push(t === "PERCENT_RANK" ? "percent_rank" : "cume_dist");
    } else if (t === "AS" && at(k + 1) === "STRING" && at(k + 2) === ")") {
      put((words[k + 1] as Word).start, "TEXT  ");
    }
  }
  return { text: chars.join(""), explain, marks };
}
