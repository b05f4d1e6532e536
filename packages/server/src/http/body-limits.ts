/**
 * Two bounds on a request body. `bodyLimit` bounds the bytes on the wire; a body sent compressed
 * (`Content-Encoding: gzip`, `deflate`, `br`; inflated by @fastify/compress) is bounded once inflated by
 * `inflatedBodyLimit`, which is Fastify's own `bodyLimit` (it counts the bytes its parser reads, after
 * decompression), so a zip bomb stops inflating at the bound and gets 413. The wire bound is checked here,
 * before decompression: from `Content-Length` when it is given (Fastify checks that the body matches it),
 * otherwise by counting a chunked body as it arrives.
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { HttpProblem, item } from '../problems.js';

/** A size in MB for messages: 20971520 → "20". */
export const megabytes = (bytes: number): string => String(Math.round((bytes / 1024 / 1024) * 10) / 10);

/** 413 `INPUT_TOO_LARGE` for a body over `limit` bytes (`inflated`: once decompressed). */
export function bodyTooLarge(limit: number, inflated: boolean): HttpProblem {
  const mb = megabytes(limit);
  const text = inflated
    ? { vi: `Nội dung sau khi giải nén vượt quá giới hạn ${mb} MB.`, en: `The body is larger than the ${mb} MB limit once decompressed.` }
    : { vi: `Nội dung vượt quá giới hạn ${mb} MB.`, en: `The body is larger than the ${mb} MB limit.` };
  return new HttpProblem(
    'INPUT_TOO_LARGE',
    text.en,
    [item('INPUT_TOO_LARGE', '', text, inflated ? { inflatedBodyLimit: limit } : { bodyLimit: limit })],
    { status: 413 },
  );
}

/** Whether the request body is sent compressed. */
export function isCompressed(request: FastifyRequest): boolean {
  const e = request.headers['content-encoding'];
  return typeof e === 'string' && e.trim() !== '' && e.trim().toLowerCase() !== 'identity';
}

/**
 * A `preParsing` hook that bounds the bytes on the wire by `bodyLimit`. Registered on the app, it runs
 * before @fastify/compress's route-level hook, so it sees the body as sent.
 */
export function wireLimit(bodyLimit: number) {
  return function preParsing(
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: RequestPayload,
    done: (err: Error | null, body?: RequestPayload) => void,
  ): void {
    const declared = request.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > bodyLimit) done(bodyTooLarge(bodyLimit, false));
      else done(null, payload);
      return;
    }
    if (request.headers['transfer-encoding'] === undefined) {
      done(null, payload);
      return;
    }
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > bodyLimit) callback(bodyTooLarge(bodyLimit, false));
        else callback(null, chunk);
      },
    });
    pipeline(payload, counter, () => {
      // Errors reach Fastify through `counter`.
    });
    done(null, counter);
  };
}
