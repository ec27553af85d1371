/**
 * The parser library's expression AST → Cinder's unresolved Expr IR. Functions are looked up by
 * name in the SQL catalog (planner/sql/catalog.ts), so every function the catalog knows works in
 * queries too. Column names resolve through the query's scope (scope.ts); subqueries go to the
 * callback the SELECT planner gives, into `subquery` nodes the optimizer turns into joins.
 */
import { AnalysisError } from "../../errors.js";
import { binary, lit, type CaseBranch, type CmpOp, type ArithOp, type Expr, type WindowFrame } from "../../expr.js";
import type { LogicalPlan } from "../../logical-plan.js";
import type { DataType } from "../../types.js";
import { arityText, type SqlFunction, SQL_FUNCTIONS, SQL_TYPES } from "../catalog.js";
import { dateLiteralDays, numberLiteral, timestampLiteralMicros } from "../literals.js";
import { isNode, nameOf, node, nodes, str, subqueryOf, unsupported } from "./ast.js";
import type { AstNode, ParsedQuery } from "./parse-query.js";
import { type Scope, fieldOf, resolveColumn } from "./scope.js";

export interface ExprContext {
  readonly scope: Scope;
  readonly parsed: ParsedQuery;
  /** Plans a subquery of an expression; its names may find this query's columns (correlation). */
  readonly subquery: (select: AstNode) => LogicalPlan;
  /** User-defined functions callable by name (SqlTables.udfs). */
  readonly udfs?: ReadonlyMap<string, SqlFunction> | undefined;
}

const CMP: Readonly<Record<string, CmpOp>> = { "=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "<=>": "<=>" };
const ARITH: Readonly<Record<string, ArithOp>> = { "+": "+", "-": "-", "*": "*", "/": "/", "%": "%" };

/** Spark string literal escapes: `\'`, `\\`, `\n`, `\t`, and SQL's doubled quote. */
function unescapeString(s: string): string {
  return s.replace(/''/g, "'").replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c));
}

function numberOf(v: unknown): Expr {
  if (typeof v === "number") return Number.isInteger(v) ? lit(v) : { kind: "lit", value: v, type: "float64" };
  const text = String(v);
  const neg = text.startsWith("-");
  const e = numberLiteral(neg ? text.slice(1) : text, neg);
  if (!e) throw new AnalysisError(`SQL: the number ${text} is out of range.`);
  return e;
}

/** CAST target → Cinder type (Spark's names, plus TEXT, which the parser may hand back for STRING). */
export function castType(target: AstNode): DataType {
  const raw = (str(target, "dataType") ?? "").toLowerCase();
  const name = raw === "text" || raw === "character varying" ? "string" : raw === "int4" ? "int" : raw === "int8" ? "bigint" : raw === "float8" || raw === "double precision" ? "double" : raw;
  const t = SQL_TYPES.get(name);
  if (!t) throw new AnalysisError(`Unknown type "${raw.toUpperCase()}" in CAST; known types: ${[...SQL_TYPES.keys()].join(", ")}.`);
  return t.type;
}

function args(n: AstNode): AstNode[] {
  const a = n["args"];
  if (Array.isArray(a)) return a.filter(isNode);
  if (!isNode(a)) return [];
  if (Array.isArray(a["value"])) return a["value"].filter(isNode);
  const e = node(a, "expr");
  return e ? [e] : [];
}

function functionName(n: AstNode): string {
  const name = n["name"];
  if (typeof name === "string") return name.toLowerCase();
  if (isNode(name) && Array.isArray(name["name"])) return name["name"].map(nameOf).join(".").toLowerCase();
  return String(nameOf(name) ?? "?").toLowerCase();
}

/** `2 PRECEDING`, `UNBOUNDED FOLLOWING`, `CURRENT ROW` → a frame offset (null = unbounded). */
function frameBound(b: AstNode | undefined): number | null {
  const text = String(b?.["value"] ?? "").trim().toUpperCase();
  if (text === "CURRENT ROW") return 0;
  const m = /^(\d+|UNBOUNDED)\s+(PRECEDING|FOLLOWING)$/.exec(text);
  if (!m) throw new AnalysisError(`SQL: window frame bound "${text}" is not supported.`);
  if (m[1] === "UNBOUNDED") return null;
  return m[2] === "PRECEDING" ? -Number(m[1]) : Number(m[1]);
}

