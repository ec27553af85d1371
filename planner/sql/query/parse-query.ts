/**
 * Full SQL queries → the parser library's AST (node-sql-parser, PostgreSQL grammar: the closest of
 * its dialects to Spark — backquoted names, window frames, INTERSECT/EXCEPT, CTEs, NULLS FIRST/LAST,
 * ILIKE, `::` casts, strings in FROM). Spark spellings it lacks are rewritten first
 * (spark-spellings.ts) and what they marked is attached to the AST nodes here. Syntax errors become
 * SqlParseError with the line, column and what was expected.
 */
// The PostgreSQL-only build: the same grammar as the package's index, which bundles every dialect
// (loading the index cost the driver ~28 MB of RSS under plain node and ~100 MB under tsx; this
// build ~12 MB and ~16 MB).
import nodeSqlParser from "node-sql-parser/build/postgresql.js";
import { SqlParseError, syntaxError } from "../sql-parse-error.js";
import { type Marks, scanWords, sparkSpellings } from "./spark-spellings.js";

/** One node of the library's AST: a plain object we read through the guards in ast.ts. */
export type AstNode = { readonly [key: string]: unknown };

export interface ParsedQuery {
  /** The top statement (a select, possibly the head of a set-operation chain). */
  readonly ast: AstNode;
  readonly explain: "simple" | "extended" | null;
  /** Selects whose `set_op` is INTERSECT ALL / EXCEPT ALL / UNION ALL. */
  readonly setOpAll: WeakSet<AstNode>;
  /** FROM items that are LEFT SEMI / LEFT ANTI / NATURAL joins. */
  readonly specialJoin: WeakMap<AstNode, "semi" | "anti" | "natural">;
  /** Window frame clauses written as RANGE. */
  readonly rangeFrames: WeakSet<AstNode>;
  /** Window function calls the pre-pass renamed (percent_rank, cume_dist): the name written. */
  readonly renamedFns: WeakMap<AstNode, string>;
  /** The user's text. */
  readonly text: string;
}

const { Parser } = nodeSqlParser;
const parser = new Parser();

const isNode = (x: unknown): x is AstNode => typeof x === "object" && x !== null && !Array.isArray(x);

interface PegError {
  readonly location: { readonly start: { readonly offset: number } };
  readonly expected: readonly { readonly type: string; readonly text?: string; readonly description?: string }[] | null;
  readonly found: string | null;
}

function isPegError(e: unknown): e is PegError {
  return isNode(e) && isNode(e["location"]) && "expected" in e;
}

