import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { CriteriaSet, Dataset } from '@cnscd/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type AppOptions } from '../src/index.js';

/** A dataset with one commune, `n` villages and one team per village, reporting every month of 2025. */
export function makeDataset(n: number, options: { members?: number } = {}): Dataset {
  const members = options.members ?? 5;
  const orgUnits: Dataset['orgUnits'][number][] = [{ id: 'xa-a', name: 'Xã A', level: 'commune' }];
  const teams: Dataset['teams'][number][] = [];
  const reports: NonNullable<Dataset['reports']>[number][] = [];
  for (let i = 0; i < n; i++) {
    orgUnits.push({ id: `thon-${i}`, name: `Thôn ${i}`, level: 'village', parentId: 'xa-a' });
    teams.push({
      id: `to-${i}`,
      orgUnitId: `thon-${i}`,
      level: 'village',
      establishedOn: '2024-01-01',
      onlineGroup: i % 2 === 0,
      members: Array.from({ length: members }, (_, j) => ({
        id: `m-${i}-${j}`,
        role: j === 0 ? 'leader' : 'member',
        ...(j === 1 ? { affiliations: ['youthUnion' as const] } : {}),
        ...(j < 2 ? { trainings: ['basic'] } : {}),
      })),
    });
    for (let m = 1; m <= 12; m++) {
      reports.push({
        teamId: `to-${i}`,
        month: `2025-${String(m).padStart(2, '0')}`,
        metrics: { householdsVisited: (i % 7) + m, paymentAccountsOpened: i % 3 },
      });
    }
  }
  return { name: `test ${n}`, window: { from: '2025-01', to: '2025-12' }, orgUnits, teams, reports };
}

/** A log stream for `logger: { stream }` and the lines written to it. */
export function logLines(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

/** A small, valid inline criteria set. */
export function makeCriteriaSet(overrides: Partial<CriteriaSet> = {}): CriteriaSet {
  return {
    id: 'test-set',
    version: '1.0.0',
    title: { vi: 'Bộ thử', en: 'Test set' },
    subject: { kind: 'team' },
    criteria: [
      {
        id: 'size',
        group: 'organisation',
        maxPoints: 50,
        title: { vi: 'Tổ có 4–9 thành viên', en: 'Team has 4–9 members' },
        scoring: { type: 'pass', when: { fact: 'memberCount', operator: 'between', value: [4, 9] } },
      },
      {
        id: 'reports',
        group: 'reporting',
        maxPoints: 50,
        title: { vi: 'Báo cáo ít nhất 10 tháng', en: 'At least 10 monthly reports' },
        scoring: { type: 'pass', when: { all: [{ fact: 'monthsReported', operator: 'greaterThanInclusive', value: 10 }] } },
      },
    ],
    ratings: [
      { id: 'pass', label: { vi: 'Đạt', en: 'Pass' }, minPercent: 50 },
      { id: 'fail', label: { vi: 'Chưa đạt', en: 'Not yet' }, minPercent: 0 },
    ],
    ...overrides,
  };
}

/** Build an app for a test (silent, no under-pressure so slow CI does not flap). */
export async function testApp(options: AppOptions = {}): Promise<FastifyInstance> {
  return buildApp({ underPressure: false, ...options });
}

/** Assert a problem+json answer and return its document. */
export function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code: string,
): {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  problems: { code: string; severity: string; path: string; message: { vi: string; en: string }; params?: Record<string, unknown> }[];
} {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const doc = res.json();
  expect(doc).toMatchObject({ status, code, type: `https://cnscd.dev/problems/${code}` });
  expect(typeof doc.title).toBe('string');
  expect(typeof doc.detail).toBe('string');
  expect(typeof doc.instance).toBe('string');
  expect(Array.isArray(doc.problems)).toBe(true);
  // Never internals: no stack traces, no schema paths.
  expect(res.body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|schemaPath|#\/\$defs|#\/properties/);
  for (const p of doc.problems) {
    expect(typeof p.path).toBe('string');
    expect(p.path === '' || p.path.startsWith('/')).toBe(true);
    expect(typeof p.message.vi).toBe('string');
    expect(typeof p.message.en).toBe('string');
  }
  return doc;
}

/** A temporary folder with files (paths relative to it → JSON values or raw text). */
export function tempFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Collects CLI output. */
export function collector(options: { isTTY?: boolean } = {}): { write(s: string): boolean; text(): string; isTTY?: boolean } {
  const chunks: string[] = [];
  return {
    write(s: string) {
      chunks.push(s);
      return true;
    },
    text: () => chunks.join(''),
    ...(options.isTTY === undefined ? {} : { isTTY: options.isTTY }),
  };
}

/**
 * A reform in lineage (issue 18): district D and communes C1, C2 end on 30 June 2025; C1 goes whole into
 * N, C2 splits into N and M with no shares, so village V2's team T2 cannot be placed after the reform.
 */
const END = '2025-06-30';
export const SPLIT_COMMUNE: Dataset = {
  levels: [{ id: 'province' }, { id: 'district' }, { id: 'commune' }, { id: 'village' }],
  orgUnits: [
    { id: 'P', name: 'Tỉnh', level: 'province' },
    { id: 'D', name: 'Huyện', level: 'district', parentId: 'P', validTo: END },
    { id: 'C1', name: 'Xã 1', level: 'commune', parentId: 'D', validTo: END, successors: [{ id: 'N', part: 'full' }] },
    {
      id: 'C2',
      name: 'Xã 2',
      level: 'commune',
      parentId: 'D',
      validTo: END,
      successors: [
        { id: 'N', part: 'partial' },
        { id: 'M', part: 'partial' },
      ],
    },
    { id: 'N', name: 'Xã mới', level: 'commune', parentId: 'P', validFrom: '2025-07-01' },
    { id: 'M', name: 'Xã mới 2', level: 'commune', parentId: 'P', validFrom: '2025-07-01' },
    { id: 'V1', name: 'Thôn 1', level: 'village', parentId: 'C1' },
    { id: 'V2', name: 'Thôn 2', level: 'village', parentId: 'C2' },
  ],
  teams: [
    { id: 'T1', orgUnitId: 'V1', level: 'village', establishedOn: '2022-01-01' },
    { id: 'T2', orgUnitId: 'V2', level: 'village', establishedOn: '2022-01-01' },
  ],
};