export class ExprTranslator {
  constructor(private readonly ctx: ExprContext) {}

  expr(n: AstNode): Expr {
    const out = this.unsubscripted(n);
    // xs[i] on any expression (a column, a call, a parenthesized expression): Spark's 0-based subscript.
    const subscripts = n["array_index"];
    if (!Array.isArray(subscripts)) return out;
    let e = out;
    for (const s of subscripts as unknown[]) {
      const index = isNode(s) ? s["index"] : undefined;
      if (!isNode(index)) throw unsupported("this subscript");
      e = { kind: "call", fn: "get_item", args: [e, this.expr(index as AstNode)] };
    }
    return e;
  }

  private unsubscripted(n: AstNode): Expr {
    const type = str(n, "type");
    const sub = subqueryOf(n);
    if (sub) return { kind: "subquery", mode: "scalar", plan: this.ctx.subquery(sub) };
    switch (type) {
      case "column_ref":
        return this.column(n);
      case "number":
        return numberOf(n["value"]);
      case "single_quote_string":
      case "string":
      case "natural_string":
      case "double_quote_string":
        return lit(unescapeString(String(n["value"])));
      case "bool":
        return lit(n["value"] === true || String(n["value"]).toUpperCase() === "TRUE");
      case "null":
        return lit(null);
      case "date":
      case "timestamp":
        return this.typedLiteral(type, String(n["value"]));
      case "unary_expr":
        return this.unary(n);
      case "binary_expr":
        return this.binary(n);
      case "case":
        return this.caseExpr(n);
      case "cast":
        return this.cast(n);
      case "function":
      case "aggr_func":
      case "window_func":
        return this.call(n);
      case "star":
        return { kind: "col", name: "*" };
      default:
        throw unsupported(`the expression ${type ?? JSON.stringify(n).slice(0, 60)}`);
    }
  }

  private typedLiteral(type: "date" | "timestamp", text: string): Expr {
    if (type === "date") {
      const d = dateLiteralDays(text);
      if (d === undefined) throw new AnalysisError(`SQL: DATE '${text}' is not a valid date (yyyy-mm-dd).`);
      return { kind: "lit", value: d, type: "date" };
    }
    const t = timestampLiteralMicros(text);
    if (t === undefined) throw new AnalysisError(`SQL: TIMESTAMP '${text}' is not a valid timestamp.`);
    return { kind: "lit", value: t, type: "timestamp" };
  }

  private column(n: AstNode): Expr {
    const table = nameOf(n["table"]);
    const colNode = n["column"];
    const name = colNode === "*" ? "*" : nameOf(colNode);
    if (name === undefined) throw unsupported(`the column reference ${JSON.stringify(n).slice(0, 60)}`);
    if (name === "*") return table ? { kind: "col", name: "*", qualifier: table } : { kind: "col", name: "*" };
    // Spark reads "text" as a string literal, not a name (backquotes quote names).
    const inner = isNode(colNode) ? node(colNode, "expr") : undefined;
    if (!table && inner?.["type"] === "double_quote_string") return lit(unescapeString(name));
    // t.s.a: table t, struct column s, field a (the grammar calls them schema, table, column).
    const schema = nameOf(n["schema"]);
    return schema ? fieldOf(resolveColumn(this.ctx.scope, table as string, schema), name) : resolveColumn(this.ctx.scope, name, table ?? undefined);
  }

  private unary(n: AstNode): Expr {
    const op = String(n["operator"]).toUpperCase();
    if (op === "NOT EXISTS") {
      const sub = subqueryOf(node(n, "expr") ?? {});
      if (!sub) throw unsupported("NOT EXISTS without a subquery");
      return { kind: "not", input: { kind: "subquery", mode: "exists", plan: this.ctx.subquery(sub) } };
    }
    const input = this.expr(node(n, "expr") ?? {});
    if (op === "NOT" || op === "!") return { kind: "not", input };
    if (op === "-") return input.kind === "lit" && typeof input.value === "number" ? numberOf(-input.value) : { kind: "neg", input };
    if (op === "+") return input;
    throw unsupported(`the operator ${op}`);
  }

