import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the page and the scorecards in Debian's Chromium (/usr/bin/chromium, or
 * CNSCD_CHROMIUM), driven by playwright-core. Not part of `npm test`; it fails, never skips, without a browser.
 * Screenshots and PDFs go to packages/server/test-browser/artifacts/ (git-ignored).
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'browser',
    root: './packages/server',
    include: ['test-browser/**/*.test.ts'],
    // A real browser on a shared 2-core machine: the bound lives here, never in a test.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
