/**
 * A request body left unparsed, for a worker thread to parse (see internal/runner.ts): the content-type
 * parser hands the bytes of a large evaluation body on as they came, so that the event loop never spends
 * seconds parsing and checking 20 MB.
 */
export class RawJsonBody {
  constructor(readonly bytes: Buffer) {}
}
