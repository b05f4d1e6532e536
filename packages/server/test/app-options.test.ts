import { describe, expect, it } from 'vitest';
import { buildApp, PluginLoadError, PresetsDirError } from '../src/index.js';
import { expectProblem, logLines, makeCriteriaSet, makeDataset, tempFiles, testApp } from './helpers.js';

/** A plugin module as a province would ship it (plain ESM, no build step). */
const PLUGIN_JS = `export default {
  name: 'test-even', version: '1.2.0', core: '^1',
  operators: [{ id: 'isEven', label: { vi: 'là số chẵn', en: 'is even' }, factTypes: ['number'], valueTypes: ['boolean'],
    acceptsFact: (v) => typeof v === 'number', evaluate: (a, b) => (a % 2 === 0) === b }],
};
`;

const evenSet = makeCriteriaSet({
  id: 'even-set',
  requires: { 'test-even': '^1' },
  criteria: [
    {
      id: 'even',
      group: 'organisation',
      maxPoints: 100,
      title: { vi: 'Số thành viên chẵn', en: 'Even member count' },
      scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'isEven', value: true } },
    },
  ],
});

describe('plugins', () => {
  it('loads a plugin by path; its operator works in inline sets and local presets', async () => {
    const dir = tempFiles({ 'plugins/even.mjs': PLUGIN_JS, 'presets/even.json': evenSet });
    const app = await testApp({ cwd: dir, plugins: ['./plugins/even.mjs'], presetsDir: 'presets' });
    try {
      const list = (await app.inject('/v1/presets')).json().presets;
      expect(list).toContainEqual(expect.objectContaining({ id: 'even-set', source: 'local' }));
      for (const body of [{ criteriaSet: evenSet }, { preset: 'even-set' }]) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/evaluations',
          payload: { dataset: makeDataset(1, { members: 4 }), period: '2025', ...body },
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        expect(res.json().subjects[0].percent).toBe(100);
      }
    } finally {
      await app.close();
    }
  });

  it('without the plugin, a set that needs it is a 400 MISSING_PLUGIN', async () => {
    const app = await testApp();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: { dataset: makeDataset(1), criteriaSet: evenSet, period: '2025' },
      });
      const doc = expectProblem(res, 400, 'MISSING_PLUGIN');
      expect(doc.problems.find((p) => p.code === 'MISSING_PLUGIN')?.path).toMatch(/^\/criteriaSet\/requires/);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a plugin that does not load or is not a plugin', async () => {
    const dir = tempFiles({ 'not-a-plugin.mjs': 'export default 42;\n' });
    await expect(buildApp({ cwd: dir, plugins: ['./missing.mjs'] })).rejects.toBeInstanceOf(PluginLoadError);
    await expect(buildApp({ cwd: dir, plugins: ['./not-a-plugin.mjs'] })).rejects.toThrow(/definePlugin/);
    await expect(buildApp({ cwd: dir, plugins: ['no-such-package-xyz'] })).rejects.toThrow(/no-such-package-xyz/);
  });
});

describe('presets folder', () => {
  it('refuses to start on an invalid preset, naming the file and the problems', async () => {
    const broken = { ...makeCriteriaSet({ id: 'broken' }), ratings: [{ id: 'only', label: { vi: 'a', en: 'a' }, minPercent: 50 }] };
    const dir = tempFiles({
      'presets/good.json': makeCriteriaSet({ id: 'good' }),
      'presets/province-x/preset.json': broken,
      'presets/bad-json.json': '{ not json',
    });
    const error = await buildApp({ cwd: dir, presetsDir: 'presets' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresetsDirError);
    const message = (error as Error).message;
    expect(message).toMatch(/presets\/province-x\/preset\.json#\/ratings.*RATING_GAP/);
    expect(message).toMatch(/presets\/bad-json\.json/);
    expect(message).not.toMatch(/good\.json/);
    expect((error as PresetsDirError).files.map((f) => f.file).sort()).toEqual(['presets/bad-json.json', 'presets/province-x/preset.json']);
  });

  it('refuses a local preset that redefines a bundled id@version', async () => {
    const dir = tempFiles({ 'presets/n.json': makeCriteriaSet({ id: 'national-2024', version: '2.0.0' }) });
    await expect(buildApp({ cwd: dir, presetsDir: 'presets' })).rejects.toThrow(/national-2024@2\.0\.0 is already defined/);
  });

  it('serves local presets that extend bundled ones and each other', async () => {
    const dir = tempFiles({
      'presets/a.json': { id: 'prov-a', version: '1.0.0', title: { vi: 'A', en: 'A' }, extends: { id: 'national-2024' } },
      'presets/b.json': { id: 'prov-b', version: '2.0.0', title: { vi: 'B', en: 'B' }, extends: { id: 'prov-a', version: '^1' } },
    });
    const app = await testApp({ cwd: dir, presetsDir: 'presets' });
    try {
      const res = await app.inject('/v1/presets/prov-b');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ source: 'local', lineage: ['national-2023@2.0.0', 'national-2024@2.0.0', 'prov-a@1.0.0', 'prov-b@2.0.0'] });
    } finally {
      await app.close();
    }
  });

  it('refuses a missing folder', async () => {
    await expect(buildApp({ presetsDir: '/no/such/folder' })).rejects.toThrow(/Cannot read the presets folder/);
  });
});

