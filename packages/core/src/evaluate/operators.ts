import { defineOperator } from '../plugin/define.js';
import type { OperatorDefinition } from '../plugin/types.js';

/**
 * json-rules-engine's fact-value check for numeric operators, reproduced exactly (it accepts anything
 * `parseFloat` reads as a number, e.g. `"12abc"` or `[5]`), so the compiled engine agrees with it.
 */
function numberLike(factValue: unknown): boolean {
  // For a number, parseFloat(String(n)) is NaN only for NaN itself.
  if (typeof factValue === 'number') return !Number.isNaN(factValue);
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

const indexOf = (haystack: unknown, needle: unknown): number => (haystack as { indexOf(x: unknown): number }).indexOf(needle);

/**
 * The core operators: json-rules-engine's ten built-ins with its exact semantics, plus `between`.
 * The compiled engine runs these; the reference engine runs json-rules-engine's own built-ins (and
 * registers the others), and a differential test checks that they agree.
 */
export const CORE_OPERATORS: readonly OperatorDefinition[] = [
  defineOperator({
    id: 'equal',
    symbol: '=',
    label: { vi: 'bằng', en: 'equals' },
    evaluate: (a, b) => a === b,
  }),
  defineOperator({
    id: 'notEqual',
    symbol: '≠',
    label: { vi: 'khác', en: 'does not equal' },
    evaluate: (a, b) => a !== b,
  }),
  defineOperator({
    id: 'in',
    symbol: '∈',
    label: { vi: 'thuộc', en: 'is one of' },
    valueTypes: ['array'],
    evaluate: (a, b) => indexOf(b, a) > -1,
  }),
  defineOperator({
    id: 'notIn',
    symbol: '∉',
    label: { vi: 'không thuộc', en: 'is not one of' },
    valueTypes: ['array'],
    evaluate: (a, b) => indexOf(b, a) === -1,
  }),
  defineOperator({
    id: 'contains',
    symbol: '∋',
    label: { vi: 'chứa', en: 'contains' },
    factTypes: ['array'],
    acceptsFact: Array.isArray,
    evaluate: (a, b) => indexOf(a, b) > -1,
  }),
  defineOperator({
    id: 'doesNotContain',
    symbol: '∌',
    label: { vi: 'không chứa', en: 'does not contain' },
    factTypes: ['array'],
    acceptsFact: Array.isArray,
    evaluate: (a, b) => indexOf(a, b) === -1,
  }),
  defineOperator({
    id: 'lessThan',
    symbol: '<',
    label: { vi: 'nhỏ hơn', en: 'is less than' },
    factTypes: ['number'],
    valueTypes: ['number'],
    acceptsFact: numberLike,
    evaluate: (a, b) => (a as number) < (b as number),
  }),
  defineOperator({
    id: 'lessThanInclusive',
    symbol: '≤',
    label: { vi: 'không lớn hơn', en: 'is at most' },
    factTypes: ['number'],
    valueTypes: ['number'],
    acceptsFact: numberLike,
    evaluate: (a, b) => (a as number) <= (b as number),
  }),
  defineOperator({
    id: 'greaterThan',
    symbol: '>',
    label: { vi: 'lớn hơn', en: 'is greater than' },
    factTypes: ['number'],
    valueTypes: ['number'],
    acceptsFact: numberLike,
    evaluate: (a, b) => (a as number) > (b as number),
  }),
  defineOperator({
    id: 'greaterThanInclusive',
    symbol: '≥',
    label: { vi: 'không nhỏ hơn', en: 'is at least' },
    factTypes: ['number'],
    valueTypes: ['number'],
    acceptsFact: numberLike,
    evaluate: (a, b) => (a as number) >= (b as number),
  }),
  defineOperator({
    id: 'between',
    label: { vi: 'trong khoảng', en: 'is between' },
    factTypes: ['number'],
    valueTypes: ['array'],
    acceptsFact: (v) => typeof v === 'number' && Number.isFinite(v),
    evaluate: (a, b) => {
      if (!Array.isArray(b) || b.length !== 2) return false;
      const [lo, hi] = b as [unknown, unknown];
      return typeof lo === 'number' && typeof hi === 'number' && (a as number) >= lo && (a as number) <= hi;
    },
  }),
];

/** Operators json-rules-engine has built in; the reference engine uses its own for these. */
export const JSON_RULES_ENGINE_BUILTINS: ReadonlySet<string> = new Set([
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);
