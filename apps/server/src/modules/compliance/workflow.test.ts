import { defaultChecklist } from '@linli/compliance';
import type { ChecklistEntry } from '@linli/contracts/compliance';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './policy.service.ts';
import { approvalProblems, holdsStage, legalNeed } from './workflow.ts';

const checklist: ChecklistEntry[] = [
  ...defaultChecklist().map((c) => ({
    key: c.category,
    title: c.title,
    law: c.law,
    category: c.category,
    highRisk: false,
    builtin: true,
    enabled: true,
  })),
  {
    key: 'food_label',
    title: '标签一致',
    law: '',
    category: null,
    highRisk: true,
    builtin: false,
    enabled: true,
  },
  { key: 'tone', title: '语气', law: '', category: null, highRisk: false, builtin: false, enabled: true },
];
const ok = Object.fromEntries(checklist.map((c) => [c.key, 'ok' as const]));

describe('workflow rules', () => {
  it('needs legal for high-risk hits (the six by default), concerns, a request or the policy', () => {
    const none = legalNeed(
      DEFAULT_SETTINGS,
      [{ category: 'superstition', term: '招财' }],
      ok,
      checklist,
      false,
    );
    expect(none).toEqual({ required: false, reasons: [] });
    for (const category of [
      'medical_claims',
      'price_fraud',
      'disparagement',
      'authority_endorsement',
      'false_claims',
      'guarantee',
    ] as const)
      expect(legalNeed(DEFAULT_SETTINGS, [{ category, term: 'x' }], ok, checklist, false).required).toBe(
        true,
      );
    expect(
      legalNeed(
        DEFAULT_SETTINGS,
        [
          { category: 'price_fraud', term: '原价59' },
          { category: 'price_fraud', term: '原价59' },
        ],
        ok,
        checklist,
        false,
      ).reasons,
    ).toEqual(['hit:price_fraud:原价59']);
    expect(legalNeed(DEFAULT_SETTINGS, [], { ...ok, tone: 'concern' }, checklist, false).required).toBe(
      false,
    );
    expect(
      legalNeed(DEFAULT_SETTINGS, [], { ...ok, food_label: 'concern' }, checklist, false).reasons,
    ).toEqual(['concern:food_label']);
    expect(
      legalNeed(DEFAULT_SETTINGS, [], { ...ok, guarantee: 'concern' }, checklist, false).reasons,
    ).toEqual(['concern:guarantee']);
    expect(legalNeed(DEFAULT_SETTINGS, [], ok, checklist, true).reasons).toEqual(['asked']);
    expect(legalNeed({ ...DEFAULT_SETTINGS, legalAlways: true }, [], ok, checklist, false).reasons).toEqual([
      'policy',
    ]);
    // a narrower policy list is what counts
    expect(
      legalNeed(
        { ...DEFAULT_SETTINGS, highRisk: ['medical_claims'] },
        [{ category: 'price_fraud', term: 'x' }],
        ok,
        checklist,
        false,
      ).required,
    ).toBe(false);
  });

  it('stops an approval on an unjudged or confirmed hit, a missed mark, an open or failed checklist', () => {
    const verdicts = new Map([
      ['a', 'overruled' as const],
      ['b', 'confirmed' as const],
    ]);
    expect(approvalProblems('review', ['a'], verdicts, 0, ok, checklist)).toEqual([]);
    expect(
      approvalProblems(
        'review',
        ['a', 'b', 'c'],
        verdicts,
        1,
        { ...ok, tone: 'violation', minors: undefined as never },
        checklist,
      ),
    ).toEqual([
      { field: 'hits.b', reason: 'a confirmed violation' },
      { field: 'hits.c', reason: 'confirm or overrule every stage-1 hit first' },
      { field: 'missed', reason: '1 violation(s) marked as missed by stage 1' },
      { field: 'checklist.minors', reason: 'not answered' },
      { field: 'checklist.tone', reason: 'answered violation' },
    ]);
    // legal does not answer the checklist
    expect(approvalProblems('legal', ['a'], verdicts, 0, {}, checklist)).toEqual([]);
  });

  it('gives stage 2 to reviewers and stage 3 to legal; admins both', () => {
    const user = (roles: string[]) => ({
      type: 'user' as const,
      id: 'u',
      username: 'u',
      roles: roles as never,
      communityIds: [],
    });
    expect(holdsStage(user(['reviewer']), 'review')).toBe(true);
    expect(holdsStage(user(['reviewer']), 'legal')).toBe(false);
    expect(holdsStage(user(['legal']), 'legal')).toBe(true);
    expect(holdsStage(user(['operator']), 'review')).toBe(false);
    expect(holdsStage(user(['admin']), 'legal')).toBe(true);
    expect(holdsStage({ type: 'api_key', id: 'k', scopes: ['admin'] }, 'review')).toBe(false);
  });
});
