import type { TestProjectConfiguration } from 'vitest/config';

/**
 * The typed list of test projects. vitest 4 ignores a bare workspace file, so `vitest.config.ts` imports
 * this list as `test.projects`; each package runs as its own named project.
 *
 * Every timeout of the suite lives here, never in a test: tests wait for events, not for time, and these
 * bounds only stop a test that hangs. They are set for a shared 2-core machine whose neighbours can slow
 * a run 2–3× (the suite is checked green while `npm run bench` runs beside it).
 */
const sourceCondition = { resolve: { conditions: ['source'] }, ssr: { resolve: { conditions: ['source'] } } };
/** Bounds for projects whose tests are in-process computations (the slowest: property tests, big datasets). */
const computing = { testTimeout: 60_000, hookTimeout: 60_000 };

export const projects: TestProjectConfiguration[] = [
  { ...sourceCondition, test: { name: 'core', root: './packages/core', include: ['test/**/*.test.ts'], ...computing } },
  {
    ...sourceCondition,
    test: { name: 'criteria-presets', root: './packages/criteria-presets', include: ['test/**/*.test.ts'], ...computing },
  },
  { ...sourceCondition, test: { name: 'io', root: './packages/io', include: ['test/**/*.test.ts'], ...computing } },
  {
    ...sourceCondition,
    // Some server tests start real processes, one of them `npm start` (which builds the packages first);
    // on a shared 2-core machine that can take minutes.
    test: { name: 'server', root: './packages/server', include: ['test/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 120_000 },
  },
  { ...sourceCondition, test: { name: 'scorecards', root: './packages/scorecards', include: ['test/**/*.test.ts'], ...computing } },
  { ...sourceCondition, test: { name: 'examples', root: './examples', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], ...computing } },
];

export default projects;
