/**
 * Validation of rule packs as they arrive from an editor (anything JSON can hold): structure,
 * categories, severities, unique rule ids and every pattern compiled. A pack with a problem is
 * rejected with the reasons; nothing is half-loaded.
 */
import { compilePattern, PatternError } from './pattern.ts';
import {
  CATEGORIES,
  DETECTORS,
  RULE_SEVERITIES,
  SCOPES,
  type Category,
  type PackProblem,
  type RulePack,
} from './types.ts';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';

const CONTEXT_KEYS = ['allow', 'notAfter', 'requires', 'unless'] as const;
const RULE_KEYS = new Set([
  'id',
  'patterns',
  'detector',
  'severity',
  'law',
  'suggestion',
  'strip',
  'context',
  'evasion',
  'note',
]);

/**
 * The problems of one pack, empty when it is valid. Patterns are compiled with the pack's lists,
 * so a broken pattern is reported here with its reason and position.
 */
export function validatePack(input: unknown): PackProblem[] {
  const problems: PackProblem[] = [];
  if (!isObject(input)) return [{ pack: '?', path: '', message: 'a pack must be an object' }];
  const pack = isText(input.id) ? input.id : '?';
  const add = (path: string, message: string, rule?: string) =>
    problems.push(rule ? { pack, rule, path, message } : { pack, path, message });
  if (!isText(input.id) || !/^[a-z0-9_.-]{1,64}$/i.test(input.id))
    add('id', 'required: 1–64 letters, digits, "_", "-" or "."');
  if (!CATEGORIES.includes(input.category as Category))
    add('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (!isText(input.version)) add('version', 'required (e.g. 2025.11.26)');
  if (!isText(input.law)) add('law', 'required: the default law citation of the rules');
  if (input.suggestion !== undefined && typeof input.suggestion !== 'string')
    add('suggestion', 'must be text');
  const lists: Record<string, string[]> = {};
  if (input.lists !== undefined) {
    if (!isObject(input.lists)) add('lists', 'must map names to lists of words');
    else
      for (const [name, words] of Object.entries(input.lists)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) add(`lists.${name}`, 'bad list name');
        if (!Array.isArray(words) || words.length === 0 || !words.every(isText))
          add(`lists.${name}`, 'must be a non-empty list of non-empty words');
        else lists[name] = words;
      }
  }
  if (!Array.isArray(input.rules) || input.rules.length === 0) {
    add('rules', 'required: a non-empty list of rules');
    return problems;
  }
  const ids = new Set<string>();
  input.rules.forEach((r: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!isObject(r)) return add(at, 'a rule must be an object');
    const rule = isText(r.id) ? r.id : undefined;
    const bad = (path: string, message: string) => add(`${at}.${path}`, message, rule);
    if (!rule) bad('id', 'required');
    else if (ids.has(rule)) bad('id', `duplicate rule id "${rule}"`);
    else ids.add(rule);
    for (const k of Object.keys(r)) if (!RULE_KEYS.has(k)) bad(k, 'unknown field');
    if (!RULE_SEVERITIES.includes(r.severity as never)) bad('severity', 'must be "block" or "review"');
    if (r.detector !== undefined && !DETECTORS.includes(r.detector as never))
      bad('detector', `must be one of ${DETECTORS.join(', ')}`);
    if (r.patterns === undefined && r.detector === undefined)
      bad('patterns', 'patterns or a detector required');
    for (const k of ['law', 'suggestion', 'note'] as const)
      if (r[k] !== undefined && typeof r[k] !== 'string') bad(k, 'must be text');
    if (r.evasion !== undefined && typeof r.evasion !== 'boolean') bad('evasion', 'must be true or false');
    if (r.strip !== undefined && (!Array.isArray(r.strip) || !r.strip.every(isText)))
      bad('strip', 'must be a list of non-empty texts');
    const compileAll = (path: string, v: unknown) => {
      if (v === undefined) return;
      if (!Array.isArray(v) || v.length === 0) return bad(path, 'must be a non-empty list of patterns');
      v.forEach((p: unknown, j: number) => {
        if (typeof p !== 'string') return bad(`${path}[${j}]`, 'must be text');
        try {
          compilePattern(p, lists);
        } catch (e) {
          if (e instanceof PatternError) bad(`${path}[${j}]`, `"${p.slice(0, 60)}": ${e.message}`);
          else throw e;
        }
      });
    };
    compileAll('patterns', r.patterns);
    if (r.context !== undefined) {
      if (!isObject(r.context)) bad('context', 'must be an object');
      else {
        const c = r.context;
        for (const k of Object.keys(c))
          if (![...CONTEXT_KEYS, 'scope', 'beforeWindow'].includes(k)) bad(`context.${k}`, 'unknown field');
        for (const k of CONTEXT_KEYS) compileAll(`context.${k}`, c[k]);
        if (c.scope !== undefined && !SCOPES.includes(c.scope as never))
          bad('context.scope', `must be one of ${SCOPES.join(', ')}`);
        if (
          c.beforeWindow !== undefined &&
          (typeof c.beforeWindow !== 'number' ||
            !Number.isInteger(c.beforeWindow) ||
            c.beforeWindow < 0 ||
            c.beforeWindow > 30)
        )
          bad('context.beforeWindow', 'must be an integer 0–30');
      }
    }
  });
  return problems;
}

/** The problems of a set of packs: each pack's, then rule ids and pack ids clashing across packs. */
export function validatePacks(packs: readonly unknown[]): PackProblem[] {
  const problems = packs.flatMap((p) => validatePack(p));
  const packIds = new Set<string>();
  const ruleIds = new Map<string, string>();
  for (const p of packs as RulePack[]) {
    if (!isObject(p)) continue;
    if (packIds.has(p.id)) problems.push({ pack: p.id, path: 'id', message: 'two packs with this id' });
    packIds.add(p.id);
    if (!Array.isArray(p.rules)) continue;
    for (const r of p.rules) {
      if (!isObject(r) || !isText(r.id)) continue;
      const other = ruleIds.get(r.id);
      if (other !== undefined && other !== p.id)
        problems.push({ pack: p.id, rule: r.id, path: 'id', message: `rule id also used in pack ${other}` });
      ruleIds.set(r.id, p.id);
    }
  }
  return problems;
}
