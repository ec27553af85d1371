/** The benchmark's command line. */
import { availableParallelism, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINE_NAMES, type EngineName, isEngineName } from "./engine.js";
import { type TaskId, selectTasks } from "./tasks.js";

export interface BenchOptions {
  /** Rows of G1 and of the J1 left table. */
  readonly size: number;
  /** Timed runs per task (after one warm-up run); the table shows their median. */
  readonly runs: number;
  readonly engines: readonly EngineName[];
  readonly tasks: readonly TaskId[];
  /** Per timed section: loading a dataset, or one run of a task. */
  readonly timeoutSeconds: number;
  readonly dataDir: string;
  readonly resultsDir: string;
  readonly threads: number;
  /** An engine process above this resident memory is killed and its task marked (default 75% of RAM). */
  readonly maxMemoryMb: number;
}

const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));

export const USAGE = `npm run bench -- [--size 1e6] [--runs 3] [--engines ${ENGINE_NAMES.join(",")}]
                     [--tasks read,groupby,seed,join | q1,q2,…,j1,…] [--timeout 120] [--max-memory-mb N]
                     [--data-dir bench/data] [--results-dir bench/results]`;

/** The defaults, overridden by what is given. */
export function benchOptions(given: Partial<BenchOptions> = {}): BenchOptions {
  return {
    size: 1e6,
    runs: 3,
    engines: ENGINE_NAMES,
    tasks: selectTasks("all"),
    timeoutSeconds: 120,
    dataDir: join(BENCH_DIR, "data"),
    resultsDir: join(BENCH_DIR, "results"),
    threads: availableParallelism(),
    maxMemoryMb: Math.round((totalmem() / 2 ** 20) * 0.75),
    ...given,
  };
}

function positive(name: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`--${name} wants a positive ${integer ? "whole " : ""}number, got "${text}"`);
  return n;
}

/**
 * Parses `--flag value` pairs.
 * @example parseArgs(["--size", "1e7", "--engines", "cinder,duckdb"])
 */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const given: { -readonly [K in keyof BenchOptions]?: BenchOptions[K] } = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    switch (flag) {
      case "--size": given.size = positive("size", value, true); break;
      case "--runs": given.runs = positive("runs", value, true); break;
      case "--timeout": given.timeoutSeconds = positive("timeout", value, false); break;
      case "--max-memory-mb": given.maxMemoryMb = positive("max-memory-mb", value, true); break;
      case "--data-dir": given.dataDir = value; break;
      case "--results-dir": given.resultsDir = value; break;
      case "--tasks": given.tasks = selectTasks(value); break;
      case "--engines": {
        const names = value.split(",").map((s) => s.trim()).filter(Boolean);
        const bad = names.filter((n) => !isEngineName(n));
        if (bad.length) throw new Error(`unknown engine ${bad.join(", ")}; use ${ENGINE_NAMES.join(", ")}`);
        given.engines = names.filter(isEngineName);
        break;
      }
      default: throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (given.size !== undefined && given.size < 1000) throw new Error("--size must be at least 1000 (G1 has 100 groups per key)");
  return benchOptions(given);
}
