/**
 * The lexicons shipped as data in `packages/text/lexicons/*.tsv` (read once, on first use): the
 * default risk lexicon, the aspect cues, the opinion words and negators, the complaint-emotion cues.
 */
import { readFileSync } from 'node:fs';
import { parseLexicon, type LexiconEntry } from './matcher.ts';

const dir = new URL('../lexicons/', import.meta.url);

/** Non-comment, non-blank lines of a shipped TSV, split on tabs. */
export function readTsv(name: string): string[][] {
  return readFileSync(new URL(name, dir), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t').map((x) => x.trim()));
}

let risk: LexiconEntry[] | undefined;

/** The default risk lexicon (`lexicons/risk.tsv`): food safety, regulators, media, police highest. */
export function defaultRiskLexicon(): LexiconEntry[] {
  risk ??= parseLexicon(readFileSync(new URL('risk.tsv', dir), 'utf8'));
  return risk.map((e) => ({ ...e }));
}
