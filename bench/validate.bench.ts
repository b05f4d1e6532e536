/**
 * `npm run bench:validate`: how dataset validation grows with the dataset, for valid data and for each kind
 * of invalid input when every team carries the same fault (a provincial export missing one column).
 *
 *   node bench/run.mjs validate [--sizes 10000,40000,160000] [--runs 3]
 *
 * The datasets are described in validate-data.ts. Each size is validated `runs` times (the fastest counts). `perDoubling`
 * is the growth of the time when the teams double, from the smallest to the largest size:
 * (t_largest / t_smallest)^(1 / doublings); linear time gives 2, and `npm test` fails above 2.5 (see
 * packages/core/test/validate-scaling.test.ts). The last line is JSON.
 */
import { validateDataset } from '../packages/core/src/model/validate.js';
import { gc, nowMs } from './timing.js';
import { FAULTS, faultyDataset } from './validate-data.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const sizes = arg('sizes', '10000,40000,160000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const kinds: Record<string, { ms: number[]; problems: number; bytesAtLargest: number; perDoubling: number }> = {};

for (const [kind, fault] of Object.entries(FAULTS)) {
  const ms: number[] = [];
  let problems = 0;
  let bytes = 0;
  for (const teams of sizes) {
    // Parsed from JSON, as the API and the CLI receive it.
    const text = JSON.stringify(faultyDataset(teams, fault));
    bytes = Buffer.byteLength(text);
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const input: unknown = JSON.parse(text);
      gc();
      const t0 = nowMs();
      const v = validateDataset(input);
      best = Math.min(best, nowMs() - t0);
      problems = v.problems.length;
    }
    ms.push(Math.round(best * 10) / 10);
  }
  const doublings = Math.log2(sizes[sizes.length - 1]! / sizes[0]!);
  const perDoubling = Math.round((ms[ms.length - 1]! / Math.max(ms[0]!, 0.1)) ** (1 / doublings) * 100) / 100;
  kinds[kind] = { ms, problems, bytesAtLargest: bytes, perDoubling };
  console.log(
    `${kind.padEnd(22)} ${ms.map((m) => `${m} ms`.padStart(10)).join(' ')}   ×${perDoubling} per doubling   ${problems} problems   ${(bytes / 1e6).toFixed(1)} MB`,
  );
}

const worst = Object.entries(kinds).reduce((a, b) => (b[1].perDoubling > a[1].perDoubling ? b : a));
console.log(
  JSON.stringify({
    bench: 'validate',
    date: new Date().toISOString().slice(0, 10),
    sizes,
    runs,
    kinds,
    worstPerDoubling: worst[1].perDoubling,
    worstKind: worst[0],
    slowestMsAtLargest: Math.max(...Object.values(kinds).map((k) => k.ms[k.ms.length - 1]!)),
  }),
);
