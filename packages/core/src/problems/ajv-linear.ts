/**
 * ajv with `allErrors` gathers the errors of a `$ref`'d schema with `vErrors = vErrors.concat(callee.errors)`,
 * which copies every error found so far: a document with many failing references (conditions in a criteria
 * set, records in a dataset) takes time quadratic in its errors. 32,000 faulty conditions took 7 s.
 * Rewriting that statement of the generated code to push the callee's errors in place makes it linear;
 * the errors and their order are unchanged. Only ajv's own generated code is rewritten: no caller text
 * ever reaches it.
 */
const CONCAT = /vErrors = vErrors === null \? ([\w$.]+) : vErrors\.concat\(\1\);/g;

/**
 * For ajv's `code.process` option: the generated code with each error-array copy replaced by pushes.
 *
 * @example
 * ```ts
 * const ajv = new Ajv2020({ allErrors: true, code: { process: linearAjvErrors } });
 * ```
 */
export function linearAjvErrors(code: string): string {
  return code.replace(
    CONCAT,
    (_, errors: string) =>
      `if (vErrors === null) vErrors = ${errors}; else { const e$ = ${errors}; for (let i$ = 0; i$ < e$.length; i$++) vErrors.push(e$[i$]); }`,
  );
}
