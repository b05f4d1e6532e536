import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody, syntaxErrorOffset } from '../src/http/json-body.js';
import { HttpProblem, parseServeArgs, problemDocument, readEnv, statusOf } from '../src/index.js';
import { parsePresetRef } from '../src/presets.js';

describe('JSON body parser', () => {
  it('finds no error in valid JSON, and an offset in every invalid text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', 'NaN', '"', ':', 'x'), (value, at, junk) => {
        const text = JSON.stringify(value);
        expect(syntaxErrorOffset(text)).toBe(-1);
        const broken = text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const offset = syntaxErrorOffset(broken);
        expect(offset === -1).toBe(valid);
        if (!valid) expect(offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('points at NaN, at a trailing comma, and past the end of a truncated text', () => {
    expect(syntaxErrorOffset('{"a": NaN}')).toBe(6);
    expect(syntaxErrorOffset('[1,2,]')).toBe(5);
    expect(syntaxErrorOffset('{"a": [1, 2')).toBe(11);
    expect(syntaxErrorOffset('"bad \\x escape"')).toBe(5);
  });

  it('survives a million-deep array and an 18 MB string without overflowing the stack', () => {
    expect(syntaxErrorOffset('['.repeat(1_000_000))).toBe(1_000_000);
    expect(syntaxErrorOffset('"' + 'a\\n'.repeat(6_000_000))).toBe(18_000_001);
  });

  it('names the line and column, never the text', () => {
    const err = (() => {
      try {
        parseJsonBody('{\n  "password": "hunter2",\n  "x": NaN\n}', { maxDepth: 10 });
      } catch (e) {
        return e as HttpProblem;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err!.message).toBe('The body is not valid JSON at line 3, column 8. NaN and Infinity are not JSON numbers.');
    expect(JSON.stringify(err!.problems)).not.toContain('hunter2');
  });

  it('bounds depth and refuses prototype keys wherever they are', () => {
    expect(() => parseJsonBody('[[[[1]]]]', { maxDepth: 3 })).toThrow(/deeper than 3 levels at \/0\/0\/0/);
    expect(parseJsonBody('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]]);
    expect(() => parseJsonBody('{"a":[{"b":{"prototype":1}}]}', { maxDepth: 10 })).toThrow(/"prototype" is not allowed \(at \/a\/0\/b\/prototype\)/);
    expect(() => parseJsonBody('{"a~/b":{"constructor":{}}}', { maxDepth: 10 })).toThrow(/at \/a~0~1b\/constructor/);
    expect(parseJsonBody('{"proto":1,"constructors":2}', { maxDepth: 10 })).toEqual({ proto: 1, constructors: 2 });
  });
});

describe('configuration', () => {
  it('reads the environment', () => {
    expect(readEnv({})).toEqual({});
    expect(
      readEnv({
        HOST: '0.0.0.0',
        PORT: '8080',
        CNSCD_PRESETS_DIR: './presets',
        CNSCD_PLUGINS: './a.js, @x/b ,',
        CNSCD_RATE_LIMIT: '600',
        CNSCD_BODY_LIMIT: '1048576',
        CNSCD_HANDLER_TIMEOUT: '5000',
        CNSCD_DRAIN_DELAY: '3000',
        LOG_LEVEL: 'silent',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 8080,
      presetsDir: './presets',
      plugins: ['./a.js', '@x/b'],
      rateLimit: { max: 600, timeWindow: 60_000 },
      bodyLimit: 1_048_576,
      handlerTimeout: 5000,
      drainDelay: 3000,
      logger: false,
    });
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readEnv({ PORT: '70000' })).toThrow(/between 0 and 65535/);
  });

  it('flags win over the environment', () => {
    expect(parseServeArgs(['--port', '9000', '--plugin', 'a', '--plugin', 'b', '--log-level', 'warn'], { PORT: '8080', HOST: '::1' })).toEqual({
      port: 9000,
      host: '::1',
      plugins: ['a', 'b'],
      logger: { level: 'warn' },
    });
    expect(() => parseServeArgs(['--nope'], {})).toThrow();
  });

  it('reads the operations settings from flags and environment', () => {
    expect(
      readEnv({
        CNSCD_RATE_LIMIT: 'off',
        CNSCD_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16',
        CNSCD_MAX_CONNECTIONS: '64',
        CNSCD_INFLATED_BODY_LIMIT: '2097152',
        CNSCD_LOG_CLIENT_IP: 'true',
      }),
    ).toEqual({ rateLimit: false, trustProxy: ['10.0.0.1', '10.1.0.0/16'], maxConnections: 64, inflatedBodyLimit: 2_097_152, logClientIp: true });
    expect(readEnv({ CNSCD_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => readEnv({ CNSCD_TRUST_PROXY: '2' })).toThrow(/hop count/);
    expect(() => readEnv({ CNSCD_LOG_CLIENT_IP: 'maybe' })).toThrow(/true or false/);
    expect(() => readEnv({ CNSCD_MAX_CONNECTIONS: '0' })).toThrow(/between 1/);
    expect(
      parseServeArgs(['--rate-limit', '30', '--trust-proxy', 'true', '--max-connections', '100', '--log-client-ip'], { CNSCD_RATE_LIMIT: 'off' }),
    ).toEqual({
      rateLimit: { max: 30, timeWindow: 60_000 },
      trustProxy: true,
      maxConnections: 100,
      logClientIp: true,
    });
    expect(() => parseServeArgs(['extra'], {})).toThrow(/Unexpected argument/);
  });
});

describe('problem documents', () => {
  it('statuses come from the registries', () => {
    expect(statusOf('DUPLICATE_ID')).toBe(422);
    expect(statusOf('PRESET_NOT_FOUND')).toBe(404);
    expect(statusOf('UNSUPPORTED_MEDIA_TYPE')).toBe(415);
    expect(statusOf('SHUTTING_DOWN')).toBe(503);
  });

  it('renders RFC 9457 members plus code and problems', () => {
    expect(problemDocument('RATE_LIMITED', 'Slow down.', '/v1/presets', [], { requestId: 'r1' })).toEqual({
      type: 'https://cnscd.dev/problems/RATE_LIMITED',
      title: 'Too many requests; slow down.',
      status: 429,
      detail: 'Slow down.',
      instance: '/v1/presets',
      code: 'RATE_LIMITED',
      problems: [],
      requestId: 'r1',
    });
  });

  it('parses preset references', () => {
    expect(parsePresetRef('national-2024')).toEqual({ id: 'national-2024' });
    expect(parsePresetRef('national-2024@^1.2')).toEqual({ id: 'national-2024', version: '^1.2' });
  });
});
