/**
 * Turning a plain term list (one term a line, like `../shared/data/lexicons/forbidden/*.txt`) into
 * a rule pack: every term becomes a literal pattern (escaped), at `review` by default. Such lists
 * are noisy — community lists hold everyday words (北京, 政府, 特供, 安全) — so terms shorter than
 * `minLength` characters, pure digits or Latin shorter than 4 letters, and the `exclude` words are
 * dropped.
 */
import { foldTerm } from '@linli/text';
import { escapeTerm } from './pattern.ts';
import type { Category, RulePack, RuleSeverity } from './types.ts';

export interface LexiconPackOptions {
  id: string;
  version: string;
  category?: Category;
  severity?: RuleSeverity;
  law?: string;
  suggestion?: string;
  /** Terms with fewer characters (after folding) are dropped (default 2). */
  minLength?: number;
  /** Everyday words to leave out. */
  exclude?: Iterable<string>;
  /** Exception phrases of the one rule (see `RuleContext.allow`). */
  allow?: string[];
}

/** The terms of a list file's text: trimmed lines, `#` comments and blanks skipped, deduplicated. */
export function parseTermList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) seen.add(t);
  }
  return [...seen];
}

export function lexiconPack(terms: Iterable<string>, o: LexiconPackOptions): RulePack {
  const min = o.minLength ?? 2;
  const exclude = new Set([...(o.exclude ?? [])].map((t) => foldTerm(t)));
  const keep = new Map<string, string>();
  for (const term of terms) {
    const f = foldTerm(term);
    if (f.length < min || exclude.has(f) || keep.has(f)) continue;
    if (/^[0-9]+$/.test(f)) continue;
    if (/^[a-z0-9]+$/.test(f) && f.length < 4) continue;
    keep.set(f, term);
  }
  const patterns = [...keep.values()].map(escapeTerm);
  return {
    id: o.id,
    category: o.category ?? 'prohibited_content',
    version: o.version,
    title: `lexicon ${o.id}`,
    law: o.law ?? '广告法第九条；网络信息内容生态治理规定第六条',
    suggestion: o.suggestion ?? '删除',
    rules: [
      {
        id: `${o.id}.terms`,
        severity: o.severity ?? 'review',
        patterns: patterns.length > 0 ? patterns : ['\\#\\#empty-lexicon\\#\\#'],
        ...(o.allow ? { context: { allow: o.allow } } : {}),
      },
    ],
  };
}
