import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import type { Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export type WriteMode = "error" | "overwrite" | "append" | "ignore";

/** One write in progress: tasks write part files into `staging`; commitWrite publishes them. */
export interface WriteJob {
  target: string;
  staging: string;
  mode: WriteMode;
  /** Unique per job; in every part file name, so appends never collide. */
  jobId: string;
  /**
   * Absolute path for a task's part file inside staging, `part-00007-<jobId>.<ext>`, optionally
   * under a relative partition directory (e.g. "year=2024/month=1"); creates the directories.
   */
  partFileName(task: number, ext: string, partitionDir?: string): string;
}

/**
 * Starts a write to `target` (a directory), applying the save mode up front:
 * `error` throws if the target exists and is not empty, `ignore` returns null if it exists (the
 * caller skips the job). Part files go to a staging directory beside the target — on the same
 * file system, so commit is a rename, and named with a leading "." so readers of the parent skip it.
 *
 * @example
 * const job = await beginWrite("out/sales", "overwrite");
 * if (job) {
 *   try { await writeParquetFile(job.partFileName(0, "parquet"), batches, {}); await commitWrite(job); }
 *   catch (e) { await abortWrite(job); throw e; }
 * }
 */
export async function beginWrite(target: string, mode: WriteMode): Promise<WriteJob | null> {
  const abs = resolve(target);
  const info = await statOrUndefined(abs);
  if (mode === "ignore" && info !== undefined) return null;
  if (mode === "error" && (await hasData(abs, info))) throw alreadyExists(target);
  if (mode === "append" && info?.isFile() === true) throw new Error(`Cannot append to ${target}: it is a file, not a directory`);
  const jobId = randomUUID();
  const staging = join(dirname(abs), `.${basename(abs)}.cinder-staging-${jobId}`);
  await mkdir(staging, { recursive: true });
  return {
    target: abs,
    staging,
    mode,
    jobId,
    partFileName(task: number, ext: string, partitionDir?: string): string {
      if (!Number.isInteger(task) || task < 0) throw new Error(`Task number must be a non-negative integer, got ${task}`);
      const dir = partitionDir === undefined ? staging : insideStaging(staging, partitionDir);
      mkdirSync(dir, { recursive: true }); // sync: called once per task file, before a long write
      return join(dir, `part-${String(task).padStart(5, "0")}-${jobId}.${ext.replace(/^\./, "")}`);
    },
  };
}

/**
 * Publishes a job's files. First write: staging is renamed to the target. Overwrite: the old
 * target is renamed aside, staging renamed in, then the old one deleted (restored if the swap
 * fails). Append: each staged file is moved into the target (moved back if any move fails).
 * An empty `_SUCCESS` marks the finished output. On failure, call abortWrite.
 */
export async function commitWrite(job: WriteJob): Promise<void> {
  const info = await statOrUndefined(job.target);
  const occupied = await hasData(job.target, info);
  if (!occupied) return publishByRename(job, info);
  switch (job.mode) {
    case "overwrite":
      return swapIn(job);
    case "append":
      return appendInto(job);
    default:
      // Someone else wrote the target after beginWrite checked it.
      throw alreadyExists(job.target, job.mode);
  }
}

/**
 * The folder one task attempt writes its files into, inside the job's staging folder. A task's
 * files count only once the driver commits the attempt (commitTaskFiles), so a worker killed
 * mid-write, or a failed attempt, leaves files that are never published (Spark's
 * FileOutputCommitter, algorithm 1). The leading "_" makes readers skip it.
 */
export function taskAttemptDir(staging: string, task: number, attempt: number): string {
  return join(staging, "_temporary", `task-${String(task).padStart(5, "0")}-attempt-${attempt}`);
}

/** Moves a successful task attempt's files (relative to its folder) into the job's staging folder. */
export async function commitTaskFiles(staging: string, attemptDir: string, files: readonly string[]): Promise<void> {
  for (const rel of files) {
    const to = insideStaging(staging, dirname(rel));
    await mkdir(to, { recursive: true });
    await rename(join(attemptDir, rel), join(to, basename(rel)));
  }
  await rm(attemptDir, { recursive: true, force: true });
}

/** Removes every task attempt folder (called before the job commits). */
export async function removeTaskAttempts(staging: string): Promise<void> {
  await rm(join(staging, "_temporary"), { recursive: true, force: true });
}

/** Removes the staging directory; the target is untouched. Safe to call more than once. */
export async function abortWrite(job: WriteJob): Promise<void> {
  await rm(job.staging, { recursive: true, force: true });
}

async function publishByRename(job: WriteJob, info: Stats | undefined): Promise<void> {
  // _SUCCESS goes in before the rename, so the target never appears without it.
  await writeFile(join(job.staging, "_SUCCESS"), "");
  if (info !== undefined) await rmdir(job.target); // an empty directory: rename cannot replace it everywhere
  await rename(job.staging, job.target);
}

async function swapIn(job: WriteJob): Promise<void> {
  await writeFile(join(job.staging, "_SUCCESS"), "");
  const old = join(dirname(job.target), `.${basename(job.target)}.cinder-old-${job.jobId}`);
  await rename(job.target, old);
  try {
    await rename(job.staging, job.target);
  } catch (e) {
    await rename(old, job.target);
    throw e;
  }
  await rm(old, { recursive: true, force: true });
}

async function appendInto(job: WriteJob): Promise<void> {
  const moved: Array<[from: string, to: string]> = [];
  const createdDirs: string[] = [];
  try {
    for (const rel of await filesBelow(job.staging)) {
      const to = join(job.target, rel);
      if ((await statOrUndefined(to)) !== undefined) throw new Error(`Refusing to overwrite ${to} while appending`);
      const created = await mkdir(dirname(to), { recursive: true });
      if (created !== undefined) createdDirs.push(...dirChain(created, dirname(to)));
      await rename(join(job.staging, rel), to);
      moved.push([join(job.staging, rel), to]);
    }
  } catch (e) {
    await rollBackAppend(moved, createdDirs);
    throw e;
  }
  await writeFile(join(job.target, "_SUCCESS"), "");
  await rm(job.staging, { recursive: true, force: true });
}

async function rollBackAppend(moved: Array<[string, string]>, createdDirs: string[]): Promise<void> {
  for (const [from, to] of moved.reverse()) await rename(to, from);
  // Deepest first; a directory another writer filled meanwhile stays.
  for (const dir of createdDirs.sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => undefined);
}

/** `first` (the top directory mkdir created) and every directory below it down to `last`. */
function dirChain(first: string, last: string): string[] {
  const chain = [first];
  for (const part of relative(first, last).split(sep).filter((p) => p !== "")) {
    chain.push(join(chain[chain.length - 1] ?? first, part));
  }
  return chain;
}

async function filesBelow(root: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? d.name : join(prefix, d.name);
    if (d.isDirectory()) out.push(...(await filesBelow(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

function insideStaging(staging: string, partitionDir: string): string {
  const dir = resolve(staging, partitionDir);
  const rel = relative(staging, dir);
  if (isAbsolute(partitionDir) || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new Error(`Partition directory ${JSON.stringify(partitionDir)} leaves the output directory`);
  }
  return dir;
}

async function hasData(path: string, info: Stats | undefined): Promise<boolean> {
  if (info === undefined) return false;
  if (!info.isDirectory()) return true;
  return (await readdir(path)).length > 0;
}

function alreadyExists(target: string, mode: WriteMode = "error"): Error {
  return new Error(`Path already exists: ${target} (mode "${mode}"); use mode("overwrite") or mode("append")`);
}

async function statOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await stat(p);
  } catch (e) {
    if (typeof e === "object" && e !== null && "code" in e && e.code === "ENOENT") return undefined;
    throw e;
  }
}
