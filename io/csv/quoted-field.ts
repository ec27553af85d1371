/**
 * Reads one quoted field for the fast decoder: undoubles quotes into a reusable scratch buffer and
 * reports where the value lives, without allocating per field.
 */
const LF = 0x0a;
const CR = 0x0d;

export class QuotedFieldReader {
  /** The value is src[start, end) after read(). */
  src: Buffer;
  start = 0;
  end = 0;
  /** False when text after the closing quote made the raw bytes the value. */
  quoted = false;
  /** True when the input ended inside the quotes. */
  unterminated = false;
  /** LF bytes inside the field, for line numbers. */
  newlines = 0;
  private scratch = Buffer.allocUnsafe(4096);

  constructor(
    private readonly buf: Buffer,
    private readonly delim: number,
    private readonly quote: number,
  ) {
    this.src = buf;
  }

  /**
   * Reads the field whose opening quote is at p0; returns the position after the closing quote.
   * Text after the closing quote (`"ab"c`) makes the whole raw field the value, as csv-parse's
   * relax_quotes does.
   */
  read(p0: number): number {
    const buf = this.buf;
    const end = buf.length;
    const quote = this.quote;
    this.newlines = 0;
    this.unterminated = false;
    let k = p0 + 1;
    let out = 0;
    let p: number;
    for (;;) {
      let q = buf.indexOf(quote, k);
      if (q < 0) q = end;
      if (out + (q - k) + 1 > this.scratch.length) this.growScratch(out, out + (q - k) + 1);
      const scratch = this.scratch;
      for (let i = k; i < q; i++) {
        const c = buf[i]!;
        if (c === LF) this.newlines++;
        scratch[out++] = c;
      }
      if (q === end) {
        this.unterminated = true;
        p = end;
        break;
      }
      if (buf[q + 1] === quote) {
        scratch[out++] = quote;
        k = q + 2;
        continue;
      }
      p = q + 1;
      break;
    }
    const c = buf[p];
    if (p < end && c !== this.delim && c !== LF && !(c === CR && buf[p + 1] === LF)) {
      for (; p < end; p++) {
        const d = buf[p];
        if (d === this.delim || d === LF || (d === CR && buf[p + 1] === LF)) break;
      }
      this.set(buf, p0, p, false);
      return p;
    }
    this.set(this.scratch, 0, out, true);
    return p;
  }

  private set(src: Buffer, start: number, end: number, quoted: boolean): void {
    this.src = src;
    this.start = start;
    this.end = end;
    this.quoted = quoted;
  }

  private growScratch(used: number, need: number): void {
    const next = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
    this.scratch.copy(next, 0, 0, used);
    this.scratch = next;
  }
}
