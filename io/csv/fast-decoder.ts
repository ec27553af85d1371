/**
 * The byte-level CSV decoder: one pass over a split's bytes, numbers parsed straight into typed
 * arrays and UTF-8 copied straight into Arrow buffers, no string or object per row or field.
 * Measured on a 50 MB, 9-column file (3 strings, 5 ints, 1 float, 2% quoted multi-line fields):
 * ~100-125 MB/s warm on one core, against ~5 MB/s for the csv-parse path. Handles RFC 4180 quoting
 * with a single-byte delimiter and quote; other dialects go through read-split-reference.ts.
 */
import type { Data } from "apache-arrow";
import { BatchBuilder, completeDictionaries, K_BOOLEAN, K_DATE, K_DICT, K_FLOAT64, K_INT32, K_INT64, K_TIMESTAMP, K_UTF8 } from "./batch-builder.js";
import { fusedDict, fusedFloat64, fusedInt32, fusedUtf8 } from "./fused-fields.js";
import { JUDGE_ROWS } from "./string-dictionary.js";
import { QuotedFieldReader } from "./quoted-field.js";
import { cannotParse, fieldCountReason, malformedError, NULL_IN_NON_NULLABLE, UNTERMINATED_QUOTE } from "./malformed.js";
import type { CsvDialect } from "./options.js";
import { parseBooleanBytes, parseDateBytes, parseFloat64Bytes, parseInt32Bytes, parseInt64Bytes, parseTimestampBytes } from "./parse-bytes.js";
import type { CsvSplit } from "./split.js";
import type { ColumnSpec } from "./types.js";

const LF = 0x0a;
const CR = 0x0d;

export interface DecodedChunk {
  length: number;
  /** One Data per decoded column, in the order of `decodeCols`. */
  columns: Data[];
  /**
   * Per decoded column: a string column judged for a dictionary and decoded plain (too many
   * distinct strings), so later stages need not judge it again. The same in every chunk of a split.
   */
  declined?: readonly boolean[];
}

/**
 * Decodes `buf` (the bytes of `split`) into chunks of at most batchRows rows.
 * `decodeCols` lists the distinct schema indices to materialise. With `encodeStrings`, utf8
 * columns come out dictionary-encoded (one dictionary for the split) where they repeat enough.
 */
export function decodeCsv(
  buf: Buffer,
  split: CsvSplit,
  schema: readonly ColumnSpec[],
  dialect: CsvDialect,
  decodeCols: readonly number[],
  batchRows: number,
  encodeStrings = false,
): DecodedChunk[] {
  return new FastDecoder(buf, split, schema, dialect, decodeCols, batchRows, encodeStrings).run();
}

class FastDecoder {
  private readonly end: number;
  private readonly delim: number;
  private readonly quote: number;
  private readonly nullBytes: Buffer;
  /** The fused paths know only the default null (an empty field). */
  private readonly fusable: boolean;
  /** Schema index → builder column, or -1 for a column that is only skipped over. */
  private readonly slot: Int32Array;
  private readonly noSlot: Int32Array;
  private readonly builder: BatchBuilder;
  private readonly kinds: readonly number[];
  private line: number;
  private recordLine = 0;
  private fields = 0;
  private dropRecord = false;
  private readonly quoted: QuotedFieldReader;
  private readonly chunks: DecodedChunk[] = [];

  constructor(
    private readonly buf: Buffer,
    private readonly split: CsvSplit,
    private readonly schema: readonly ColumnSpec[],
    private readonly dialect: CsvDialect,
    decodeCols: readonly number[],
    private readonly batchRows: number,
    encodeStrings: boolean,
  ) {
    this.end = buf.length;
    this.delim = dialect.delimiter.charCodeAt(0);
    this.quote = dialect.quote.charCodeAt(0);
    this.nullBytes = Buffer.from(dialect.nullValue, "utf8");
    this.fusable = this.nullBytes.length === 0;
    this.slot = new Int32Array(schema.length).fill(-1);
    this.noSlot = new Int32Array(schema.length).fill(-1);
    decodeCols.forEach((schemaIndex, c) => (this.slot[schemaIndex] = c));
    this.line = split.firstLine;
    this.quoted = new QuotedFieldReader(buf, this.delim, this.quote);
    const cap = this.capacityFor(buf.length);
    const hint = Math.min(buf.length + 1, cap * 16);
    // Dictionary codes are built while scanning, so only where the fused scan runs (the default null).
    this.builder = new BatchBuilder(decodeCols.map((i) => schema[i]!.type), cap, hint, encodeStrings && this.fusable);
    this.kinds = this.builder.kinds;
  }

