/**
 * Normalisation, the first step of every analysis: a text as members type it (full-width letters,
 * traditional characters, zero-width tricks, HTML pasted from elsewhere, "!!!!!!") becomes one
 * canonical simplified-Chinese string. Emoji are kept: they carry sentiment.
 */
import { widthTable16, isControl, isInvisible, isPunctuation, isSpace, toSimplified } from './chars.ts';

export interface NormalizeOptions {
  /** Longest result in UTF-16 code units (default 2,000); longer texts are cut between characters. */
  maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 2000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Drops script/style blocks, tags and comments, and decodes the common entities. */
export function stripHtml(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/** Cuts to at most `max` code units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * The canonical form of a text: lone surrogates, zero-width and control characters removed, HTML
 * tags and scripts removed, full-width → half-width, traditional → simplified (OpenCC t2s, phrase
 * aware), A–Z → a–z, runs of whitespace → one space, a run of the same punctuation mark → one mark, trimmed, and
 * cut to `maxLength`. Emoji and other symbols stay. Never throws for any string input.
 */
export function normalize(text: string, options: NormalizeOptions = {}): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  // bound the work on huge inputs (HTML may shrink a lot, so keep a generous margin)
  let s = text.length > max * 8 + 1024 ? truncate(text, max * 8 + 1024) : text;
  s = toSimplified(stripHtml(s.toWellFormed()));
  const fold = widthTable16();
  let out = '';
  let last = -1; // last code unit written
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const raw = s.charCodeAt(i);
    if (isInvisible(raw) || isControl(raw)) continue;
    if (isSpace(raw)) {
      pendingSpace = out.length > 0;
      continue;
    }
    let c = raw;
    if (c < 0xd800 || c > 0xdfff) {
      c = fold[c]!;
      if (c === 0x20) {
        pendingSpace = out.length > 0;
        continue;
      }
      if (c === last && isPunctuation(c)) continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(c);
    last = c;
    if (out.length >= max + 64) break;
  }
  return truncate(out, max);
}
