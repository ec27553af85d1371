/**
 * The benchmark: make sure the data exists, run each engine in its own processes, check every
 * answer against the reference, and write the results as JSON.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { arch, availableParallelism, cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { type CheckedOutcome, checkAnswers } from "./answers.js";
import { ensureData } from "./data-files.js";
import type { EngineName } from "./engine.js";
import type { BenchOptions } from "./options.js";
import type { TaskOutcome } from "./protocol.js";
import { type EngineRun, runEngine } from "./run-engine.js";
import { sizeLabel } from "../generate-join.js";
import type { TaskId } from "./tasks.js";

/** An engine's run with each outcome checked against the reference answers. */
export interface EngineResults extends Omit<EngineRun, "outcomes"> {
  readonly tasks: readonly CheckedOutcome[];
}

export interface BenchResults {
  readonly size: number;
  readonly sizeLabel: string;
  readonly runs: number;
  readonly timeoutSeconds: number;
  readonly date: string;
  readonly machine: { cores: number; cpu: string; memoryGiB: number; node: string; os: string };
  readonly tasks: readonly TaskId[];
  readonly references: Partial<Record<TaskId, EngineName>>;
  readonly referenceNote: string;
  readonly engines: readonly EngineResults[];
  /** Where the JSON was written. */
  readonly file: string;
}

const REFERENCE_NAMES: Partial<Record<EngineName, string>> = { duckdb: "DuckDB", naive: "the naive baseline" };

function machine(): BenchResults["machine"] {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

/**
 * Runs the benchmark; progress goes to `log`, the results to `<resultsDir>/<size>-<date>.json`.
 * @example const results = await runBenchmark(benchOptions({ size: 1e6 }), console.error)
 */
export async function runBenchmark(opts: BenchOptions, log: (line: string) => void): Promise<BenchResults> {
  const files = await ensureData(opts.dataDir, opts.size, log);
  const runs = new Map<EngineName, Awaited<ReturnType<typeof runEngine>>>();
  for (const engine of opts.engines) {
    runs.set(engine, await runEngine({ engine, tasks: opts.tasks, runs: opts.runs, timeoutSeconds: opts.timeoutSeconds, maxMemoryMb: opts.maxMemoryMb, files, threads: opts.threads, log }));
  }
  const byEngine = new Map<EngineName, readonly TaskOutcome[]>([...runs].map(([e, r]) => [e, r.outcomes]));
  const { checked, references } = checkAnswers(byEngine, opts.tasks);
  const refs = new Set(Object.values(references));
  const date = new Date().toISOString();
  const label = sizeLabel(opts.size);
  mkdirSync(opts.resultsDir, { recursive: true });
  const file = join(opts.resultsDir, `${label}-${date.slice(0, 10)}.json`);
  const results: BenchResults = {
    size: opts.size,
    sizeLabel: label,
    runs: opts.runs,
    timeoutSeconds: opts.timeoutSeconds,
    date,
    machine: machine(),
    tasks: opts.tasks,
    references,
    referenceNote: refs.size ? [...refs].map((e) => REFERENCE_NAMES[e] ?? e).join(", else ") : "nothing (neither DuckDB nor the naive baseline ran)",
    engines: opts.engines.map((engine) => {
      const r = runs.get(engine);
      return { engine, version: r?.version ?? null, peakMb: r?.peakMb ?? 0, loadSeconds: r?.loadSeconds ?? {}, tasks: checked.get(engine) ?? [] };
    }),
    file,
  };
  const { file: _file, ...json } = results;
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
  return results;
}
