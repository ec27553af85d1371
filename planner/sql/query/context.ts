/** What planning one SQL query needs: the parse, the session's tables, the CTEs in scope. */
import type { LogicalPlan } from "../../logical-plan.js";
import type { SqlFunction } from "../catalog.js";
import type { AstNode, ParsedQuery } from "./parse-query.js";
import type { Scope } from "./scope.js";

/**
 * The tables a query can name, supplied by the Session (the planner does no I/O): temporary views,
 * files read by extension, and a one-row relation for SELECT without FROM.
 */
export interface SqlTables {
  /** A temporary view by name (case-insensitive), or undefined. */
  view(name: string): LogicalPlan | undefined;
  /** The view names, for the "table not found" message. */
  viewNames(): readonly string[];
  /** A file or glob read by its extension (.csv, .parquet); throws for others. */
  file(path: string): LogicalPlan;
  /** One row, one column: the input of SELECT without FROM. */
  oneRow(): LogicalPlan;
  /** The session's registered user-defined functions (lower-case names), after the built-ins. */
  readonly udfs?: ReadonlyMap<string, SqlFunction>;
}

export interface QueryContext {
  readonly parsed: ParsedQuery;
  readonly tables: SqlTables;
  /** Common table expressions in scope (lower-cased name → plan). */
  readonly ctes: ReadonlyMap<string, LogicalPlan>;
  /**
   * Plans a nested query: a subquery in FROM (no `outer`), or in an expression (IN, EXISTS, a
   * scalar subquery), whose names may also find the enclosing query's columns in `outer`.
   */
  readonly query: (ast: AstNode, ctx: QueryContext, outer?: Scope | null) => LogicalPlan;
}

/** A plan's rel for `outer` lookups in a subquery. */
export type { Scope };
