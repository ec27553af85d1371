import { open } from "node:fs/promises";

/** The bytes [start, end) of a file, in one Buffer. */
export async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(end - start);
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
