import type { TagRule } from '@linli/contracts';
import { tagRule } from '@linli/contracts';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TAGS } from './builtin-tags.ts';
import { checkRule, compileRule } from './tag-rules.ts';

const now = new Date('2026-01-01T00:00:00Z');
const render = (rule: TagRule) => new PgDialect().sqlToQuery(compileRule(rule, now));

describe('tag rules', () => {
  it('names each problem by its place in the rule', () => {
    const rule = {
      all: [
        { field: 'orders_30d', op: '>=', value: 'three' },
        {
          any: [
            { field: 'gender', op: '>', value: 'female' },
            { field: 'category_share_90d', op: '>=', value: 0.3 },
          ],
        },
        { not: { field: 'nope', op: '=', value: 1 } },
        { field: 'age_years', op: 'between', value: [60, 20] },
      ],
    } as TagRule;
    expect(checkRule(rule).map((p) => p.path)).toEqual([
      'rule.all.0',
      'rule.all.1.any.0',
      'rule.all.1.any.1',
      'rule.all.2.not',
      'rule.all.3',
    ]);
  });

  it('compiles to two-valued SQL with every value bound as a parameter', () => {
    const q = render({
      not: {
        any: [
          { field: 'gender', op: 'in', value: ['female', 'unknown'] },
          { event: 'share', windowDays: 14, op: '>=', value: 3 },
        ],
      },
    });
    expect(q.sql).toContain('NOT');
    expect(q.sql.match(/coalesce\(/g)!.length).toBeGreaterThanOrEqual(2);
    expect(q.sql).not.toContain('female');
    expect(q.params).toEqual(expect.arrayContaining([['female', 'unknown'], 'share_14d', 3]));
  });

  it('ships at least 30 base, 50 behaviour and 20 emotion tags', () => {
    const count = (kind: string) => BUILTIN_TAGS.filter((t) => t.kind === kind).length;
    expect(count('base')).toBeGreaterThanOrEqual(30);
    expect(count('behaviour')).toBeGreaterThanOrEqual(50);
    expect(count('emotion')).toBeGreaterThanOrEqual(20);
  });

  it('keeps the built-in catalogue valid, unique and described in Chinese', () => {
    const keys = new Set(BUILTIN_TAGS.map((t) => t.key));
    expect(keys.size).toBe(BUILTIN_TAGS.length);
    for (const t of BUILTIN_TAGS) {
      expect(tagRule.safeParse(t.rule).success, t.key).toBe(true);
      expect(checkRule(t.rule), t.key).toEqual([]);
      expect(t.descriptionZh.length, t.key).toBeGreaterThan(3);
    }
  });
});
