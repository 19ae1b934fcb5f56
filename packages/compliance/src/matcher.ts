/**
 * A compliance matcher: every pattern of every pack compiled into one Aho–Corasick automaton
 * (`@linli/text`'s `buildMatcher`, which folds and steps over symbols while it reads the original
 * text), each anchor checked around its occurrence in the folded view, the rules' context applied,
 * and the violations ranked. Built once from packs — about a tenth of a second — and rebuilt
 * whenever a pack changes.
 */
import { buildMatcher, foldTerm, type KeywordMatcher } from '@linli/text';
import { detect } from './detectors.ts';
import { spellings } from './evasion.ts';
import {
  anchorOf,
  compilePattern,
  expansions,
  matchBackward,
  matchForward,
  oneClause,
  type Sequence,
} from './pattern.ts';
import {
  PackError,
  PRECEDENCE,
  type Category,
  type Detector,
  type Rule,
  type RulePack,
  type RuleSeverity,
  type ScanResult,
  type Scope,
  type Verdict,
  type Violation,
} from './types.ts';
import { validatePacks } from './validate.ts';
import { buildView, foldSameLength, type TextView } from './view.ts';

/** At most this many violations are reported per text (the most severe first). */
export const MAX_VIOLATIONS = 200;

/** What a matcher tells about one of its rules (for editors and reports). */
export interface RuleInfo {
  id: string;
  pack: string;
  category: Category;
  severity: RuleSeverity;
  law: string;
  suggestion: string;
}

export interface ComplianceMatcher {
  /** `id@version` of each pack, comma-separated: record it with every decision. */
  readonly version: string;
  readonly packs: ReadonlyArray<{ id: string; category: Category; version: string; rules: number }>;
  readonly rules: ReadonlyArray<RuleInfo>;
  /** Distinct anchor terms in the automaton. */
  readonly size: number;
  scan(text: string): ScanResult;
}

interface CompiledRule extends RuleInfo {
  order: number;
  strip: string[];
  pats: number[];
  detector: Detector | undefined;
  allow: number[];
  notAfter: number[];
  beforeWindow: number;
  requires: number[];
  unless: number[];
  scope: Scope;
}

interface AnchorRef {
  pat: number;
  seq: number;
  /** Index of the anchor segment; −1 when the anchor is the whole match (a spelling variant). */
  seg: number;
}

const SEVERITY_RANK: Record<RuleSeverity, number> = { block: 0, review: 1 };

const pass = (): ScanResult => ({ verdict: 'pass', violations: [] });

/**
 * Compiles packs into a matcher. Throws `PackError` listing every problem (a broken pattern with
 * its reason, an unknown list, a duplicate rule id…) — callers keep their previous matcher.
 */
