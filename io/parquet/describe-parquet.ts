import { decodeColumnStats } from "./column-stats.js";
import { footerSchema, type FooterColumn } from "./footer-schema.js";
import { readParquetFooter, readParquetFooterSync, type ParquetFooter } from "./parquet-footer.js";
import type { ColumnStats, ParquetDescription, RowGroupInfo } from "./types.js";

/**
 * Describes a Parquet file for planning: schema as Cinder ColumnSpecs, row counts, and per row
 * group compressed size and min/max/null-count statistics decoded from the footer.
 *
 * Everything comes from the footer (two small reads at the end of the file); the schema is worked
 * out the way parquet-wasm maps it, so it agrees with what readParquetRowGroups returns.
 *
 * @example
 * const d = await describeParquet("data/part-00000.parquet");
 * const keep = d.rowGroups.filter((rg) => (rg.stats.id?.max ?? Infinity) >= 650_000);
 */
export async function describeParquet(path: string): Promise<ParquetDescription> {
  return describeFooter(await readParquetFooter(path), path);
}

/**
 * describeParquet with blocking reads, for `session.read.parquet(path)`, which must know the
 * schema before it returns. Same result and errors, never touches parquet-wasm.
 *
 * @example
 * const { schema } = describeParquetSync("data/part-00000.parquet");
 */
export function describeParquetSync(path: string): ParquetDescription {
  return describeFooter(readParquetFooterSync(path), path);
}

function describeFooter(footer: ParquetFooter, path: string): ParquetDescription {
  const columns = footerSchema(footer, path);
  return {
    path,
    size: footer.size,
    schema: columns.map((c) => c.spec),
    numRows: footer.numRows,
    rowGroups: rowGroupInfos(footer, columns),
  };
}

function rowGroupInfos(footer: ParquetFooter, columns: FooterColumn[]): RowGroupInfo[] {
  const byName = new Map(columns.map((c) => [c.spec.name, c]));
  return footer.rowGroups.map((rg, index) => {
    const stats: Record<string, ColumnStats> = {};
    for (const chunk of rg.columns) {
      const name = chunk.path[0];
      if (chunk.path.length !== 1 || name === undefined) continue;
      const column = byName.get(name);
      const leaf = footer.leaves.get(name);
      if (column === undefined || leaf === undefined) continue;
      const s = decodeColumnStats(chunk, leaf, column.spec.type, column.arrowType);
      if (s !== undefined) stats[name] = s;
    }
    return { index, numRows: rg.numRows, bytes: rg.bytes, stats };
  });
}
