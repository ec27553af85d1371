/** groupBy(...).pivot(...): PySpark's pivoted GroupedData, and the eager job that finds pivot values. */
import { buildPivot } from "../../planner/analyzer/build-pivot.js";
import { AnalysisError } from "../../planner/errors.js";
import type { AggFn, Expr, LitValue } from "../../planner/expr.js";
import { Column } from "../column.js";
import type { DataFrame } from "../dataframe.js";
import { aggList } from "../grouped-data.js";
import { col } from "../functions.js";

/** Spark's spark.sql.pivotMaxValues. */
export const PIVOT_MAX_VALUES = 10000;

/** The pivot column's distinct values, sorted ascending (null first): one job, as Spark's pivot without values. */
export async function pivotValues(df: DataFrame, pivot: Column): Promise<LitValue[]> {
  const rows = await df.select(pivot.alias("__pivot")).distinct().orderBy("__pivot").limit(PIVOT_MAX_VALUES + 1).collect();
  if (rows.length > PIVOT_MAX_VALUES) {
    throw new AnalysisError(`pivot: the column has more than ${PIVOT_MAX_VALUES} distinct values; pass the values to pivot explicitly.`);
  }
  return rows.map((r) => {
    const v = r.__pivot;
    if (v instanceof Date) throw new AnalysisError("pivot: date and timestamp pivot columns need explicit values.");
    return v as LitValue;
  });
}

export class PivotedData {
  /** @internal */
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly Expr[],
    private readonly pivot: Expr,
    /** The pivot values, in column order. */
    readonly values: readonly LitValue[],
  ) {}

  /**
   * One column per pivot value (per value and aggregate with several aggregates).
   * @example df.groupBy("k").pivot("p", ["a", "b"]).agg(sum("v"), count("*"))
   */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    return this.df.withPlan(buildPivot(this.df.plan, this.keys, this.pivot, this.values, aggList(exprs)));
  }

  private one(fn: AggFn, c: string | null, name?: string): DataFrame {
    const e: Expr = { kind: "agg", fn, input: c === null ? null : col(c).expr, distinct: false };
    return this.agg(new Column(name ? { kind: "alias", input: e, name } : e));
  }

  /** Rows per group and value. @example (await df.groupBy("k").pivot("p")).count() */
  count(): DataFrame {
    return this.one("count", null, "count");
  }
  /** @example df.groupBy("k").pivot("p", [1, 2]).sum("v") */
  sum(c: string): DataFrame {
    return this.one("sum", c);
  }
  /** @example df.groupBy("k").pivot("p", [1, 2]).avg("v") */
  avg(c: string): DataFrame {
    return this.one("avg", c);
  }
  /** @example df.groupBy("k").pivot("p", [1, 2]).min("v") */
  min(c: string): DataFrame {
    return this.one("min", c);
  }
  /** @example df.groupBy("k").pivot("p", [1, 2]).max("v") */
  max(c: string): DataFrame {
    return this.one("max", c);
  }
}
