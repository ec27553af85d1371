/** The SQL surface of the planner: text → unresolved Expr IR. */
export { parseExpression, parseExpressionWith, parseSelectItem, parseSelectItemWith } from "./parse-expression.js";
export type { SqlFunction } from "./catalog.js";
export { SqlParseError } from "./sql-parse-error.js";
export { tokenize, type Token, type TokenKind } from "./tokenize.js";
