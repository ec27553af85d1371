/**
 * Bound expressions: what a worker evaluates. Column references are positions in the operator's
 * input batch, every node carries its result type, and the analyzer has already inserted the casts
 * that make operand types agree:
 *   - arithmetic `+ - * %`: both operands and the result have the same numeric type;
 *   - `/`: both operands float64, result float64 (Spark's true division);
 *   - comparisons: both operands have the same type; result boolean;
 *   - and/or/not: boolean operands (three-valued logic, as SQL);
 *   - case branches / coalesce args / in-list: all of the result (resp. input) type.
 * Plain data: it crosses to worker threads inside task descriptions.
 */
import type { AggFn, BinaryOp, LitValue, ScalarFn, UdfSpec } from "./expr.js";
import type { DataType } from "./types.js";

export type BoundExpr =
  | { readonly kind: "input"; readonly index: number; readonly type: DataType }
  | { readonly kind: "lit"; readonly value: LitValue; readonly type: DataType }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: DataType }
  | { readonly kind: "not"; readonly input: BoundExpr; readonly type: "boolean" }
  | { readonly kind: "neg"; readonly input: BoundExpr; readonly type: DataType }
  | { readonly kind: "isNull"; readonly input: BoundExpr; readonly negated: boolean; readonly type: "boolean" }
  | { readonly kind: "cast"; readonly input: BoundExpr; readonly type: DataType }
  | {
      readonly kind: "case";
      readonly branches: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
      readonly otherwise: BoundExpr | null;
      readonly type: DataType;
    }
  | { readonly kind: "in"; readonly input: BoundExpr; readonly list: readonly BoundExpr[]; readonly negated: boolean; readonly type: "boolean" }
  /** `timeZone`: the session time zone, for the functions that read it (hour, date_format, …). */
  | { readonly kind: "call"; readonly fn: ScalarFn; readonly args: readonly BoundExpr[]; readonly type: DataType; readonly timeZone?: string }
  /** A user-defined function; `type` is its declared return type. */
  | ({ readonly kind: "udf"; readonly args: readonly BoundExpr[]; readonly type: DataType } & UdfSpec);

/** One aggregate as the hash aggregate operator sees it. */
export interface AggSpec {
  readonly fn: AggFn;
  readonly distinct: boolean;
  /** Position of the aggregate's input column in the operator's input; null for count(*). */
  readonly input: number | null;
  /** Type of the input column (int64 for count(*)). */
  readonly inputType: DataType;
  /** Type of the final result. */
  readonly resultType: DataType;
  /** corr/covar: position and type of the second input column. */
  readonly input2?: number;
  readonly input2Type?: DataType;
  /** Literal arguments: percentile's and approxPercentile's percentage, then approxPercentile's accuracy. */
  readonly params?: readonly number[];
}
