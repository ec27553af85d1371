/**
 * The group ids of a hash aggregate's keys: a KeyTable behind two encodings chosen per table.
 * Composite keys with strings have their strings turned into int codes (StringKeyCodes); composite
 * int keys (codes included) are packed into one int32 while their ranges fit 31 bits (PackedKeys),
 * else probed as a composite key. Group ids are the table's insertion order, and a change of
 * encoding re-inserts the keys in id order, so ids never change under the accumulators.
 */
import type { DataType } from "../../../planner/types.js";
import type { Batch, Col, I32Col } from "../../batch.js";
import { hashColumns } from "../../hash/hash-columns.js";
import { KeyTable } from "../../hash/key-table.js";
import { PackedKeys, type PackedLayout } from "./packed-keys.js";
import { StringKeyCodes } from "./string-key-codes.js";

export class GroupKeyTable {
  private readonly codes: StringKeyCodes | null;
  private packed: PackedKeys | null;
  private table: KeyTable;
  private readonly keys: number[];
  private hashes = new Uint32Array(0);
  private scratch: Int32Array[] = [];

  /** Keys are columns 0..k−1 of every batch; `capacity`: expected groups. */
  constructor(
    readonly keyTypes: readonly DataType[],
    private readonly capacity = 0,
  ) {
    this.keys = keyTypes.map((_, i) => i);
    this.codes = StringKeyCodes.applies(keyTypes) ? new StringKeyCodes(keyTypes) : null;
    this.packed = PackedKeys.applies(this.encodedTypes) ? new PackedKeys(this.encodedTypes) : null;
    // One int32 word until the first batch shows the key ranges (an empty table is re-made freely).
    this.table = this.newTable(this.packed ? ["int32"] : this.encodedTypes);
  }

  get size(): number {
    return this.table.size;
  }

  private get encodedTypes(): DataType[] {
    return this.codes ? this.codes.encodedTypes : [...this.keyTypes];
  }

  private newTable(types: readonly DataType[]): KeyTable {
    const cap = Math.max(this.capacity, this.table === undefined ? 0 : 2 * this.table.size);
    return new KeyTable(types, cap > 256 ? { capacity: cap } : {});
  }

  /** Writes the group id of every row of `input` into `gids`, adding unseen keys. */
  findOrInsert(input: Batch, gids: Int32Array): void {
    const n = input.length;
    const b = this.codes ? this.codes.encode(input) : input;
    const packed = this.packed;
    if (packed !== null) {
      const cols = this.keys.map((k) => b.columns[k] as I32Col);
      const before = packed.layout;
      const fit = packed.fit(cols, n);
      if (fit === "overflow") this.unpackTable(before);
      else {
        const layout = packed.layout as PackedLayout;
        if (fit === "changed" && before !== null && this.table.size > 0) this.repackTable(before);
        else if (this.table.types.length !== layout.words) this.table = this.newTable(new Array<DataType>(layout.words).fill("int32"));
        const words = this.scratchWords(layout.words, n);
        packed.pack(cols, n, words);
        const keyBatch: Batch = { length: n, columns: words.map((values) => ({ type: "int32", values, valid: null })) };
        this.probe(keyBatch, this.allColumns(layout.words), gids);
        return;
      }
    }
    this.probe(b, this.keys, gids);
  }

  private probe(b: Batch, keys: readonly number[], gids: Int32Array): void {
    const n = b.length;
    if (this.hashes.length < n) this.hashes = new Uint32Array(n);
    const hashes = this.table.needsHashes ? hashColumns(b, keys, this.hashes) : null;
    this.table.findOrInsert(b, keys, hashes, gids);
  }

  private allColumns(k: number): number[] {
    return Array.from({ length: k }, (_, i) => i);
  }

  private scratchWords(words: number, n: number): Int32Array[] {
    while (this.scratch.length < words) this.scratch.push(new Int32Array(0));
    const out: Int32Array[] = [];
    for (let w = 0; w < words; w++) {
      if ((this.scratch[w] as Int32Array).length < n) this.scratch[w] = new Int32Array(n);
      out.push((this.scratch[w] as Int32Array).subarray(0, n));
    }
    return out;
  }

  /** The distinct keys in group id order, as the key types. */
  keyColumns(): Col[] {
    let cols = this.table.keyColumns();
    if (this.packed !== null) cols = this.packed.unpack(this.packedWords(cols), this.table.size);
    return this.codes ? this.codes.decode(cols) : cols;
  }

  private packedWords(cols: readonly Col[]): Int32Array[] {
    return cols.map((c) => (c as I32Col).values);
  }

  /** The keys so far, packed with `before`, re-inserted in id order under the new layout. */
  private repackTable(before: PackedLayout): void {
    const packed = this.packed as PackedKeys;
    const layout = packed.layout as PackedLayout;
    const n = this.table.size;
    const cols = packed.unpack(this.packedWords(this.table.keyColumns()), n, before);
    const words = Array.from({ length: layout.words }, () => new Int32Array(n));
    packed.pack(cols, n, words);
    const b: Batch = { length: n, columns: words.map((values) => ({ type: "int32", values, valid: null })) };
    const table = this.newTable(words.map(() => "int32"));
    const keys = this.allColumns(layout.words);
    this.table = this.reinsert(table, b, keys, table.needsHashes ? hashColumns(b, keys, new Uint32Array(n)) : null);
  }

  /** Leaves packing for good: the keys so far re-inserted in id order into a composite table. */
  private unpackTable(before: PackedLayout | null): void {
    const packed = this.packed as PackedKeys;
    this.packed = null;
    const n = this.table.size;
    const table = this.newTable(this.encodedTypes);
    if (before === null || n === 0) {
      this.table = table;
      return;
    }
    const cols = packed.unpack(this.packedWords(this.table.keyColumns()), n, before);
    const b: Batch = { length: n, columns: cols };
    this.table = this.reinsert(table, b, this.keys, table.needsHashes ? hashColumns(b, this.keys, new Uint32Array(n)) : null);
  }

  private reinsert(table: KeyTable, b: Batch, keys: readonly number[], hashes: Uint32Array | null): KeyTable {
    const ids = new Int32Array(b.length);
    table.findOrInsert(b, keys, hashes, ids);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== i) throw new Error("internal: group ids changed while re-encoding keys");
    return table;
  }
}
