/**
 * Cinder: a lazy, Spark-like DataFrame engine for TypeScript over Apache Arrow partitions on
 * worker threads.
 * @example
 * import { Session, col, count } from "cinder";
 * const session = new Session({ workers: 4 });
 * const people = session.read.csv("people.csv", { header: true, inferSchema: true });
 * await people.where("age > 25").groupBy("department").count().show();
 * await session.stop();
 */
export { Session, type SessionOptions } from "./session.js";
export { DataFrame, type ExplainOptions, type JoinHow } from "./dataframe.js";
export { GroupedData } from "./grouped-data.js";
export { PivotedData } from "./verbs/pivot.js";
export type { SampleOptions } from "../planner/analyzer/build-sample.js";
export type { AsofOptions } from "../planner/analyzer/build-asof.js";
export { Column, type ColumnOrValue } from "./column.js";
export { Window, WindowSpec } from "./window.js";
export { DataFrameReader, type CsvReaderOptions } from "./reader.js";
export { DataFrameWriter, type SaveMode } from "./writer.js";
export type { Row, Value } from "./result.js";
export type { DataType, Field } from "../planner/types.js";
export { AnalysisError } from "../planner/errors.js";
export { SqlParseError } from "../planner/sql/index.js";
export * from "./functions.js";
export { udf, vectorUdf, pandasUdf, UdfRegistration, type UserDefinedFunction } from "./udf.js";
export { DataFrameNaFunctions, type DropNaOptions, type NaValue, type ReplaceValue, type ToReplace } from "./verbs/na.js";
