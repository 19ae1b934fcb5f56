/**
 * `linli compliance scan`: the automatic screen of marketing copy over one column of a CSV file
 * (UTF-8 or GBK, detected), streaming, one JSON object per data row in input order. No database and
 * no server: the rule packs ship inside @linli/compliance.
 */
import { readFile } from 'node:fs/promises';
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
import { readTextColumn } from '../imports/index.ts';

const invalid = (message: string) => new AppError('invalid', 'compliance.invalid_input', message);

/** The CSV reader's errors in this CLI's namespace (one code: the message says what is wrong). */
const invalidFile = (_code: string, message: string) => invalid(message);

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
  for await (const { row, text } of readTextColumn(file, o.column ?? 'text', invalidFile)) {
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
