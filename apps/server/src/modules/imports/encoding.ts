import { TextDecoder } from 'node:util';
import { AppError } from '../../platform/errors.ts';

/**
 * Incremental text decoding with encoding detection for CSV files from Chinese operations teams,
 * who send UTF-8 (with or without a BOM, e.g. from WPS or Excel's "CSV UTF-8") and GBK/GB18030
 * (Excel's default "CSV" on a Chinese Windows).
 *
 * - A BOM decides at once (UTF-8, UTF-16LE/BE) and is stripped.
 * - Otherwise ASCII passes through undecided: it reads the same in every candidate encoding.
 * - At the first non-ASCII byte, the next 64 KB (or the rest of the file) is decoded as strict
 *   UTF-8; if that fails the file is GB18030 (a superset of GBK and GB2312). A multi-byte character
 *   cut by the end of the sample is not an error (`stream: true`).
 * - After choosing UTF-8, an invalid byte sequence further on is an error naming its byte offset,
 *   rather than text silently turned into replacement characters.
 */
export type DetectedEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const SNIFF_BYTES = 64 * 1024;

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

const latin1 = new TextDecoder('latin1');

/** True when `bytes` is valid UTF-8, allowing a character cut off at the end unless `final`. */
export function looksLikeUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-8 with a few broken sequences (a truncated export, one pasted byte) rather than GBK: GBK text
 * read as UTF-8 breaks on nearly every character, damaged UTF-8 on a handful.
 */
function mostlyUtf8(bytes: Uint8Array, final: boolean): boolean {
  const text = new TextDecoder('utf-8').decode(bytes, { stream: !final });
  let bad = 0;
  let good = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.charCodeAt(0) >= 0x80) good++;
  }
  return bad * 20 < good;
}

export class AutoDecoder {
  private decoder: TextDecoder | null = null;
  private chosen: DetectedEncoding | null = null;
  private pending: Uint8Array = EMPTY;
  private bomChecked = false;
  /** bytes handed to the decoder so far (for error positions) */
  private offset = 0;
  private readonly forced: DetectedEncoding | null;
  /** Replace invalid bytes instead of failing (batch text analysis, where one bad byte must not stop a file). */
  private readonly lenient: boolean;

  constructor(forced: DetectedEncoding | null = null, opts: { lenient?: boolean } = {}) {
    this.forced = forced;
    this.lenient = opts.lenient ?? false;
  }

  /** The encoding in use; `ascii` while only ASCII has been seen. */
  get encoding(): DetectedEncoding | 'ascii' {
    return this.chosen ?? 'ascii';
  }

  push(chunk: Uint8Array): string {
    return this.feed(chunk, false);
  }

  end(): string {
    return this.feed(EMPTY, true);
  }

  private feed(chunk: Uint8Array, final: boolean): string {
    if (this.decoder) return this.decode(chunk, final);
    this.pending = concat(this.pending, chunk);

    if (!this.bomChecked) {
      if (this.pending.length < 3 && !final) return '';
      this.bomChecked = true;
      const b = this.pending;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return this.choose('utf-8', 3, final);
      if (b[0] === 0xff && b[1] === 0xfe) return this.choose('utf-16le', 2, final);
      if (b[0] === 0xfe && b[1] === 0xff) return this.choose('utf-16be', 2, final);
      if (this.forced) return this.choose(this.forced, 0, final);
    }

    const at = firstNonAscii(this.pending);
    if (at === -1) {
      const text = latin1.decode(this.pending);
      this.offset += this.pending.length;
      this.pending = EMPTY;
      return text;
    }
    // pass the ASCII prefix through; sniff from the first non-ASCII byte
    const prefix = at > 0 ? latin1.decode(this.pending.subarray(0, at)) : '';
    this.offset += at;
    this.pending = this.pending.subarray(at);
    if (this.pending.length < SNIFF_BYTES && !final) return prefix;
    const sample = this.pending.subarray(0, SNIFF_BYTES);
    const sampleFinal = final && sample.length === this.pending.length;
    const isUtf8 = looksLikeUtf8(sample, sampleFinal) || (this.lenient && mostlyUtf8(sample, sampleFinal));
    return prefix + this.choose(isUtf8 ? 'utf-8' : 'gb18030', 0, final);
  }

  private choose(encoding: DetectedEncoding, skip: number, final: boolean): string {
    this.chosen = encoding;
    this.decoder = new TextDecoder(encoding, {
      fatal: encoding === 'utf-8' && !this.lenient,
      ignoreBOM: true,
    });
    const rest = this.pending.subarray(skip);
    this.offset += skip;
    this.pending = EMPTY;
    return this.decode(rest, final);
  }

  private decode(bytes: Uint8Array, final: boolean): string {
    try {
      const text = this.decoder!.decode(bytes, { stream: !final });
      this.offset += bytes.length;
      return text;
    } catch {
      throw new AppError(
        'invalid',
        'import.bad_encoding',
        `The file is not valid ${this.chosen} near byte ${this.offset}: it mixes encodings. ` +
          'Save it again as "CSV UTF-8" (or entirely as GBK) and re-import.',
        { encoding: this.chosen, byteOffset: this.offset },
      );
    }
  }
}

/** Decodes a byte stream to text chunks, detecting the encoding as described above. */
export async function* decodeText(
  source: AsyncIterable<Uint8Array>,
  decoder = new AutoDecoder(),
): AsyncGenerator<string> {
  for await (const chunk of source) {
    const text = decoder.push(chunk);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
