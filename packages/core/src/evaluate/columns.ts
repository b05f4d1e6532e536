/**
 * Column-at-a-time evaluation of compiled conditions, for scoring many subjects at once.
 *
 * Scoring subject by subject calls a tree of closures per criterion per subject; every call site in that
 * tree sees many closures, so the JIT can neither inline nor specialise it (~150–250 ns per criterion
 * here). Evaluated a criterion at a time over a batch of subjects, each leaf becomes one tight loop over a
 * column of fact values (read once per batch and shared by every criterion reading the same fact and
 * path), and `all` / `any` / `not` become loops over byte arrays.
 *
 * Only conditions whose operators are the core's (pure, total functions) are vectorised: every leaf is
 * then evaluated for every subject, where the closures stop at the first deciding child, and that is only
 * invisible for functions that cannot throw or have effects. The verdicts equal `CompiledCondition.test`
 * (and so json-rules-engine's); `test/columns.test.ts` checks that on random trees and values.
 */
import { FORBIDDEN_KEYS } from '../criteria/path.js';
import { CORE_PLUGIN, factReader, type ConditionPlan, type FactReader, type FactRow, type LeafPlan } from './compile.js';

/** One (fact, path) read by a batch: the key shared by every leaf and scoring reading it. */
export interface ColumnRead {
  readonly key: string;
  readonly slot: number;
  /** No path: the column is the slot's values. */
  readonly whole: boolean;
  /** The path's single key when it has exactly one (read inline); undefined otherwise. */
  readonly single: string | undefined;
  readonly reader: FactReader;
}

/** A column read for a fact slot and path segments. */
export function columnRead(slot: number, segments: readonly string[] | undefined): ColumnRead {
  const key = segments === undefined ? `${slot}` : `${slot}\u0000${segments.join('\u0000')}`;
  const single =
    segments !== undefined && segments.length === 1 && !FORBIDDEN_KEYS.has(segments[0]!) && !(segments[0]! in Object.prototype)
      ? segments[0]!
      : undefined;
  return { key, slot, whole: segments === undefined, single, reader: factReader(slot, segments) };
}

/** The fact values of one batch of rows, column by column, read on first use. */
export class Columns {
  private readonly cache = new Map<string, unknown[]>();

  constructor(readonly rows: readonly FactRow[]) {}

  get length(): number {
    return this.rows.length;
  }

  /** The column for `read`: `read.reader(row)` for every row, in row order. */
  get(read: ColumnRead): readonly unknown[] {
    let col = this.cache.get(read.key);
    if (col !== undefined) return col;
    const rows = this.rows;
    const n = rows.length;
    // Generic elements from the start: a column of mixed values would otherwise change kind (and box) midway.
    col = new Array<unknown>(n).fill(undefined);
    const { slot, single, reader } = read;
    if (read.whole) {
      for (let i = 0; i < n; i++) col[i] = rows[i]![slot];
    } else if (single !== undefined) {
      // factReader's semantics inline: a key Object.prototype lacks reads the same from a plain object
      // with or without an ownership check; anything else goes through the reader.
      for (let i = 0; i < n; i++) {
        const v = rows[i]![slot];
        col[i] =
          v === null || typeof v !== 'object'
            ? v
            : Object.getPrototypeOf(v) === Object.prototype
              ? (v as Record<string, unknown>)[single]
              : reader(rows[i]!);
      }
    } else {
      for (let i = 0; i < n; i++) col[i] = reader(rows[i]!);
    }
    this.cache.set(read.key, col);
    return col;
  }
}

/** A condition evaluated over a batch: 1 where it holds, 0 where not. */
export type VectorCondition = (columns: Columns) => Uint8Array;

/**
 * Compile a condition plan for column-at-a-time evaluation; undefined when a leaf uses a plugin operator
 * (then the caller scores row by row).
 */
export function vectorise(plan: ConditionPlan): VectorCondition | undefined {
  switch (plan.kind) {
    case 'fact':
      return plan.operatorPlugin === CORE_PLUGIN ? leafVector(plan) : undefined;
    case 'not': {
      const child = vectorise(plan.child);
      if (child === undefined) return undefined;
      return (cols) => {
        const out = child(cols);
        for (let i = 0; i < out.length; i++) out[i] = out[i]! ^ 1;
        return out;
      };
    }
    default: {
      const kids: VectorCondition[] = [];
      for (const c of plan.children) {
        const v = vectorise(c);
        if (v === undefined) return undefined;
        kids.push(v);
      }
      const isAll = plan.kind === 'all';
      // json-rules-engine: an empty all/any is true; a one-child group is that child.
      if (kids.length === 0) return (cols) => new Uint8Array(cols.length).fill(1);
      if (kids.length === 1) return kids[0]!;
      return (cols) => {
        const out = kids[0]!(cols);
        for (let k = 1; k < kids.length; k++) {
          const next = kids[k]!(cols);
          if (isAll) for (let i = 0; i < out.length; i++) out[i] = out[i]! & next[i]!;
          else for (let i = 0; i < out.length; i++) out[i] = out[i]! | next[i]!;
        }
        return out;
      };
    }
  }
}

/** One leaf over a column: numeric comparisons against a number as tight loops, others per value. */
function leafVector(leaf: LeafPlan): VectorCondition {
  const read = columnRead(leaf.slot, leaf.segments);
  const value = leaf.value;
  // The operator's own definition (core operators need no plugin-failure wrapping).
  const { acceptsFact: accepts, evaluate: ev } = leaf.operatorDef;
  const testValue =
    accepts === undefined ? (v: unknown): boolean => ev(v, value) === true : (v: unknown): boolean => accepts(v) && ev(v, value) === true;
  const loop =
    (body: (col: readonly unknown[], out: Uint8Array) => void): VectorCondition =>
    (cols) => {
      const out = new Uint8Array(cols.length);
      body(cols.get(read), out);
      return out;
    };
  if (typeof value === 'number') {
    // For a number the core comparisons are the comparison itself (json-rules-engine's numberLike check
    // only rejects NaN, which compares false anyway); other values take the operator's own definition.
    switch (leaf.operator) {
      case 'greaterThanInclusive':
        return loop((col, out) => {
          for (let i = 0; i < out.length; i++) {
            const v = col[i];
            out[i] = (typeof v === 'number' ? v >= value : testValue(v)) ? 1 : 0;
          }
        });
      case 'greaterThan':
        return loop((col, out) => {
          for (let i = 0; i < out.length; i++) {
            const v = col[i];
            out[i] = (typeof v === 'number' ? v > value : testValue(v)) ? 1 : 0;
          }
        });
      case 'lessThanInclusive':
        return loop((col, out) => {
          for (let i = 0; i < out.length; i++) {
            const v = col[i];
            out[i] = (typeof v === 'number' ? v <= value : testValue(v)) ? 1 : 0;
          }
        });
      case 'lessThan':
        return loop((col, out) => {
          for (let i = 0; i < out.length; i++) {
            const v = col[i];
            out[i] = (typeof v === 'number' ? v < value : testValue(v)) ? 1 : 0;
          }
        });
      case 'equal':
        return loop((col, out) => {
          for (let i = 0; i < out.length; i++) out[i] = col[i] === value ? 1 : 0;
        });
      default:
        break;
    }
  }
  return loop((col, out) => {
    for (let i = 0; i < out.length; i++) out[i] = testValue(col[i]) ? 1 : 0;
  });
}
