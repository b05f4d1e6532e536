/**
 * The curl transcripts of docs/api.md (and any other doc) run as written, from the repository root,
 * against a server listening on 127.0.0.1 (a free port stands in for the docs' 3000). With curl installed
 * the lines run through curl itself; without it, each is translated into the fetch curl would make
 * (`-d` sends the file with its newlines removed and, without `-H 'Content-Type: …'`, as a form).
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/index.js';
import { EXAMPLE_CRITERIA_SET } from '../src/internal/example-criteria-set.js';
import { documents, matches, root, transcripts, words, type Transcript } from './docs-blocks.js';

const DOCS_ORIGIN = 'http://127.0.0.1:3000';

/** `CNSCD_TEST_WITHOUT_CURL=1` runs the fetch translation even where curl is installed. */
const hasCurl = ((): boolean => {
  if (process.env.CNSCD_TEST_WITHOUT_CURL === '1') return false;
  try {
    execFileSync('sh', ['-c', 'command -v curl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** What `curl` would print for these arguments, made with fetch (only the flags the docs use). */
async function curlByFetch(args: readonly string[]): Promise<string> {
  const headers = new Headers();
  let body: string | undefined;
  let formBody: FormData | undefined;
  let method: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s' || a === '--silent') continue;
    if (a === '-H' || a === '--header') {
      const [name, ...value] = args[++i]!.split(':');
      headers.set(name!.trim(), value.join(':').trim());
    } else if (a === '-d' || a === '--data') {
      const v = args[++i]!;
      // curl -d @file drops carriage returns and newlines; it sends a form unless told otherwise.
      body = v.startsWith('@') ? readFileSync(root + v.slice(1), 'utf8').replace(/[\r\n]/g, '') : v;
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
    } else if (a === '-F' || a === '--form') {
      // -F name=@file: multipart/form-data with the file (fetch sets the boundary).
      const [name, value] = args[++i]!.split(/=(.*)/s) as [string, string];
      const form = new FormData();
      if (value.startsWith('@')) form.set(name, new Blob([readFileSync(root + value.slice(1))]), value.slice(1).split('/').pop()!);
      else form.set(name, value);
      formBody = form;
    } else if (a === '-X' || a === '--request') method = args[++i]!;
    else if (!a.startsWith('-')) url = a;
    else throw new Error(`curl flag ${a} is not translated: add it to curlByFetch`);
  }
  const sent = formBody ?? body;
  const res = await fetch(url!, { method: method ?? (sent === undefined ? 'GET' : 'POST'), headers, ...(sent === undefined ? {} : { body: sent }) });
  return res.text();
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, logger: false, underPressure: false }, { signals: false, notices: { info: () => undefined } });
});
afterAll(async () => {
  await server.stop();
});

describe('the curl transcripts of the docs run as written', () => {
  const all: [string, Transcript][] = documents().flatMap(([name, text]) =>
    transcripts(text)
      .filter((t) => t.command.startsWith('curl '))
      .map((t) => [`${name}: ${t.command}`, t] as [string, Transcript]),
  );

  it('docs/api.md has one for every route: each path of the OpenAPI document, the page, the document, Swagger UI', async () => {
    const api = all.filter(([name]) => name.startsWith('docs/api.md')).map(([, t]) => t.command);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const routes = [...Object.keys(doc.paths), '/', '/openapi.json', '/docs/'];
    expect(routes).toContain('/v1/imports');
    for (const route of routes) {
      const path = route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, "[^/?' ]+");
      expect(
        api.some((c) => new RegExp(`${DOCS_ORIGIN}${path}([?' ]|$)`).test(c)),
        route,
      ).toBe(true);
    }
  });

  it.each(all)(`%s (${hasCurl ? 'curl' : 'fetch'})`, async (_, t) => {
    const args = words(t.command)
      .slice(1)
      .map((w) => (w.startsWith(DOCS_ORIGIN) ? server.url + w.slice(DOCS_ORIGIN.length) : w));
    const printed = hasCurl ? (await promisify(execFile)('curl', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })).stdout : await curlByFetch(args);
    const lines = printed.split('\n');
    while (lines.at(-1) === '') lines.pop();
    expect(matches(t.expected, lines), `expected:\n${t.expected.join('\n')}\n\nprinted:\n${printed.slice(0, 2000)}`).toBe(true);
  });
});

describe('the request files of examples/api/', () => {
  it("are the OpenAPI document's examples (the evaluation's without options)", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, { post: { requestBody: { content: { 'application/json': { example: Record<string, unknown> } } } } }>;
    };
    const example = (path: string) => doc.paths[path]!.post.requestBody.content['application/json'].example;
    const file = (name: string): unknown => JSON.parse(readFileSync(`${root}examples/api/${name}`, 'utf8'));
    const { options: _options, ...evaluation } = example('/v1/evaluations');
    expect(file('evaluate-small.json')).toEqual(evaluation);
    expect(file('validate-quickstart.json')).toEqual(example('/v1/criteria-sets/validate'));
    expect(file('validate-quickstart.json')).toEqual({ criteriaSet: EXAMPLE_CRITERIA_SET });
  });
});
