/**
 * session.sql(): the session's side of SQL — temporary views, files named in FROM (read through
 * the session's readers), EXPLAIN as a one-column DataFrame. Planning is planner/sql/query.
 */
import { extname } from "node:path";
import { AnalysisError } from "../planner/errors.js";
import { planToString } from "../planner/explain.js";
import { stagesToString } from "../planner/explain-physical.js";
import type { LogicalPlan } from "../planner/logical-plan.js";
import type { SqlTables } from "../planner/sql/query/context.js";
import { planSql } from "../planner/sql/query/plan-query.js";
import { DataFrame } from "./dataframe.js";
import type { Session } from "./session.js";

/** The session's temporary views (names case-insensitive, as Spark's). */
export class ViewCatalog {
  private readonly views = new Map<string, { name: string; plan: LogicalPlan }>();

  set(name: string, plan: LogicalPlan): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new AnalysisError(`A view name must be a plain identifier (letters, digits, _), got "${name}".`);
    this.views.set(name.toLowerCase(), { name, plan });
  }

  get(name: string): LogicalPlan | undefined {
    return this.views.get(name.toLowerCase())?.plan;
  }

  drop(name: string): boolean {
    return this.views.delete(name.toLowerCase());
  }

  names(): string[] {
    return [...this.views.values()].map((v) => v.name).sort();
  }
}

function tablesOf(session: Session, views: ViewCatalog): SqlTables {
  return {
    view: (name) => views.get(name),
    viewNames: () => views.names(),
    file: (path) => {
      const base = path.replace(/[*?].*$/, "");
      const ext = (extname(path) || extname(base)).toLowerCase();
      if (ext === ".parquet" || ext === ".pq") return session.read.parquet(path).plan;
      if (ext === ".csv" || ext === ".tsv") {
        return session.read.csv(path, { header: true, inferSchema: true, ...(ext === ".tsv" ? { delimiter: "\t" } : {}) }).plan;
      }
      throw new AnalysisError(`Cannot query the file "${path}" by its extension: use .csv, .tsv or .parquet, or register it as a view (session.read…(path).createOrReplaceTempView(name)).`);
    },
    oneRow: () => session.createDataFrame([{ __one: 1 }], { partitions: 1 }).plan,
    udfs: session.udf.sqlFunctions(),
  };
}

/** Plans `query`; EXPLAIN gives a DataFrame of one string column `plan`. */
export function runSql(session: Session, views: ViewCatalog, query: string): DataFrame {
  const { plan, explain } = planSql(query, tablesOf(session, views));
  if (explain === null) return new DataFrame(session, plan);
  const { optimized, graph, trace } = session.plan(plan);
  const parts: string[] = [];
  if (explain === "extended") {
    parts.push("== Analyzed Logical Plan ==", planToString(plan));
    for (const t of trace) parts.push(`== Logical Plan after ${t.rule} ==`, planToString(t.plan));
    parts.push("== Optimized Logical Plan ==", planToString(optimized));
  }
  parts.push("== Physical Plan ==", stagesToString(graph));
  return session.createDataFrame([{ plan: parts.join("\n") }], { partitions: 1 });
}
