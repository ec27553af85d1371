import type { DataType, Field } from "apache-arrow";
import { decodeArrowSchemaHint } from "./arrow-schema-hint.js";
import { requireColumnType } from "./column-types.js";
import { columnArrowType, hasColumns } from "./parquet-arrow-type.js";
import { cannotRead, messageOf, type ParquetFooter } from "./parquet-footer.js";
import { OPTIONAL, type SchemaNode } from "./schema-tree.js";
import type { ColumnSpec } from "./types.js";

export interface FooterColumn {
  spec: ColumnSpec;
  /** The Arrow type parquet-wasm decodes the column as (column-stats needs it for bare INT64 timestamps). */
  arrowType: DataType;
}

/**
 * Cinder's schema of a Parquet file from its footer alone: the same columns, types and
 * nullability readParquetRowGroups returns, without opening the file in parquet-wasm.
 * Throws the user-facing errors: a type Cinder does not read, or a file parquet-wasm would reject.
 */
export function footerSchema(footer: ParquetFooter, path: string): FooterColumn[] {
  const nodes = footer.schema.children;
  const hints = footer.arrowSchema === undefined ? undefined : arrowHints(footer.arrowSchema, nodes, path);
  const out: FooterColumn[] = [];
  nodes.forEach((node, i) => {
    if (!hasColumns(node)) return;
    let arrowType: DataType;
    try {
      arrowType = columnArrowType(node, hints?.[i]);
    } catch (e) {
      throw cannotRead(path, `column "${node.name}": ${messageOf(e)}`);
    }
    const type = requireColumnType(arrowType, node.name, path);
    out.push({ spec: { name: node.name, type, nullable: node.repetition === OPTIONAL }, arrowType });
  });
  return out;
}

/**
 * The embedded Arrow schema's field types, one per top-level Parquet field. parquet-rs pairs them
 * by position and refuses files where the two schemas disagree, so those fail here as well.
 */
function arrowHints(base64: string, nodes: SchemaNode[], path: string): DataType[] {
  let fields: Field[];
  try {
    fields = decodeArrowSchemaHint(base64).fields;
  } catch (e) {
    throw cannotRead(path, `corrupt embedded Arrow schema (footer key "ARROW:schema"): ${messageOf(e)}`);
  }
  const mismatch = (why: string): Error => cannotRead(path, `its embedded Arrow schema (footer key "ARROW:schema") ${why}`);
  if (fields.length !== nodes.length) throw mismatch(`has ${fields.length} field(s), the Parquet schema ${nodes.length}`);
  return fields.map((f, i) => {
    const name = nodes[i]?.name;
    if (f.name !== name) throw mismatch(`names field ${i + 1} ${JSON.stringify(f.name)}, the Parquet schema ${JSON.stringify(name)}`);
    return f.type;
  });
}
