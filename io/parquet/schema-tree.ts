import { fieldBinary, fieldNumber, fieldStruct, isStruct, type ThriftStruct, type ThriftValue } from "./thrift-compact.js";

/** One SchemaElement of the footer with its children (the footer stores the tree flattened, in pre-order). */
export interface SchemaNode {
  name: string;
  /** Physical type (parquet.thrift `Type`); undefined for groups. */
  physicalType: number | undefined;
  typeLength: number | undefined;
  /** FieldRepetitionType: 0 REQUIRED, 1 OPTIONAL, 2 REPEATED; the root has none. */
  repetition: number | undefined;
  convertedType: number | undefined;
  /** The LogicalType union struct (field 10), if the writer stored one. */
  logicalType: ThriftStruct | undefined;
  scale: number | undefined;
  precision: number | undefined;
  children: SchemaNode[];
}

export const REQUIRED = 0;
export const OPTIONAL = 1;
export const REPEATED = 2;

// Real schemas nest a handful of levels; the cap keeps recursive walks off the stack limit.
const MAX_NESTING = 100;

/**
 * Rebuilds the schema tree from FileMetaData.schema. Element 0 is the root; `num_children` says
 * how many of the following elements (each with its own subtree) belong to a group.
 * Throws a plain Error when the counts do not add up.
 */
export function buildSchemaTree(elements: ThriftValue[]): SchemaNode {
  const first = elements[0];
  if (first === undefined) throw new Error("the schema is empty");
  const root = toNode(first, true);
  const stack: Array<{ node: SchemaNode; left: number }> = [{ node: root, left: childCount(first) }];
  for (let i = 1; i < elements.length; i++) {
    while (stack.length > 0 && stack[stack.length - 1]?.left === 0) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent === undefined) throw new Error(`the schema has ${elements.length - i} element(s) outside its root`);
    const el = elements[i] as ThriftValue;
    const node = toNode(el, false);
    parent.left--;
    parent.node.children.push(node);
    const n = childCount(el);
    if (n > 0) {
      if (stack.length >= MAX_NESTING) throw new Error(`the schema nests more than ${MAX_NESTING} levels deep`);
      stack.push({ node, left: n });
    }
  }
  if (stack.some((s) => s.left > 0)) throw new Error("the schema ends inside a group");
  return root;
}

/** True for a group (it may have no children); primitives carry a physical type instead. */
export function isGroup(node: SchemaNode): boolean {
  return node.physicalType === undefined;
}

function childCount(el: ThriftValue): number {
  const n = fieldNumber(el as ThriftStruct, 5) ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`a schema element has ${n} children`);
  return n;
}

function toNode(el: ThriftValue, isRoot: boolean): SchemaNode {
  if (!isStruct(el)) throw new Error("a schema element is not a struct");
  const rawName = fieldBinary(el, 4);
  if (rawName === undefined) throw new Error("a schema element has no name");
  const name = decoder.decode(rawName);
  const children = fieldNumber(el, 5) ?? 0;
  // parquet-cpp writes num_children = 0 on primitives, so the type decides; without one it is a group.
  const physicalType = children === 0 ? fieldNumber(el, 1) : undefined;
  const repetition = fieldNumber(el, 3);
  if (!isRoot && repetition === undefined && children === 0) throw new Error(`schema element "${name}" has no repetition`);
  return {
    name,
    physicalType,
    typeLength: fieldNumber(el, 2),
    repetition,
    convertedType: fieldNumber(el, 6),
    logicalType: fieldStruct(el, 10),
    scale: fieldNumber(el, 7),
    precision: fieldNumber(el, 8),
    children: [],
  };
}

const decoder = new TextDecoder();
