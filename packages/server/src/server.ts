/**
 * `node packages/server/dist/server.js [flags]`: read flags and environment, listen, and stop gracefully
 * on SIGTERM/SIGINT. Same flags as `cnscd serve`.
 */
import { runCli } from './cli/run.js';

process.exitCode = await runCli(['serve', ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
