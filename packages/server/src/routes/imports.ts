/**
 * `POST /v1/imports`: one spreadsheet (`.xlsx` or `.csv`) as multipart/form-data, answered with the
 * dataset read from it and every problem, each pointed at its cell (see docs/spreadsheets.md). The
 * multipart parser is registered in this plugin only, so every other route stays JSON-only.
 */
import type { FastifyInstance } from 'fastify';
import { bodyErrorResponses } from '../schemas/index.js';
import type { EvaluationRunner } from '../internal/runner.js';
import { MAX_UPLOAD_BYTES, readUploadForm, registerUploads } from '../http/uploads.js';
import { HttpProblem, item } from '../problems.js';
import { readUpload, spreadsheetRefusal } from '../spreadsheet.js';

/** Largest upload read, in bytes. */
export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES;

export async function importRoutes(app: FastifyInstance, opts: { maxBytes?: number; runner?: EvaluationRunner } = {}): Promise<void> {
  const maxBytes = opts.maxBytes ?? MAX_IMPORT_BYTES;
  await registerUploads(app, maxBytes);

  app.post(
    '/imports',
    {
      schema: {
        operationId: 'importSpreadsheet',
        tags: ['evaluations'],
        summary: 'Read a spreadsheet (.xlsx or .csv) into a dataset',
        description:
          'multipart/form-data with one file field (`file`). Answers 200 `{ valid, dataset, problems }` (warnings only) ' +
          'when the spreadsheet has no error; else a problem document with the status of its first error (415 not a ' +
          'spreadsheet or macro-enabled, 413 too large, 422 cells or rules). Each problem has ' +
          '`source: { file, sheet, row, column, header }`. Example: `curl -F file=@mau-2025.xlsx http://127.0.0.1:3000/v1/imports`.',
        consumes: ['multipart/form-data'],
        // For the OpenAPI document (Swagger UI then offers a file picker); the parts are read below.
        body: {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary', description: 'An .xlsx workbook or a .csv file' } },
          // A CSV of org units (what `file` holds; the test of the document sends it as a file named don-vi.csv).
          examples: [
            { file: 'Mã đơn vị (id),Tên (name),Cấp (level),Mã đơn vị cấp trên (parentId)\nxa-a,Xã A,commune,\nthon-1,Thôn 1,village,xa-a\n' },
          ],
        },
        response: {
          200: {
            description: 'The dataset read from the spreadsheet, and its warnings.',
            type: 'object',
            required: ['valid', 'dataset', 'problems'],
            properties: {
              valid: { type: 'boolean' },
              dataset: { type: 'object', additionalProperties: true },
              problems: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
          400: bodyErrorResponses[400],
          413: bodyErrorResponses[413],
          415: bodyErrorResponses[415],
          422: { description: 'Cells or rules of the spreadsheet are wrong; each problem names its cell.', content: bodyErrorResponses[400].content },
          429: bodyErrorResponses[429],
          503: bodyErrorResponses[503],
        },
      },
      // The body schema documents the form; it is not validated, since @fastify/multipart reads the parts
      // from the stream itself (request.body is empty).
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new HttpProblem(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the file as multipart/form-data.',
          [
            item('UNSUPPORTED_MEDIA_TYPE', '', {
              vi: 'Gửi tệp dạng multipart/form-data (trường file).',
              en: 'Send the file as multipart/form-data (field file).',
            }),
          ],
          { status: 415 },
        );
      }
      const { file: upload } = await readUploadForm(request, [], maxBytes);
      if (upload === undefined) {
        throw new HttpProblem('BAD_REQUEST', 'No file in the form.', [item('BAD_REQUEST', '', { vi: 'Thiếu tệp.', en: 'No file in the form.' })], {
          status: 400,
        });
      }
      const { bytes, name: file } = upload;
      // Read in a worker thread (seconds for a large workbook), unless plugins given as objects keep workers off.
      const answer = opts.runner?.takesBodies === true ? await opts.runner.readSpreadsheet(bytes, file) : await readUpload(bytes, file);
      if (answer.valid) {
        const { json } = answer;
        return reply.type('application/json; charset=utf-8').send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
      }
      // An error answer is a problem document like every other (each problem keeps its `source` cell).
      throw spreadsheetRefusal(answer.problems);
    },
  );
}
