/**
 * Spreadsheet uploads (multipart/form-data), one place for the two routes that take them:
 * `POST /v1/imports` (a file) and `POST /v1/evaluations` (a file and the request's fields). The parser is
 * registered in the routes' own plugin scope only, so every other route stays JSON-only (415).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { megabytes } from './body-limits.js';
import { HttpProblem, item } from '../problems.js';

/** Largest file read from a form, in bytes (the server's `bodyLimit` still bounds the bytes on the wire). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Largest text field of a form (a criteria set as JSON text), in bytes: the validate route's body limit. */
export const MAX_UPLOAD_FIELD_BYTES = 4 * 1024 * 1024;

/** Most text fields in one form. */
export const MAX_UPLOAD_FIELDS = 10;

/** A form as read: its one file (base name only), and its text fields. */
export interface UploadForm {
  readonly file: { readonly bytes: Buffer; readonly name: string } | undefined;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Register the multipart parser in `scope` (a route plugin), bounded: one file of `maxBytes`, at most
 * {@link MAX_UPLOAD_FIELDS} fields of {@link MAX_UPLOAD_FIELD_BYTES} each.
 *
 * @example
 * ```ts
 * await app.register(async (scope) => { await registerUploads(scope); scope.post('/imports', handler); });
 * ```
 */
export async function registerUploads(scope: FastifyInstance, maxBytes: number = MAX_UPLOAD_BYTES): Promise<void> {
  await scope.register(multipart, {
    limits: { files: 1, fileSize: maxBytes, fields: MAX_UPLOAD_FIELDS, parts: MAX_UPLOAD_FIELDS + 1, fieldSize: MAX_UPLOAD_FIELD_BYTES },
  });
}

const tooLarge = (en: string, vi: string, params: Record<string, unknown>): HttpProblem =>
  new HttpProblem('INPUT_TOO_LARGE', en, [item('INPUT_TOO_LARGE', '', { vi, en }, params)], { status: 413 });

const badForm = (path: string, en: string, vi: string): HttpProblem =>
  new HttpProblem('BAD_REQUEST', en, [item('BAD_REQUEST', path, { vi, en })], { status: 400 });

/**
 * Read a multipart form: its one file into memory (bounded by `maxBytes`) and its text fields. A field
 * not in `fields`, a field given twice, a second file, or a part over a bound is refused (400 or 413)
 * naming the field, never its value. The file's name keeps only its base name, and only to name the file
 * in problems; it is never used as a path.
 *
 * @example
 * ```ts
 * const { file, fields } = await readUploadForm(request, ['preset', 'period']);
 * ```
 */
export async function readUploadForm(request: FastifyRequest, fields: readonly string[], maxBytes: number = MAX_UPLOAD_BYTES): Promise<UploadForm> {
  let file: UploadForm['file'];
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (file !== undefined) throw badForm('', 'Send one file only.', 'Chỉ gửi một tệp.');
        const bytes = await part.toBuffer();
        file = { bytes, name: (part.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) };
        continue;
      }
      const name = part.fieldname;
      const path = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!fields.includes(name)) {
        throw badForm(
          path,
          `The form has a field this route does not read; it takes ${fields.length === 0 ? 'only the file' : `file, ${fields.join(', ')}`}.`,
          `Biểu mẫu có trường không dùng ở đây; chỉ nhận ${fields.length === 0 ? 'tệp' : `file, ${fields.join(', ')}`}.`,
        );
      }
      if (name in values) throw badForm(path, 'The field is given twice.', 'Trường bị gửi hai lần.');
      if (part.valueTruncated) {
        throw tooLarge(
          `A form field is larger than ${megabytes(MAX_UPLOAD_FIELD_BYTES)} MB.`,
          `Một trường của biểu mẫu lớn hơn ${megabytes(MAX_UPLOAD_FIELD_BYTES)} MB.`,
          { fieldSize: MAX_UPLOAD_FIELD_BYTES },
        );
      }
      values[name] = typeof part.value === 'string' ? part.value : String(part.value);
    }
  } catch (e) {
    if (e instanceof HttpProblem) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw tooLarge(`The file is larger than ${megabytes(maxBytes)} MB.`, `Tệp lớn hơn ${megabytes(maxBytes)} MB.`, { fileSize: maxBytes });
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw tooLarge(
        `The form has too many parts (one file and at most ${MAX_UPLOAD_FIELDS} fields).`,
        `Biểu mẫu có quá nhiều phần (một tệp và tối đa ${MAX_UPLOAD_FIELDS} trường).`,
        { fields: MAX_UPLOAD_FIELDS, files: 1 },
      );
    }
    // A broken form (bad boundary, cut off): the client's fault, said without quoting it.
    throw new HttpProblem(
      'BAD_REQUEST',
      'The multipart/form-data body cannot be read.',
      [item('BAD_REQUEST', '', { vi: 'Không đọc được nội dung multipart/form-data.', en: 'The multipart/form-data body cannot be read.' })],
      { status: 400, cause: e },
    );
  }
  return { file, fields: values };
}
