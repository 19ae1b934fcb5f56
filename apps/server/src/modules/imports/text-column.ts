/**
 * One text column of a CSV file, UTF-8 or GBK (detected), streamed row by row, with the file's
 * problems named for the operator: missing, a directory, binary, not text in a supported encoding,
 * no such column, empty.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../../platform/errors.ts';
import { AutoDecoder, decodeText } from './encoding.ts';

/** Makes the caller's error for a bad input file: a short code and the message. */
export type InvalidInput = (code: string, message: string) => AppError;

export interface TextRow {
  /** Data rows counted from 1; the header is not a data row. */
  row: number;
  text: string;
}

/** How much decoded text is looked at before the encoding is trusted. */
const ENCODING_SAMPLE = 16 * 1024;

/**
 * Decoded text, refused when it is not text in a supported encoding: NUL or other control
 * characters (a binary or compressed file, UTF-16 without a byte-order mark) or more than one in
 * ten non-ASCII characters undecodable. A few bad bytes in a good file are replaced and the rows
 * still get their answers.
 */
async function* checkedText(
  file: string,
  chunks: AsyncIterable<string>,
  invalid: InvalidInput,
): AsyncGenerator<string> {
  let seen = 0;
  let nonAscii = 0;
  let bad = 0;
  let controls = 0;
  let checked = false;
  const verdict = () => {
    checked = true;
    if (controls * 100 > seen)
      throw invalid('bad_encoding', `${file}: a binary file, not CSV text (control characters)`);
    if (bad * 10 > nonAscii)
      throw invalid(
        'bad_encoding',
        `${file}: not UTF-8 or GBK text (${bad} of the first ${seen} characters could not be decoded). ` +
          'Save it as "CSV UTF-8" (or GBK) and try again.',
      );
  };
  for await (const chunk of chunks) {
    if (!checked) {
      for (let i = 0; i < chunk.length && seen < ENCODING_SAMPLE; i++, seen++) {
        const c = chunk.charCodeAt(i);
        if (c === 0) throw invalid('bad_encoding', `${file}: a binary file, not CSV text (NUL bytes)`);
        if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
        if (c >= 0x80) nonAscii++;
        if (c === 0xfffd) bad++;
      }
      if (seen >= ENCODING_SAMPLE) verdict();
    }
    yield chunk;
  }
  if (!checked) verdict();
}

const header = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/**
 * The cells of `column` (matched ignoring case, spaces, `_` and `-`), row by row, for the CLIs that
 * read one text column of a CSV file (`linli text`, `compliance scan`, `opinion triage`). Rows
 * shorter than the header give an empty text rather than an error: each row still gets its answer
 * line. Errors are made by the caller's `invalid`, so each CLI names them in its own namespace.
 */
export async function* readTextColumn(
  file: string,
  column: string,
  invalid: InvalidInput,
): AsyncGenerator<TextRow> {
  const bytes = createReadStream(file);
  const text = Readable.from(
    checkedText(file, decodeText(bytes, new AutoDecoder(null, { lenient: true })), invalid),
  );
  const parser = text.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }),
  );
  // a pipe does not pass on the source's errors: end the loop with them, named for the operator
  const fail = (e: NodeJS.ErrnoException) =>
    parser.destroy(
      e instanceof AppError
        ? e
        : e.code === 'ENOENT'
          ? invalid('file_not_found', `${file}: no such file`)
          : e.code === 'EISDIR'
            ? invalid('file_not_found', `${file}: is a directory, not a CSV file`)
            : invalid('unreadable', `${file}: ${e.message}`),
    );
  bytes.once('error', fail);
  text.once('error', fail);
  let index = -1;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (index < 0) {
        const names = record.map((h) => h.trim());
        index = names.map(header).indexOf(header(column));
        if (index < 0)
          throw invalid(
            'column_missing',
            `${file}: no column "${column}" (found: ${names.filter(Boolean).join(', ') || 'nothing'})`,
          );
        continue;
      }
      yield { row: ++row, text: record[index] ?? '' };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid('bad_csv', `${file}: not a readable CSV file (${(e as Error).message})`);
  }
  if (index < 0)
    throw invalid('empty_file', `${file}: empty file (expected a header with a "${column}" column)`);
}
