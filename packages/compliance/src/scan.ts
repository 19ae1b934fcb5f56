/**
 * `scan(text, packs)`: the one-call form. Packs are compiled once per array (cached by identity), so
 * calling it in a loop with the same array costs one compilation; a server that edits packs holds a
 * `RuleBook` (or calls `compile` again) instead.
 */
import { compile, type ComplianceMatcher } from './matcher.ts';
import { defaultPacks } from './packs/index.ts';
import type { RulePack, ScanResult } from './types.ts';

const cache = new WeakMap<readonly RulePack[], ComplianceMatcher>();
let shipped: ComplianceMatcher | undefined;

/** The matcher of the shipped packs, compiled on first use. */
export function defaultMatcher(): ComplianceMatcher {
  shipped ??= compile(defaultPacks());
  return shipped;
}

const isMatcher = (x: unknown): x is ComplianceMatcher =>
  typeof x === 'object' && x !== null && typeof (x as ComplianceMatcher).scan === 'function';

/**
 * Checks one text: `verdict` (`block` if any certain violation, `review` if only likely ones,
 * `pass`) and the violations, most severe first, with spans in the original text's UTF-16 offsets.
 * Never throws for any input (a non-string is an empty text).
 */
export function scan(text: string, packs?: readonly RulePack[] | ComplianceMatcher): ScanResult {
  let m: ComplianceMatcher;
  if (packs === undefined) m = defaultMatcher();
  else if (isMatcher(packs)) m = packs;
  else {
    let c = cache.get(packs);
    if (!c) cache.set(packs, (c = compile(packs)));
    m = c;
  }
  return m.scan(typeof text === 'string' ? text : '');
}
