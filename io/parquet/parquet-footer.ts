import { closeSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import { buildSchemaTree, isGroup, type SchemaNode } from "./schema-tree.js";
import {
  ThriftCompactReader,
  fieldBinary,
  fieldList,
  fieldNumber,
  fieldStruct,
  isStruct,
  type ThriftStruct,
} from "./thrift-compact.js";

/** A top-level primitive column as the footer's SchemaElement describes it. */
export interface FooterLeaf {
  name: string;
  physicalType: number;
  convertedType: number | undefined;
  /** The LogicalType union struct (field 10), if the writer stored one. */
  logicalType: ThriftStruct | undefined;
}

export interface FooterColumnChunk {
  path: string[];
  physicalType: number;
  compressedSize: number;
  statistics: ThriftStruct | undefined;
}

export interface FooterRowGroup {
  numRows: number;
  bytes: number;
  columns: FooterColumnChunk[];
}

/** The parts of Parquet's FileMetaData that Cinder plans with. */
export interface ParquetFooter {
  size: number;
  numRows: number;
  /** The whole schema tree; the root's children are the columns. */
  schema: SchemaNode;
  /** Top-level primitive columns by name, for decoding statistics. */
  leaves: Map<string, FooterLeaf>;
  /** The base64 "ARROW:schema" key-value entry that Arrow-based writers embed, if any. */
  arrowSchema: string | undefined;
  rowGroups: FooterRowGroup[];
}

const MAGIC = "PAR1";
const TAIL = 8;

/**
 * Reads and decodes the footer: the last 8 bytes are `<len: u32 LE>PAR1`, the `len` bytes before
 * them a Thrift-compact FileMetaData. Only the footer is read, never the data pages.
 */
export async function readParquetFooter(path: string): Promise<ParquetFooter> {
  const fail = failer(path);
  const info = await stat(path).catch((e: unknown) => {
    throw statError(path, e);
  });
  const size = checkFile(info, fail);
  const handle = await open(path, "r").catch((e: unknown) => {
    throw fail(messageOf(e));
  });
  let bytes: Uint8Array;
  try {
    const len = footerLength(await readAt(handle, size - TAIL, TAIL, fail), size, fail);
    bytes = await readAt(handle, size - TAIL - len, len, fail);
  } finally {
    await handle.close();
  }
  return decodeOrFail(bytes, size, path);
}

/** readParquetFooter with blocking reads: two small reads at the end of the file. */
export function readParquetFooterSync(path: string): ParquetFooter {
  const fail = failer(path);
  let info: Stats;
  try {
    info = statSync(path);
  } catch (e) {
    throw statError(path, e);
  }
  const size = checkFile(info, fail);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw fail(messageOf(e));
  }
  let bytes: Uint8Array;
  try {
    const len = footerLength(readAtSync(fd, size - TAIL, TAIL, fail), size, fail);
    bytes = readAtSync(fd, size - TAIL - len, len, fail);
  } finally {
    closeSync(fd);
  }
  return decodeOrFail(bytes, size, path);
}

type Fail = (reason: string) => Error;

function failer(path: string): Fail {
  return (reason) => cannotRead(path, reason);
}

function statError(path: string, e: unknown): Error {
  if (isErrno(e, "ENOENT")) return new Error(`Parquet file not found: ${path}`);
  return failer(path)(messageOf(e));
}

/** Returns the file size once the file is big enough to hold a footer. */
function checkFile(info: Stats, fail: Fail): number {
  if (info.isDirectory()) throw fail("it is a directory");
  const size = info.size;
  if (size < 4 + TAIL) throw fail(`file too small to be Parquet (${size} bytes)`);
  return size;
}

/** Checks the 8-byte tail and returns the footer length it announces, bounded by the file. */
function footerLength(tail: Uint8Array, size: number, fail: Fail): number {
  const magic = Buffer.from(tail.subarray(4)).toString("latin1");
  if (magic === "PARE") throw fail("encrypted Parquet footers are not supported");
  if (magic !== MAGIC) throw fail("not a Parquet file (missing PAR1 magic at the end)");
  const len = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
  if (len + TAIL + 4 > size) throw fail(`corrupt footer (length ${len} exceeds file size ${size})`);
  return len;
}

