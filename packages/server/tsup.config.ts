import { chmodSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Two builds share dist/, so it is cleaned once here rather than by each (they run in parallel).
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });

export default defineConfig([
  {
    // The library: ESM + CJS + types.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    shims: true, // import.meta.url in the CJS build (the evaluation worker is found next to the bundle)
  },
  {
    // Executables and the evaluation worker: ESM only; `cnscd` gets its shebang.
    entry: { server: 'src/server.ts', cli: 'src/cli.ts', 'eval-worker': 'src/internal/eval-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    onSuccess: async () => chmodSync(new URL('./dist/cli.js', import.meta.url), 0o755),
  },
]);
