/** The SQL surface of the planner: text → unresolved Expr IR. */
export { parseExpression, parseSelectItem } from "./parse-expression.js";
export { SqlParseError } from "./sql-parse-error.js";
export { tokenize, type Token, type TokenKind } from "./tokenize.js";