export function compile(packs: readonly RulePack[]): ComplianceMatcher {
  const problems = validatePacks(packs);
  if (problems.length > 0) throw new PackError(problems);

  const patterns: Sequence[][] = [];
  const patternKey = new Map<string, number>();
  const evasive: boolean[] = [];
  const patternOf = (packId: string, lists: Record<string, string[]>, src: string, evasion = false) => {
    const key = `${packId}\u0000${evasion ? 1 : 0}\u0000${src}`;
    let id = patternKey.get(key);
    if (id === undefined) {
      id = patterns.length;
      patterns.push(compilePattern(src, lists));
      evasive.push(evasion);
      patternKey.set(key, id);
    }
    return id;
  };

  const rules: CompiledRule[] = [];
  for (const pack of packs) {
    const lists = pack.lists ?? {};
    for (const r of pack.rules as Rule[]) {
      const ctx = r.context ?? {};
      const pats = (list: string[] | undefined, evasion = false) =>
        (list ?? []).map((p) => patternOf(pack.id, lists, p, evasion));
      rules.push({
        id: r.id,
        pack: pack.id,
        category: pack.category,
        severity: r.severity,
        law: r.law ?? pack.law,
        suggestion: r.suggestion ?? pack.suggestion ?? '删除',
        order: rules.length,
        strip: (r.strip ?? []).flatMap((s) => {
          const f = foldTerm(s);
          return [f, ...spellings(f)].filter((x) => x !== '');
        }),
        pats: pats(r.patterns, r.evasion === true),
        detector: r.detector,
        allow: pats(ctx.allow),
        notAfter: pats(ctx.notAfter),
        beforeWindow: ctx.beforeWindow ?? 6,
        requires: pats(ctx.requires),
        unless: pats(ctx.unless),
        scope: ctx.scope ?? 'sentence',
      });
    }
  }
  // longer strip parts first: 最为 before 最
  for (const r of rules) r.strip.sort((a, b) => b.length - a.length);

  // anchors: the first literal of each sequence, and the spellings of plain terms of evasive rules
  const anchors = new Map<string, AnchorRef[]>();
  const addAnchor = (key: string, ref: AnchorRef) => {
    if (key === '') return;
    const list = anchors.get(key);
    if (list) list.push(ref);
    else anchors.set(key, [ref]);
  };
  patterns.forEach((seqs, pat) =>
    seqs.forEach((seq, s) => {
      const seg = anchorOf(seq);
      for (const a of (seq[seg] as { t: 'lit'; alts: string[] }).alts) addAnchor(a, { pat, seq: s, seg });
      if (!evasive[pat]) return;
      for (const term of expansions(seq, 2000) ?? [])
        for (const v of spellings(term)) addAnchor(foldTerm(v), { pat, seq: s, seg: -1 });
    }),
  );
  const ac: KeywordMatcher = buildMatcher([...anchors.keys()].map((term) => ({ term, severity: 'low' })));
  const anchorList = [...anchors.values()];
  const termIds = new Map([...anchors.keys()].map((k, i) => [k, i]));

  // which rules each pattern can trigger
  const rulesOfPattern: number[][] = patterns.map(() => []);
  rules.forEach((r, i) => r.pats.forEach((p) => rulesOfPattern[p]!.push(i)));
  const detectorRules = rules.filter((r) => r.detector !== undefined);

  // patterns some rule matches on are checked at once; context-only ones when a rule asks
  const isMain = new Uint8Array(patterns.length);
  for (const r of rules) for (const p of r.pats) isMain[p] = 1;

  const scan = (text: string): ScanResult => {
    if (typeof text !== 'string' || text.length === 0) return pass();
    const view = buildView(text);
    // occurrences of patterns, as flat [start, end, start, end …] in view offsets
    const found = new Map<number, number[]>();
    // anchors of context-only patterns, as flat [ref index, start, end …], checked on demand
    const pending = new Map<number, number[]>();
    const add = (pat: number, s: number, e: number) => {
      const list = found.get(pat);
      if (!list) found.set(pat, [s, e]);
      else if (list[list.length - 2] !== s || list[list.length - 1] !== e) list.push(s, e);
    };
    const verify = (ref: AnchorRef, vs: number, ve: number) => {
      if (ref.seg < 0) return add(ref.pat, vs, ve);
      const seq = patterns[ref.pat]![ref.seq]!;
      if (seq.length === 1) return add(ref.pat, vs, ve);
      const e = matchForward(view, seq, ref.seg + 1, ve);
      if (e < 0) return;
      const s = matchBackward(view, seq, ref.seg - 1, vs);
      if (s >= 0 && e > s) add(ref.pat, s, e);
    };
    for (const m of ac.scan(text)) {
      const vs = view.toView[m.start]!;
      const ve = view.toView[m.end]!;
      if (ve <= vs || !oneClause(view, vs, ve)) continue;
      const refs = anchors.get(m.term)!;
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i]!;
        if (isMain[ref.pat] === 1) verify(ref, vs, ve);
        else {
          const list = pending.get(ref.pat);
          if (list) list.push(i, vs, ve, termIds.get(m.term)!);
          else pending.set(ref.pat, [i, vs, ve, termIds.get(m.term)!]);
        }
      }
    }
    const occurrences = (pat: number): number[] | undefined => {
      const raw = pending.get(pat);
      if (raw) {
        pending.delete(pat);
        for (let i = 0; i < raw.length; i += 4)
          verify(anchorList[raw[i + 3]!]![raw[i]!]!, raw[i + 1]!, raw[i + 2]!);
      }
      return found.get(pat);
    };

    const candidates: Candidate[] = [];
    const consider = (r: CompiledRule, s: number, e: number) => {
      if (e <= s || !contextAllows(r, s, e, view, occurrences)) return;
      candidates.push({ rule: r, s, e });
    };
    const tried = new Set<number>();
    for (const pat of [...found.keys()])
      for (const ri of rulesOfPattern[pat]!) {
        if (tried.has(ri)) continue;
        tried.add(ri);
        const r = rules[ri]!;
        for (const p of r.pats) {
          const list = found.get(p);
          if (list) for (let i = 0; i < list.length; i += 2) consider(r, list[i]!, list[i + 1]!);
        }
      }
    if (detectorRules.length > 0 && DIGITS.test(text)) {
      const folded = foldSameLength(text);
      const byDetector = new Map<Detector, ReturnType<typeof detect>>();
      for (const r of detectorRules) {
        const d = r.detector!;
        if (!byDetector.has(d)) byDetector.set(d, detect(d, folded));
        for (const h of byDetector.get(d)!) consider(r, view.toView[h.start]!, view.toView[h.end]!);
      }
    }
    if (candidates.length === 0) return pass();
    return rank(candidates, text, view);
  };

  return {
    version: packs.map((p) => `${p.id}@${p.version}`).join(','),
    packs: packs.map((p) => ({ id: p.id, category: p.category, version: p.version, rules: p.rules.length })),
    rules: rules.map(({ id, pack, category, severity, law, suggestion }) => ({
      id,
      pack,
      category,
      severity,
      law,
      suggestion,
    })),
    size: ac.size,
    scan,
  };
}