  /** The right side of IN / BETWEEN: a list of expressions. */
  private list(n: AstNode | undefined): Expr[] {
    if (!n) return [];
    if (n["type"] === "expr_list") return nodes(n, "value").map((v) => this.expr(v));
    return [this.expr(n)];
  }

  private binary(n: AstNode): Expr {
    const op = String(n["operator"]).toUpperCase();
    const leftNode = node(n, "left") ?? {};
    const rightNode = node(n, "right") ?? {};
    if (op === "IN" || op === "NOT IN") {
      const items = nodes(rightNode, "value");
      const sub = items.length === 1 ? subqueryOf(items[0] as AstNode) : undefined;
      if (sub) {
        const e: Expr = { kind: "subquery", mode: "in", input: this.expr(leftNode), plan: this.ctx.subquery(sub) };
        return op === "IN" ? e : { kind: "not", input: e };
      }
      return { kind: "in", input: this.expr(leftNode), list: this.list(rightNode), negated: op === "NOT IN" };
    }
    if (op === "BETWEEN" || op === "NOT BETWEEN") {
      const [lo, hi] = this.list(rightNode);
      if (!lo || !hi) throw new AnalysisError("SQL: BETWEEN needs a lower and an upper bound.");
      const x = this.expr(leftNode);
      const e = binary("and", binary(">=", x, lo), binary("<=", x, hi));
      return op === "BETWEEN" ? e : { kind: "not", input: e };
    }
    if (op === "IS" || op === "IS NOT") {
      if (rightNode["type"] === "null") return { kind: "isNull", input: this.expr(leftNode), negated: op === "IS NOT" };
      if (rightNode["type"] === "bool") {
        const e = binary("<=>", this.expr(leftNode), this.expr(rightNode));
        return op === "IS" ? e : { kind: "not", input: e };
      }
      throw unsupported(`${op} ${String(rightNode["type"])}`);
    }
    if (op === "LIKE" || op === "NOT LIKE" || op === "ILIKE" || op === "NOT ILIKE") {
      if (node(rightNode, "escape")) throw unsupported("LIKE … ESCAPE (Spark's default escape is \\)");
      let x = this.expr(leftNode);
      let p = this.expr(rightNode);
      if (op.endsWith("ILIKE")) {
        x = { kind: "call", fn: "lower", args: [x] };
        p = p.kind === "lit" && typeof p.value === "string" ? lit(p.value.toLowerCase()) : { kind: "call", fn: "lower", args: [p] };
      }
      const e: Expr = { kind: "call", fn: "like", args: [x, p] };
      return op.startsWith("NOT") ? { kind: "not", input: e } : e;
    }
    if (op === "AND" || op === "OR") return binary(op === "AND" ? "and" : "or", this.expr(leftNode), this.expr(rightNode));
    if (op === "||") return { kind: "call", fn: "concat", args: [this.expr(leftNode), this.expr(rightNode)] };
    const cmp = CMP[op];
    if (cmp) return binary(cmp, this.expr(leftNode), this.expr(rightNode));
    const arith = ARITH[op];
    if (arith) return binary(arith, this.expr(leftNode), this.expr(rightNode));
    throw unsupported(`the operator ${op}`);
  }

  private caseExpr(n: AstNode): Expr {
    const operand = node(n, "expr");
    const subject = operand ? this.expr(operand) : undefined;
    const branches: CaseBranch[] = [];
    let otherwise: Expr | null = null;
    for (const a of nodes(n, "args")) {
      const result = this.expr(node(a, "result") ?? {});
      if (a["type"] === "else") otherwise = result;
      else {
        const cond = this.expr(node(a, "cond") ?? {});
        branches.push({ when: subject ? binary("=", subject, cond) : cond, then: result });
      }
    }
    return { kind: "case", branches, otherwise };
  }

  private cast(n: AstNode): Expr {
    const target = nodes(n, "target")[0];
    if (!target) throw unsupported("CAST without a type");
    return { kind: "cast", input: this.expr(node(n, "expr") ?? {}), to: castType(target) };
  }

