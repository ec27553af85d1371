/**
 * Analysis-time check of a Spark datetime pattern (`yyyy-MM-dd HH:mm:ss.SSS`): the letters Cinder's
 * pattern compiler (executor/kernels/datetime/datetime-pattern.ts) implements, quoted text, and
 * any other non-letter as itself. An unknown letter is an AnalysisError before any task runs.
 */
import { AnalysisError } from "../errors.js";

/** The pattern letters supported for both formatting and parsing. */
export const PATTERN_LETTERS = "yMLdDEaHhKkmsSZXx";

export function checkDatetimePattern(fn: string, pattern: string): void {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) throw new AnalysisError(`${fn}(): unterminated quote in the datetime pattern '${pattern}'.`);
      i = close;
      continue;
    }
    if (/[A-Za-z]/.test(c) && !PATTERN_LETTERS.includes(c)) {
      throw new AnalysisError(
        `${fn}(): the datetime pattern letter '${c}' in '${pattern}' is not supported; Cinder supports ${PATTERN_LETTERS.split("").join(" ")} and quoted text.`,
      );
    }
  }
}
