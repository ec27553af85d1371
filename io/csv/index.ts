/** Cinder's CSV layer: schema inference, split planning, fast decoding to Arrow, and writing. */
export type { ColumnSpec, ColumnType, CsvMode, CsvOptions } from "./types.js";
export { inferCsvSchema, inferCsvSchemaSync } from "./infer-schema.js";
export { planCsvSplits, planCsvSplitsSync, type CsvSplit } from "./split.js";
export { DICTIONARY_DECLINED, readCsvSplit, readCsvSplitReference } from "./read-split.js";
export { writeCsvFile, type CsvWriteOptions } from "./write.js";
export { arrowTypeOf } from "./arrow-types.js";