  private call(n: AstNode): Expr {
    const name = this.ctx.parsed.renamedFns.get(n) ?? functionName(n);
    if (name === "exists") {
      const sub = subqueryOf(args(n)[0] ?? {});
      if (!sub) throw unsupported("EXISTS without a subquery");
      return { kind: "subquery", mode: "exists", plan: this.ctx.subquery(sub) };
    }
    // The library reads `NOT (x)` as a call of NOT.
    if (name === "not" && args(n).length === 1) return { kind: "not", input: this.expr(args(n)[0] as AstNode) };
    const fn = SQL_FUNCTIONS.get(name) ?? this.ctx.udfs?.get(name);
    if (!fn) throw new AnalysisError(`Unknown function "${name}" in SQL; known functions: ${[...SQL_FUNCTIONS.keys(), ...(this.ctx.udfs?.keys() ?? [])].sort().join(", ")}.`);
    const a = isNode(n["args"]) ? (n["args"] as AstNode) : undefined;
    const distinct = a !== undefined && String(a["distinct"] ?? "").toUpperCase() === "DISTINCT";
    if (distinct && !fn.aggregate) throw new AnalysisError(`DISTINCT is only allowed in aggregate functions, not in ${name}().`);
    let argExprs = args(n).map((x) => (x["type"] === "star" ? lit(1) : this.expr(x)));
    if (name === "count" && argExprs.length === 0) argExprs = [lit(1)];
    if (argExprs.length < fn.minArgs || argExprs.length > fn.maxArgs) {
      throw new AnalysisError(`${name}() takes ${arityText(fn)}, got ${argExprs.length}.`);
    }
    let e = fn.build(argExprs, distinct);
    const filter = node(node(n, "filter") ?? {}, "where");
    if (filter) e = this.filtered(e, name, filter);
    const ignoreNulls = String(n["consider_nulls"] ?? "").toUpperCase().includes("IGNORE");
    if (ignoreNulls) {
      if (e.kind !== "winFn" || (e.fn !== "first_value" && e.fn !== "last_value")) throw unsupported(`IGNORE NULLS with ${name}() (only first_value and last_value take it)`);
      e = { ...e, ignoreNulls: true };
    }
    const over = node(n, "over");
    return over ? this.over(e, over) : e;
  }

  /** `agg(x) FILTER (WHERE c)`: the aggregate over `CASE WHEN c THEN x END` (count(*): of 1), as Spark. */
  private filtered(e: Expr, name: string, where: AstNode): Expr {
    if (e.kind !== "agg") throw new AnalysisError(`FILTER (WHERE …) applies to aggregate functions, not to ${name}().`);
    const when = this.expr(where);
    const only = (x: Expr): Expr => ({ kind: "case", branches: [{ when, then: x }], otherwise: null });
    return { ...e, input: only(e.input ?? lit(1)), ...(e.input2 ? { input2: only(e.input2) } : {}) };
  }

  private over(fn: Expr, over: AstNode): Expr {
    const spec = node(node(over, "as_window_specification") ?? {}, "window_specification");
    if (!spec) throw unsupported("a named window (OVER w); write the window inline");
    const partitionBy = nodes(spec, "partitionby").map((p) => this.expr(node(p, "expr") ?? p));
    const orderBy = nodes(spec, "orderby").map((o) => this.sortOrder(o));
    const f = node(spec, "window_frame_clause");
    let frame: WindowFrame | null = null;
    if (f) {
      const type = this.ctx.parsed.rangeFrames.has(f) ? "range" : "rows";
      if (f["type"] === "binary_expr") {
        const [lo, hi] = nodes(node(f, "right") ?? {}, "value");
        frame = { type, start: frameBound(lo), end: frameBound(hi) };
      } else {
        // `ROWS 2 PRECEDING` / `ROWS UNBOUNDED PRECEDING`: from there to the current row.
        frame = { type, start: frameBound(f), end: 0 };
      }
    }
    return { kind: "over", fn, partitionBy, orderBy, frame };
  }

  /** An ORDER BY item: ASC by default; nulls first for ASC and last for DESC, as Spark. */
  sortOrder(o: AstNode, input?: Expr): Expr {
    const e = input ?? this.expr(node(o, "expr") ?? {});
    const ascending = String(o["type"] ?? "ASC").toUpperCase() !== "DESC";
    const nulls = String(o["nulls"] ?? "").toUpperCase();
    const nullsFirst = nulls ? nulls.includes("FIRST") : ascending;
    return { kind: "sortOrder", input: e, ascending, nullsFirst };
  }
}
