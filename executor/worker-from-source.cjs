/**
 * The worker entry when Cinder runs from its TypeScript source (tsx), not from the build.
 *
 * piscina loads a worker file with require() first. Under tsx that compiles executor/worker.ts and
 * everything it imports to CommonJS, where every use of an imported binding is a getter call: in the
 * CSV decoder's per-field loop (kind === K_INT32, fusedInt32(...)) that cost ~35% of the CPU time of
 * reading db-benchmark's 1e7-row CSV (12 s against 7.8 s). This file is plain CommonJS and loads the
 * worker with import(), so tsx compiles the executor as ES modules, as the build does.
 */
"use strict";

let loaded;
async function load() {
  // tsx's --import sets up only its require hook in a worker thread; its ESM API adds the loader.
  const { register } = await import("tsx/esm/api");
  register();
  return import("./worker.ts");
}
const worker = () => (loaded ??= load());

// piscina reads `default` (tasks) and `ping` off what require() returns, through an
// esModuleInterop wrapper that would otherwise nest this object under `default`.
Object.defineProperty(exports, "__esModule", { value: true });
exports.default = async (task) => (await worker()).default(task);
exports.ping = async () => (await worker()).ping();
