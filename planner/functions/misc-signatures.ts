/** Signatures of the NaN tests and the hash functions. */
import { AnalysisError } from "../errors.js";
import { type MiscFn, exprToString } from "../expr.js";
import { typeOf } from "../analyzer/types-of.js";
import { isNestedType } from "../nested-types.js";
import { type FnSignature, intLiteral, sig } from "./signature.js";

export const MISC_SIGNATURES: Readonly<Record<MiscFn, FnSignature>> = {
  isnan: sig(["x:double"], "boolean", { nulls: "never" }),
  nanvl: sig(["x:double", "y:double"], "float64"),
  hash: sig(["col:any", "more:any*"], "int32", {
    nulls: "never",
    check: (args, fn) => {
      const nested = args.find((a) => isNestedType(typeOf(a)));
      if (nested) throw new AnalysisError(`${fn}() of ${exprToString(nested)} (${typeOf(nested)}) is not supported yet: hash takes flat columns.`);
    },
  }),
  md5: sig(["str:str"], "utf8"),
  sha1: sig(["str:str"], "utf8"),
  sha2: sig(["str:str", "bits:intLit"], "utf8", {
    nulls: "may",
    check: (args, fn) => {
      const b = intLiteral(args[1]);
      if (b !== null && ![0, 224, 256, 384, 512].includes(b)) throw new AnalysisError(`${fn}(): bit length ${b} is not one of 224, 256 (or 0), 384, 512.`);
    },
  }),
};
