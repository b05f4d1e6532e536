import { describe, expect, it } from 'vitest';
import { levenshtein, suggest } from '../src/internal/suggest.js';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('stops at the limit', () => {
    expect(levenshtein('aaaaaaaa', 'bbbbbbbb', 3)).toBe(3);
    expect(levenshtein('ab', 'ba', 5)).toBe(2);
  });
});

describe('suggest', () => {
  const metrics = ['householdsVisited', 'peopleGuided', 'vneidInstalls', 'vneidLevel2Activations'];

  it('finds the closest candidate', () => {
    expect(suggest('householdVisited', metrics)).toBe('householdsVisited');
    expect(suggest('peopleGuidd', metrics)).toBe('peopleGuided');
  });

  it('ignores case', () => {
    expect(suggest('HOUSEHOLDSVISITED', metrics)).toBe('householdsVisited');
  });

  it('gives up beyond max(2, length / 3) edits', () => {
    expect(suggest('population', metrics)).toBeUndefined();
    // 'vilage' is 1 edit from 'village'; 'vlg' is 4 edits away, more than the 2 allowed for 3 letters.
    expect(suggest('vilage', ['province', 'village'])).toBe('village');
    expect(suggest('vlg', ['province', 'village'])).toBeUndefined();
  });

  it('breaks ties alphabetically, whatever the candidate order', () => {
    expect(suggest('cat', ['bat', 'hat'])).toBe('bat');
    expect(suggest('cat', ['hat', 'bat'])).toBe('bat');
  });

  it('prefers a closer candidate that comes later', () => {
    expect(suggest('abcdefgh', ['abcdexyz', 'abcdefgx'])).toBe('abcdefgx');
  });

  it('keeps a nearer candidate over an alphabetically earlier but farther one', () => {
    // 'abcaefgxx' is 3 edits away (within the 3 allowed) and sorts first, but 'abcdefghx' is 1 edit away.
    expect(suggest('abcdefghi', ['abcdefghx', 'abcaefgxx'])).toBe('abcdefghx');
    expect(suggest('abcdefghi', ['abcaefgxx', 'abcdefghx'])).toBe('abcdefghx');
  });

  it('accepts any iterable and handles empty input', () => {
    expect(suggest('comune', new Set(['commune']).values())).toBe('commune');
    expect(suggest('', metrics)).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });
});
