import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { evaluateSync, type CriteriaSet, type Dataset } from '@cnscd/core';
import { getPreset, resolveBase } from '@cnscd/criteria-presets';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WRITE_CHUNK, writeJson } from '../src/cli/json-out.js';
import { jsonChunks, LazyArray } from '../src/internal/json-chunks.js';

/** A stream that keeps what it is given, and counts the writes. */
function sink(): { write(text: string): boolean; text(): string; writes: number } {
  const parts: string[] = [];
  return {
    writes: 0,
    write(text: string) {
      this.writes += 1;
      parts.push(text);
      return true;
    },
    text: () => parts.join(''),
  };
}

const expected = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function written(value: unknown): Promise<string> {
  const out = sink();
  await writeJson(out, value);
  return out.text();
}

/** JSON-like values with what JSON.stringify treats specially: undefined, functions, toJSON, holes, -0, null prototypes. */
const tricky = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'Tổ "số" \n\u2028', undefined, () => 1),
    fc.string(),
    fc.double(),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '10', '__proto__', 'toJSON')), tie('value'), { maxKeys: 5 }),
    tie('value').map((v) => ({ toJSON: (key: string) => ({ key, v }) })),
    tie('value').map((v) => Object.assign(Object.create(null) as object, { v })),
    fc.array(tie('value'), { maxLength: 3 }).map((a) => {
      const holey = [...a];
      holey.length += 2;
      return holey;
    }),
  ),
})).value;

describe('writeJson: JSON.stringify(value, null, 2) in chunks', () => {
  it('writes exactly what JSON.stringify gives, for arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(tricky, async (value) => {
        if (JSON.stringify(value) === undefined) return; // the CLI writes objects; writeJson rejects these
        expect(await written(value)).toBe(expected(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it("the 'lines' layout is the same JSON value, each array element on one line", async () => {
    await fc.assert(
      fc.property(tricky, fc.integer({ min: 1, max: 64 }), (value, chunk) => {
        const plain = JSON.stringify(value);
        if (plain === undefined) return;
        const text = [...jsonChunks(value, 'lines', chunk)].join('');
        expect(JSON.parse(text)).toEqual(JSON.parse(plain));
        expect(text.endsWith('\n')).toBe(true);
      }),
      { numRuns: 1_000 },
    );
    expect([...jsonChunks({ a: [{ x: 1, y: [2] }, 'b'], o: { p: { q: { r: 1 } } } }, 'lines')].join('')).toBe(
      '{\n  "a": [\n    {"x":1,"y":[2]},\n    "b"\n  ],\n  "o": {\n    "p": {\n      "q": {"r":1}\n    }\n  }\n}\n',
    );
  });

  it("the 'plain' layout is JSON.stringify(value), in chunks", async () => {
    await fc.assert(
      fc.property(tricky, fc.integer({ min: 1, max: 64 }), (value, chunk) => {
        const plain = JSON.stringify(value);
        if (plain === undefined) return;
        expect([...jsonChunks(value, 'plain', chunk)].join('')).toBe(plain);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a LazyArray is written as the array of its items, each made when it is written', async () => {
    const made: number[] = [];
    const lazy = new LazyArray(3, (i) => {
      made.push(i);
      return { i, skip: undefined };
    });
    const chunks = jsonChunks({ n: 3, rows: lazy }, 'lines', 1);
    const first = chunks.next();
    expect(first.done).toBe(false);
    expect(made).toEqual([]);
    const text = (first.value as string) + [...chunks].join('');
    expect(made).toEqual([0, 1, 2]);
    expect(JSON.parse(text)).toEqual({ n: 3, rows: [{ i: 0 }, { i: 1 }, { i: 2 }] });
    expect([...jsonChunks(new LazyArray(2, (i) => [i]), 'indent')].join('')).toBe(`${JSON.stringify([[0], [1]], null, 2)}\n`);
  });

  it('worked examples: empty containers, skipped keys, toJSON called with its key', async () => {
    expect(await written({})).toBe('{}\n');
    expect(await written([])).toBe('[]\n');
    expect(await written({ a: undefined, b: () => 1 })).toBe('{}\n');
    expect(await written({ a: [undefined, () => 1], b: { c: [] } })).toBe('{\n  "a": [\n    null,\n    null\n  ],\n  "b": {\n    "c": []\n  }\n}\n');
    const keyed = { toJSON: (key: string) => `key=${key}` };
    const value = { x: keyed, list: [keyed, { deep: { deeper: { deepest: keyed } } }] };
    expect(await written(value)).toBe(expected(value));
    await expect(writeJson(sink(), undefined)).rejects.toThrow(TypeError);
  });

  it('an explained evaluation with a roll-up, in chunks of about WRITE_CHUNK characters', async () => {
    const dataset = JSON.parse(readFileSync(new URL('../../../examples/datasets/ben-tre-2023.json', import.meta.url), 'utf8')) as Dataset;
    const set = getPreset('national-2024') as CriteriaSet;
    const result = evaluateSync(dataset, set, { period: '2023-01..2023-12', explain: true, resolveBase });
    expect(result.subjects.length).toBeGreaterThan(100);
    // Many subjects so that the text spans several chunks.
    const big = { ...result, subjects: Array.from({ length: 8 }, () => result.subjects).flat() };
    const out = sink();
    await writeJson(out, big);
    const want = expected(big);
    expect(want.length).toBeGreaterThan(3 * 2 ** 20);
    expect(out.text()).toBe(want);
    expect(out.writes).toBeGreaterThanOrEqual(3);
    // Each write but the last holds at least WRITE_CHUNK characters.
    expect(out.writes).toBeLessThanOrEqual(Math.ceil(want.length / WRITE_CHUNK) + 1);
  });

  it('waits for drain when the stream asks', async () => {
    const parts: string[] = [];
    const events = new EventEmitter();
    let waiting = false;
    const stream = {
      write(text: string) {
        expect(waiting).toBe(false);
        parts.push(text);
        waiting = true;
        setTimeout(() => {
          waiting = false;
          events.emit('drain');
        }, 1);
        return false;
      },
      once: (event: 'drain', listener: () => void) => events.once(event, listener),
    };
    const value = { rows: Array.from({ length: 30_000 }, (_, i) => ({ i, text: 'x'.repeat(60) })) };
    await writeJson(stream, value);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(expected(value));
  });
});