interface Candidate {
  rule: CompiledRule;
  s: number;
  e: number;
}

function inScope(scope: Scope, v: TextView, a: number, b: number, s: number, e: number): boolean {
  if (scope === 'text') return true;
  const unit = scope === 'sentence' ? v.sentence : v.clause;
  return unit[a]! <= unit[e - 1]! && unit[b - 1]! >= unit[s]!;
}

/** Three digits, perhaps spaced: what every detector needs before it is worth running. */
const DIGITS = /[0-9０-９][ -]?[0-9０-９][ -]?[0-9０-９]/;

function contextAllows(
  r: CompiledRule,
  s: number,
  e: number,
  v: TextView,
  occurrences: (pat: number) => number[] | undefined,
): boolean {
  for (const p of r.allow) {
    const list = occurrences(p);
    if (list) for (let i = 0; i < list.length; i += 2) if (list[i]! < e && list[i + 1]! > s) return false;
  }
  for (const p of r.notAfter) {
    const list = occurrences(p);
    if (!list) continue;
    for (let i = 0; i < list.length; i += 2) {
      const b = list[i + 1]!;
      if (b <= s && b >= s - r.beforeWindow && v.clause[b - 1] === v.clause[s]) return false;
    }
  }
  for (const p of r.unless) {
    const list = occurrences(p);
    if (!list) continue;
    for (let i = 0; i < list.length; i += 2)
      if (inScope(r.scope, v, list[i]!, list[i + 1]!, s, e)) return false;
  }
  if (r.requires.length === 0) return true;
  for (const p of r.requires) {
    const list = occurrences(p);
    if (!list) continue;
    for (let i = 0; i < list.length; i += 2)
      if (inScope(r.scope, v, list[i]!, list[i + 1]!, s, e)) return true;
  }
  return false;
}

const byRank = (a: Candidate, b: Candidate) =>
  SEVERITY_RANK[a.rule.severity] - SEVERITY_RANK[b.rule.severity] ||
  PRECEDENCE[a.rule.category] - PRECEDENCE[b.rule.category];

/** Keeps one violation per overlapping span and category (the most severe, then the longest), ranked. */
function rank(candidates: Candidate[], text: string, view: TextView): ScanResult {
  candidates.sort(
    (a, b) => byRank(a, b) || b.e - b.s - (a.e - a.s) || a.s - b.s || a.rule.order - b.rule.order,
  );
  const kept: Candidate[] = [];
  if (candidates.length <= 64) {
    for (const c of candidates)
      if (!kept.some((k) => k.rule.category === c.rule.category && k.s < c.e && k.e > c.s)) kept.push(c);
  } else {
    // many (a long text): per category, the view positions already covered by a kept violation
    const covered = new Map<Category, Uint8Array>();
    next: for (const c of candidates) {
      let marks = covered.get(c.rule.category);
      if (!marks) covered.set(c.rule.category, (marks = new Uint8Array(view.length)));
      for (let i = c.s; i < c.e; i++) if (marks[i] === 1) continue next;
      marks.fill(1, c.s, c.e);
      kept.push(c);
    }
  }
  kept.sort((a, b) => byRank(a, b) || a.s - b.s || a.rule.order - b.rule.order);
  const violations: Violation[] = kept.slice(0, MAX_VIOLATIONS).map(({ rule, s, e }) => {
    const start = view.orig[s]!;
    const end = view.orig[e - 1]! + 1;
    return {
      category: rule.category,
      term: text.slice(start, end),
      start,
      end,
      severity: rule.severity,
      law: rule.law,
      suggestion: suggest(rule, view.chars.slice(s, e)),
      ruleId: rule.id,
    };
  });
  const verdict: Verdict = violations.some((v) => v.severity === 'block') ? 'block' : 'review';
  return { verdict, violations };
}

function suggest(rule: CompiledRule, phrase: string): string {
  if (rule.strip.length === 0) return rule.suggestion;
  let out = phrase;
  for (const s of rule.strip) out = out.split(s).join('');
  return out === '' || out === phrase ? rule.suggestion : out;
}
