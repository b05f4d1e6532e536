/**
 * Runs the CLI bundle (`bench/out/cli/cli.js`, built by bench/run.mjs) in this process and, when it exits,
 * writes its own peak RSS and CPU time as one JSON line to file descriptor 3: Node reports no resource
 * usage for a child, and this process is the CLI's (the wrapper adds only this file).
 *
 *   node bench/cli-rss.mjs <cli.js> evaluate …   3> figures.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(cli), ...args];
process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeSync(3, `${JSON.stringify({ maxRssMb: u.maxRSS / 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
});
await import(pathToFileURL(path.resolve(cli)).href);
