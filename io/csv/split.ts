/**
 * Cuts CSV files into record-aligned byte ranges that decode independently, for parallel reads.
 * One streaming pass per large file through a reusable buffer; see record-scanner.ts. The sync
 * twin exists for the DataFrame reader, which plans while building a plan (synchronously).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { resolveCsvOptions, type CsvDialect } from "./options.js";
import { makeRecordScanner, type RecordScanner } from "./record-scanner.js";
import type { CsvOptions } from "./types.js";

export interface CsvSplit {
  path: string;
  /** Byte offset of the first record (inclusive). */
  start: number;
  /** Byte offset just past the last record (exclusive). */
  end: number;
  /** True only for the range at offset 0 of a file read with header=true. */
  hasHeader: boolean;
  /** 1-based physical line number at `start`, so errors can name lines. */
  firstLine: number;
}

interface CsvFile {
  path: string;
  size: number;
}

/** 8 MB reads: large enough that indexOf, not the syscall, dominates the scan. */
const CHUNK_BYTES = 8 << 20;

/**
 * Plans ranges of about `targetBytes` each, each starting and ending on a record boundary. Files
 * no larger than that (and files whose quote is not one ASCII byte) stay whole; empty files give
 * no range.
 *
 * @example
 * await planCsvSplits([{ path: "a.csv", size: 300e6 }], { header: true }, 64e6) // 5 ranges
 */
export async function planCsvSplits(files: CsvFile[], opts: CsvOptions, targetBytes: number): Promise<CsvSplit[]> {
  const out: CsvSplit[] = [];
  for (const p of planners(files, opts, targetBytes)) {
    if (p.wantsMore()) {
      const fh = await open(p.path, "r");
      try {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, p.size));
        for (let off = 0; p.wantsMore(); ) {
          const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, p.size - off), off);
          off = p.feed(buf.subarray(0, bytesRead), off);
        }
      } finally {
        await fh.close();
      }
    }
    out.push(...p.finish());
  }
  return out;
}

/** planCsvSplits with synchronous reads. */
export function planCsvSplitsSync(files: CsvFile[], opts: CsvOptions, targetBytes: number): CsvSplit[] {
  const out: CsvSplit[] = [];
  for (const p of planners(files, opts, targetBytes)) {
    if (p.wantsMore()) {
      const fd = openSync(p.path, "r");
      try {
        const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, p.size));
        for (let off = 0; p.wantsMore(); ) {
          const bytesRead = readSync(fd, buf, 0, Math.min(buf.length, p.size - off), off);
          off = p.feed(buf.subarray(0, bytesRead), off);
        }
      } finally {
        closeSync(fd);
      }
    }
    out.push(...p.finish());
  }
  return out;
}

function planners(files: CsvFile[], opts: CsvOptions, targetBytes: number): FilePlanner[] {
  if (!(targetBytes > 0)) throw new Error(`targetBytes must be positive, got ${targetBytes}`);
  const d = resolveCsvOptions(opts);
  return files.filter((f) => f.size > 0).map((f) => new FilePlanner(f.path, f.size, d, targetBytes));
}

/** Cut points of one file, fed its bytes in order until it wants no more. */
class FilePlanner {
  private readonly splits: CsvSplit[] = [];
  private readonly scanner: RecordScanner | null;
  private start = 0;
  private line = 1;
  /** The next cut is the first record boundary at or after this offset. */
  private next: number;
  private done = false;

  constructor(
    readonly path: string,
    readonly size: number,
    private readonly d: CsvDialect,
    private readonly targetBytes: number,
  ) {
    this.scanner = size > targetBytes ? makeRecordScanner(d) : null;
    this.next = targetBytes;
  }

  wantsMore(): boolean {
    return !this.done && this.scanner !== null && this.next < this.size;
  }

  /** Scans the chunk at file offset `off`; returns the offset after it. */
  feed(chunk: Buffer, off: number): number {
    const scanner = this.scanner;
    if (scanner === null || chunk.length === 0) {
      this.done = true; // the file is shorter than its stated size
      return off;
    }
    scanner.setChunk(chunk);
    for (;;) {
      const lfAt = this.next - 1 - off; // a LF at lfAt or later cuts at `next` or later
      if (lfAt >= chunk.length) break;
      scanner.scanTo(lfAt);
      const b = scanner.nextBoundary();
      if (b < 0 || off + b >= this.size) break;
      this.cut(off + b, scanner.newlines + 1);
    }
    scanner.scanTo(chunk.length);
    return off + chunk.length;
  }

  private cut(at: number, lineAt: number): void {
    this.splits.push({ path: this.path, start: this.start, end: at, hasHeader: this.d.header && this.start === 0, firstLine: this.line });
    this.start = at;
    this.line = lineAt;
    this.next = at + this.targetBytes;
  }

  finish(): CsvSplit[] {
    const last = { path: this.path, start: this.start, end: this.size, hasHeader: this.d.header && this.start === 0, firstLine: this.line };
    return [...this.splits, last];
  }
}
