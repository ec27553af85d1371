/**
 * The precedence-climbing parser behind parseExpression and parseSelectItem, over the tokens of
 * tokenize.ts. Every error is a SqlParseError naming the line and column.
 *
 * Precedence, loosest first (as Spark's grammar):
 *   OR < AND < NOT < comparison, IS [NOT] NULL, [NOT] IN / BETWEEN / LIKE < + - || < * / %
 *   < unary - + < postfix `::type`
 * Desugaring: `x BETWEEN a AND b` → `x >= a AND x <= b`; `x LIKE p` → like(x, p);
 * `CASE x WHEN v …` → `CASE WHEN x = v …`; `a || b` → concat(a, b); `==` → `=`; `<>` → `!=`.
 */
import { binary, col, lit, type ArithOp, type CaseBranch, type CmpOp, type Expr, type WindowFrame } from "../expr.js";
import type { DataType } from "../types.js";
import { arrayOf, structOf } from "../nested-types.js";
import { arityText, type SqlFunction, SQL_FUNCTIONS, SQL_TYPES } from "./catalog.js";
import { EXTRACT_FIELDS } from "./library-functions.js";
import { dateLiteralDays, numberLiteral, timestampLiteralMicros } from "./literals.js";
import { syntaxError, unknownNameError } from "./sql-parse-error.js";
import { TokenCursor } from "./token-cursor.js";
import type { Token } from "./tokenize.js";

const BP = { or: 1, and: 2, not: 3, cmp: 4, add: 5, mul: 6, unary: 7, postfix: 8 } as const;

const CMP_OPS: ReadonlyMap<string, CmpOp> = new Map<string, CmpOp>([
  ["=", "="], ["==", "="], ["!=", "!="], ["<>", "!="], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="], ["<=>", "<=>"],
]);

const ARITH_OPS: ReadonlyMap<string, { op: ArithOp; bp: number }> = new Map([
  ["+", { op: "+", bp: BP.add }], ["-", { op: "-", bp: BP.add }],
  ["*", { op: "*", bp: BP.mul }], ["/", { op: "/", bp: BP.mul }], ["%", { op: "%", bp: BP.mul }],
] as const);

/** Words that can be neither a column nor a bare alias (backquote them to use them as names). */
const RESERVED = new Set([
  "AND", "OR", "NOT", "IS", "IN", "BETWEEN", "LIKE", "AS", "CASE", "WHEN", "THEN", "ELSE", "END",
  "DISTINCT", "NULL", "TRUE", "FALSE", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT",
]);

const not = (input: Expr): Expr => ({ kind: "not", input });

/** The grammar; parse-expression.ts holds the entry points. */
export class ExpressionParser extends TokenCursor {
  /** `udfs`: the session's registered user-defined functions (lower-case names), after the built-ins. */
  constructor(
    text: string,
    private readonly udfs: ReadonlyMap<string, SqlFunction> = new Map(),
  ) {
    super(text);
  }

  /** An expression whose operators all bind at least as tightly as `minBp`. */
  expression(minBp: number = BP.or): Expr {
    let left = this.prefix(minBp);
    for (let next = this.infix(left, minBp); next !== undefined; next = this.infix(left, minBp)) left = next;
    return left;
  }

  private prefix(minBp: number): Expr {
    const t = this.peek();
    if (t.keyword === "NOT" || this.isOp(t, "!")) {
      // As in Spark, NOT is not an operand of comparisons or arithmetic: `a = NOT b` is an error.
      if (minBp > BP.not) this.fail(t, "an expression");
      this.pos++;
      return not(this.expression(BP.not));
    }
    if (this.isOp(t, "-") || this.isOp(t, "+")) {
      this.pos++;
      const n = this.peek();
      // `-5` is one literal, so that -2147483648 is an int32 and -9223372036854775808L parses.
      if (t.text === "-" && n.kind === "number") return this.number(this.next(), true);
      const input = this.expression(BP.unary);
      return t.text === "-" ? { kind: "neg", input } : input;
    }
    return this.primary();
  }

