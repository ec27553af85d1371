/** The shape of a comparison kernel: column vs column and column vs scalar, writing 0/1 bytes. */
export type CmpOp6 = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface CmpLoops<A, S> {
  readonly cc: (o: Uint8Array, a: A, b: A, n: number) => void;
  readonly cs: (o: Uint8Array, a: A, s: S, n: number) => void;
}

export type CmpTable<A, S> = Readonly<Record<CmpOp6, CmpLoops<A, S>>>;

/** `s op x` is `x flip(op) s`: scalar-column comparisons reuse the column-scalar loops. */
export function flipCmp(op: CmpOp6): CmpOp6 {
  switch (op) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return op;
  }
}
