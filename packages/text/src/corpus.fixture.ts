/**
 * The labelled review corpora (read-only, from the shared data folder next to the repository),
 * for the training script and the accuracy test. Test and training only: not exported from the
 * package, which itself does no IO.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { normalize } from './normalize.ts';
import { splitOf, type Split } from './split.ts';

export const SENTIMENT_DIR = fileURLToPath(new URL('../../../../shared/data/sentiment/', import.meta.url));

export const CORPORA = [
  { name: 'waimai_10k', domain: 'food delivery' },
  { name: 'chnsenticorp_htl_all', domain: 'hotel' },
  { name: 'online_shopping_10_cats', domain: 'e-commerce' },
  { name: 'online_shopping_fruit', domain: 'fruit' },
] as const;

export type CorpusName = (typeof CORPORA)[number]['name'];

export const corpusFile = (name: CorpusName) => `${SENTIMENT_DIR}${name}.train.csv`;

export const hasCorpora = CORPORA.every((c) => existsSync(corpusFile(c.name)));

export interface Review {
  corpus: CorpusName;
  label: 0 | 1;
  text: string;
  norm: string;
  split: Split;
}

/** The rows of one corpus, in file order, normalised and assigned to their split. */
export function readCorpus(name: CorpusName): Review[] {
  const rows = parse(readFileSync(corpusFile(name)), { columns: true, skip_empty_lines: true }) as Array<{
    label: string;
    text: string;
  }>;
  return rows.map((r) => {
    const text = r.text ?? '';
    const norm = normalize(text);
    return { corpus: name, label: r.label === '1' ? 1 : 0, text, norm, split: splitOf(norm) };
  });
}
