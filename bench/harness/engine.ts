/**
 * What an engine adapter provides. Each adapter (bench/engines/<name>.ts) runs inside its own
 * child process and implements the tasks its engine can express; a task it leaves out shows as
 * "n/a" in the table.
 */
import type { Checksum } from "./checksum.js";
import type { DataFiles } from "./data-files.js";
import type { Dataset, TaskId } from "./tasks.js";

/** A task's result, held by the engine until the checksum (not timed) has been taken. */
export interface Answer {
  checksum(): Checksum | Promise<Checksum>;
  /** Frees the result (a DuckDB table, a cached Cinder DataFrame). */
  dispose?(): void | Promise<void>;
}

/** One run of a task: timed from the call until the answer is materialised in memory. */
export type TaskFn = () => Promise<Answer>;

export interface Engine {
  /** The engine's version, for the results file. */
  readonly version: string;
  /** Loads a dataset into the engine's memory (done once per process, not timed with the tasks). */
  load(dataset: Dataset): Promise<void>;
  /** Drops a loaded dataset. */
  unload(dataset: Dataset): Promise<void>;
  readonly tasks: Partial<Record<TaskId, TaskFn>>;
  close(): Promise<void>;
}

export interface EngineContext {
  readonly files: DataFiles;
  /** Threads the engine may use (the machine's cores). */
  readonly threads: number;
}

/** An adapter module's one export. */
export type CreateEngine = (ctx: EngineContext) => Promise<Engine>;

export const ENGINE_NAMES = ["cinder", "duckdb", "polars", "arquero", "danfo", "naive"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(s: string): s is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(s);
}

/** Loads an adapter (only the selected one: a peer is imported only by the process that runs it). */
export async function loadEngineModule(name: EngineName): Promise<CreateEngine> {
  const mod: unknown = await import(`../engines/${name}.js`);
  if (typeof mod !== "object" || mod === null || !("createEngine" in mod) || typeof mod.createEngine !== "function") {
    throw new Error(`bench/engines/${name}.ts does not export createEngine`);
  }
  return mod.createEngine as CreateEngine;
}