  /** Extends `left` with one infix or postfix operator binding at least `minBp`, if one follows. */
  private infix(left: Expr, minBp: number): Expr | undefined {
    const t = this.peek();
    const cmp = t.kind === "op" ? CMP_OPS.get(t.text) : undefined;
    const arith = t.kind === "op" ? ARITH_OPS.get(t.text) : undefined;
    if (cmp !== undefined && minBp <= BP.cmp) {
      this.pos++;
      return binary(cmp, left, this.expression(BP.cmp + 1));
    }
    if (arith !== undefined && minBp <= arith.bp) {
      this.pos++;
      return binary(arith.op, left, this.expression(arith.bp + 1));
    }
    if (this.isOp(t, "||") && minBp <= BP.add) {
      this.pos++;
      return { kind: "call", fn: "concat", args: [left, this.expression(BP.add + 1)] };
    }
    if (this.isOp(t, "::") && minBp <= BP.postfix) {
      this.pos++;
      return { kind: "cast", input: left, to: this.dataType() };
    }
    // xs[i] (0-based, as Spark's subscript) and expr.field on a struct-valued expression.
    if (this.isOp(t, "[") && minBp <= BP.postfix) {
      this.pos++;
      const index = this.expression();
      this.expectOp("]", `"]"`);
      return { kind: "call", fn: "get_item", args: [left, index] };
    }
    if (this.isOp(t, ".") && minBp <= BP.postfix) {
      this.pos++;
      const f = this.next();
      if (f.kind !== "ident" && f.kind !== "quoted") this.fail(f, "a field name");
      return { kind: "call", fn: "get_field", args: [left, { kind: "lit", value: f.value, type: "utf8" }] };
    }
    if (t.keyword === "OR" && minBp <= BP.or) {
      this.pos++;
      return binary("or", left, this.expression(BP.or + 1));
    }
    if (t.keyword === "AND" && minBp <= BP.and) {
      this.pos++;
      return binary("and", left, this.expression(BP.and + 1));
    }
    const predicate = ["IS", "IN", "BETWEEN", "LIKE", "NOT"].includes(t.keyword);
    return predicate && minBp <= BP.cmp ? this.predicate(left) : undefined;
  }

  /** `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM x`, `[NOT] IN (…)`, `[NOT] BETWEEN a AND b`, `[NOT] LIKE p`. */
  private predicate(left: Expr): Expr {
    if (this.acceptKeyword("IS")) {
      const negated = this.acceptKeyword("NOT");
      if (this.acceptKeyword("NULL")) return { kind: "isNull", input: left, negated };
      if (!this.acceptKeyword("DISTINCT")) this.fail(this.peek(), negated ? "NULL or DISTINCT" : "NULL, NOT or DISTINCT");
      this.expectKeyword("FROM");
      const same = binary("<=>", left, this.expression(BP.add));
      return negated ? same : not(same);
    }
    const negated = this.acceptKeyword("NOT");
    const op = this.next();
    let out: Expr;
    if (op.keyword === "IN") out = { kind: "in", input: left, list: this.inList(), negated };
    else if (op.keyword === "BETWEEN") {
      const low = this.expression(BP.add);
      this.expectKeyword("AND");
      const high = this.expression(BP.add);
      out = binary("and", binary(">=", left, low), binary("<=", left, high));
    } else if (op.keyword === "LIKE") out = { kind: "call", fn: "like", args: [left, this.expression(BP.add)] };
    else return this.fail(op, "IN, BETWEEN or LIKE after NOT");
    return negated && op.keyword !== "IN" ? not(out) : out;
  }

