/**
 * The naive CSV reader: stream the file, split it into lines and the lines at commas, and push
 * each field into its column — numbers through Number(), strings kept. No quoting support (the
 * benchmark's files have none): this is the baseline the real readers are measured against.
 */
import { createReadStream } from "node:fs";

/** Reads a headed CSV file into columns; returns the row count and the columns. */
export async function readCsvNaive(path: string): Promise<{ rows: number; columns: Record<string, (number | string)[]> }> {
  let names: string[] | null = null;
  let numeric: boolean[] = [];
  const cols: (number | string)[][] = [];
  let rows = 0;
  let rest = "";
  const line = (text: string): void => {
    if (text === "") return;
    const fields = text.split(",");
    if (names === null) {
      names = fields;
      for (let c = 0; c < fields.length; c++) cols.push([]);
      return;
    }
    if (rows === 0) numeric = fields.map((f) => f !== "" && !Number.isNaN(Number(f)));
    for (let c = 0; c < fields.length; c++) cols[c]?.push(numeric[c] ? Number(fields[c]) : (fields[c] as string));
    rows++;
  };
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + String(chunk);
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    for (const l of lines) line(l);
  }
  line(rest);
  const columns: Record<string, (number | string)[]> = {};
  (names ?? []).forEach((n, c) => (columns[n] = cols[c] ?? []));
  return { rows, columns };
}
