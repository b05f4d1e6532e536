import { expect, it } from 'vitest';
import { main } from './quickstart.js';

it('the README quick-start example prints scores and reasons', async () => {
  const lines: string[] = [];
  await main((l) => lines.push(l));
  expect(lines).toEqual([
    'to-thon-1: 100/100 (100%) → Pass / Đạt',
    '  size [passed] Met: Members = 5, required between 4 and 9',
    '  reports [passed] Met: Months reported = 10, required ≥ 10',
    'to-thon-2: 0/100 (0%) → Not yet / Chưa đạt',
    '  size [failed] Not met: Members = 3, required between 4 and 9',
    '  reports [failed] Not met: Months reported = 4, required ≥ 10',
  ]);
});
