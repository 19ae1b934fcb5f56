import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  compile,
  compilePattern,
  defaultPacks,
  PackError,
  PatternError,
  RuleBook,
  validatePack,
  validatePacks,
  type RulePack,
} from './index.ts';

const tiny = (patterns: string[], extra: Partial<RulePack> = {}): RulePack => ({
  id: 'house',
  category: 'absolute_terms',
  version: '1',
  law: '广告法第九条第三项',
  rules: [{ id: 'house.one', severity: 'block', patterns }],
  ...extra,
});

describe('the shipped packs', () => {
  it('are one valid pack per category, each rule citing a law', () => {
    const packs = defaultPacks();
    expect(packs.map((p) => p.category)).toEqual([...CATEGORIES]);
    expect(validatePacks(packs)).toEqual([]);
    for (const p of packs) {
      expect(p.version).toMatch(/^\d{4}\.\d{2}\.\d{2}/);
      for (const r of p.rules) expect((r.law ?? p.law).length).toBeGreaterThan(3);
    }
  });

  it('are plain data: a JSON round trip compiles to the same matcher', () => {
    const packs = defaultPacks();
    const copy = JSON.parse(JSON.stringify(packs)) as RulePack[];
    const a = compile(packs);
    const b = compile(copy);
    expect(b.version).toBe(a.version);
    expect(b.size).toBe(a.size);
    const text = '全网最低价！吃了降血压，转发3个群领红包';
    expect(b.scan(text)).toEqual(a.scan(text));
  });

  it('hand out copies: changing one does not change the next', () => {
    const p = defaultPacks();
    p[0]!.rules.length = 0;
    expect(defaultPacks()[0]!.rules.length).toBeGreaterThan(0);
  });
});

describe('the pattern language', () => {
  const one = (p: string, text: string, lists = {}) =>
    compile([tiny([p], { lists })])
      .scan(text)
      .violations.map((v) => v.term);

  it('alternatives, optional parts, lists, numbers and gaps', () => {
    expect(one('最(好|甜)吃?', '这是最甜的')).toEqual(['最甜']);
    expect(one('{fruit}之王', '榴莲之王', { fruit: ['榴莲', '山竹'] })).toEqual(['榴莲之王']);
    expect(one('仅剩#份', '仅剩3份，仅剩三份')).toEqual(['仅剩3份', '仅剩三份']);
    expect(one('转发~4群', '转发到3个群')).toEqual(['转发到3个群']);
    // a gap stays within its sentence
    expect(one('转发~4群', '转发。大群')).toEqual([]);
    // special characters escaped; punctuation inside a literal is stepped over like in the text
    expect(one('a\\(b', 'a(b')).toEqual(['a(b']);
    expect(one('no\\#1', 'NO#1')).toEqual(['NO#1']);
  });

  it('rejects a broken pattern with the reason', () => {
    const reason = (p: string, lists = {}) => {
      try {
        compilePattern(p, lists);
        return 'compiled';
      } catch (e) {
        expect(e).toBeInstanceOf(PatternError);
        return (e as Error).message;
      }
    };
    expect(reason('最(好|甜')).toMatch(/unclosed "\("/);
    expect(reason('最好)')).toMatch(/unmatched "\)"/);
    expect(reason('{nope}吃')).toMatch(/unknown list "\{nope\}"/);
    expect(reason('#')).toMatch(/no required literal/);
    expect(reason('(a|)')).toMatch(/empty/);
    expect(reason('~3a')).toMatch(/gap must stand between/);
    expect(reason('a~99b')).toMatch(/gap must be 1–30/);
    expect(reason('?a')).toMatch(/nothing to make optional/);
    expect(reason('！')).toMatch(/nothing to match/);
    expect(reason('a' + '(#|b)'.repeat(13))).toMatch(/more than 4000/);
    expect(reason('')).toMatch(/empty pattern/);
  });

  it('validates a whole pack: category, severity, ids, context, every pattern', () => {
    const problems = validatePack({
      id: 'bad pack!',
      category: 'nonsense',
      version: '',
      law: '',
      rules: [
        { id: 'x', severity: 'maybe', patterns: ['最(好'] },
        {
          id: 'x',
          severity: 'block',
          patterns: ['好'],
          context: { scope: 'page', allow: ['~'] },
          colour: 'red',
        },
        { id: 'y', severity: 'review' },
      ],
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'category',
        'version',
        'law',
        'rules[0].severity',
        'rules[0].patterns[0]',
        'rules[1].id',
        'rules[1].colour',
        'rules[1].context.allow[0]',
        'rules[1].context.scope',
        'rules[2].patterns',
      ]),
    );
    expect(problems.find((p) => p.path === 'rules[0].patterns[0]')!.message).toMatch(/unclosed/);
    expect(validatePack(null)).toHaveLength(1);
    expect(validatePacks([tiny(['a']), tiny(['b'])]).map((p) => p.message)).toContain(
      'two packs with this id',
    );
  });

  it('compile throws a PackError listing the problems', () => {
    expect(() => compile([tiny(['最(好'])])).toThrow(PackError);
    expect(() => compile([tiny(['最(好'])])).toThrow(
      /house house\.one rules\[0\]\.patterns\[0\]: "最\(好": unclosed/,
    );
  });
});