describe('operations options', () => {
  it('rate limit (opt-in): 429 problem+json with Retry-After; health is exempt', async () => {
    const app = await testApp({ rateLimit: { max: 2, timeWindow: 60_000 } });
    try {
      expect((await app.inject('/v1/presets')).statusCode).toBe(200);
      expect((await app.inject('/v1/presets')).statusCode).toBe(200);
      const res = await app.inject('/v1/presets');
      expectProblem(res, 429, 'RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
      for (let i = 0; i < 5; i++) expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('under pressure: 503 OVERLOADED problem+json', async () => {
    const app = await buildApp({ underPressure: { healthCheck: async () => false, healthCheckInterval: 5 } });
    try {
      await app.ready();
      // The health check runs on a timer: wait for its verdict rather than for a fixed time.
      let res = await app.inject('/v1/presets');
      while (res.statusCode === 200) {
        await new Promise((r) => setImmediate(r));
        res = await app.inject('/v1/presets');
      }
      expectProblem(res, 503, 'OVERLOADED');
      expect(res.headers['retry-after']).toBeDefined();
      expectProblem(await app.inject('/ready'), 503, 'OVERLOADED');
      expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('a custom body limit', async () => {
    const app = await testApp({ bodyLimit: 2048 });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: { dataset: makeDataset(20), preset: 'national-2024', period: '2025' },
      });
      expectProblem(res, 413, 'INPUT_TOO_LARGE');
    } finally {
      await app.close();
    }
  });

  it('logs one line per request: method, route pattern, status, duration, request id; no URL, IP, body or other headers', async () => {
    const { lines, stream } = logLines();
    const app = await testApp({ logger: { level: 'info', stream } });
    try {
      await app.inject({
        method: 'POST',
        url: '/v1/evaluations?dryRun=true&token=query-secret',
        headers: {
          authorization: 'Bearer top-secret-token',
          cookie: 'session=abc123secret',
          'x-api-key': 'key-secret',
          'x-forwarded-for': '203.0.113.9',
          'user-agent': 'province-client/1.0',
          'x-request-id': 'req-log-1',
        },
        remoteAddress: '198.51.100.7',
        payload: { dataset: makeDataset(1), preset: 'no-such', period: '2025', note: 'body-marker-xyz' },
      });
      await app.inject({ url: '/v1/presets/national-2024?asOf=2025-06-30' });
      await app.inject({ url: '/no/such/secret-path?x=1' });
      const log = lines.join('');
      for (const secret of [
        'top-secret-token',
        'abc123secret',
        'key-secret',
        'query-secret',
        'body-marker-xyz',
        'to-0',
        '198.51.100.7',
        '203.0.113.9',
        'secret-path',
        'national-2024',
        '"url"',
      ]) {
        expect(log, secret).not.toContain(secret);
      }
      const done = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request completed');
      expect(done).toHaveLength(3);
      expect(done[0]).toMatchObject({
        reqId: 'req-log-1',
        method: 'POST',
        route: '/v1/evaluations',
        status: 400, // the unknown query parameter
        headers: { 'content-type': 'application/json', 'user-agent': 'province-client/1.0' },
      });
      expect(Object.keys(done[0]!.headers as object).sort()).toEqual(['content-length', 'content-type', 'user-agent']);
      expect(typeof done[0]!.durationMs).toBe('number');
      expect(done[0]).not.toHaveProperty('ip');
      expect(done[1]).toMatchObject({ method: 'GET', route: '/v1/presets/:id', status: 200 });
      expect(done[2]).toMatchObject({ method: 'GET', route: null, status: 404 });
      // No "incoming request" line, and Fastify's "Route GET:/no/such/... not found" is not written.
      expect(lines.filter((l) => l.includes('incoming request') || l.includes('not found'))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('adds the client address when asked (logClientIp), from X-Forwarded-For only behind a trusted proxy', async () => {
    const { lines, stream } = logLines();
    const direct = await testApp({ logger: { level: 'info', stream }, logClientIp: true });
    const proxied = await testApp({ logger: { level: 'info', stream }, logClientIp: true, trustProxy: '127.0.0.1' });
    try {
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      await direct.inject({ url: '/health', headers, remoteAddress: '127.0.0.1' });
      await proxied.inject({ url: '/health', headers, remoteAddress: '127.0.0.1' });
      await proxied.inject({ url: '/health', headers, remoteAddress: '198.51.100.7' }); // not a trusted proxy
      const ips = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request completed')
        .map((l) => l.ip);
      expect(ips).toEqual(['127.0.0.1', '203.0.113.9', '198.51.100.7']);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});

describe('evaluation in a worker thread', () => {
  it('gives the same result as inline, plugins included', async () => {
    const dir = tempFiles({ 'plugins/even.mjs': PLUGIN_JS });
    const inline = await testApp({ cwd: dir, plugins: ['./plugins/even.mjs'] });
    const worker = await testApp({ cwd: dir, plugins: ['./plugins/even.mjs'], workerThreshold: 5 });
    try {
      const payload = { dataset: makeDataset(8, { members: 4 }), criteriaSet: evenSet, period: '2025' };
      const a = await inline.inject({ method: 'POST', url: '/v1/evaluations', payload });
      const b = await worker.inject({ method: 'POST', url: '/v1/evaluations', payload });
      expect(a.statusCode).toBe(200);
      expect(b.statusCode, b.body.slice(0, 300)).toBe(200);
      expect(b.json()).toEqual(a.json());
      // The warm worker is reused, and problems raised inside it keep their pointers.
      const again = await worker.inject({ method: 'POST', url: '/v1/evaluations', payload: { ...payload, asOf: '2025-06-30' } });
      expect(again.statusCode).toBe(200);
      expect(again.json().asOf).toBe('2025-06-30');
    } finally {
      await inline.close();
      await worker.close();
    }
  });

  it('stops an evaluation at the handler timeout: 503 TIMED_OUT, and keeps serving', async () => {
    const app = await testApp({ workerThreshold: 0, handlerTimeout: 1 });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/evaluations',
        payload: { dataset: makeDataset(50), preset: 'national-2024', period: '2025' },
      });
      expectProblem(res, 503, 'TIMED_OUT');
      expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
