/**
 * The one error type of the SQL expression parser. Every error carries the 1-based line and
 * column of the offending token, so `df.where("...")` can point at the exact spot.
 */

/** A 1-based line and column of a 0-based `offset` in `text` (a `\n` starts a new line). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * @example
 * try { parseExpression("age > > 3") } catch (e) {
 *   // e.line === 1, e.column === 7
 *   // e.message === 'Syntax error at line 1, column 7 in "age > > 3": expected an expression, found ">"'
 * }
 */
export class SqlParseError extends Error {
  override readonly name = "SqlParseError";
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column of the error within its line. */
  readonly column: number;
  /** 0-based offset of the error in `text`. */
  readonly offset: number;
  /** The whole text that was being parsed. */
  readonly text: string;

  constructor(message: string, text: string, offset: number) {
    super(message);
    const { line, column } = lineColumn(text, offset);
    this.line = line;
    this.column = column;
    this.offset = offset;
    this.text = text;
  }
}

/** `Syntax error at line L, column C in "TEXT": expected EXPECTED, found FOUND`. */
export function syntaxError(text: string, offset: number, expected: string, found: string): SqlParseError {
  const { line, column } = lineColumn(text, offset);
  const message = `Syntax error at line ${line}, column ${column} in "${text}": expected ${expected}, found ${found}`;
  return new SqlParseError(message, text, offset);
}

/** `Unknown function "foo" at line L, column C; known functions: ...` (and the same for types). */
export function unknownNameError(
  what: "function" | "type" | "EXTRACT field",
  name: string,
  text: string,
  offset: number,
  known: readonly string[],
): SqlParseError {
  const { line, column } = lineColumn(text, offset);
  const list = [...known].sort().join(", ");
  const message = `Unknown ${what} "${name}" at line ${line}, column ${column}; known ${what}s: ${list}`;
  return new SqlParseError(message, text, offset);
}
