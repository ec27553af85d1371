/**
 * One engine's process: loads the adapter, then for each task loads its dataset if needed, runs
 * it once to warm up and `runs` times more, takes the checksum of the last answer, and reports
 * every step to the harness (which owns the timeouts and may kill this process).
 *
 *   node --import tsx bench/harness/engine-child.ts '<ChildConfig as JSON>'   (started by run-engine.ts)
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Checksum } from "./checksum.js";
import { type Engine, loadEngineModule } from "./engine.js";
import type { ChildConfig, ChildMessage, TaskOutcome } from "./protocol.js";
import { type Dataset, type TaskId, taskDef } from "./tasks.js";

const send = (m: ChildMessage): void => {
  process.send?.(m);
};
const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0]?.slice(0, 300) ?? "";

// A collection before each timed run keeps one run's garbage out of the next one's time.
// (--expose-gc cannot be a CLI flag here: Cinder's workers inherit execArgv, which rejects V8 flags.)
setFlagsFromString("--expose-gc");
const gcFn: unknown = runInNewContext("gc");
const collect = async (): Promise<void> => {
  if (typeof gcFn !== "function") return;
  gcFn();
  // Native engines free a result in a finalizer that runs on a later turn: let it, then collect again.
  await new Promise((resolve) => setImmediate(resolve));
  gcFn();
};

async function runTask(engine: Engine, task: TaskId, runs: number, slowSeconds: number): Promise<TaskOutcome> {
  const fn = engine.tasks[task];
  if (fn === undefined) return { task, status: "n/a" };
  const times: number[] = [];
  let checksum: Checksum | undefined;
  let last = runs;
  for (let run = 0; run <= last; run++) {
    await collect();
    send({ type: "phase", task, phase: "run", run });
    const t0 = performance.now();
    const answer = await fn();
    const seconds = (performance.now() - t0) / 1000;
    if (run > 0) times.push(seconds);
    // A task whose warm-up took a quarter of the timeout is timed once: the suite stays bounded
    // (Danfo's multi-key group-by), and one minute-long run says all there is to say.
    if (run === 0 && seconds > slowSeconds) last = Math.min(last, 1);
    if (run === last) checksum = await answer.checksum();
    await answer.dispose?.();
  }
  return { task, status: "ok", times, ...(checksum ? { checksum } : {}) };
}

async function main(config: ChildConfig): Promise<void> {
  const createEngine = await loadEngineModule(config.engine);
  const engine = await createEngine({ files: config.files, threads: config.threads });
  send({ type: "ready", version: engine.version });
  let loaded: Dataset | null = null;
  const loadFailed = new Map<Dataset, string>();
  for (const task of config.tasks) {
    let outcome: TaskOutcome;
    const dataset = taskDef(task).dataset;
    try {
      if (engine.tasks[task] !== undefined && dataset !== null && loaded !== dataset) {
        const failed = loadFailed.get(dataset);
        if (failed !== undefined) throw new Error(failed);
        if (loaded !== null) await engine.unload(loaded);
        loaded = null;
        await collect();
        send({ type: "phase", task, phase: "load" });
        const t0 = performance.now();
        try {
          await engine.load(dataset);
        } catch (e) {
          loadFailed.set(dataset, `loading ${dataset} failed: ${errorText(e)}`);
          throw new Error(loadFailed.get(dataset));
        }
        loaded = dataset;
        send({ type: "loaded", dataset, seconds: (performance.now() - t0) / 1000 });
      }
      outcome = await runTask(engine, task, config.runs, config.timeoutSeconds / 4);
    } catch (e) {
      outcome = { task, status: "error", error: errorText(e) };
    }
    send({ type: "task", outcome, maxRssMb: maxRssMb() });
  }
  await engine.close();
  send({ type: "done", maxRssMb: maxRssMb() });
}

const raw = process.argv[2];
if (raw === undefined) throw new Error("engine-child: expected the config as JSON in argv[2]");
main(JSON.parse(raw) as ChildConfig).then(
  () => {
    process.disconnect?.();
    // Native engines may keep threads alive after close: leave anyway, once the messages are out.
    setTimeout(() => process.exit(0), 1000).unref();
  },
  (e: unknown) => {
    send({ type: "fatal", error: errorText(e) });
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
