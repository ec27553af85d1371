/**
 * The shape of an arithmetic kernel for one element type and one operator: a column ⊕ column loop
 * and the two column ⊕ scalar loops. Each returns how many rows had a zero divisor (only `/` and
 * `%` count; those rows become null). The dispatcher handles a zero scalar divisor itself, so the
 * `cs` loops of `/` and `%` never see one.
 */
export interface ArithLoops<A, S> {
  readonly cc: (o: A, a: A, b: A, n: number) => number;
  readonly cs: (o: A, a: A, s: S, n: number) => number;
  readonly sc: (o: A, s: S, b: A, n: number) => number;
}

/** Integer tables have no `/`: the analyzer makes both operands of `/` float64. */
export type IntArithTable<A, S> = Readonly<Record<"+" | "-" | "*" | "%", ArithLoops<A, S>>>;

export type ArithTable<A, S> = IntArithTable<A, S> & { readonly "/": ArithLoops<A, S> };
