import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts for publishing. @cnscd/core is a peer dependency: never bundled, so the plugin
// uses the host's core (one registry, one CnscdError class).
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['@cnscd/core'],
});
