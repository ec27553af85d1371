export type { ColumnSpec, ColumnStats, ColumnType, ParquetDescription, RowGroupInfo, StatValue } from "./types.js";
export { describeParquet, describeParquetSync } from "./describe-parquet.js";
export { readParquetRowGroups } from "./read-parquet-row-groups.js";
export { writeParquetFile, DEFAULT_ROW_GROUP_SIZE, type WriteParquetOptions } from "./write-parquet-file.js";
export { canonicalArrowType, columnTypeOf } from "./column-types.js";
