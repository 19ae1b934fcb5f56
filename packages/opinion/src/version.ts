/**
 * The version of everything that decides a triage: this package's rules and lexicons and
 * `@linli/text`'s model and lexicons. Store it with each triage, so a re-triage after an upgrade
 * knows which messages were judged by older rules.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { analysisVersion } from '@linli/text';
import { cueTerms } from './lexicon/index.ts';

/** The rule files: a change to any of them is a new version. */
const RULE_FILES = ['cues.ts', 'facts.ts', 'decide.ts', 'category.ts', 'numbers.ts'];

let version: string | undefined;

/** `opinion-` and 12 hex digits of the SHA-256 over the rules, the lexicons and the text version. */
export function triageVersion(): string {
  if (version) return version;
  const h = createHash('sha256');
  for (const f of RULE_FILES) h.update(readFileSync(new URL(f, import.meta.url)));
  for (const t of cueTerms()) h.update(`${t.term}\t${JSON.stringify(t.spec)}\n`);
  h.update(analysisVersion());
  version = `opinion-${h.digest('hex').slice(0, 12)}`;
  return version;
}
