/**
 * Table-driven checks of scalar functions: each case is one DataFrame expression, the same thing
 * as a SQL expression string, and the expected value computed in plain JavaScript from the input
 * row. Both forms run over the same DataFrame; each case is compared on its own, so a failure
 * names the function.
 */
import { expect } from "vitest";
import { type Column, type DataFrame, type Value, col, expr } from "../../src/index.js";

export interface FnCase<R> {
  readonly name: string;
  readonly df: Column;
  readonly sql: string;
  readonly expect: (r: R) => Value;
}

/** Runs every case through the DataFrame function and the SQL expression; rows are matched by `id`. */
export async function checkCases<R extends { id: number }>(df: DataFrame, rows: readonly R[], cases: readonly FnCase<R>[]): Promise<void> {
  const viaDf = await df.select(col("id"), ...cases.map((c, i) => c.df.alias(`c${i}`))).collect();
  const viaSql = await df.select(col("id"), ...cases.map((c, i) => expr(`${c.sql} AS c${i}`))).collect();
  const byId = (xs: readonly Record<string, unknown>[]) => [...xs].sort((a, b) => Number(a.id) - Number(b.id));
  const a = byId(viaDf);
  const s = byId(viaSql);
  const sorted = [...rows].sort((x, y) => x.id - y.id);
  cases.forEach((c, i) => {
    const want = sorted.map((r) => [r.id, c.expect(r)]);
    expect(a.map((r) => [r.id, r[`c${i}`]]), `${c.name} (DataFrame)`).toEqual(want);
    expect(s.map((r) => [r.id, r[`c${i}`]]), `${c.name} (SQL: ${c.sql})`).toEqual(want);
  });
}
