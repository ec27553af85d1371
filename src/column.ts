/**
 * Column: a lazy expression, as in PySpark. Operators are methods (JavaScript has no operator
 * overloading): `col("a").plus(1)`, `col("age").gt(25).and(col("dept").eq("x"))`.
 */
import { type BinaryOp, type Expr, type LitValue, exprToString, lit as litExpr } from "../planner/expr.js";
import { AnalysisError } from "../planner/errors.js";
import type { DataType } from "../planner/types.js";
import { DATA_TYPES } from "../planner/types.js";
import { parseType } from "../planner/nested-types.js";
import { Window, type WindowSpec } from "./window.js";

/** Anything accepted where a value is expected: a Column or a JavaScript literal. */
export type ColumnOrValue = Column | LitValue | Date;

/** The type names `cast` accepts: Cinder's and Spark's common spellings. */
const TYPE_ALIASES: Readonly<Record<string, DataType>> = {
  int: "int32",
  integer: "int32",
  long: "int64",
  bigint: "int64",
  double: "float64",
  float: "float64",
  string: "utf8",
  str: "utf8",
  bool: "boolean",
};

export function parseTypeName(name: string): DataType {
  const t = name.toLowerCase();
  if ((DATA_TYPES as readonly string[]).includes(t) && t !== "null") return t as DataType;
  const alias = TYPE_ALIASES[t];
  if (alias) return alias;
  if (t.includes("<")) return parseType(name);
  throw new AnalysisError(`Unknown type "${name}"; use one of int32, int64, float64, boolean, utf8, date, timestamp (or int, long, double, string, bool), array<T> or struct<name:T,…>.`);
}

/** Turns a JavaScript value into a literal expression (Dates become timestamps). */
export function toExpr(v: ColumnOrValue): Expr {
  if (v instanceof Column) return v.expr;
  if (v instanceof Date) return { kind: "lit", value: BigInt(v.getTime()) * 1000n, type: "timestamp" };
  return litExpr(v);
}

export class Column {
  /** @internal */
  constructor(readonly expr: Expr) {}

  private bin(op: BinaryOp, other: ColumnOrValue): Column {
    return new Column({ kind: "binary", op, left: this.expr, right: toExpr(other) });
  }

  /** @example col("price").plus(1) */
  plus(o: ColumnOrValue): Column {
    return this.bin("+", o);
  }
  /** @example col("a").minus(col("b")) */
  minus(o: ColumnOrValue): Column {
    return this.bin("-", o);
  }
  /** @example col("qty").multiply(col("price")) */
  multiply(o: ColumnOrValue): Column {
    return this.bin("*", o);
  }
  /** True division (always float64, as Spark's `/`); division by zero gives null. @example col("a").divide(2) */
  divide(o: ColumnOrValue): Column {
    return this.bin("/", o);
  }
  /** @example col("n").mod(2) */
  mod(o: ColumnOrValue): Column {
    return this.bin("%", o);
  }
  /** @example col("dept").eq("sales") */
  eq(o: ColumnOrValue): Column {
    return this.bin("=", o);
  }
  /** @example col("dept").neq("sales") */
  neq(o: ColumnOrValue): Column {
    return this.bin("!=", o);
  }
  /** Null-safe equality (`<=>`): null equals null. @example col("a").eqNullSafe(col("b")) */
  eqNullSafe(o: ColumnOrValue): Column {
    return this.bin("<=>", o);
  }
  /** @example col("age").lt(30) */
  lt(o: ColumnOrValue): Column {
    return this.bin("<", o);
  }
  /** @example col("age").leq(30) */
  leq(o: ColumnOrValue): Column {
    return this.bin("<=", o);
  }
  /** @example col("age").gt(25) */
  gt(o: ColumnOrValue): Column {
    return this.bin(">", o);
  }
  /** @example col("age").geq(25) */
  geq(o: ColumnOrValue): Column {
    return this.bin(">=", o);
  }
  /** @example col("a").gt(1).and(col("b").lt(2)) */
  and(o: ColumnOrValue): Column {
    return this.bin("and", o);
  }
  /** @example col("a").isNull().or(col("b").isNull()) */
  or(o: ColumnOrValue): Column {
    return this.bin("or", o);
  }
  /** PySpark's `~`. @example col("active").not() */
  not(): Column {
    return new Column({ kind: "not", input: this.expr });
  }
  /** @example col("x").negate() */
  negate(): Column {
    return new Column({ kind: "neg", input: this.expr });
  }
  /** @example col("email").isNull() */
  isNull(): Column {
    return new Column({ kind: "isNull", input: this.expr, negated: false });
  }
  /** @example col("email").isNotNull() */
  isNotNull(): Column {
    return new Column({ kind: "isNull", input: this.expr, negated: true });
  }
  /** @example col("dept").isin("a", "b") */
  isin(...values: (ColumnOrValue | readonly ColumnOrValue[])[]): Column {
    const flat = values.flatMap((v) => (Array.isArray(v) ? (v as ColumnOrValue[]) : [v as ColumnOrValue]));
    return new Column({ kind: "in", input: this.expr, list: flat.map(toExpr), negated: false });
  }
  /** Inclusive on both ends, as Spark. @example col("age").between(18, 65) */
  between(lo: ColumnOrValue, hi: ColumnOrValue): Column {
    return this.geq(lo).and(this.leq(hi));
  }
  /** SQL LIKE with % and _. @example col("name").like("A%") */
  like(pattern: string): Column {
    return new Column({ kind: "call", fn: "like", args: [this.expr, litExpr(pattern)] });
  }
  /** @example col("age").cast("int64") */
  cast(type: DataType | string): Column {
    return new Column({ kind: "cast", input: this.expr, to: parseTypeName(type) });
  }
  /** Alias of cast, as PySpark. @example col("age").astype("double") */
  astype(type: DataType | string): Column {
    return this.cast(type);
  }
  /**
   * This window function or aggregate, computed over a window.
   * @example rowNumber().over(Window.partitionBy("dept").orderBy(desc("salary")))
   * @example sum("amount").over(Window.partitionBy("user").orderBy("day").rowsBetween(-6, 0))
   */
  over(window: WindowSpec = Window.spec()): Column {
    return new Column(window.toOver(this.expr));
  }

