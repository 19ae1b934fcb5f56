/**
 * The live set of rule packs a server holds: one compiled matcher, replaced atomically when a pack
 * is saved. A pack with a problem is rejected with the reasons and the previous matcher stays live
 * — nothing is half-applied and no restart is needed.
 */
import { compile, type ComplianceMatcher } from './matcher.ts';
import { defaultPacks } from './packs/index.ts';
import { PackError, type PackProblem, type RulePack, type ScanResult } from './types.ts';
import { validatePack } from './validate.ts';

export type PutResult = { ok: true; version: string } | { ok: false; problems: PackProblem[] };

export class RuleBook {
  #packs: RulePack[];
  #matcher: ComplianceMatcher;

  /** Throws `PackError` when the initial packs are broken. */
  constructor(packs: readonly RulePack[] = defaultPacks()) {
    this.#packs = structuredClone(packs as RulePack[]);
    this.#matcher = compile(this.#packs);
  }

  get matcher(): ComplianceMatcher {
    return this.#matcher;
  }

  /** `id@version` of every live pack. */
  get version(): string {
    return this.#matcher.version;
  }

  /** Copies of the live packs. */
  packs(): RulePack[] {
    return structuredClone(this.#packs);
  }

  pack(id: string): RulePack | undefined {
    const p = this.#packs.find((x) => x.id === id);
    return p && structuredClone(p);
  }

  scan(text: string): ScanResult {
    return this.#matcher.scan(text);
  }

  /** The problems `pack` would have if saved (for an editor's "check" button); nothing changes. */
  check(pack: unknown): PackProblem[] {
    const own = validatePack(pack);
    if (own.length > 0) return own;
    try {
      compile(this.#with(pack as RulePack));
      return [];
    } catch (e) {
      if (e instanceof PackError) return e.problems;
      throw e;
    }
  }

  /** Scans with `pack` in place of the live one of the same id, without saving it (a test box). */
  trial(
    pack: unknown,
    text: string,
  ): { ok: true; result: ScanResult } | { ok: false; problems: PackProblem[] } {
    const problems = validatePack(pack);
    if (problems.length > 0) return { ok: false, problems };
    try {
      return { ok: true, result: compile(this.#with(pack as RulePack)).scan(text) };
    } catch (e) {
      if (e instanceof PackError) return { ok: false, problems: e.problems };
      throw e;
    }
  }

  /** Adds `pack`, or replaces the pack with its id; on any problem the live matcher stays. */
  put(pack: unknown): PutResult {
    const problems = validatePack(pack);
    if (problems.length > 0) return { ok: false, problems };
    const next = this.#with(structuredClone(pack as RulePack));
    try {
      const matcher = compile(next);
      this.#packs = next;
      this.#matcher = matcher;
      return { ok: true, version: matcher.version };
    } catch (e) {
      if (e instanceof PackError) return { ok: false, problems: e.problems };
      throw e;
    }
  }

  /** Removes a pack; false when there is none with that id. */
  remove(id: string): boolean {
    const next = this.#packs.filter((p) => p.id !== id);
    if (next.length === this.#packs.length) return false;
    this.#matcher = compile(next);
    this.#packs = next;
    return true;
  }

  #with(pack: RulePack): RulePack[] {
    const i = this.#packs.findIndex((p) => p.id === pack.id);
    return i < 0 ? [...this.#packs, pack] : this.#packs.map((p, j) => (j === i ? pack : p));
  }
}
