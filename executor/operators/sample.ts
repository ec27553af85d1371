/**
 * Sample (Spark's SampleExec): a seeded random sample of one partition. The generator is seeded
 * with seed + partition index and draws in the partition's row order, so the same seed over the
 * same partitions gives the same rows. Without replacement (Bernoulli) one draw per row: the row
 * is kept when the draw falls in [lowerBound, upperBound) — randomSplit's splits use adjacent
 * bounds over the same draws, so every row lands in exactly one split. With replacement each row
 * is repeated Poisson(upperBound - lowerBound) times (Knuth's method).
 */
import { type Batch, filterBatch, takeBatch } from "../batch.js";
import { growArray } from "../hash/grow-array.js";

export interface SampleSpec {
  readonly lowerBound: number;
  readonly upperBound: number;
  readonly withReplacement: boolean;
  readonly seed: number;
}

/** A 32-bit state from a (possibly large) integer seed: both halves mixed, so seeds 2^32 apart differ. */
function seedState(seed: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi ^ 0xc2b2ae35, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** mulberry32: small, fast, and good enough for sampling; doubles in [0, 1). */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seedState(seed);
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

export class Sampler {
  private readonly rand: SeededRandom;
  constructor(
    private readonly spec: SampleSpec,
    partition: number,
  ) {
    this.rand = new SeededRandom(spec.seed + partition);
  }

  /** The sampled rows of the next batch of the partition (draws continue across batches). */
  sample(b: Batch): Batch {
    return this.spec.withReplacement ? this.poisson(b) : this.bernoulli(b);
  }

  private bernoulli(b: Batch): Batch {
    const { lowerBound: lo, upperBound: hi } = this.spec;
    const mask = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) {
      const u = this.rand.next();
      mask[i] = u >= lo && u < hi ? 1 : 0;
    }
    return filterBatch(b, mask);
  }

  private poisson(b: Batch): Batch {
    const mean = this.spec.upperBound - this.spec.lowerBound;
    const limit = Math.exp(-mean);
    let idx = new Int32Array(Math.ceil(b.length * mean) + 16);
    let k = 0;
    for (let i = 0; i < b.length; i++) {
      let p = this.rand.next();
      while (p > limit) {
        if (k === idx.length) idx = growArray(idx, idx.length * 2);
        idx[k++] = i;
        p *= this.rand.next();
      }
    }
    return takeBatch(b, idx.subarray(0, k));
  }
}
