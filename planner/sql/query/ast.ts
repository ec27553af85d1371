/**
 * Typed reads of the parser library's AST (plain objects): the planner never trusts its shape,
 * it asks through these guards, and an unexpected shape is a clear "not supported" error.
 */
import { AnalysisError } from "../../errors.js";
import type { AstNode } from "./parse-query.js";

export const isNode = (x: unknown): x is AstNode => typeof x === "object" && x !== null && !Array.isArray(x);

/** `n[key]` as a node, or undefined. */
export function node(n: AstNode, key: string): AstNode | undefined {
  const v = n[key];
  return isNode(v) ? v : undefined;
}

/** `n[key]` as an array of nodes ([] when absent). */
export function nodes(n: AstNode, key: string): AstNode[] {
  const v = n[key];
  return Array.isArray(v) ? v.filter(isNode) : [];
}

/** `n[key]` as a string, or undefined. */
export function str(n: AstNode, key: string): string | undefined {
  const v = n[key];
  return typeof v === "string" ? v : undefined;
}

/** The select statement a subquery node holds (`{ ast: select }`), if it is one. */
export function subqueryOf(n: AstNode): AstNode | undefined {
  const ast = node(n, "ast");
  return ast && ast["type"] === "select" ? ast : undefined;
}

/** A name node: a string, `{ value }` or `{ expr: { value } }` (quoted or not). */
export function nameOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (!isNode(v)) return undefined;
  if (typeof v["value"] === "string") return v["value"];
  const e = node(v, "expr");
  return e && typeof e["value"] === "string" ? e["value"] : undefined;
}

export function unsupported(what: string): AnalysisError {
  return new AnalysisError(`SQL: ${what} is not supported.`);
}
