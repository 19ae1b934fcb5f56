/**
 * The version of everything that decides an analysis: the sentiment artifact and the shipped
 * aspect, opinion and intensity lexicons. Stored with each score, so a re-scoring after an upgrade
 * knows which texts are outdated. (The risk lexicon is data the operators edit; it is not part of it.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SENTIMENT_MODEL_FILE } from './sentiment.ts';

const PARTS = [
  SENTIMENT_MODEL_FILE,
  new URL('../lexicons/aspects.tsv', import.meta.url),
  new URL('../lexicons/opinion.tsv', import.meta.url),
  new URL('../lexicons/intensity.tsv', import.meta.url),
];

let version: string | undefined;

/** `text-` and 12 hex digits of the SHA-256 over the model and lexicon files. */
export function analysisVersion(): string {
  if (version) return version;
  const h = createHash('sha256');
  for (const p of PARTS) h.update(readFileSync(p));
  version = `text-${h.digest('hex').slice(0, 12)}`;
  return version;
}
