import { open } from "node:fs/promises";

/** The bytes [start, end) of a file, in one Buffer (`into`'s first bytes when given: it must be long enough). */
export async function readRange(path: string, start: number, end: number, into?: Buffer): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = into === undefined ? Buffer.allocUnsafe(end - start) : into.subarray(0, end - start);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
      if (bytesRead === 0) throw new Error(`${path} ended at byte ${start + got}, expected ${end} bytes`);
      got += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}
