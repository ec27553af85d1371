/**
 * The answer check: every engine's checksum for a task against the reference engine's — DuckDB,
 * or the naive baseline when DuckDB did not run or failed that task — so a fast wrong answer
 * shows as WRONG instead of as a win.
 */
import { compareChecksums } from "./checksum.js";
import type { EngineName } from "./engine.js";
import type { TaskOutcome } from "./protocol.js";
import type { TaskId } from "./tasks.js";

/** ok: matches the reference; reference: is the reference; unchecked: no reference for this task. */
export type AnswerStatus = "ok" | "WRONG" | "reference" | "unchecked";

export interface CheckedOutcome extends TaskOutcome {
  /** Median of the timed runs, in seconds. */
  readonly seconds?: number;
  readonly answer?: AnswerStatus;
  /** What differs from the reference, for a WRONG answer. */
  readonly answerDiff?: string;
}

const REFERENCE_ORDER: readonly EngineName[] = ["duckdb", "naive"];

/** The median of a list of numbers. @example median([3, 1, 2]) // 2 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Marks every ok outcome against the reference; returns the reference engine of each task.
 * @example const refs = checkAnswers(byEngine) // { q1: "duckdb", … }
 */
export function checkAnswers(
  byEngine: ReadonlyMap<EngineName, readonly TaskOutcome[]>,
  tasks: readonly TaskId[],
  tolerance = 1e-6,
): { checked: Map<EngineName, CheckedOutcome[]>; references: Partial<Record<TaskId, EngineName>> } {
  const references: Partial<Record<TaskId, EngineName>> = {};
  const find = (engine: EngineName, task: TaskId): TaskOutcome | undefined => byEngine.get(engine)?.find((o) => o.task === task);
  for (const task of tasks) {
    const ref = REFERENCE_ORDER.find((e) => find(e, task)?.status === "ok" && find(e, task)?.checksum !== undefined);
    if (ref !== undefined) references[task] = ref;
  }
  const checked = new Map<EngineName, CheckedOutcome[]>();
  for (const [engine, outcomes] of byEngine) {
    checked.set(engine, outcomes.map((o): CheckedOutcome => {
      if (o.status !== "ok" || o.checksum === undefined) return o;
      const seconds = median(o.times ?? []);
      const refEngine = references[o.task];
      if (refEngine === undefined) return { ...o, seconds, answer: "unchecked" };
      if (refEngine === engine) return { ...o, seconds, answer: "reference" };
      const refSum = find(refEngine, o.task)?.checksum;
      const diff = refSum === undefined ? null : compareChecksums(o.checksum, refSum, tolerance);
      return diff === null ? { ...o, seconds, answer: "ok" } : { ...o, seconds, answer: "WRONG", answerDiff: `${diff} (vs ${refEngine})` };
    }));
  }
  return { checked, references };
}