  /** Rows a batch can need: a well-formed record has at least one byte per column. */
  private capacityFor(bytes: number): number {
    return Math.max(1, Math.min(this.batchRows, Math.floor(bytes / Math.max(1, this.schema.length)) + 16));
  }

  run(): DecodedChunk[] {
    const buf = this.buf;
    const end = this.end;
    const b = this.builder;
    let p = this.split.start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let skipHeader = this.split.hasHeader;
    let row = 0;
    let rowsBefore = 0;
    let judged = !b.dicts.some((d) => d !== null);
    while (p < end) {
      const c0 = buf[p];
      if (c0 === LF || (c0 === CR && buf[p + 1] === LF)) {
        p += c0 === LF ? 1 : 2; // blank lines are skipped, as in Spark
        this.line++;
        continue;
      }
      this.recordLine = this.line;
      this.dropRecord = false;
      if (skipHeader) {
        p = this.record(p, row, this.noSlot);
        skipHeader = false;
        continue;
      }
      p = this.record(p, row, this.slot);
      if (this.fields !== this.schema.length) this.wrongFieldCount(row);
      if (this.dropRecord) {
        b.dropRow(row);
        continue;
      }
      if (++row === b.cap) {
        if (row < this.batchRows) b.grow(this.batchRows);
        else {
          this.chunks.push({ length: row, columns: b.finish(row, this.capacityFor(end - p)) });
          rowsBefore += row;
          row = 0;
        }
      }
      if (!judged && rowsBefore + row >= JUDGE_ROWS) {
        b.judgeDictionaries(row, rowsBefore + row);
        judged = true;
      }
    }
    if (row > 0) this.chunks.push({ length: row, columns: b.finish(row, 1) });
    const declined = completeDictionaries(b, this.chunks);
    if (declined.some(Boolean)) for (const chunk of this.chunks) chunk.declined = declined;
    return this.chunks;
  }

  /** Consumes one record starting at p (not a blank line); returns the position after it. */
  private record(p: number, row: number, slot: Int32Array): number {
    const buf = this.buf;
    const end = this.end;
    const delim = this.delim;
    const ncols = slot.length;
    let field = 0;
    for (;;) {
      const c = field < ncols ? slot[field]! : -1;
      if (buf[p] === this.quote) {
        const s0 = p;
        const qf = this.quoted;
        p = qf.read(p);
        this.line += qf.newlines;
        if (qf.unterminated) this.unterminatedField(c, field, row, s0);
        else if (c >= 0) this.store(c, field, row, qf.src, qf.start, qf.end, qf.quoted);
      } else {
        const q = c >= 0 && this.fusable ? this.fused(c, row, p) : -1;
        if (q >= 0) p = q;
        else {
          const s = p;
          for (; p < end; p++) {
            const ch = buf[p];
            if (ch === delim || ch === LF || (ch === CR && buf[p + 1] === LF)) break;
          }
          if (c >= 0) this.store(c, field, row, buf, s, p, false);
        }
      }
      field++;
      if (p >= end) break;
      const t = buf[p++];
      if (t === delim) continue;
      if (t === CR) p++;
      this.line++;
      break;
    }
    this.fields = field;
    return p;
  }

  /** Scans and decodes in one pass where fused-fields.ts has a fast path; -1 if it declined. */
  private fused(c: number, row: number, p: number): number {
    const kind = this.kinds[c];
    if (kind === K_INT32) return fusedInt32(this.buf, p, this.delim, this.builder.i32[c]!, row);
    if (kind === K_DICT) return fusedDict(this.buf, p, this.delim, this.builder.dicts[c]!, this.builder.i32[c]!, row);
    if (kind === K_UTF8) return fusedUtf8(this.buf, p, this.delim, this.builder, c, row);
    if (kind === K_FLOAT64) return fusedFloat64(this.buf, p, this.delim, this.builder.f64[c]!, row);
    return -1;
  }