function decodeOrFail(bytes: Uint8Array, size: number, path: string): ParquetFooter {
  try {
    return decodeFooter(bytes, size);
  } catch (e) {
    throw cannotRead(path, `corrupt footer (${messageOf(e)})`);
  }
}

async function readAt(handle: FileHandle, position: number, length: number, fail: Fail): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  const { bytesRead } = await handle.read(buf, 0, length, position).catch((e: unknown) => {
    throw fail(messageOf(e));
  });
  if (bytesRead !== length) throw fail(`short read: ${bytesRead} of ${length} bytes`);
  return buf;
}

function readAtSync(fd: number, position: number, length: number, fail: Fail): Uint8Array {
  const buf = new Uint8Array(length);
  let done = 0;
  try {
    // readSync may return fewer bytes than asked; 0 means the file ended (it shrank meanwhile).
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
  } catch (e) {
    throw fail(messageOf(e));
  }
  if (done !== length) throw fail(`short read: ${done} of ${length} bytes`);
  return buf;
}

function decodeFooter(bytes: Uint8Array, size: number): ParquetFooter {
  const meta = new ThriftCompactReader(bytes).readStruct();
  const numRows = fieldNumber(meta, 3);
  if (numRows === undefined) throw new Error("FileMetaData has no num_rows");
  const schema = buildSchemaTree(fieldList(meta, 2));
  const rowGroups = fieldList(meta, 4).filter(isStruct).map(decodeRowGroup);
  return { size, numRows, schema, leaves: topLevelLeaves(schema), arrowSchema: arrowSchemaEntry(meta), rowGroups };
}

function decodeRowGroup(rg: ThriftStruct): FooterRowGroup {
  const columns = fieldList(rg, 1).filter(isStruct).map(decodeColumnChunk);
  // total_compressed_size (field 6) is optional; the column chunks always carry theirs.
  const bytes = fieldNumber(rg, 6) ?? columns.reduce((sum, c) => sum + c.compressedSize, 0);
  return { numRows: fieldNumber(rg, 3) ?? 0, bytes, columns };
}

function decodeColumnChunk(chunk: ThriftStruct): FooterColumnChunk {
  const meta = fieldStruct(chunk, 3);
  if (meta === undefined) throw new Error("column chunk without meta_data");
  const path = fieldList(meta, 3).map((p) => (p instanceof Uint8Array ? utf8(p) : ""));
  return {
    path,
    physicalType: fieldNumber(meta, 1) ?? -1,
    compressedSize: fieldNumber(meta, 7) ?? 0,
    statistics: fieldStruct(meta, 12),
  };
}

function topLevelLeaves(root: SchemaNode): Map<string, FooterLeaf> {
  const leaves = new Map<string, FooterLeaf>();
  for (const node of root.children) {
    const physicalType = node.physicalType;
    if (isGroup(node) || physicalType === undefined) continue;
    leaves.set(node.name, { name: node.name, physicalType, convertedType: node.convertedType, logicalType: node.logicalType });
  }
  return leaves;
}

/** key_value_metadata (field 5) entry "ARROW:schema"; like parquet-rs, the last one with a value wins. */
function arrowSchemaEntry(meta: ThriftStruct): string | undefined {
  let found: string | undefined;
  for (const kv of fieldList(meta, 5)) {
    if (!isStruct(kv)) continue;
    const key = fieldBinary(kv, 1);
    const value = fieldBinary(kv, 2);
    if (key !== undefined && value !== undefined && utf8(key) === ARROW_SCHEMA_KEY) found = utf8(value);
  }
  return found;
}

const ARROW_SCHEMA_KEY = "ARROW:schema";

const decoder = new TextDecoder();
function utf8(b: Uint8Array): string {
  return decoder.decode(b);
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && "code" in e && e.code === code;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function cannotRead(path: string, reason: unknown): Error {
  return new Error(`Cannot read Parquet file ${path}: ${messageOf(reason)}`);
}
