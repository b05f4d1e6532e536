/** What an operator or a scoring needs of a value, and whether a value meets it (for the semantic checks). */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { LocalizedText } from '../../../errors.js';
import { render } from '../../../messages/define.js';
import { REQUIREMENT_MESSAGES, REQUIREMENT_TEXTS } from '../../../messages/problems-criteria.js';
import { typeText } from '../../../messages/problems-schema.js';
import type { OperatorDefinition, ValueType } from '../../../plugin/types.js';
import { isFiniteNumber } from '../helpers.js';

/** What a parameter or literal must be where it is used. */
export interface Requirement {
  readonly types: readonly ValueType[];
  /** `[min, max]` of numbers with min ≤ max. */
  readonly range?: true;
  /** A number above 0. */
  readonly positive?: true;
  /** The operator's compiled `valueSchema`. */
  readonly schema?: ValidateFunction;
  readonly text: LocalizedText;
}

export const NUMBER: Requirement = { types: ['number'], text: REQUIREMENT_TEXTS.number };
export const POSITIVE: Requirement = { types: ['number'], positive: true, text: REQUIREMENT_TEXTS.positive };
/** Core operators that need an array even if a plugin-less registry described them loosely. */
export const ARRAY_OPERATORS: ReadonlySet<string> = new Set(['in', 'notIn', 'between']);

export function valueTypeOf(v: unknown): ValueType | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'number' || t === 'string' || t === 'boolean' || t === 'object' ? t : 'other';
}

/** Why `v` does not meet `req`, or undefined when it does. */
export function unmet(v: unknown, req: Requirement): LocalizedText | undefined {
  const type = valueTypeOf(v);
  if (!(req.types as readonly string[]).includes(type)) {
    return render(REQUIREMENT_MESSAGES, 'needsNotType', { need: req.text, type });
  }
  if (req.positive && !(isFiniteNumber(v) && v > 0)) {
    return render(REQUIREMENT_MESSAGES, 'needs', { need: req.text });
  }
  if (req.range) {
    const ok = Array.isArray(v) && v.length === 2 && isFiniteNumber(v[0]) && isFiniteNumber(v[1]) && v[0] <= v[1];
    if (!ok) return render(REQUIREMENT_MESSAGES, 'needs', { need: req.text });
  }
  if (req.schema !== undefined && !req.schema(v)) {
    const e = req.schema.errors?.[0];
    return render(REQUIREMENT_MESSAGES, 'valueSchema', { where: e?.instancePath ?? '', detail: e?.message ?? '' });
  }
  return undefined;
}

export function operatorRequirement(id: string, op: OperatorDefinition | undefined, schema?: ValidateFunction): Requirement | undefined {
  const base = operatorRequirementByType(id, op);
  if (schema === undefined) return base;
  return { ...(base ?? { types: ['number', 'string', 'boolean', 'null', 'array'], text: REQUIREMENT_TEXTS.anyValue }), schema };
}

export function operatorRequirementByType(id: string, op: OperatorDefinition | undefined): Requirement | undefined {
  if (id === 'between') {
    return { types: ['array'], range: true, text: REQUIREMENT_TEXTS.range };
  }
  const types = op?.valueTypes ?? (ARRAY_OPERATORS.has(id) ? (['array'] as const) : undefined);
  if (types === undefined) return undefined;
  return { types, text: typeText(types) };
}

export interface ParamUse {
  readonly name: string;
  readonly req: Requirement;
  readonly usedAt: string;
}
