/** The planner builders behind the DataFrame's newer verbs, in one import for src/dataframe.ts. */
export { buildAlias, buildToDF, buildWithColumns } from "../../planner/analyzer/build-columns.js";
export { buildUnpivot } from "../../planner/analyzer/build-pivot.js";
export { type AsofOptions, buildAsofJoin } from "../../planner/analyzer/build-asof.js";
export { DESCRIBE_STATS, buildSummary } from "../../planner/analyzer/build-describe.js";
export { type SampleOptions, buildRandomSplit, buildSample } from "../../planner/analyzer/build-sample.js";
