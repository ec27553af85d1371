/**
 * The printed table: one row per task, one column per engine; a cell is the median seconds and
 * the ratio to Cinder (engine time / Cinder time: above 1 is slower than Cinder), or what went wrong.
 */
import type { CheckedOutcome } from "./answers.js";
import type { BenchResults } from "./run-benchmark.js";
import { taskDef } from "./tasks.js";

function cell(o: CheckedOutcome | undefined, cinder: CheckedOutcome | undefined, isCinder: boolean): string {
  if (o === undefined) return "";
  if (o.status !== "ok") return o.status;
  const s = o.seconds ?? NaN;
  const time = s < 10 ? s.toFixed(3) : s.toFixed(1);
  if (o.answer === "WRONG") return `${time} WRONG`;
  const ratio = !isCinder && cinder?.status === "ok" && cinder.answer !== "WRONG" && cinder.seconds ? ` (${ratioText(s / cinder.seconds)})` : "";
  return `${time}${ratio}${o.answer === "unchecked" ? " ?" : ""}`;
}

const ratioText = (r: number): string => `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;

/** Markdown table, then notes: errors, wrong answers, what the marks mean. */
export function formatTable(results: BenchResults): string {
  const engines = results.engines;
  const header = ["task", ...engines.map((e) => e.engine)];
  const rows: string[][] = [];
  for (const task of results.tasks) {
    const cinder = engines.find((e) => e.engine === "cinder")?.tasks.find((o) => o.task === task);
    const label = `${task} ${taskDef(task).title}`;
    rows.push([label, ...engines.map((e) => cell(e.tasks.find((o) => o.task === task), cinder, e.engine === "cinder"))]);
  }
  rows.push(["peak memory (MB)", ...engines.map((e) => (e.peakMb ? e.peakMb.toFixed(0) : ""))]);
  rows.push(["version", ...engines.map((e) => e.version ?? "")]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const sep = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  const out = [line(header), sep, ...rows.map(line)];
  const notes: string[] = [];
  for (const e of engines) {
    for (const o of e.tasks) {
      if (o.answer === "WRONG") notes.push(`${e.engine} ${o.task}: WRONG answer: ${o.answerDiff ?? ""}`);
      else if (o.status === "error" || o.status === "timeout") notes.push(`${e.engine} ${o.task}: ${o.status}${o.error ? `: ${o.error}` : ""}`);
    }
  }
  const m = results.machine;
  out.push("");
  out.push(`${results.sizeLabel} rows; median of ${results.runs} runs after a warm-up, in seconds; (×) = time / Cinder's time;`);
  out.push(`answers checked against ${results.referenceNote}; ? = no reference; n/a = not expressible in that engine's API.`);
  out.push(`Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; ${results.date}.`);
  if (notes.length) out.push("", ...notes);
  return out.join("\n");
}
