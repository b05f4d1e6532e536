/**
 * The multipart/form-data body of `POST /v1/evaluations`, for the OpenAPI document (Swagger UI shows a
 * file picker beside the fields). The route reads the parts itself and checks the fields as it checks a
 * JSON body (see spreadsheet.ts).
 */
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FIELD_BYTES } from '../http/uploads.js';
import { PRESET_REF_PATTERN } from './index.js';

const MiB = (n: number): number => n / 2 ** 20;

/**
 * The form: `file` (the dataset as `.xlsx` or `.csv`) and the JSON body's other fields, JSON-valued ones
 * as JSON text.
 *
 * @example
 * ```ts
 * app.post('/evaluations', { schema: { body: { content: { 'multipart/form-data': { schema: evaluationFormSchema } } } } }, handler);
 * ```
 */
export const evaluationFormSchema = {
  type: 'object',
  required: ['file', 'period'],
  description:
    "The dataset as a spreadsheet, with the JSON body's other fields as form fields (give exactly one of `preset` and " +
    '`criteriaSet`). Example: `curl -F file=@to-2025.xlsx -F preset=national-2024 -F period=2025 ' +
    "http://127.0.0.1:3000/v1/evaluations`. The answer is the JSON body's (JSON, NDJSON, HTML or XLSX by `Accept`); a " +
    'spreadsheet with errors is refused like `POST /v1/imports` (415, 413, 422), each problem with its `source` cell ' +
    'and a pointer under `/dataset`.',
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: `The dataset: an .xlsx workbook or a .csv file (at most ${MiB(MAX_UPLOAD_BYTES)} MiB, and the server's body limit).`,
    },
    preset: { type: 'string', pattern: PRESET_REF_PATTERN, description: 'A preset: `id` or `id@version`.' },
    criteriaSet: { type: 'string', description: `An inline criteria set as JSON text (at most ${MiB(MAX_UPLOAD_FIELD_BYTES)} MiB).` },
    period: {
      type: 'string',
      description: 'Months evaluated: "2025-01..2025-12", "2025-06", "2025", or {"from","to"} as JSON text.',
      examples: ['2025'],
    },
    asOf: { type: 'string', description: 'Evaluation date YYYY-MM-DD.' },
    options: { type: 'string', description: 'The JSON body\'s `options` as JSON text, e.g. {"explain":false}.' },
  },
  // A CSV of org units (what `file` holds; the test of the document sends it as a file named don-vi.csv).
  examples: [
    {
      file: 'Mã đơn vị (id),Tên (name),Cấp (level),Mã đơn vị cấp trên (parentId)\nxa-a,Xã A,commune,\nthon-1,Thôn 1,village,xa-a\n',
      preset: 'national-2024',
      period: '2025-01..2025-12',
    },
  ],
} as const;
