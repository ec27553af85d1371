/**
 * sample and randomSplit as Sample nodes. randomSplit normalizes the weights to cumulative bounds
 * over [0, 1) and gives every split the same seed, so each row's draw puts it in exactly one split.
 * That needs each partition to meet the draws in the same row order every time it is computed, so,
 * as Spark, randomSplit sorts each partition by all its columns first (identical rows are
 * interchangeable). It still assumes each partition holds the same rows each time: true for files,
 * local and cached data and hash exchanges; a round-robin repartition of a shuffled input is not.
 *
 * ```text
 * df.randomSplit([1, 3], 7)  →  Sample [0, 0.25) seed=7 sortedWithinPartitions   and   Sample [0.25, 1) … (same seed)
 * ```
 */
import { AnalysisError } from "../errors.js";
import type { LogicalPlan } from "../logical-plan.js";

export interface SampleOptions {
  readonly withReplacement?: boolean;
  /** The expected share of rows (without replacement, in [0, 1]); with replacement, the expected copies of each row. */
  readonly fraction: number;
  readonly seed?: number;
}

function checkSeed(seed: number, operation: string): void {
  if (!Number.isSafeInteger(seed)) throw new AnalysisError(`${operation}: seed must be a whole number, got ${seed}.`);
}

export function buildSample(input: LogicalPlan, opts: Required<SampleOptions>): LogicalPlan {
  const { fraction, withReplacement, seed } = opts;
  checkSeed(seed, "sample");
  if (!Number.isFinite(fraction) || fraction < 0 || (!withReplacement && fraction > 1)) {
    throw new AnalysisError(`sample: fraction must be ${withReplacement ? "≥ 0" : "between 0 and 1"} ${withReplacement ? "with" : "without"} replacement, got ${fraction}.`);
  }
  return { kind: "sample", input, lowerBound: 0, upperBound: fraction, withReplacement, seed, sortFirst: false };
}

export function buildRandomSplit(input: LogicalPlan, weights: readonly number[], seed: number): LogicalPlan[] {
  checkSeed(seed, "randomSplit");
  if (weights.length === 0) throw new AnalysisError("randomSplit needs at least one weight.");
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new AnalysisError(`randomSplit: weights must be finite and ≥ 0, got ${w} in [${weights.join(", ")}].`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new AnalysisError(`randomSplit: the weights must sum to more than 0, got [${weights.join(", ")}].`);
  const bounds = [0];
  for (const w of weights) bounds.push((bounds[bounds.length - 1] as number) + w / total);
  bounds[bounds.length - 1] = 1;
  return weights.map((_, i) => ({ kind: "sample", input, lowerBound: bounds[i] as number, upperBound: bounds[i + 1] as number, withReplacement: false, seed, sortFirst: true }));
}
