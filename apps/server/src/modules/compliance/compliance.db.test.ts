import { CATEGORIES } from '@linli/compliance';
import { COMPLIANCE_CATEGORIES, type ComplianceItemDetail } from '@linli/contracts/compliance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../../../test/harness.ts';
import { sweepSla } from '../../platform/sla.ts';
import { isPublishable } from './guard.ts';
import { registerComplianceSla } from './compliance.sla.ts';
import { allOk, COPY, openLab, passReview, submit, type Lab } from './compliance.fixture.ts';

const HOUR = 3_600_000;

describe('compliance workflow: submit, screen, review, legal sign-off, edits, audit', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });
  const detail = async (id: string) =>
    (await lab.as('reviewer', 'GET', `/api/v1/compliance/items/${id}`)).body as ComplianceItemDetail;

  it('shares its categories with the rule engine', () => {
    expect([...COMPLIANCE_CATEGORIES]).toEqual([...CATEGORIES]);
  });

  it('returns blocked copy to its author at once, with the hits and suggested rewrites', async () => {
    const d = await submit(lab, COPY.blocked, { clientId: 'push-1' });
    expect(d.item).toMatchObject({ status: 'returned', stage: null, verdict: 'block', currentVersion: 1 });
    const hits = d.versions[0]!.hits;
    expect(hits.map((h) => [h.category, h.term, h.severity])).toEqual([
      ['medical_claims', '降血压', 'block'],
      ['absolute_terms', '最新鲜', 'block'],
    ]);
    expect(hits[1]!.suggestion).toBe('新鲜');
    expect(COPY.blocked.slice(hits[0]!.start, hits[0]!.end)).toBe('降血压');
    expect(hits[0]).toMatchObject({ highRisk: true, verdict: null, key: 'med.indicator@11-14' });
    expect(d.decisions).toMatchObject([
      { stage: 'screen', decision: 'return', reasons: ['medical_claims', 'absolute_terms'] },
    ]);
    expect(d.versions[0]!.packs).toMatch(/^absolute_terms@1,/);
    // nothing to review: no queue row, no clock
    expect(await count(lab.t.app, 'SELECT count(*) FROM sla_clocks')).toBe(0);

    // the same submission again is the same item; another one under the id is refused
    const again = await lab.as('author', 'POST', '/api/v1/compliance/items', {
      clientId: 'push-1',
      type: 'push',
      channel: 'app_push',
      title: 't',
      text: COPY.blocked,
    });
    expect(again.status).toBe(200);
    expect(again.body.item.id).toBe(d.item.id);
    const other = await lab.as('author', 'POST', '/api/v1/compliance/items', {
      clientId: 'push-1',
      type: 'push',
      channel: 'app_push',
      text: COPY.clean,
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('compliance.client_id_taken');
    // an Idempotency-Key header does the same
    const body = { type: 'poster', channel: 'offline', text: COPY.clean };
    const k1 = await lab.as('author', 'POST', '/api/v1/compliance/items', body, { 'idempotency-key': 'k-1' });
    const k2 = await lab.as('author', 'POST', '/api/v1/compliance/items', body, { 'idempotency-key': 'k-1' });
    expect([k1.status, k2.status]).toEqual([201, 200]);
    expect(k2.body.item.id).toBe(k1.body.item.id);

    // the author edits: a new version, screened again, into the review queue
    const edited = await lab.as('author', 'PUT', `/api/v1/compliance/items/${d.item.id}/text`, {
      text: '本店的新鲜草莓，酸甜多汁',
      baseVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.item).toMatchObject({
      status: 'review',
      stage: 'review',
      currentVersion: 2,
      verdict: 'pass',
    });
    expect(edited.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // the same edit again changes nothing; an edit of an old version is refused
    const same = await lab.as('author', 'PUT', `/api/v1/compliance/items/${d.item.id}/text`, {
      text: '本店的新鲜草莓，酸甜多汁',
      baseVersion: 2,
    });
    expect(same.body.item.currentVersion).toBe(2);
    const stale = await lab.as('author', 'PUT', `/api/v1/compliance/items/${d.item.id}/text`, {
      text: 'x',
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('compliance.stale_version');
  });

  it('refuses bad input with the field and reason', async () => {
    const empty = await lab.as('author', 'POST', '/api/v1/compliance/items', {
      type: 'push',
      channel: 'app_push',
      text: '  ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([{ field: 'text', reason: 'the copy is empty' }]);
    const badType = await lab.as('author', 'POST', '/api/v1/compliance/items', {
      type: 'fax',
      channel: 'app_push',
      text: 'x',
    });
    expect(badType.body.details[0].field).toBe('type');
    // analysts read, they do not submit
    const analyst = await lab.as('analyst', 'POST', '/api/v1/compliance/items', {
      type: 'push',
      channel: 'app_push',
      text: 'x',
    });
    expect(analyst.status).toBe(403);
    // HTML and script are stored as text, offsets into the raw copy
    const html = await submit(lab, '<script>alert(1)</script><b>最新鲜</b>的草莓');
    expect(html.versions[0]!.text).toBe('<script>alert(1)</script><b>最新鲜</b>的草莓');
    expect(html.versions[0]!.hits[0]).toMatchObject({ term: '最新鲜', start: 28, end: 31 });
    // 100 KB of copy and emoji-only copy
    const long = await submit(lab, '新鲜水果'.repeat(12_800) + '最好吃');
    expect(long.item.verdict).toBe('block');
    expect((await submit(lab, '🍓🍓🍓🥬')).item.verdict).toBe('pass');
  });

  it('stage 2 with the checklist, then legal for a high-risk hit; the guard passes only then', async () => {
    const d = await submit(lab, COPY.priceReview, { channel: 'wechat_group', type: 'leader_group_message' });
    expect(d.item).toMatchObject({ status: 'review', stage: 'review', verdict: 'review', highRisk: true });
    expect(d.legal).toMatchObject({ required: true });
    expect(d.legal.reasons).toEqual(['hit:price_fraud:原价59']);
    expect(d.checklist).toHaveLength(12);
    const queue = await lab.as('reviewer', 'GET', '/api/v1/compliance/items?stage=review&assignee=none');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(d.item.id);
    expect(queue.body.items.find((i: { id: string }) => i.id === d.item.id).dueAt).toBeTruthy();

    // the author may not review their own copy; legal may not take stage 2
    expect((await lab.as('author', 'POST', `/api/v1/compliance/items/${d.item.id}/claim`)).status).toBe(403);
    expect((await lab.as('legal', 'POST', `/api/v1/compliance/items/${d.item.id}/claim`)).status).toBe(403);
    const claimed = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/claim`);
    expect(claimed.body.item.assignee).toBe('rita');
    expect((await lab.as('reviewer2', 'POST', `/api/v1/compliance/items/${d.item.id}/claim`)).body.code).toBe(
      'compliance.claimed',
    );
    const mine = await lab.as('reviewer', 'GET', '/api/v1/compliance/items?stage=review&assignee=me');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([d.item.id]);

    // approve is refused while a hit has no verdict or the checklist is incomplete
    const early = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'approve',
      checklist: { absolute_terms: 'ok' },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('compliance.cannot_approve');
    expect(early.body.details).toContainEqual({
      field: 'hits.price.reference@0-4',
      reason: 'confirm or overrule every stage-1 hit first',
    });
    expect(early.body.details).toContainEqual({ field: 'checklist.medical_claims', reason: 'not answered' });

    const approved2 = await passReview(lab, d);
    expect(approved2.status).toBe(200);
    expect(approved2.body.item).toMatchObject({ status: 'legal', stage: 'legal', assignee: null });
    expect(await isPublishable(lab.t.app, { itemId: d.item.id })).toBe(false);
    // a retried decision is answered, a different one refused
    const retry = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'approve',
      checklist: allOk(d),
    });
    expect(retry.status).toBe(200);
    expect(retry.body.item.status).toBe('legal');
    const flip = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'reject',
      comment: 'no',
    });
    expect(flip.body.code).toBe('compliance.already_decided');

    // reviewers may not sign off for legal
    const notLegal = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
      version: 1,
      stage: 'legal',
      decision: 'approve',
    });
    expect(notLegal.status).toBe(403);
    const signed = await lab.as('legal', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
      version: 1,
      stage: 'legal',
      decision: 'approve',
      comment: '参考价依据已核实',
    });
    expect(signed.status).toBe(200);
    expect(signed.body.item).toMatchObject({ status: 'approved', approvedVersion: 1 });
    expect(await isPublishable(lab.t.app, { itemId: d.item.id, channel: 'wechat_group' })).toBe(true);
    expect(await isPublishable(lab.t.app, { text: COPY.priceReview, channel: 'wechat_group' })).toBe(true);
    expect(signed.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'screen.pass',
      'review.assigned',
      'review.approve',
      'legal.approve',
    ]);
    // the clocks of both stages stopped in time
    expect(await count(lab.t.app, 'SELECT count(*) FROM sla_clocks WHERE stopped_at <= due_at')).toBe(2);
    expect(
      await count(
        lab.t.app,
        "SELECT count(*) FROM audit_log WHERE entity = 'compliance_item' AND entity_id = $1 AND action LIKE 'decide.%'",
        [d.item.id],
      ),
    ).toBe(2);

    // approving v1 does not approve v2
    const v2 = await lab.as('author', 'PUT', `/api/v1/compliance/items/${d.item.id}/text`, {
      text: COPY.priceReview + '！',
      baseVersion: 1,
    });
    expect(v2.body.item).toMatchObject({ status: 'review', currentVersion: 2, approvedVersion: 1 });
    expect(await isPublishable(lab.t.app, { itemId: d.item.id })).toBe(false);
    expect(await isPublishable(lab.t.app, { text: COPY.priceReview, channel: 'wechat_group' })).toBe(false);
  });

  it('skips legal by policy when nothing high-risk was found; the policy can require it', async () => {
    const soft = await submit(lab, COPY.softReview);
    expect(soft.legal.required).toBe(false);
    const r = await passReview(lab, soft);
    expect(r.body.item).toMatchObject({ status: 'approved', approvedVersion: 1 });
    // a concern on a high-risk checklist item sends it to legal
    const clean = await submit(lab, COPY.clean);
    const concern = await passReview(lab, clean, {
      checklist: { ...allOk(clean), disparagement: 'concern' },
    });
    expect(concern.body.item.status).toBe('legal');
    expect(concern.body.legal.reasons).toContain('concern:disparagement');
    expect(concern.body.decisions.at(-1).reasons).toContain('legal:concern:disparagement');

    const policy = (await lab.as('legal', 'GET', '/api/v1/compliance/settings')).body;
    expect(policy).toMatchObject({ reviewSlaHours: 4, legalSlaHours: 24, legalAlways: false });
    expect(policy.highRisk).toEqual(
      expect.arrayContaining([
        'medical_claims',
        'price_fraud',
        'disparagement',
        'authority_endorsement',
        'false_claims',
        'guarantee',
      ]),
    );
    expect(
      (await lab.as('reviewer', 'PUT', '/api/v1/compliance/settings', { ...policy, legalAlways: true }))
        .status,
    ).toBe(403);
    const set = await lab.as('legal', 'PUT', '/api/v1/compliance/settings', {
      ...policy,
      legalAlways: true,
      reviewSlaHours: 2,
    });
    expect(set.body).toMatchObject({ legalAlways: true, reviewSlaHours: 2 });
    const strict = await submit(lab, COPY.clean + '。');
    expect(strict.legal).toEqual({ required: true, reasons: ['policy'] });
    expect((await passReview(lab, strict)).body.item.status).toBe('legal');
    await lab.as('legal', 'PUT', '/api/v1/compliance/settings', policy);
  });

  it('returns with reasons; confirmed hits and missed violations stop an approval', async () => {
    const d = await submit(lab, COPY.softReview + '，小学生必吃');
    const id = d.item.id;
    const noReason = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'return',
    });
    expect(noReason.body.code).toBe('compliance.reason_required');
    const hits = d.versions[0]!.hits;
    await lab.as('reviewer', 'PUT', `/api/v1/compliance/items/${id}/verdicts`, {
      version: 1,
      verdicts: [
        { hit: hits[0]!.key, verdict: 'confirmed' },
        ...hits.slice(1).map((h) => ({ hit: h.key, verdict: 'overruled' })),
      ],
    });
    const missed = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${id}/missed`, {
      version: 1,
      category: 'guarantee',
      term: '包好运',
    });
    expect(missed.status).toBe(201);
    const blocked = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'approve',
      checklist: allOk(d),
    });
    expect(blocked.body.details.map((p: { reason: string }) => p.reason)).toEqual(
      expect.arrayContaining(['a confirmed violation', '1 violation(s) marked as missed by stage 1']),
    );
    const back = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'return',
      reasons: ['superstition'],
      comment: '删除迷信用语',
    });
    expect(back.body.item).toMatchObject({ status: 'returned', stage: null });
    expect(back.body.decisions.at(-1)).toMatchObject({
      decision: 'return',
      comment: '删除迷信用语',
      actor: 'rita',
    });
    // a verdict on a returned item is refused (its review is over)
    const late = await lab.as('reviewer', 'PUT', `/api/v1/compliance/items/${id}/verdicts`, {
      version: 1,
      verdicts: [{ hit: hits[0]!.key, verdict: 'overruled' }],
    });
    expect(late.body.code).toBe('compliance.not_in_queue');
    // reject is final
    const d2 = await submit(lab, COPY.softReview + '!');
    await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d2.item.id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'reject',
      reasons: ['superstition'],
    });
    const edit = await lab.as('author', 'PUT', `/api/v1/compliance/items/${d2.item.id}/text`, {
      text: 'x',
      baseVersion: 1,
    });
    expect(edit.body.code).toBe('compliance.rejected');
  });

  it('assigns, lists, searches and pages; exports the list', async () => {
    const d = await submit(lab, COPY.clean + '，周末特价');
    const bad = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/assign`, {
      username: 'lin',
    });
    expect(bad.body.code).toBe('compliance.cannot_assign');
    const ok = await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${d.item.id}/assign`, {
      username: 'rob',
    });
    expect(ok.body.item.assignee).toBe('rob');
    const rob = await lab.as('reviewer', 'GET', '/api/v1/compliance/items?assignee=rob');
    expect(rob.body.items.map((i: { id: string }) => i.id)).toEqual([d.item.id]);
    const search = await lab.as(
      'reviewer',
      'GET',
      `/api/v1/compliance/items?q=${encodeURIComponent('周末特价')}`,
    );
    expect(search.body.total).toBe(1);
    const p1 = await lab.as('reviewer', 'GET', '/api/v1/compliance/items?limit=3');
    const p2 = await lab.as(
      'reviewer',
      'GET',
      `/api/v1/compliance/items?limit=3&cursor=${p1.body.nextCursor}`,
    );
    expect(p1.body.items).toHaveLength(3);
    expect(
      p2.body.items.some((i: { id: string }) => p1.body.items.some((j: { id: string }) => j.id === i.id)),
    ).toBe(false);
    const byStatus = await lab.as(
      'reviewer',
      'GET',
      '/api/v1/compliance/items?status=approved,legal&channel=wechat_group',
    );
    expect(
      byStatus.body.items.every((i: { status: string }) => ['approved', 'legal'].includes(i.status)),
    ).toBe(true);
    const csv = await lab.as('analyst', 'GET', '/api/v1/compliance/items/export?format=csv&lang=en-US');
    expect(csv.status).toBe(200);
    expect(csv.body.startsWith('Id,Type,Channel')).toBe(true);
    expect(csv.body).toContain('周末特价');
    const raw = await fetch(`${lab.http.base}/api/v1/compliance/items/export?format=csv`, {
      headers: { cookie: lab.cookies.analyst },
    });
    // a BOM, so Excel reads the file as UTF-8
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const xlsx = await fetch(`${lab.http.base}/api/v1/compliance/items/export`, {
      headers: { cookie: lab.cookies.analyst },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // the workbook's export is audited once its last row is written, just after the answer ends
    const exports = () =>
      count(
        lab.t.app,
        "SELECT count(*) FROM audit_log WHERE entity = 'compliance_items' AND action = 'export'",
      );
    for (let i = 0; i < 50 && (await exports()) < 3; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await exports()).toBe(3);
  });

  it('SLA marks of a review stage fire once and show on the item', async () => {
    registerComplianceSla();
    const d = await submit(lab, COPY.clean + '，限量');
    const later = new Date(Date.now() + 5 * HOUR);
    const events = await sweepSla(lab.t.app, later);
    expect(events.filter((e) => e.clock.subject.includes(d.item.id)).map((e) => e.mark)).toEqual([
      'warn50',
      'warn80',
      'breach',
    ]);
    const after = await detail(d.item.id);
    expect(after.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['sla.50', 'sla.80', 'sla.breach']),
    );
    expect(
      await count(
        lab.t.app,
        "SELECT count(*) FROM audit_log WHERE action = 'sla.breach' AND entity_id = $1",
        [d.item.id],
      ),
    ).toBe(1);
    expect(await sweepSla(lab.t.app, later)).toEqual([]);
  });
});
