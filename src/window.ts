/**
 * Window specifications, as PySpark's `Window` and `WindowSpec`: PARTITION BY, ORDER BY and a
 * frame. Immutable: every method returns a new spec.
 * @example
 * import { Window, rowNumber, desc, sum } from "cinder";
 * const w = Window.partitionBy("dept").orderBy(desc("salary"));
 * df.withColumn("rank", rowNumber().over(w));
 * df.withColumn("running", sum("amount").over(Window.partitionBy("user").orderBy("day")));
 */
import type { Expr, WindowFrame } from "../planner/expr.js";
import { AnalysisError } from "../planner/errors.js";
import type { Column } from "./column.js";

type ColumnLike = Column | string;

const toKey = (c: ColumnLike): Expr => (typeof c === "string" ? { kind: "col", name: c } : c.expr);

/** A frame boundary: a whole number, 0 (current row) or ±Infinity (unbounded). */
function bound(x: number, what: string): number | null {
  if (x === Number.NEGATIVE_INFINITY || x === Number.POSITIVE_INFINITY) return null;
  // PySpark passes ±sys.maxsize for unbounded; treat anything that large the same way.
  if (Math.abs(x) >= Number.MAX_SAFE_INTEGER) return null;
  if (!Number.isInteger(x)) throw new AnalysisError(`Window frame ${what} must be a whole number, Window.currentRow or Window.unbounded…; got ${x}.`);
  return x;
}

export class WindowSpec {
  /** @internal */
  constructor(
    private readonly partition: readonly Expr[],
    private readonly order: readonly Expr[],
    private readonly frame: WindowFrame | null,
  ) {}

  /** @example Window.orderBy("day").partitionBy("user") */
  partitionBy(...cols: ColumnLike[]): WindowSpec {
    return new WindowSpec(cols.map(toKey), this.order, this.frame);
  }

  /** Ascending by default; `desc("x")` or `col("x").desc()` for descending. @example Window.partitionBy("u").orderBy(desc("ts")) */
  orderBy(...cols: ColumnLike[]): WindowSpec {
    return new WindowSpec(this.partition, cols.map(toKey), this.frame);
  }

  /**
   * A frame of rows relative to the current one (negative: before, 0: current row).
   * @example Window.partitionBy("u").orderBy("day").rowsBetween(-6, Window.currentRow) // 7-row moving window
   */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partition, this.order, { type: "rows", start: bound(start, "start"), end: bound(end, "end") });
  }

  /**
   * A frame of ORDER BY values relative to the current row's (one numeric or date key for
   * offsets other than 0 and unbounded).
   * @example Window.orderBy("price").rangeBetween(-10, 10) // rows priced within 10 of this one
   */
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partition, this.order, { type: "range", start: bound(start, "start"), end: bound(end, "end") });
  }

  /** @internal */
  toOver(fn: Expr): Expr {
    return { kind: "over", fn, partitionBy: this.partition, orderBy: this.order, frame: this.frame };
  }
}

/** Entry points for window specs (PySpark's `Window`). */
export const Window = {
  unboundedPreceding: Number.NEGATIVE_INFINITY,
  unboundedFollowing: Number.POSITIVE_INFINITY,
  currentRow: 0,
  /** @example Window.partitionBy("dept") */
  partitionBy: (...cols: ColumnLike[]): WindowSpec => new WindowSpec([], [], null).partitionBy(...cols),
  /** @example Window.orderBy("ts") */
  orderBy: (...cols: ColumnLike[]): WindowSpec => new WindowSpec([], [], null).orderBy(...cols),
  /** An empty spec: the whole DataFrame is one window partition. @internal */
  spec: (): WindowSpec => new WindowSpec([], [], null),
} as const;
