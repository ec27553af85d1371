/**
 * Writes typed columns as CSV bytes, straight from the arrays: no row objects, no per-row string
 * building (only float64 goes through Number#toString, for its shortest round-trip form).
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { writeIdAscii, writeUintAscii } from "./id-strings.js";

export type CsvColumn =
  | { readonly name: string; readonly kind: "int"; readonly values: Int32Array }
  | { readonly name: string; readonly kind: "float"; readonly values: Float64Array }
  /** "id" + the value, zero-padded to `width` digits (0: no padding). */
  | { readonly name: string; readonly kind: "id"; readonly values: Int32Array; readonly width: number };

const CHUNK = 4 << 20;
/** Longest field we write: "id" + 10 digits, "-2147483648", or a float64's shortest form (≤ 24). */
const MAX_FIELD = 32;

/**
 * A CSV file opened for appending batches of columns (the header is written from the first batch).
 * @example
 * const w = new CsvColumnsWriter("x.csv");
 * w.write([{ name: "id1", kind: "int", values: ids }], ids.length);
 * w.close();
 */
export class CsvColumnsWriter {
  private readonly fd: number;
  private readonly buf = new Uint8Array(CHUNK);
  private pos = 0;
  private headerWritten = false;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  /** Appends rows [0, n) of the columns. */
  write(columns: readonly CsvColumn[], n: number): void {
    if (!this.headerWritten) {
      this.writeText(columns.map((c) => c.name).join(",") + "\n");
      this.headerWritten = true;
    }
    const rowMax = columns.length * MAX_FIELD;
    for (let i = 0; i < n; i++) {
      if (this.pos + rowMax > CHUNK) this.flush();
      for (let c = 0; c < columns.length; c++) {
        if (c > 0) this.buf[this.pos++] = 0x2c; // ,
        this.field(columns[c] as CsvColumn, i);
      }
      this.buf[this.pos++] = 0x0a;
    }
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private field(col: CsvColumn, i: number): void {
    const v = col.values[i] as number;
    if (col.kind === "id") this.pos = writeIdAscii(this.buf, this.pos, v, col.width);
    else if (col.kind === "int" && v >= 0) this.pos = writeUintAscii(this.buf, this.pos, v, 0);
    else this.ascii(String(v));
  }

  private ascii(s: string): void {
    for (let k = 0; k < s.length; k++) this.buf[this.pos++] = s.charCodeAt(k);
  }

  private writeText(s: string): void {
    if (this.pos + s.length * 3 > CHUNK) this.flush();
    this.pos += new TextEncoder().encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  private flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }
}
