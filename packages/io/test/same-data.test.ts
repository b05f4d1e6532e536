/** The same data as JSON, as a workbook and as a folder of CSV files gives the same dataset, hence the same scores. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toReportColumns, type Dataset } from '@cnscd/core';
import { readCsvFolder, readCsvText } from '../src/index.js';
import { csvFolder } from './fixtures/csv-folder.js';

const small = JSON.parse(readFileSync(new URL('../../../examples/datasets/small.json', import.meta.url), 'utf8')) as Dataset;

describe('the same data in every form', () => {
  it('a CSV folder as an officer writes it gives the JSON dataset', async () => {
    const r = await readCsvFolder(csvFolder(small));
    expect(r.problems).toEqual([]);
    expect(r.dataset).toEqual(small);
  });

  it('reports per member and month map to member reports', async () => {
    const r = await readCsvText(
      new TextEncoder().encode('Mã tổ,Mã thành viên,Tháng,Số lượt người được hướng dẫn\nT1,m-001,2025-03,4\nT1,,2025-03,10\n'),
      { file: 'bao-cao.csv' },
    );
    expect(r.dataset.reports).toEqual([
      { teamId: 'T1', memberId: 'm-001', month: '2025-03', metrics: { peopleGuided: 4 } },
      { teamId: 'T1', month: '2025-03', metrics: { peopleGuided: 10 } },
    ]);
    const cols = await readCsvText(new TextEncoder().encode('Mã tổ,Mã thành viên,Tháng,peopleGuided\nT1,m-001,2025-03,4\nT1,,2025-03,10\n'), {
      file: 'bao-cao.csv',
      reports: 'columns',
    });
    expect(cols.dataset.reportColumns).toEqual({
      teamId: ['T1', 'T1'],
      month: ['2025-03', '2025-03'],
      memberId: ['m-001', null],
      metrics: { peopleGuided: [4, 10] },
    });
  });

  it('reports read as columns are core’s columns of the same rows, and their problems point at the columns and the cell', async () => {
    const text = 'Mã tổ,Mã thành viên,Tháng,peopleGuided,householdsVisited\nT1,,2025-03,,4\nT1,m-1,2025-04,5,\nT2,,2025-04,,\nT1,,2025-05,-1,2\n';
    const bytes = new TextEncoder().encode(text);
    const objects = await readCsvText(bytes, { file: 'bao-cao.csv' });
    const columns = await readCsvText(bytes, { file: 'bao-cao.csv', reports: 'columns' });
    expect(columns.dataset.reportColumns).toEqual(toReportColumns(objects.dataset.reports!));
    expect(Object.keys(columns.dataset.reportColumns!.metrics)).toEqual(['householdsVisited', 'peopleGuided']);
    const negative = columns.problems.find((p) => p.path.startsWith('/reportColumns/metrics/peopleGuided/3'));
    expect(negative?.source).toMatchObject({ file: 'bao-cao.csv', row: 5, column: 'D' });
  });
});