/** The parser's expectation list, shortened: keywords and symbols, then "…". */
function expectedText(exp: PegError["expected"]): string {
  if (!exp || exp.length === 0) return "something else";
  const seen = new Set<string>();
  for (const x of exp) {
    if (x.type === "literal" && x.text !== undefined && !/^(--|\/\*|#)$/.test(x.text)) seen.add(`"${x.text}"`);
    else if (x.type === "end") seen.add("end of input");
  }
  const all = [...seen];
  if (all.length === 0 || seen.has('"CAST"')) return "an expression";
  return all.length > 12 ? `one of ${all.slice(0, 12).join(", ")}, …` : all.length === 1 ? (all[0] as string) : `one of ${all.join(", ")}`;
}

/** Spark spellings the parser library cannot read, named in its syntax errors. */
const UNSUPPORTED: readonly { readonly test: RegExp; readonly what: string }[] = [
  { test: /^<=>$/, what: "the <=> operator (use coalesce or IS NULL tests; <=> works in expression strings)" },
  { test: /^IS DISTINCT FROM$|^IS NOT DISTINCT FROM$/, what: "IS [NOT] DISTINCT FROM" },
  { test: /^LATERAL VIEW$/, what: "LATERAL VIEW (write the generator in the select list: SELECT t.*, explode(xs) AS x FROM t)" },
  { test: /^LATERAL$/, what: "LATERAL" },
  { test: /^PIVOT$|^UNPIVOT$/, what: "PIVOT" },
  { test: /^GROUPING SETS$|^ROLLUP$|^CUBE$/, what: "GROUPING SETS, ROLLUP and CUBE" },
  { test: /^TABLESAMPLE$/, what: "TABLESAMPLE" },
];

/** What a failed text holds that the parser library cannot parse, if anything. */
function unsupportedHint(text: string): string | undefined {
  const words = scanWords(text).map((w) => w.text);
  // Runs of 1 to 4 words, and 3 characters joined (<=>).
  const grams = words.flatMap((_, i) => [1, 2, 3, 4].map((n) => words.slice(i, i + n).join(" ")).concat(words.slice(i, i + 3).join("")));
  const hit = UNSUPPORTED.find((u) => grams.some((g) => u.test.test(g)));
  return hit ? `the SQL parser does not support ${hit.what}` : undefined;
}

/** Walks the AST in text order, handing each marked word's meaning to its node. */
class MarkWalker {
  private s = 0;
  private j = 0;
  private f = 0;
  private w = 0;
  readonly renamedFns = new WeakMap<AstNode, string>();
  readonly setOpAll = new WeakSet<AstNode>();
  readonly specialJoin = new WeakMap<AstNode, "semi" | "anti" | "natural">();
  readonly rangeFrames = new WeakSet<AstNode>();

  constructor(private readonly marks: Marks) {}

  select(n: AstNode): void {
    for (const key of ["with", "columns", "from", "where", "groupby", "having", "orderby", "limit"]) {
      const v = n[key];
      if (key === "from" && Array.isArray(v)) {
        for (const item of v) this.fromItem(item);
      } else this.any(v);
    }
    const next = n["_next"];
    if (isNode(next)) {
      if (this.marks.setOps[this.s++]) this.setOpAll.add(n);
      this.any(next);
    }
  }

  private fromItem(item: unknown): void {
    if (!isNode(item)) return;
    if (typeof item["join"] === "string") {
      const how = this.marks.joins[this.j++];
      if (how) this.specialJoin.set(item, how);
    }
    this.any(item["expr"]);
    this.any(item["on"]);
  }

  any(x: unknown): void {
    if (Array.isArray(x)) for (const v of x) this.any(v);
    else if (isNode(x)) {
      if (x["type"] === "select") return this.select(x);
      const fn = x["type"] === "window_func" ? String(x["name"]).toLowerCase() : "";
      if (fn === "row_number" || fn === "rank") {
        const renamed = this.marks.windowFns[this.w++];
        if (renamed) this.renamedFns.set(x, renamed);
      }
      for (const [k, v] of Object.entries(x)) {
        if (k === "window_frame_clause" && isNode(v)) {
          if (this.marks.frames[this.f++]) this.rangeFrames.add(v);
        } else if (k !== "loc") this.any(v);
      }
    }
  }

  /** True when every marked word found its node. */
  complete(): boolean {
    return this.s === this.marks.setOps.length && this.j === this.marks.joins.length && this.f === this.marks.frames.length && this.w === this.marks.windowFns.length;
  }
}

/**
 * @example
 * parseQuery("SELECT a, count(*) FROM t GROUP BY a").ast.type // "select"
 */
export function parseQuery(text: string): ParsedQuery {
  const spelled = sparkSpellings(text);
  let root: unknown;
  try {
    root = parser.astify(spelled.text, { database: "postgresql" });
  } catch (e) {
    if (!isPegError(e)) throw e;
    const offset = e.location.start.offset;
    const found = e.found === null ? "end of input" : `"${text.slice(offset, offset + 12).split(/\s/)[0] || e.found}"`;
    const err = syntaxError(text, offset, expectedText(e.expected), found);
    const hint = unsupportedHint(text);
    if (!hint) throw err;
    throw new SqlParseError(`${err.message} (${hint})`, text, offset);
  }
  const stmts = Array.isArray(root) ? root : [root];
  if (stmts.length !== 1 || !isNode(stmts[0])) throw new SqlParseError(`sql() takes one statement; found ${stmts.length} in "${text}".`, text, 0);
  const ast = stmts[0];
  if (ast["type"] !== "select") {
    throw new SqlParseError(`sql() runs queries (SELECT, WITH … SELECT, EXPLAIN); "${String(ast["type"]).toUpperCase()}" statements are not supported, in "${text}".`, text, 0);
  }
  const w = new MarkWalker(spelled.marks);
  w.select(ast);
  if (!w.complete()) {
    throw new SqlParseError(
      `The SQL parser library did not keep every JOIN, set operation or window frame of "${text}" (it drops a parenthesized operand of UNION/INTERSECT/EXCEPT, for one); write it without parentheses or as a subquery in FROM.`,
      text,
      0,
    );
  }
  return { ast, explain: spelled.explain, setOpAll: w.setOpAll, specialJoin: w.specialJoin, rangeFrames: w.rangeFrames, renamedFns: w.renamedFns, text };
}
