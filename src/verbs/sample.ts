/** Argument handling for df.sample (PySpark's positional forms) and the default seed. */
import type { SampleOptions } from "../../planner/analyzer/build-sample.js";
import { AnalysisError } from "../../planner/errors.js";

/** A seed chosen when the user gives none (Spark draws one at the call, too). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** `sample(opts)`, `sample(fraction, seed?)` or `sample(withReplacement, fraction, seed?)`. */
export function sampleArgs(a: SampleOptions | number | boolean, b?: number, c?: number): Required<SampleOptions> {
  if (typeof a === "object") return { withReplacement: a.withReplacement ?? false, fraction: a.fraction, seed: a.seed ?? randomSeed() };
  if (typeof a === "number") return { withReplacement: false, fraction: a, seed: b ?? randomSeed() };
  if (typeof a === "boolean") {
    if (b === undefined) throw new AnalysisError("sample(withReplacement, fraction, seed?) needs a fraction.");
    return { withReplacement: a, fraction: b, seed: c ?? randomSeed() };
  }
  throw new AnalysisError(`sample: unexpected argument ${String(a)}.`);
}
