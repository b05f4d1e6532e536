#!/usr/bin/env node
// The `cnscd` command. This shim exists in the source tree (dist/ does not until `npm run build`), so
// that `npm install` / `npm ci` can link it into node_modules/.bin on a fresh clone.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('cnscd: not built yet. Run: npm run build -w @cnscd/core -w @cnscd/criteria-presets -w @cnscd/server\n');
    process.exit(1);
  }
  throw error;
}
