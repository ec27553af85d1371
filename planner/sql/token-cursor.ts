/**
 * A cursor over the tokens of one text, with the accept/expect helpers the parser is written in.
 * Every failure is a SqlParseError at the offending token: "expected X, found Y".
 */
import { syntaxError } from "./sql-parse-error.js";
import { tokenize, type Token } from "./tokenize.js";

/** How a token is named in an error message. */
export function describeToken(t: Token): string {
  if (t.kind === "eof") return "end of input";
  return `"${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}"`;
}

export class TokenCursor {
  protected pos = 0;
  private readonly tokens: readonly Token[];

  constructor(protected readonly text: string) {
    this.tokens = tokenize(text);
  }

  /** The token `k` ahead; past the end, the eof token. */
  protected peek(k = 0): Token {
    const t = this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
    if (t === undefined) throw new Error("internal: no tokens");
    return t;
  }

  protected next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.pos++;
    return t;
  }

  protected fail(t: Token, expected: string): never {
    throw syntaxError(this.text, t.start, expected, describeToken(t));
  }

  protected isOp(t: Token, op: string): boolean {
    return t.kind === "op" && t.text === op;
  }

  protected acceptOp(op: string): boolean {
    if (!this.isOp(this.peek(), op)) return false;
    this.pos++;
    return true;
  }

  protected expectOp(op: string, expected = `"${op}"`): void {
    if (!this.acceptOp(op)) this.fail(this.peek(), expected);
  }

  protected acceptKeyword(kw: string): boolean {
    if (this.peek().keyword !== kw) return false;
    this.pos++;
    return true;
  }

  protected expectKeyword(kw: string, expected = kw): void {
    if (!this.acceptKeyword(kw)) this.fail(this.peek(), expected);
  }

  /** Fails unless all input was consumed. */
  end(expected: string): void {
    if (this.peek().kind !== "eof") this.fail(this.peek(), expected);
  }
}
