/**
 * Step 1 of criteria-set validation: an iterative pre-walk (never recursion, so a 10,000-deep condition
 * cannot exhaust the stack) of condition depth and size, forbidden keys and the document's nesting.
 */
import { pointer, problem } from '../../errors.js';
import type { Problem } from '../../errors.js';
import { criteriaText as text } from '../../messages/problems-criteria.js';
import { FORBIDDEN_KEYS } from '../path.js';
import { CRITERIA_SET_LIMITS } from '../schema.js';
import { isObj, own, rawArray, rawObj, type Obj } from './helpers.js';

const LIMITS = CRITERIA_SET_LIMITS;
/** Forbidden keys reported per document. */
const MAX_FORBIDDEN_KEY_PROBLEMS = 100;

interface WalkNode {
  readonly value: unknown;
  readonly parent: WalkNode | undefined;
  readonly key: string | number;
  readonly depth: number;
}

/** Build a node's pointer only when reporting: a 10,000-deep document would make eager paths quadratic. */
function pointerOf(node: WalkNode): string {
  const segments: (string | number)[] = [];
  for (let n: WalkNode | undefined = node; n?.parent !== undefined; n = n.parent) segments.push(n.key);
  return pointer(...segments.reverse());
}

export function preWalk(doc: unknown, problems: Problem[]): boolean {
  // Condition trees, per criterion.
  const deepRoots: string[] = [];
  rawArray(doc, 'criteria').forEach((criterion, i) => {
    if (!isObj(criterion)) return;
    const roots: [string, unknown][] = [
      [pointer('criteria', i, 'applicableWhen'), own(criterion, 'applicableWhen')],
      [pointer('criteria', i, 'scoring', 'when'), own(rawObj(criterion, 'scoring') ?? {}, 'when')],
    ];
    let deep = false;
    let large = false;
    for (const [path, root] of roots) {
      if (root === undefined) continue;
      const m = measureCondition(root);
      if (m.tooDeep && !deep) {
        deep = true;
        deepRoots.push(path);
        problems.push(
          problem('CONDITION_TOO_DEEP', path, text('conditionTooDeep', { limit: LIMITS.conditionDepth }), { limit: LIMITS.conditionDepth }),
        );
      }
      if (m.tooLarge && !large) {
        large = true;
        problems.push(
          problem('CONDITION_TOO_LARGE', path, text('conditionTooLarge', { limit: LIMITS.conditionNodes }), { limit: LIMITS.conditionNodes }),
        );
      }
    }
  });

  // The whole document: forbidden keys, nesting, cycles (ajv's `type: number` already refuses NaN and ±∞). Sharing a sub-object (as
  // programs building sets do) is fine; only an object containing itself is not JSON.
  let usable = true;
  let forbidden = 0;
  let tooDeep: WalkNode | undefined;
  let containers = 0;
  const onPath = new Set<object>();
  const stack: (WalkNode | { readonly exit: object })[] = [{ value: doc, parent: undefined, key: '', depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if ('exit' in top) {
      onPath.delete(top.exit);
      continue;
    }
    const node = top;
    const v = node.value;
    if (v === null || typeof v !== 'object') continue;
    if (onPath.has(v)) {
      problems.push(problem('SCHEMA_VIOLATION', pointerOf(node), text('cyclicDocument', {}), { keyword: 'type' }));
      usable = false;
      break;
    }
    if (node.depth >= LIMITS.documentDepth) {
      tooDeep ??= node;
      usable = false;
      continue;
    }
    if (++containers > LIMITS.documentNodes) {
      // A bound on the whole document, so that the schema and the semantic checks (which word each
      // problem, with suggestions) have bounded work even when every condition is wrong.
      problems.push(
        problem('INPUT_TOO_LARGE', pointerOf(node), text('documentTooLarge', { limit: LIMITS.documentNodes }), { limit: LIMITS.documentNodes }),
      );
      usable = false;
      break;
    }
    onPath.add(v);
    stack.push({ exit: v });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: node, key: i, depth: node.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child: WalkNode = { value: (v as Obj)[key], parent: node, key, depth: node.depth + 1 };
      if (FORBIDDEN_KEYS.has(key)) {
        if (forbidden++ < MAX_FORBIDDEN_KEY_PROBLEMS) {
          problems.push(problem('FORBIDDEN_KEY', pointerOf(child), text('forbiddenKey', { key }), { key }));
        }
        continue;
      }
      stack.push(child);
    }
  }
  if (tooDeep !== undefined) {
    const path = pointerOf(tooDeep);
    if (!deepRoots.some((r) => path.startsWith(r + '/'))) {
      problems.push(problem('INPUT_TOO_LARGE', path, text('documentTooDeep', { limit: LIMITS.documentDepth }), { limit: LIMITS.documentDepth }));
    }
  }
  return usable;
}

/** Depth and node count of a condition tree, iteratively; stops counting past the node limit. */
export function measureCondition(root: unknown): { tooDeep: boolean; tooLarge: boolean } {
  let nodes = 0;
  let tooDeep = false;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > LIMITS.conditionNodes) return { tooDeep, tooLarge: true };
    if (depth > LIMITS.conditionDepth) tooDeep = true;
    if (!isObj(node)) continue;
    for (const key of ['all', 'any'] as const) {
      const list = own(node, key);
      if (Array.isArray(list)) for (const c of list) stack.push({ node: c, depth: depth + 1 });
    }
    const not = own(node, 'not');
    if (not !== undefined) stack.push({ node: not, depth: depth + 1 });
  }
  return { tooDeep, tooLarge: false };
}