describe('RuleBook: packs edited while live', () => {
  it('swaps in a changed pack at once, no restart', () => {
    const book = new RuleBook();
    expect(book.scan('本店招牌：霸王级口感').verdict).toBe('pass');
    const pack = book.pack('absolute_terms')!;
    pack.version = `${pack.version}-1`;
    pack.rules.push({ id: 'abs.house_words', severity: 'review', patterns: ['霸王级'] });
    expect(book.put(pack)).toEqual({
      ok: true,
      version: expect.stringContaining('absolute_terms@2026.11.26-1'),
    });
    expect(book.scan('本店招牌：霸王级口感').violations[0]).toMatchObject({
      category: 'absolute_terms',
      ruleId: 'abs.house_words',
      term: '霸王级',
    });
  });

  it('rejects a broken pack with the reason and keeps the old one live', () => {
    const book = new RuleBook();
    const before = book.version;
    const pack = book.pack('medical_claims')!;
    pack.rules[0]!.patterns = ['降(血压'];
    const r = book.put(pack);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ pack: 'medical_claims', path: 'rules[0].patterns[0]' });
    expect(book.version).toBe(before);
    expect(book.scan('吃了降血压').verdict).toBe('block');
    // a rule id that clashes with another pack is refused the same way
    const clash = book.pack('guarantee')!;
    clash.rules[0]!.id = 'med.indicator';
    expect(book.put(clash).ok).toBe(false);
    expect(book.check(clash)[0]!.message).toMatch(/also used in pack medical_claims/);
  });

  it('tries a pack on a text without saving it (the editor test box)', () => {
    const book = new RuleBook();
    const pack = book.pack('superstition')!;
    pack.rules.push({ id: 'sup.house', severity: 'block', patterns: ['锦鲤附体'] });
    const t = book.trial(pack, '下单即锦鲤附体');
    expect(t.ok && t.result.verdict).toBe('block');
    expect(book.scan('下单即锦鲤附体').verdict).toBe('pass');
    expect(book.trial({ id: 'x' }, '…').ok).toBe(false);
  });

  it('adds and removes packs', () => {
    const book = new RuleBook();
    expect(book.put(tiny(['霸王级'])).ok).toBe(true);
    expect(book.scan('霸王级').violations[0]!.ruleId).toBe('house.one');
    expect(book.remove('house')).toBe(true);
    expect(book.remove('house')).toBe(false);
    expect(book.scan('霸王级').verdict).toBe('pass');
  });
});
