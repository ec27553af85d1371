/**
 * Finds record boundaries (a LF outside quotes) in a byte stream fed chunk by chunk, counting
 * physical lines on the way. The RFC 4180 scanner only tracks quote parity, jumping between quote
 * and LF bytes with Buffer.indexOf (LIBRARIES.md: ~3.7 GB/s); it assumes quotes open only at the
 * start of a field, as RFC 4180 requires. A distinct escape character needs a byte-by-byte walk.
 */
import type { CsvDialect } from "./options.js";

const LF = 0x0a;

export interface RecordScanner {
  /** LF bytes consumed so far: the 1-based line at the current position is newlines + 1. */
  readonly newlines: number;
  /** Continues the stream with the next chunk (state carries over). */
  setChunk(chunk: Buffer): void;
  /** Consumes the chunk up to `limit` (exclusive) without stopping at boundaries. */
  scanTo(limit: number): void;
  /** Consumes up to and including the next record-ending LF; returns the index after it, or -1 at chunk end. */
  nextBoundary(): number;
}

/** A scanner for the dialect, or null when its quote is not one ASCII byte (the file is not split). */
export function makeRecordScanner(d: CsvDialect): RecordScanner | null {
  const quote = d.quote.charCodeAt(0);
  if (d.quote.length !== 1 || quote >= 0x80 || d.escape.charCodeAt(0) >= 0x80) return null;
  return d.escape === d.quote ? new ParityScanner(quote) : new EscapeScanner(quote, d.escape.charCodeAt(0));
}

class ParityScanner implements RecordScanner {
  newlines = 0;
  private inQuotes = false;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Cached next quote / LF index at or after pos (buf.length when none). */
  private nq = 0;
  private nl = 0;

  constructor(private readonly quote: number) {}

  setChunk(chunk: Buffer): void {
    this.buf = chunk;
    this.pos = 0;
    this.nq = this.find(this.quote, 0);
    this.nl = this.find(LF, 0);
  }

  private find(byte: number, from: number): number {
    const i = this.buf.indexOf(byte, from);
    return i < 0 ? this.buf.length : i;
  }

  scanTo(limit: number): void {
    while (this.nq < limit) {
      this.inQuotes = !this.inQuotes;
      this.nq = this.find(this.quote, this.nq + 1);
    }
    while (this.nl < limit) {
      this.newlines++;
      this.nl = this.find(LF, this.nl + 1);
    }
    this.pos = Math.max(this.pos, limit);
  }

  nextBoundary(): number {
    const len = this.buf.length;
    while (this.nl < len) {
      const at = this.nl;
      this.scanTo(at + 1);
      if (!this.inQuotes) return at + 1;
    }
    this.scanTo(len);
    return -1;
  }
}

class EscapeScanner implements RecordScanner {
  newlines = 0;
  private inQuotes = false;
  private escaped = false;
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  constructor(
    private readonly quote: number,
    private readonly escape: number,
  ) {}

  setChunk(chunk: Buffer): void {
    this.buf = chunk;
    this.pos = 0;
  }

  /** Consumes one byte; true when it ends a record. */
  private step(c: number): boolean {
    if (c === LF) this.newlines++;
    if (this.escaped) this.escaped = false;
    else if (this.inQuotes && c === this.escape) this.escaped = true;
    else if (c === this.quote) this.inQuotes = !this.inQuotes;
    else return c === LF && !this.inQuotes;
    return false;
  }

  scanTo(limit: number): void {
    for (; this.pos < limit; this.pos++) this.step(this.buf[this.pos]!);
  }

  nextBoundary(): number {
    const len = this.buf.length;
    while (this.pos < len) if (this.step(this.buf[this.pos++]!)) return this.pos;
    return -1;
  }
}