  private inList(): Expr[] {
    this.expectOp("(");
    const list = [this.expression()];
    while (this.acceptOp(",")) list.push(this.expression());
    this.expectOp(")", `"," or ")"`);
    return list;
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return this.number(t, false);
      case "string":
        return lit(t.value);
      case "quoted":
        return this.column(t);
      case "ident":
        return this.identifier(t);
      case "op":
        if (t.text === "(") {
          const e = this.expression();
          this.expectOp(")", `")"`);
          return e;
        }
        break;
      case "eof":
        break;
    }
    return this.fail(t, "an expression");
  }

  private number(t: Token, negative: boolean): Expr {
    const e = numberLiteral(t.text, negative);
    if (e === undefined) {
      const range = /[lL]$/.test(t.text) ? "a BIGINT in [-9223372036854775808, 9223372036854775807]" : "a finite DOUBLE";
      throw syntaxError(this.text, t.start, range, `"${negative ? "-" : ""}${t.text}"`);
    }
    return e;
  }

  private identifier(t: Token): Expr {
    const n = this.peek();
    switch (t.keyword) {
      case "NULL":
        return lit(null);
      case "TRUE":
        return lit(true);
      case "FALSE":
        return lit(false);
      case "CASE":
        return this.caseWhen();
      case "DATE":
      case "TIMESTAMP":
        if (n.kind === "string") return this.typedLiteral(t.keyword, this.next());
        break;
      case "CAST":
        if (this.isOp(n, "(")) return this.cast();
        break;
    }
    if (t.keyword === "EXTRACT" && this.isOp(n, "(")) return this.extract();
    // current_date and current_timestamp may be written without parentheses, as in Spark.
    if ((t.keyword === "CURRENT_DATE" || t.keyword === "CURRENT_TIMESTAMP") && !this.isOp(n, "(") && !this.isOp(n, ".")) {
      return { kind: "call", fn: t.keyword === "CURRENT_DATE" ? "current_date" : "current_timestamp", args: [] };
    }
    // like(a, p) is a function although LIKE is reserved.
    if (this.isOp(n, "(") && SQL_FUNCTIONS.has(t.text.toLowerCase())) return this.call(t);
    if (RESERVED.has(t.keyword)) this.fail(t, "an expression");
    return this.isOp(n, "(") ? this.call(t) : this.column(t);
  }

  /** `name` or `qualifier.name` (either part may be backquoted). */
  private column(first: Token): Expr {
    if (!this.acceptOp(".")) return col(first.value);
    const name = this.next();
    if (name.kind !== "ident" && name.kind !== "quoted") this.fail(name, "a column name");
    // a.b.c: the analyzer reads it as table a, column b, field c, or column a, fields b and c.
    const parts = [name.value];
    while (this.isOp(this.peek(), ".") && ["ident", "quoted"].includes(this.peek(1).kind)) {
      this.pos++;
      parts.push(this.next().value);
    }
    return col(parts.join("."), first.value);
  }

  private typedLiteral(kind: "DATE" | "TIMESTAMP", s: Token): Expr {
    if (kind === "DATE") {
      const days = dateLiteralDays(s.value);
      if (days === undefined) this.fail(s, "a valid date 'yyyy-mm-dd'");
      return { kind: "lit", value: days, type: "date" };
    }
    const micros = timestampLiteralMicros(s.value);
    if (micros === undefined) this.fail(s, "a valid timestamp 'yyyy-mm-dd hh:mm:ss[.ffffff]'");
    return { kind: "lit", value: micros, type: "timestamp" };
  }

  /** After CASE: `[subject] WHEN c THEN v … [ELSE v] END`. */
  private caseWhen(): Expr {
    const first = this.peek().keyword;
    if (first === "END" || first === "ELSE" || first === "THEN") this.fail(this.peek(), "WHEN");
    const subject = first === "WHEN" ? null : this.expression();
    const branches: CaseBranch[] = [];
    while (this.acceptKeyword("WHEN")) {
      const when = this.expression();
      this.expectKeyword("THEN");
      branches.push({ when: subject ? binary("=", subject, when) : when, then: this.expression() });
    }
    if (branches.length === 0) this.fail(this.peek(), "WHEN");
    const otherwise = this.acceptKeyword("ELSE") ? this.expression() : null;
    this.expectKeyword("END", branches.length > 0 && otherwise === null ? "WHEN, ELSE or END" : "END");
    return { kind: "case", branches, otherwise };
  }

  /** After CAST: `(x AS type)`. */
  private cast(): Expr {
    this.expectOp("(");
    const input = this.expression();
    this.expectKeyword("AS");
    const to = this.dataType();
    this.expectOp(")", `")"`);
    return { kind: "cast", input, to };
  }

  /** A type name, with `(n[, m])` where the type takes parameters. */
  private dataType(): DataType {
    const t = this.next();
    if (t.kind !== "ident") this.fail(t, "a type name");
    const lower = t.text.toLowerCase();
    if ((lower === "array" || lower === "struct") && this.isOp(this.peek(), "<")) {
      this.pos++;
      if (lower === "array") {
        const e = this.dataType();
        this.expectOp(">", `">"`);
        return arrayOf(e);
      }
      const fields: { name: string; type: DataType }[] = [];
      if (!this.acceptOp(">")) {
        do {
          const f = this.next();
          if (f.kind !== "ident" && f.kind !== "quoted") this.fail(f, "a field name");
          // \`name: type\` (Spark's DDL) or \`name type\`.
          this.acceptOp(":");
          fields.push({ name: f.value, type: this.dataType() });
        } while (this.acceptOp(","));
        this.expectOp(">", `">"`);
      }
      return structOf(fields);
    }
    const def = SQL_TYPES.get(t.text.toLowerCase());
    if (def === undefined) throw unknownNameError("type", t.text, this.text, t.start, [...SQL_TYPES.keys()]);
    if (def.maxParams > 0 && this.acceptOp("(")) {
      for (let i = 0; i < def.maxParams; i++) {
        const p = this.next();
        if (p.kind !== "number" || !/^\d+$/.test(p.text)) this.fail(p, "an integer type parameter");
        if (!this.acceptOp(",")) break;
      }
      this.expectOp(")", `")"`);
    }
    return def.type;
  }

  /** After EXTRACT: `(field FROM x)`, the function of that field (year, month, hour, …). */
  private extract(): Expr {
    this.expectOp("(");
    const field = this.next();
    const fn = EXTRACT_FIELDS.get(field.text.toLowerCase());
    if (field.kind !== "ident" || fn === undefined) throw unknownNameError("EXTRACT field", field.text, this.text, field.start, [...EXTRACT_FIELDS.keys()]);
    this.expectKeyword("FROM");
    const input = this.expression();
    this.expectOp(")", `")"`);
    return { kind: "call", fn, args: [input] };
  }

  /** `name(…)`: an aggregate, a scalar function, or Spark shorthand for another node. */
  private call(name: Token): Expr {
    const fnName = name.text.toLowerCase();
    const fn = SQL_FUNCTIONS.get(fnName) ?? this.udfs.get(fnName);
    if (fn === undefined) throw unknownNameError("function", name.text, this.text, name.start, [...SQL_FUNCTIONS.keys(), ...this.udfs.keys()]);
    this.expectOp("(");
    if (fnName === "count" && this.isOp(this.peek(), "*") && this.isOp(this.peek(1), ")")) {
      this.pos += 2;
      return { kind: "agg", fn: "count", input: null, distinct: false };
    }
    const distinctToken = this.peek();
    const distinct = this.acceptKeyword("DISTINCT");
    if (distinct && !fn.aggregate) this.fail(distinctToken, `an argument (DISTINCT is only allowed in aggregates, not ${fnName})`);
    const args: Expr[] = [];
    if (distinct || !this.isOp(this.peek(), ")")) {
      do args.push(this.expression());
      while (this.acceptOp(","));
    }
    this.expectOp(")", args.length === 0 ? `an argument or ")"` : `"," or ")"`);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const found = `${args.length} argument${args.length === 1 ? "" : "s"}`;
      throw syntaxError(this.text, name.start, `${arityText(fn)} for ${fnName}`, found);
    }
    const built = fn.build(args, distinct);
    if (this.peek().keyword === "OVER") return this.over(built);
    if (built.kind === "winFn") this.fail(this.peek(), `OVER (…) after ${fnName}(…): it is a window function`);
    return built;
  }

  /** `OVER ( [PARTITION BY e, …] [ORDER BY e [ASC|DESC] [NULLS FIRST|LAST], …] [frame] )`. */
  private over(fn: Expr): Expr {
    const at = this.next();
    if (fn.kind !== "agg" && fn.kind !== "winFn") this.fail(at, "no OVER: only aggregates and window functions take a window");
    this.expectOp("(");
    const partitionBy: Expr[] = [];
    const orderBy: Expr[] = [];
    if (this.acceptKeyword("PARTITION")) {
      this.expectKeyword("BY");
      do partitionBy.push(this.expression());
      while (this.acceptOp(","));
    }
    if (this.acceptKeyword("ORDER")) {
      this.expectKeyword("BY");
      do orderBy.push(this.sortItem());
      while (this.acceptOp(","));
    }
    const frame = this.frame();
    this.expectOp(")", frame ? `")"` : `PARTITION BY, ORDER BY, ROWS, RANGE or ")"`);
    return { kind: "over", fn, partitionBy, orderBy, frame };
  }

  /** `e [ASC|DESC] [NULLS FIRST|LAST]`; nulls first when ascending, last when descending (Spark). */
  private sortItem(): Expr {
    const input = this.expression();
    const ascending = !this.acceptKeyword("DESC");
    if (ascending) this.acceptKeyword("ASC");
    let nullsFirst = ascending;
    if (this.acceptKeyword("NULLS")) {
      if (this.acceptKeyword("FIRST")) nullsFirst = true;
      else if (this.acceptKeyword("LAST")) nullsFirst = false;
      else this.fail(this.peek(), "FIRST or LAST");
    }
    return { kind: "sortOrder", input, ascending, nullsFirst };
  }

  /** `ROWS|RANGE BETWEEN b AND b`, or `ROWS|RANGE b` (to CURRENT ROW). */
  private frame(): WindowFrame | null {
    const t = this.peek();
    if (t.keyword !== "ROWS" && t.keyword !== "RANGE") return null;
    this.pos++;
    const type = t.keyword === "ROWS" ? "rows" : "range";
    if (!this.acceptKeyword("BETWEEN")) return { type, start: this.frameBound(true), end: 0 };
    const start = this.frameBound(true);
    this.expectKeyword("AND");
    return { type, start, end: this.frameBound(false) };
  }

  /** `UNBOUNDED PRECEDING|FOLLOWING`, `CURRENT ROW`, `n PRECEDING|FOLLOWING`; null = unbounded. */
  private frameBound(isStart: boolean): number | null {
    if (this.acceptKeyword("UNBOUNDED")) {
      const t = this.next();
      if (t.keyword !== (isStart ? "PRECEDING" : "FOLLOWING")) this.fail(t, isStart ? "PRECEDING" : "FOLLOWING");
      return null;
    }
    if (this.acceptKeyword("CURRENT")) {
      this.expectKeyword("ROW");
      return 0;
    }
    const n = this.next();
    if (n.kind !== "number" || !/^\d+$/.test(n.text)) this.fail(n, "UNBOUNDED, CURRENT ROW or a whole number");
    const d = this.next();
    if (d.keyword === "PRECEDING") return -Number(n.text);
    if (d.keyword === "FOLLOWING") return Number(n.text);
    return this.fail(d, "PRECEDING or FOLLOWING");
  }

  /** After an item's expression: `[AS] alias`, where a bare alias must not be a reserved word. */
  alias(input: Expr): Expr {
    const explicit = this.acceptKeyword("AS");
    const t = this.peek();
    const usable = t.kind === "quoted" || (t.kind === "ident" && (explicit || !RESERVED.has(t.keyword)));
    if (!usable) return explicit ? this.fail(t, "an alias name") : input;
    this.pos++;
    return { kind: "alias", input, name: t.value };
  }

  /** True at an `AS`, to explain why parseExpression rejects it. */
  atAlias(): boolean {
    return this.peek().keyword === "AS";
  }

  /** `*` or `qualifier.*` spanning the whole input, or undefined when the input is not a star. */
  star(): Expr | undefined {
    const [a, b, c] = [this.peek(), this.peek(1), this.peek(2)];
    if (this.isOp(a, "*")) {
      this.pos++;
      return col("*");
    }
    if ((a.kind === "ident" || a.kind === "quoted") && this.isOp(b, ".") && this.isOp(c, "*")) {
      this.pos += 3;
      return col("*", a.value);
    }
    return undefined;
  }
}
