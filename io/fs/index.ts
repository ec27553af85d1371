export { resolvePaths, resolvePathsSync, type ResolvedFile, type ResolveOptions } from "./resolve-paths.js";
export {
  HIVE_DEFAULT_PARTITION,
  escapePartitionValue,
  inferPartitionType,
  parsePartitionDir,
  partitionDirName,
  partitionValueOrNull,
  unescapePartitionValue,
  type PartitionType,
} from "./partition-values.js";
export { abortWrite, beginWrite, commitTaskFiles, commitWrite, removeTaskAttempts, taskAttemptDir, type WriteJob, type WriteMode } from "./commit.js";