  /** Parses src[s, e) into row `row` of builder column c (schema column `field`). */
  private store(c: number, field: number, row: number, src: Buffer, s: number, e: number, quoted: boolean): void {
    const b = this.builder;
    const kind = this.kinds[c];
    const n = e - s;
    if (n === 0) {
      if (quoted && kind === K_UTF8) b.offsets[c]![row + 1] = b.byteLen[c]!; // "" is an empty string
      else if (quoted && kind === K_DICT) b.setCode(c, row, src, s, e);
      else this.storeNull(c, field, row);
      return;
    }
    if (n === this.nullBytes.length && src.compare(this.nullBytes, 0, n, s, e) === 0) {
      this.storeNull(c, field, row);
      return;
    }
    switch (kind) {
      case K_INT32: {
        const v = parseInt32Bytes(src, s, e);
        if (v === v) {
          b.i32[c]![row] = v;
          return;
        }
        break;
      }
      case K_FLOAT64:
        if (parseFloat64Bytes(src, s, e, b.f64[c]!, row)) return;
        break;
      case K_UTF8:
        b.setUtf8(c, row, src, s, e);
        return;
      case K_DICT:
        b.setCode(c, row, src, s, e);
        return;
      case K_INT64:
        if (parseInt64Bytes(src, s, e, b.u32[c]!, row)) return;
        break;
      case K_BOOLEAN: {
        const v = parseBooleanBytes(src, s, e);
        if (v >= 0) {
          const bits = b.bits[c]!;
          if (v === 1) bits[row >> 3]! |= 1 << (row & 7);
          else bits[row >> 3]! &= ~(1 << (row & 7));
          return;
        }
        break;
      }
      case K_DATE: {
        const v = parseDateBytes(src, s, e);
        if (v === v) {
          b.i32[c]![row] = v;
          return;
        }
        break;
      }
      case K_TIMESTAMP:
        if (parseTimestampBytes(src, s, e, b.u32[c]!, row)) return;
        break;
    }
    this.malformed(c, field, row, cannotParse(src.toString("utf8", s, e), this.schema[field]!.type));
  }

  private storeNull(c: number, field: number, row: number): void {
    if (this.schema[field]!.nullable) this.builder.setNull(c, row);
    else this.malformed(c, field, row, NULL_IN_NON_NULLABLE, true);
  }

  /** Applies the mode to a bad value: null it (PERMISSIVE), drop the record, or throw. */
  private malformed(c: number, field: number, row: number, reason: string, cannotNull = false): void {
    const mode = this.dialect.mode;
    if (mode === "DROPMALFORMED") {
      this.dropRecord = true;
      if (c >= 0 && this.schema[field]!.nullable) this.builder.setNull(c, row);
      return;
    }
    if (mode === "PERMISSIVE" && !cannotNull) {
      if (c < 0) return; // a column nobody reads cannot be wrong
      if (this.schema[field]!.nullable) {
        this.builder.setNull(c, row);
        return;
      }
      reason += `, and the column is not nullable`;
    }
    const name = field < this.schema.length ? this.schema[field]!.name : null;
    throw malformedError(this.split.path, this.recordLine, name, reason, mode);
  }

  private unterminatedField(c: number, field: number, row: number, s0: number): void {
    const text = this.buf.toString("utf8", s0, Math.min(this.end, s0 + 40));
    this.malformed(c, field, row, `${UNTERMINATED_QUOTE} starting ${JSON.stringify(text)}`);
  }

  /** Missing trailing fields are null (PERMISSIVE), extra ones ignored; other modes reject. */
  private wrongFieldCount(row: number): void {
    const ncols = this.schema.length;
    const found = this.fields;
    const mode = this.dialect.mode;
    if (mode === "DROPMALFORMED") this.dropRecord = true;
    else if (mode === "FAILFAST") {
      const name = found < ncols ? this.schema[found]!.name : null;
      throw malformedError(this.split.path, this.recordLine, name, fieldCountReason(found, ncols), mode);
    }
    for (let f = found; f < ncols; f++) {
      const c = this.slot[f]!;
      if (c >= 0) this.storeNull(c, f, row);
    }
  }
}
