/**
 * Loading a peer engine from bench/node_modules (installed by `npm run bench:setup`, not by the
 * library's own `npm ci`). The specifier is a variable so TypeScript neither needs nor checks the
 * peer's types: what comes back is `unknown`, narrowed here to the few members each adapter uses.
 */
import { readFileSync } from "node:fs";

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return (typeof v === "object" || typeof v === "function") && v !== null;
}

/**
 * The peer's module object (its CommonJS `module.exports` when it has one).
 * Resolved from this folder, so bench/node_modules is found first.
 */
export async function loadPeer(name: string): Promise<Obj> {
  let mod: unknown;
  try {
    const specifier: string = name;
    mod = await import(specifier);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`cannot load ${name} (run npm run bench:setup): ${msg.split("\n")[0]}`);
  }
  if (!isObj(mod)) throw new Error(`${name}: unexpected module shape`);
  // A CommonJS peer's whole API is its default export; an ES module's is the namespace.
  const dflt = mod["default"];
  return isObj(dflt) ? dflt : mod;
}

/**
 * Checks that `obj` has the named functions and returns it as `T` — the one cast per peer, made
 * after the check rather than trusted.
 */
export function withMethods<T>(obj: unknown, what: string, names: readonly string[]): T {
  if (!isObj(obj)) throw new Error(`${what}: expected an object, got ${typeof obj}`);
  const missing = names.filter((n) => typeof obj[n] !== "function");
  if (missing.length) throw new Error(`${what}: missing ${missing.join(", ")} (unexpected version?)`);
  return obj as T;
}

/** A numeric column of a peer's result as an array-like (throws if it is not one). */
export function arrayLike(v: unknown, what: string): ArrayLike<number | bigint | null | undefined> {
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return v as ArrayLike<number | bigint | null | undefined>;
  throw new Error(`${what}: expected an array of numbers`);
}

/** The installed version of a peer, from its package.json in bench/node_modules. */
export function peerVersion(name: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8"));
    return isObj(pkg) && typeof pkg["version"] === "string" ? pkg["version"] : "?";
  } catch {
    return "?";
  }
}
