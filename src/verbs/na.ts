/** `df.na`: PySpark's DataFrameNaFunctions (fill, drop, replace) over the planner's builders. */
import { type DropNaOptions, type NaValue, type ReplaceValue, buildDropNa, buildFillNa, buildReplaceNa } from "../../planner/analyzer/build-na.js";
import { AnalysisError } from "../../planner/errors.js";
import type { DataFrame } from "../dataframe.js";

export type { DropNaOptions, NaValue, ReplaceValue };

/** What `replace` accepts as the values to replace: one value, a list, or a { from: to } map. */
export type ToReplace = NaValue | readonly NaValue[] | Readonly<Record<string, ReplaceValue>> | ReadonlyMap<NaValue, ReplaceValue>;

const asSubset = (s: string | readonly string[] | undefined): readonly string[] | undefined => (typeof s === "string" ? [s] : s);

/** The (from, to) pairs of PySpark's replace arguments. */
export function replacePairs(toReplace: ToReplace, value: ReplaceValue | readonly ReplaceValue[] | undefined): [NaValue, ReplaceValue][] {
  if (toReplace instanceof Map) return [...(toReplace as ReadonlyMap<NaValue, ReplaceValue>).entries()];
  if (Array.isArray(toReplace)) {
    const keys = toReplace as readonly NaValue[];
    if (Array.isArray(value)) {
      const vals = value as readonly ReplaceValue[];
      if (vals.length !== keys.length) throw new AnalysisError(`na.replace: ${keys.length} values to replace but ${vals.length} replacements; give one each, or a single replacement.`);
      return keys.map((k, i) => [k, vals[i] as ReplaceValue]);
    }
    if (value === undefined) throw new AnalysisError("na.replace: a replacement value is needed with a list of values to replace.");
    return keys.map((k) => [k, value as ReplaceValue]);
  }
  if (typeof toReplace === "object") return Object.entries(toReplace as Readonly<Record<string, ReplaceValue>>);
  if (value === undefined || Array.isArray(value)) throw new AnalysisError(`na.replace: replacing ${String(toReplace)} needs a single replacement value.`);
  return [[toReplace, value as ReplaceValue]];
}

export class DataFrameNaFunctions {
  /** @internal */
  constructor(private readonly df: DataFrame) {}

  /**
   * Fills nulls (and NaN in float columns): a number fills numeric columns, a string string
   * columns, a boolean boolean columns; a `{ column: value }` map fills each named column.
   * @example df.na.fill(0)
   * @example df.na.fill("n/a", ["name"])
   * @example df.na.fill({ age: 0, name: "?" })
   */
  fill(value: NaValue | Readonly<Record<string, NaValue>>, subset?: string | readonly string[]): DataFrame {
    return this.df.withPlan(buildFillNa(this.df.plan, value, asSubset(subset)));
  }

  /**
   * Drops rows with missing values (null, or NaN in float columns).
   * @example df.na.drop()
   * @example df.na.drop({ how: "all", subset: ["a", "b"] })
   * @example df.na.drop({ thresh: 2 })
   */
  drop(opts: DropNaOptions = {}): DataFrame {
    return this.df.withPlan(buildDropNa(this.df.plan, opts));
  }

  /**
   * Replaces values in columns of the same kind (numeric, string or boolean).
   * @example df.na.replace("N/A", null)
   * @example df.na.replace([1, 2], [10, 20], ["x"])
   * @example df.na.replace({ NY: "New York" }, undefined, ["city"])
   */
  replace(toReplace: ToReplace, value?: ReplaceValue | readonly ReplaceValue[], subset?: string | readonly string[]): DataFrame {
    return this.df.withPlan(buildReplaceNa(this.df.plan, replacePairs(toReplace, value), asSubset(subset)));
  }
}
