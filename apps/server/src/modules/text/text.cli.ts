/**
 * `linli text sentiment` and `linli text keywords`: batch analysis of one column of a CSV file
 * (UTF-8 or GBK, detected), streaming, one JSON object per data row in input order. No database and
 * no server: the model and lexicons ship inside @linli/text.
 */
import { readFile } from 'node:fs/promises';
import {
  analyze,
  buildMatcher,
  defaultRiskLexicon,
  keywordHits,
  parseLexicon,
  sentimentModel,
  type KeywordHit,
  type KeywordMatcher,
  type TextAnalysis,
} from '@linli/text';
import { AppError } from '../../platform/errors.ts';
import { readTextColumn } from '../imports/index.ts';

const invalid = (message: string) => new AppError('invalid', 'text.invalid_input', message);

/** The CSV reader's errors in this CLI's namespace (one code: the message says what is wrong). */
const invalidFile = (_code: string, message: string) => invalid(message);

/** What `linli text sentiment --json` prints per row. */
export interface SentimentLine extends TextAnalysis {
  row: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export async function* sentimentLines(file: string, column = 'text'): AsyncGenerator<SentimentLine> {
  const model = sentimentModel();
  for await (const { row, text } of readTextColumn(file, column, invalidFile)) {
    const a = analyze(text, model);
    yield {
      row,
      label: a.label,
      probability: round4(a.probability),
      intensity: a.intensity,
      aspects: a.aspects,
    };
  }
}

/** The default risk lexicon, or a TSV of `term<TAB>severity[<TAB>category]` lines. */
export async function riskMatcher(lexiconFile?: string): Promise<KeywordMatcher> {
  if (!lexiconFile) return buildMatcher(defaultRiskLexicon());
  const entries = parseLexicon(await readFile(lexiconFile, 'utf8'));
  if (entries.length === 0)
    throw invalid(`${lexiconFile}: no terms (expected term<TAB>high|medium|low lines)`);
  return buildMatcher(entries);
}

export async function* keywordLines(
  file: string,
  o: { column?: string; lexicon?: string } = {},
): AsyncGenerator<{ row: number; hits: KeywordHit[] }> {
  const matcher = await riskMatcher(o.lexicon);
  for await (const { row, text } of readTextColumn(file, o.column ?? 'text', invalidFile))
    yield { row, hits: keywordHits(matcher, text) };
}

/** Writes the lines as JSON (one object per line) or as a readable tab-separated table. */
export async function printLines<T extends { row: number }>(
  lines: AsyncIterable<T>,
  json: boolean,
  human: (line: T) => string,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let n = 0;
  let buffer = '';
  for await (const line of lines) {
    buffer += (json ? JSON.stringify(line) : `${line.row}\t${human(line)}`) + '\n';
    n++;
    // write in chunks: one write per row would make a large file wait on the terminal
    if (buffer.length > 64 * 1024) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
  }
  if (buffer) out.write(buffer);
  return n;
}

export function sentimentText(l: SentimentLine): string {
  const aspects = l.aspects.map((a) => `${a.aspect}${a.polarity > 0 ? '+' : a.polarity < 0 ? '−' : '·'}`);
  return [l.label ? '正面' : '负面', l.probability.toFixed(3), l.intensity, aspects.join(' ')].join('\t');
}

export function keywordText(l: { hits: KeywordHit[] }): string {
  return l.hits.map((h) => `${h.term}(${h.severity})`).join(' ');
}
