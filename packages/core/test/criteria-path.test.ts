import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnscdError } from '../src/errors.js';
import { getPath, isSafePath, parsePath, pathGetter } from '../src/criteria/path.js';

describe('isSafePath', () => {
  it.each(['youthUnion', '$.youthUnion', '$.byTask.onlinePayment', '_x', 'a-b.c_d', 'list.0', 'a.9b'])('accepts %s', (p) => {
    expect(isSafePath(p)).toBe(true);
  });

  it.each([
    '$..[?(@.x)]',
    '$..x',
    '$.a[0]',
    "a['b']",
    '$',
    '',
    '.a',
    'a.',
    'a..b',
    '0a',
    '-a',
    'a b',
    '$.a.__proto__',
    '__proto__',
    'constructor',
    'a.prototype.b',
    '$[*]',
    'a.$b',
    'x'.repeat(201),
  ])('rejects %s', (p) => {
    expect(isSafePath(p)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isSafePath(undefined)).toBe(false);
    expect(isSafePath(['a'])).toBe(false);
  });
});

describe('parsePath', () => {
  it('splits and strips $.', () => {
    expect(parsePath('$.byTask.onlinePayment')).toEqual(['byTask', 'onlinePayment']);
    expect(parsePath('youthUnion')).toEqual(['youthUnion']);
  });

  it('throws UNSAFE_PATH outside the grammar', () => {
    expect(() => parsePath('$..[?(@.x)]')).toThrow(CnscdError);
    try {
      parsePath('a.constructor');
    } catch (e) {
      expect((e as CnscdError).code).toBe('UNSAFE_PATH');
    }
  });
});

describe('getPath', () => {
  const value = { a: { b: 3, list: [5, 6] }, zero: 0 };

  it('reads own properties and array indexes', () => {
    expect(getPath(value, ['a', 'b'])).toBe(3);
    expect(getPath(value, ['a', 'list', '1'])).toBe(6);
    expect(getPath(value, ['zero'])).toBe(0);
    expect(getPath(value, [])).toBe(value);
  });

  it('is undefined for missing, inherited or forbidden keys and non-index array keys', () => {
    expect(getPath(value, ['a', 'c'])).toBeUndefined();
    expect(getPath(value, ['a', 'b', 'c'])).toBeUndefined();
    expect(getPath(value, ['toString'])).toBeUndefined();
    expect(getPath(value, ['constructor'])).toBeUndefined();
    expect(getPath(value, ['__proto__'])).toBeUndefined();
    expect(getPath(value, ['a', 'list', 'length'])).toBeUndefined();
    expect(getPath(value, ['a', 'list', '01'])).toBeUndefined();
    expect(getPath(null, ['a'])).toBeUndefined();
    expect(getPath(JSON.parse('{"__proto__": {"x": 1}}'), ['__proto__', 'x'])).toBeUndefined();
  });

  it('round-trips: every safe path built from keys reads back the value put there', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 6 }), fc.integer(), (keys, leaf) => {
        let obj: unknown = leaf;
        for (const k of [...keys].reverse()) obj = { [k]: obj };
        const path = `$.${keys.join('.')}`;
        expect(isSafePath(path)).toBe(true);
        expect(getPath(obj, parsePath(path))).toBe(leaf);
      }),
    );
  });
});

describe('pathGetter', () => {
  it('reads exactly what getPath reads, for any value and any segments', () => {
    const segment = fc.oneof(
      fc.constantFrom('a', 'b', '0', '1', '01', 'length', 'toString', '__proto__', 'constructor', 'prototype'),
      fc.string({ maxLength: 3 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, 0, 1, 'x', true),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', '0', '1', 'toString'), tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.array(segment, { minLength: 1, maxLength: 4 }), (v, segments) => {
        expect(pathGetter(segments)(v)).toBe(getPath(v, segments));
      }),
      { numRuns: 2000 },
    );
    expect(pathGetter(['a'])(JSON.parse('{"__proto__": {"a": 1}}'))).toBeUndefined();
    expect(pathGetter(['__proto__', 'x'])(JSON.parse('{"__proto__": {"x": 1}}'))).toBeUndefined();
  });
});
