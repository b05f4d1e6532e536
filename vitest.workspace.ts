import type { TestProjectConfiguration } from 'vitest/config';

/**
 * The typed list of test projects. vitest 4 ignores a bare workspace file, so `vitest.config.ts` imports
 * this list as `test.projects`; each package runs as its own named project.
 */
const sourceCondition = { resolve: { conditions: ['source'] }, ssr: { resolve: { conditions: ['source'] } } };

export const projects: TestProjectConfiguration[] = [
  { ...sourceCondition, test: { name: 'core', root: './packages/core', include: ['test/**/*.test.ts'], testTimeout: 30_000 } },
  {
    ...sourceCondition,
    test: { name: 'criteria-presets', root: './packages/criteria-presets', include: ['test/**/*.test.ts'] },
  },
  { ...sourceCondition, test: { name: 'io', root: './packages/io', include: ['test/**/*.test.ts'], testTimeout: 60_000 } },
  {
    ...sourceCondition,
    // Some server tests start real processes, one of them `npm start` (which builds the packages first);
    // on a shared 2-core machine that can take minutes. The bound lives here, never in a test.
    test: { name: 'server', root: './packages/server', include: ['test/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 60_000 },
  },
  { ...sourceCondition, test: { name: 'scorecards', root: './packages/scorecards', include: ['test/**/*.test.ts'], testTimeout: 60_000 } },
  { ...sourceCondition, test: { name: 'examples', root: './examples', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] } },
];

export default projects;
