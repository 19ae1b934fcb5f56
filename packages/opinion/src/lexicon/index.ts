/**
 * All cue terms with their specs, plus pinyin spellings of the terms people disguise (拉du子,
 * 食物zhong毒, bao光). Spacing, symbols, full-width and traditional characters need nothing here:
 * `@linli/text`'s matcher folds them as it reads. A term may stand for one spec only; `cueTerms`
 * throws on a term listed twice, so a lexicon edit cannot silently change another rule.
 */
import { foldTerm } from '@linli/text';
import { ESCALATION } from './escalation.ts';
import { HARM } from './harm.ts';
import type { CueGroup, CueKind, CueSpec } from './kinds.ts';
import { MODIFIERS } from './modifiers.ts';
import { PROBLEMS } from './problems.ts';

export type { CueKind, CueSpec } from './kinds.ts';

export const GROUPS: readonly CueGroup[] = [...HARM, ...ESCALATION, ...PROBLEMS, ...MODIFIERS];

/** Toneless pinyin of the characters of the disguised terms (tone marks are folded away first). */
const PINYIN: Readonly<Record<string, string>> = {
  拉: 'la',
  肚: 'du',
  子: 'zi',
  腹: 'fu',
  泻: 'xie',
  吐: 'tu',
  呕: 'ou',
  中: 'zhong',
  毒: 'du',
  食: 'shi',
  物: 'wu',
  医: 'yi',
  院: 'yuan',
  住: 'zhu',
  过: 'guo',
  敏: 'min',
  报: 'bao',
  警: 'jing',
  曝: 'bao',
  光: 'guang',
  媒: 'mei',
  体: 'ti',
  记: 'ji',
  者: 'zhe',
  律: 'lv',
  师: 'shi',
  起: 'qi',
  诉: 'su',
  疼: 'teng',
  痛: 'tong',
  烧: 'shao',
  发: 'fa',
  玻: 'bo',
  璃: 'li',
  期: 'qi',
  变: 'bian',
  质: 'zhi',
  跑: 'pao',
  路: 'lu',
  监: 'jian',
  管: 'guan',
  急: 'ji',
  诊: 'zhen',
};

/** The kinds whose terms also match with one character, or all of them, written in pinyin. */
const DISGUISED = new Set<CueKind>([
  'symptom',
  'authority',
  'media',
  'expose',
  'foreign_hard',
  'leader_fraud',
]);

function pinyinSpellings(term: string): string[] {
  const chars = [...term];
  const out = new Set<string>();
  const all = chars.map((c) => PINYIN[c]);
  if (chars.length > 1 && all.every((p) => p !== undefined)) out.add(all.join(''));
  chars.forEach((c, i) => {
    const p = PINYIN[c];
    if (p) out.add([...chars.slice(0, i), p, ...chars.slice(i + 1)].join(''));
  });
  out.delete(term);
  return [...out];
}

export interface CueTerm {
  term: string;
  spec: CueSpec;
}

let cached: CueTerm[] | undefined;

/** Every term with its spec, variants included. Throws on a term (after folding) listed twice. */
export function cueTerms(groups: readonly CueGroup[] = GROUPS): CueTerm[] {
  if (groups === GROUPS && cached) return cached;
  const byKey = new Map<string, CueTerm>();
  const duplicates: string[] = [];
  for (const [spec, terms] of groups)
    for (const term of terms.split(/\s+/)) {
      if (!term) continue;
      const key = foldTerm(term);
      if (!key) continue;
      const prev = byKey.get(key);
      if (prev) duplicates.push(`${term} (${prev.spec.kind} and ${spec.kind})`);
      else byKey.set(key, { term, spec });
    }
  if (duplicates.length > 0) throw new Error(`opinion lexicon: terms listed twice: ${duplicates.join(', ')}`);
  // variants never displace a listed term
  for (const { term, spec } of [...byKey.values()])
    if (DISGUISED.has(spec.kind))
      for (const v of pinyinSpellings(term)) {
        const key = foldTerm(v);
        if (!byKey.has(key)) byKey.set(key, { term: v, spec });
      }
  const out = [...byKey.values()];
  if (groups === GROUPS) cached = out;
  return out;
}
