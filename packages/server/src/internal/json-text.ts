/**
 * JSON text from a file, parsed the way the API parses a body: a leading UTF-8 byte-order mark is
 * dropped (Notepad and Excel write one), and a syntax error is reported by position only — V8's own
 * message quotes the text around the error, which may be a phone number or a name.
 */
import { syntaxErrorOffset } from '../http/json-body.js';
import type { LocalizedText } from '@cnscd/core';

/** Where JSON text stops being JSON: a 1-based line and column, or the end of the text. */
export interface JsonSyntaxError {
  /** Offset (UTF-16 code units, after any BOM) of the first character that is not JSON; -1 if unknown. */
  readonly offset: number;
  /** 1-based line, when the error is inside the text. */
  readonly line?: number;
  /** 1-based column, when the error is inside the text. */
  readonly column?: number;
  /** The text ended before the value did (or was empty). */
  readonly atEnd: boolean;
  /** What happened, without any of the text. */
  readonly message: LocalizedText;
}

/** The result of {@link parseJsonText}. */
export type JsonTextResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonSyntaxError };

/**
 * Drop a leading UTF-8 byte-order mark (U+FEFF).
 *
 * @example
 * ```ts
 * stripBom('\uFEFF{}'); // '{}'
 * ```
 */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Parse JSON text, tolerating a BOM. A failure says where (line and column) and never what was there.
 *
 * @example
 * ```ts
 * parseJsonText('\uFEFF{"a": 1}'); // { ok: true, value: { a: 1 } }
 * parseJsonText('{"a": }');       // { ok: false, error: { line: 1, column: 7, ... } }
 * ```
 */
export function parseJsonText(text: string): JsonTextResult {
  const source = stripBom(text);
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch {
    return { ok: false, error: locateSyntaxError(source) };
  }
}

function locateSyntaxError(source: string): JsonSyntaxError {
  let offset = -1;
  try {
    offset = syntaxErrorOffset(source);
  } catch {
    // Only the position is lost.
  }
  if (source.trim() === '') {
    return { offset: 0, atEnd: true, message: { vi: 'Tệp trống, không có JSON', en: 'The file is empty, no JSON' } };
  }
  if (offset >= source.length) {
    return {
      offset,
      atEnd: true,
      message: { vi: 'JSON không hợp lệ: hết tệp khi giá trị chưa kết thúc', en: 'Not valid JSON: the file ends before the value does' },
    };
  }
  if (offset < 0) return { offset, atEnd: false, message: { vi: 'JSON không hợp lệ', en: 'Not valid JSON' } };
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const hint = /^-?(NaN|Infinity)/.test(source.slice(offset, offset + 9))
    ? { vi: ' (NaN và Infinity không phải số JSON)', en: ' (NaN and Infinity are not JSON numbers)' }
    : { vi: '', en: '' };
  return {
    offset,
    line,
    column,
    atEnd: false,
    message: {
      vi: `JSON không hợp lệ tại dòng ${line.toLocaleString('vi-VN')}, cột ${column.toLocaleString('vi-VN')}${hint.vi}`,
      en: `Not valid JSON at line ${line}, column ${column}${hint.en}`,
    },
  };
}
