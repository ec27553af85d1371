import type { CsvMode, CsvOptions } from "./types.js";

/** CsvOptions with every default filled in and validated once, so readers never re-check. */
export interface CsvDialect {
  readonly header: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly nullValue: string;
  readonly inferSchema: boolean;
  readonly samplingRows: number;
  readonly mode: CsvMode;
}

const MODES: readonly CsvMode[] = ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"];

/**
 * Fills in defaults and rejects options no path can honour.
 *
 * @example
 * resolveCsvOptions({ sep: ";" }).delimiter // ";"
 */
export function resolveCsvOptions(opts: CsvOptions): CsvDialect {
  const delimiter = opts.delimiter ?? opts.sep ?? ",";
  const quote = opts.quote ?? '"';
  const escape = opts.escape ?? quote;
  const mode = opts.mode ?? "PERMISSIVE";
  if (delimiter.length === 0 || /[\r\n]/.test(delimiter)) {
    throw new Error(`CSV delimiter must be non-empty and contain no line break, got ${JSON.stringify(delimiter)}`);
  }
  if (quote.length !== 1 || quote === "\r" || quote === "\n") {
    throw new Error(`CSV quote must be one character, got ${JSON.stringify(quote)}`);
  }
  if (escape.length !== 1) throw new Error(`CSV escape must be one character, got ${JSON.stringify(escape)}`);
  if (delimiter === quote) throw new Error("CSV delimiter and quote must differ");
  if (!MODES.includes(mode)) throw new Error(`Unknown CSV mode ${JSON.stringify(mode)}`);
  const samplingRows = opts.samplingRows ?? 1000;
  if (!Number.isInteger(samplingRows) || samplingRows < 1) {
    throw new Error(`samplingRows must be a positive integer, got ${samplingRows}`);
  }
  return {
    header: opts.header ?? false,
    delimiter,
    quote,
    escape,
    nullValue: opts.nullValue ?? "",
    inferSchema: opts.inferSchema ?? false,
    samplingRows,
    mode,
  };
}

/** One ASCII byte other than CR/LF, so a byte compare equals a character compare. */
function isPlainByte(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c < 0x80 && c !== 0x0a && c !== 0x0d;
}

/**
 * True when the byte-level decoder handles this dialect: single-byte delimiter and quote, and the
 * RFC 4180 escape (a doubled quote). Anything else goes through csv-parse.
 */
export function fastPathSupports(d: CsvDialect): boolean {
  return isPlainByte(d.delimiter) && isPlainByte(d.quote) && d.escape === d.quote;
}
