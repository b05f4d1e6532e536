/** Steps 1–2 on one document: the pre-walk, then the schema when the document can be walked. */
import type { Problem } from '../../errors.js';
import { preWalk } from './prewalk.js';
import { checkSchema } from './shape.js';

/**
 * Steps 1–2 on one document (the one validated, or a base when `source` is set). Returns false when the
 * document cannot be checked further (too deep, or a cyclic object graph).
 */
export function checkDocument(doc: unknown, source: string | undefined, problems: Problem[]): boolean {
  const local: Problem[] = [];
  const usable = preWalk(doc, local);
  if (usable) checkSchema(doc, local);
  for (const p of local) {
    problems.push(source === undefined ? p : { ...p, params: { ...p.params, source } });
  }
  return usable;
}
