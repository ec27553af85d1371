/** GroupedData: the result of `groupBy`, waiting for its aggregates (PySpark's GroupedData). */
import { buildAggregate } from "../planner/analyzer/builders.js";
import { type GroupingKind, buildGroupingSets } from "../planner/analyzer/build-grouping-sets.js";
import { outputOf } from "../planner/analyzer/types-of.js";
import type { AggFn, Expr, LitValue } from "../planner/expr.js";
import { PivotedData, pivotValues } from "./verbs/pivot.js";
import { AnalysisError } from "../planner/errors.js";
import { isNumeric } from "../planner/types.js";
import { Column } from "./column.js";
import type { DataFrame } from "./dataframe.js";
import { col } from "./functions.js";

const AGG_NAMES: Readonly<Record<string, AggFn>> = {
  count: "count",
  sum: "sum",
  avg: "avg",
  mean: "avg",
  min: "min",
  max: "max",
  first: "first",
  last: "last",
  // PySpark's dict form uses SQL names; the camelCase names work too (lookup is case-insensitive).
  stddev: "stddevSamp",
  std: "stddevSamp",
  stddev_samp: "stddevSamp",
  stddevsamp: "stddevSamp",
  stddev_pop: "stddevPop",
  stddevpop: "stddevPop",
  variance: "varSamp",
  var_samp: "varSamp",
  varsamp: "varSamp",
  var_pop: "varPop",
  varpop: "varPop",
  median: "median",
  count_if: "countIf",
  countif: "countIf",
  any_value: "anyValue",
  anyvalue: "anyValue",
  collect_list: "collectList",
  collectlist: "collectList",
  collect_set: "collectSet",
  collectset: "collectSet",
};

/** Aggregate Columns and PySpark's `{ column: "fn" }` shorthand, as expressions. @internal */
export function aggList(exprs: readonly (Column | Readonly<Record<string, string>>)[]): Expr[] {
  const list: Expr[] = [];
  for (const e of exprs) {
    if (e instanceof Column) list.push(e.expr);
    else {
      for (const [c, fnName] of Object.entries(e)) {
        const fn = AGG_NAMES[fnName.toLowerCase()];
        if (!fn) throw new AnalysisError(`Unknown aggregate "${fnName}" for column "${c}"; use one of ${Object.keys(AGG_NAMES).join(", ")}.`);
        list.push({ kind: "agg", fn, input: c === "*" ? null : col(c).expr, distinct: false });
      }
    }
  }
  if (list.length === 0) throw new AnalysisError("agg() needs at least one aggregate expression.");
  return list;
}

export class GroupedData {
  /** @internal */
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly Expr[],
    /** Set by df.rollup / df.cube: aggregate over grouping sets. */
    private readonly sets?: GroupingKind,
  ) {}

  /**
   * Aggregates per group. Takes aggregate Columns, or PySpark's `{ column: "fn" }` shorthand.
   * @example df.groupBy("dept").agg(count("*").alias("n"), avg("salary"))
   * @example df.groupBy("dept").agg({ salary: "max" })
   */
  agg(...exprs: (Column | Readonly<Record<string, string>>)[]): DataFrame {
    const list = aggList(exprs);
    if (this.sets) return this.df.withPlan(buildGroupingSets(this.df.plan, this.sets, this.keys, list));
    return this.df.withPlan(buildAggregate(this.df.plan, this.keys, list));
  }

  /**
   * Pivots the values of `column` into columns. With `values`, the plan stays lazy; without, the
   * distinct values are computed first by a job (sorted, at most 10,000), as Spark does — so this
   * form returns a Promise.
   * @example df.groupBy("year").pivot("course", ["dotNET", "Java"]).agg(sum("earnings"))
   * @example (await df.groupBy("year").pivot("course")).sum("earnings")
   */
  pivot(column: string | Column, values: readonly LitValue[]): PivotedData;
  pivot(column: string | Column): Promise<PivotedData>;
  pivot(column: string | Column, values?: readonly LitValue[]): PivotedData | Promise<PivotedData> {
    if (this.sets) throw new AnalysisError(`pivot cannot follow ${this.sets}; use groupBy(...).pivot(...).`);
    const p = typeof column === "string" ? col(column) : column;
    if (values) return new PivotedData(this.df, this.keys, p.expr, values);
    return pivotValues(this.df, p).then((vs) => new PivotedData(this.df, this.keys, p.expr, vs));
  }

  /** Rows per group, in a column named "count". @example df.groupBy("dept").count() */
  count(): DataFrame {
    return this.agg(new Column({ kind: "alias", input: { kind: "agg", fn: "count", input: null, distinct: false }, name: "count" }));
  }

  private numeric(fn: AggFn, cols: readonly string[]): DataFrame {
    const keyNames = new Set(this.keys.flatMap((k) => (k.kind === "col" ? [k.name] : [])));
    const names = cols.length
      ? cols
      : outputOf(this.df.plan).filter((a) => isNumeric(a.type) && !keyNames.has(a.name)).map((a) => a.name);
    if (names.length === 0) throw new AnalysisError(`${fn}() found no numeric columns to aggregate.`);
    return this.agg(...names.map((n) => new Column({ kind: "agg", fn, input: col(n).expr, distinct: false })));
  }

  /** @example df.groupBy("dept").sum("salary") */
  sum(...cols: string[]): DataFrame {
    return this.numeric("sum", cols);
  }
  /** @example df.groupBy("dept").avg("salary") */
  avg(...cols: string[]): DataFrame {
    return this.numeric("avg", cols);
  }
  /** Same as avg. @example df.groupBy("dept").mean("salary") */
  mean(...cols: string[]): DataFrame {
    return this.numeric("avg", cols);
  }
  /** @example df.groupBy("dept").min("salary") */
  min(...cols: string[]): DataFrame {
    return this.numeric("min", cols);
  }
  /** @example df.groupBy("dept").max("salary") */
  max(...cols: string[]): DataFrame {
    return this.numeric("max", cols);
  }
}
