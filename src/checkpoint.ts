/**
 * Checkpointing (Spark's `df.checkpoint()`): runs a DataFrame once, writes each partition as an
 * Arrow IPC stream file, and returns a DataFrame whose plan is a leaf reading those files — the
 * lineage above is cut, so later plans neither re-run nor re-optimize it. The write goes through
 * the same staging and commit as `df.write` (a failed job leaves no checkpoint folder behind).
 */
import { randomUUID } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { abortWrite, beginWrite, commitWrite } from "../io/fs/index.js";
import { outputOf } from "../planner/analyzer/types-of.js";
import type { CheckpointFile } from "../planner/logical-plan.js";
import type { DataFrame } from "./dataframe.js";

/**
 * Writes `df` into a fresh `cp-<uuid>` folder under `dir` and returns a DataFrame reading it back.
 * The result has the same output attributes as `df`, so columns taken from `df` (`df.col("x")`)
 * still resolve against it.
 * @example
 * const cut = await checkpointDataFrame(df.where("x > 0"), "/tmp/checkpoints");
 * await cut.groupBy("k").count().show();
 */
export async function checkpointDataFrame(df: DataFrame, dir: string): Promise<DataFrame> {
  const session = df.session;
  const output = outputOf(df.plan);
  const { graph } = session.plan(df.plan, { kind: "write", format: "arrow", partitionBy: [], options: {} });
  const target = join(resolve(dir), `cp-${randomUUID()}`);
  const job = await beginWrite(target, "error");
  if (!job) throw new Error(`internal: checkpoint folder ${target} was not created`);
  let rowsByPartition: readonly number[];
  try {
    const result = await session.run(graph, { staging: job.staging, uuid: job.jobId });
    session.release(result.jobId);
    rowsByPartition = result.outputs.map((o) => o.rows);
    await commitWrite(job);
  } catch (err) {
    await abortWrite(job);
    throw err;
  }
  const files = await partFiles(target, job.jobId, rowsByPartition);
  return df.withPlan({ kind: "checkpoint", dir: target, files, all: output, output });
}

/** The committed part files, in partition order (the number in `part-NNNNN-<uuid>.arrow`). */
async function partFiles(folder: string, uuid: string, rowsByPartition: readonly number[]): Promise<CheckpointFile[]> {
  const pattern = /^part-(\d+)-(.+)\.arrow$/;
  const found: { partition: number; name: string }[] = [];
  for (const name of await readdir(folder)) {
    const m = pattern.exec(name);
    if (m && m[2] === uuid) found.push({ partition: Number(m[1]), name });
  }
  found.sort((a, b) => a.partition - b.partition);
  const files: CheckpointFile[] = [];
  for (const { partition, name } of found) {
    const rows = rowsByPartition[partition];
    if (rows === undefined) throw new Error(`internal: checkpoint file ${name} has no task output for partition ${partition}`);
    const path = join(folder, name);
    files.push({ path, rows, bytes: (await stat(path)).size });
  }
  return files;
}
