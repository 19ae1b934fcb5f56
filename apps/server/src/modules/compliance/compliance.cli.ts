/**
 * `linli compliance scan`: the automatic screen of marketing copy over one column of a CSV file
 * (UTF-8 or GBK, detected), streaming, one JSON object per data row in input order. No database and
 * no server: the rule packs ship inside @linli/compliance.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  compile,
  defaultPacks,
  lexiconPack,
  parseTermList,
  PackError,
  type ComplianceMatcher,
  type RulePack,
  type Violation,
} from '@linli/compliance';
import { AppError } from '../../platform/errors.ts';
import { AutoDecoder, decodeText } from '../imports/index.ts';

const invalid = (message: string) => new AppError('invalid', 'compliance.invalid_input', message);

export interface TextRow {
  /** Data rows counted from 1; the header is not a data row. */
  row: number;
  text: string;
}

/**
 * The cells of `column` (matched ignoring case and surrounding spaces), row by row. Rows shorter
 * than the header give an empty text rather than an error: each row still gets its answer line.
 * (The same reader as `linli text`'s; modules do not reach into each other's files.)
 */
export async function* readTextColumn(file: string, column: string): AsyncGenerator<TextRow> {
  const bytes = createReadStream(file);
  const text = Readable.from(decodeText(bytes, new AutoDecoder(null, { lenient: true })));
  const parser = text.pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }),
  );
  // a pipe does not pass on the source's errors (a missing file, say): end the loop with them
  const fail = (e: Error) => parser.destroy(e instanceof AppError ? e : invalid(`${file}: ${e.message}`));
  bytes.once('error', fail);
  text.once('error', fail);
  let index = -1;
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (index < 0) {
      const header = record.map((h) => h.trim().toLowerCase());
      index = header.indexOf(column.trim().toLowerCase());
      if (index < 0)
        throw invalid(`${file}: no column "${column}" (found: ${header.join(', ') || 'nothing'})`);
      continue;
    }
    yield { row: ++row, text: record[index] ?? '' };
  }
  if (index < 0) throw invalid(`${file}: empty file (expected a header with a "${column}" column)`);
}

/** One violation as the CLI prints it: the contract's keys in order, then the rule's id. */
export interface ViolationLine {
  category: Violation['category'];
  term: string;
  start: number;
  end: number;
  severity: Violation['severity'];
  law: string;
  suggestion: string;
  ruleId: string;
}

/** What `linli compliance scan --json` prints per row. */
export interface ScanLine {
  row: number;
  verdict: 'pass' | 'review' | 'block';
  violations: ViolationLine[];
}

export interface ScanOptions {
  column?: string;
  /** Extra term lists (one term a line) added as `review` rules of `prohibited_content`. */
  lexicon?: string[];
  /** Rule packs (a JSON array of packs, or one pack) replacing the shipped pack with the same id. */
  packs?: string;
}

/** The shipped packs, replaced or extended by a packs file and term lists. */
export async function matcherFor(o: ScanOptions = {}): Promise<ComplianceMatcher> {
  let packs: RulePack[] = defaultPacks();
  if (o.packs) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(o.packs, 'utf8'));
    } catch (e) {
      throw invalid(`${o.packs}: ${(e as Error).message}`);
    }
    for (const p of (Array.isArray(data) ? data : [data]) as RulePack[]) {
      const i = packs.findIndex((x) => x.id === p?.id);
      packs = i < 0 ? [...packs, p] : packs.map((x, j) => (j === i ? p : x));
    }
  }
  for (const [n, file] of (o.lexicon ?? []).entries()) {
    let terms: string[];
    try {
      terms = parseTermList(await readFile(file, 'utf8'));
    } catch (e) {
      throw invalid(`${file}: ${(e as Error).message}`);
    }
    packs.push(lexiconPack(terms, { id: `lexicon_${n + 1}`, version: 'file' }));
  }
  try {
    return compile(packs);
  } catch (e) {
    if (e instanceof PackError) throw invalid(`rule packs rejected: ${e.message}`);
    throw e;
  }
}

export async function* scanLines(file: string, o: ScanOptions = {}): AsyncGenerator<ScanLine> {
  const matcher = await matcherFor(o);
  for await (const { row, text } of readTextColumn(file, o.column ?? 'text')) {
    const r = matcher.scan(text);
    yield {
      row,
      verdict: r.verdict,
      violations: r.violations.map((v) => ({
        category: v.category,
        term: v.term,
        start: v.start,
        end: v.end,
        severity: v.severity,
        law: v.law,
        suggestion: v.suggestion,
        ruleId: v.ruleId,
      })),
    };
  }
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

const VERDICT_ZH = { pass: '通过', review: '待审', block: '拦截' } as const;

export function scanText(l: ScanLine): string {
  const hits = l.violations.map((v) => `${v.category}:${v.term}→${v.suggestion}`);
  return [VERDICT_ZH[l.verdict], hits.join(' ')].join('\t');
}