  /** The element at 0-based `index` of an array (null out of range), Spark's `xs[i]`. @example col("xs").getItem(0) */
  getItem(index: ColumnOrValue): Column {
    return new Column({ kind: "call", fn: "get_item", args: [this.expr, toExpr(index)] });
  }
  /** A struct's field by name, Spark's `s.name` (named after the field). @example col("s").getField("a") */
  getField(name: string): Column {
    return new Column({ kind: "call", fn: "get_field", args: [this.expr, litExpr(name)] });
  }

  /** @example col("a").plus(1).alias("b") */
  alias(name: string): Column {
    return new Column({ kind: "alias", input: this.expr, name });
  }
  /** Same as alias. @example col("a").as("b") */
  as(name: string): Column {
    return this.alias(name);
  }
  /** @example df.orderBy(col("age").asc()) */
  asc(): Column {
    return this.order(true, true);
  }
  /** @example df.orderBy(col("age").desc()) */
  desc(): Column {
    return this.order(false, false);
  }
  /** @example col("age").ascNullsLast() */
  ascNullsLast(): Column {
    return this.order(true, false);
  }
  /** @example col("age").ascNullsFirst() */
  ascNullsFirst(): Column {
    return this.order(true, true);
  }
  /** @example col("age").descNullsFirst() */
  descNullsFirst(): Column {
    return this.order(false, true);
  }
  /** @example col("age").descNullsLast() */
  descNullsLast(): Column {
    return this.order(false, false);
  }
  private order(ascending: boolean, nullsFirst: boolean): Column {
    const input = this.expr.kind === "sortOrder" ? this.expr.input : this.expr;
    return new Column({ kind: "sortOrder", input, ascending, nullsFirst });
  }

  /** Adds a branch to a `when(...)` chain. @example when(col("a").gt(1), "big").when(col("a").gt(0), "small") */
  when(condition: Column, value: ColumnOrValue): Column {
    const e = this.expr;
    if (e.kind !== "case" || e.otherwise !== null) throw new AnalysisError("when() can only follow when(...), before otherwise().");
    return new Column({ ...e, branches: [...e.branches, { when: condition.expr, then: toExpr(value) }] });
  }
  /** Ends a `when(...)` chain. @example when(col("a").gt(1), "big").otherwise("small") */
  otherwise(value: ColumnOrValue): Column {
    const e = this.expr;
    if (e.kind !== "case" || e.otherwise !== null) throw new AnalysisError("otherwise() can only follow when(...), once.");
    return new Column({ ...e, otherwise: toExpr(value) });
  }

  toString(): string {
    return `Column<'${exprToString(this.expr)}'>`;
  }
}
