/**
 * Per-character tables shared by normalisation and keyword matching: full-width → half-width,
 * traditional → simplified (OpenCC's character table, one code unit to one), ASCII lower case, and
 * the classes of characters that are dropped, collapsed or skipped.
 */
import { configs } from 'opencc-js/preset/t2cn';
import { ConverterFactory } from 'opencc-js/core';

/** Zero-width and formatting characters: removed everywhere. */
export function isInvisible(c: number): boolean {
  return (
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfffd
  );
}

/** C0 and C1 control characters other than whitespace. */
export function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
}

export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/** ASCII and CJK punctuation and symbols (after full-width folding). */
export function isPunctuation(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e) ||
    (c >= 0xa1 && c <= 0xbf) ||
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x2010 && c <= 0x205e) ||
    (c >= 0x2190 && c <= 0x21ff) ||
    (c >= 0x2500 && c <= 0x25ff) ||
    (c >= 0x3001 && c <= 0x3003) ||
    (c >= 0x3008 && c <= 0x3011) ||
    (c >= 0x3014 && c <= 0x301f) ||
    c === 0x30fb ||
    (c >= 0xfe10 && c <= 0xfe6b) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  );
}

/** OpenCC's traditional → simplified dictionaries: [phrases, characters]. */
function t2sDicts(): string[] {
  const chain = configs.t2s?.conversionChain;
  const dicts = (chain ?? []).flat().filter((d): d is string => typeof d === 'string');
  if (dicts.length === 0) throw new Error('opencc-js: no t2s dictionaries');
  return dicts;
}

let widthTable: Uint16Array | undefined;
let foldTable: Uint16Array | undefined;
let traditional: Uint8Array | undefined;

function buildTables(): void {
  const fold = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) fold[c] = c;
  for (let c = 0xff01; c <= 0xff5e; c++) fold[c] = c - 0xfee0;
  fold[0x3000] = 0x20;
  for (let c = 0x41; c <= 0x5a; c++) fold[c] = c + 0x20;
  // full-width Latin capitals fold to lower case too
  for (let c = 0xff21; c <= 0xff3a; c++) fold[c] = c - 0xfee0 + 0x20;
  widthTable = fold.slice();
  const trad = new Uint8Array(0x10000);
  for (const dict of t2sDicts()) {
    for (const pair of dict.split('|')) {
      const [from, to] = pair.split(' ');
      if (!from || !to) continue;
      trad[from.charCodeAt(0)] = 1;
      if (from.length === 1 && to.length === 1) fold[from.charCodeAt(0)] = to.charCodeAt(0);
    }
  }
  foldTable = fold;
  traditional = trad;
}

/** One code unit to one: full-width → half-width, ideographic space → space, A–Z → a–z. */
export function widthTable16(): Uint16Array {
  if (!widthTable) buildTables();
  return widthTable!;
}

/**
 * One code unit to one: full-width → half-width, ideographic space → space, A–Z → a–z and
 * traditional → simplified where OpenCC maps a single character to a single character.
 */
export function foldTable16(): Uint16Array {
  if (!foldTable) buildTables();
  return foldTable!;
}

/** 1 where a code unit starts a traditional word or character OpenCC converts. */
export function traditionalStarts(): Uint8Array {
  if (!traditional) buildTables();
  return traditional!;
}

let converter: ((s: string) => string) | undefined;

/** Phrase-aware traditional → simplified (OpenCC t2s), for texts that contain traditional characters. */
export function toSimplified(text: string): string {
  const starts = traditionalStarts();
  let any = false;
  for (let i = 0; i < text.length; i++) {
    if (starts[text.charCodeAt(i)] === 1) {
      any = true;
      break;
    }
  }
  if (!any) return text;
  converter ??= ConverterFactory(configs.t2s!.conversionChain as never);
  return converter(text);
}
