/**
 * Word segmentation: jieba (`@node-rs/jieba`, Rust) with its standard dictionary plus the domain
 * dictionary shipped in this package (`dict/domain.txt`: fresh-grocery and group-buying words such as
 * 团长, 自提点, 缺斤少两, 坏果, 冷链, kept whole). The dictionaries load once, on first use.
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalize } from './normalize.ts';

export const DOMAIN_DICTIONARY = new URL('../dict/domain.txt', import.meta.url);

let jieba: Jieba | undefined;

/** The words of the domain dictionary (one `word frequency tag` a line). */
export function domainWords(): string[] {
  return readFileSync(DOMAIN_DICTIONARY, 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[0]!.trim())
    .filter((w) => w.length > 0);
}

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(DOMAIN_DICTIONARY));
  }
  return jieba;
}

/**
 * The words of an already normalised text, in order; whitespace is dropped, punctuation marks are
 * kept as tokens (they separate clauses). Uses jieba's HMM for words in no dictionary.
 */
export function segment(text: string): string[] {
  if (!text) return [];
  const words = instance().cut(text, true);
  const out: string[] = [];
  for (const w of words) if (w.trim() !== '') out.push(w);
  return out;
}

/** `segment(normalize(text))`. */
export function tokenize(text: string): string[] {
  return segment(normalize(text));
}
