/**
 * The block store: every block a task produced, with who produced it (job, stage, partition,
 * worker) and its size. That record is the lineage the scheduler recomputes from. Blocks of a job
 * are released when it ends, except those of cache()d stages, which stay for later jobs.
 */
import type { BlockRef } from "./blocks.js";
import type { TaskOutput } from "./task.js";

export interface BlockInfo {
  readonly ref: BlockRef;
  readonly jobId: number;
  readonly stageId: number;
  readonly partition: number;
  readonly worker: number;
}

export class BlockStore {
  private readonly blocks = new Map<string, BlockInfo>();
  private readonly caches = new Map<number, TaskOutput[]>();

  register(jobId: number, stageId: number, partition: number, out: TaskOutput): void {
    const refs = [...out.blocks, ...(out.sample ? [out.sample] : [])];
    for (const ref of refs) {
      if (ref) this.blocks.set(ref.id, { ref, jobId, stageId, partition, worker: out.worker });
    }
  }

  /** Keeps a cached stage's outputs for later jobs. */
  putCache(cacheId: number, outputs: TaskOutput[]): void {
    this.caches.set(cacheId, outputs);
  }

  getCache(cacheId: number): TaskOutput[] | undefined {
    return this.caches.get(cacheId);
  }

  dropCache(cacheId: number): void {
    this.caches.delete(cacheId);
  }

  /** Forgets a finished job's blocks (the shared memory is freed once no batch references it). */
  releaseJob(jobId: number): void {
    for (const [id, info] of this.blocks) if (info.jobId === jobId) this.blocks.delete(id);
  }

  get size(): number {
    return this.blocks.size;
  }

  get bytes(): number {
    let total = 0;
    for (const info of this.blocks.values()) total += info.ref.byteLength;
    for (const outs of this.caches.values()) for (const o of outs) for (const b of o.blocks) total += b?.byteLength ?? 0;
    return total;
  }

  info(id: string): BlockInfo | undefined {
    return this.blocks.get(id);
  }
}
