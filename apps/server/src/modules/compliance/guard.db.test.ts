import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../platform/db/sql.ts';
import { screenUgc } from '../../platform/ugc.ts';
import { ingestEvents } from '../activity/index.ts';
import { memberIdOf } from '../members/index.ts';
import { assertPublishable, isPublishable } from './guard.ts';
import { COPY, openLab, passReview, submit, type Lab } from './compliance.fixture.ts';

describe('the guard: only the exact approved version is publishable', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab();
  });
  afterAll(async () => {
    await lab?.close();
  });
  const refusal = async (target: Parameters<typeof assertPublishable>[1]) => {
    try {
      await assertPublishable(lab.t.app, target);
      return 'published';
    } catch (e) {
      expect((e as { code: string }).code).toBe('compliance.not_approved');
      return (e as Error).message;
    }
  };
  const approve = async (text: string, channel = 'app_push') => {
    const d = await submit(lab, text, { channel });
    const r = await passReview(lab, d);
    if (r.body.item.status === 'legal')
      await lab.as('legal', 'POST', `/api/v1/compliance/items/${d.item.id}/decisions`, {
        version: 1,
        stage: 'legal',
        decision: 'approve',
      });
    return d.item.id;
  };

  it('refuses what is unknown, returned, in review or with legal', async () => {
    expect(await refusal({ itemId: 'cmi_nope' })).toContain('no content item cmi_nope');
    const blocked = await submit(lab, COPY.blocked);
    expect(await refusal({ itemId: blocked.item.id })).toContain('is returned (version 1)');
    expect(await refusal({ text: COPY.blocked, channel: 'app_push' })).toContain('is returned');
    const waiting = await submit(lab, COPY.priceReview);
    expect(await refusal({ itemId: waiting.item.id })).toContain('is review');
    await passReview(lab, waiting);
    expect(await refusal({ itemId: waiting.item.id })).toContain('is legal');
    expect(await refusal({ text: '从未提交的文案', channel: 'app_push' })).toContain(
      'never submitted for app_push',
    );
    expect(await refusal({ text: '   ', channel: 'app_push' })).toContain('empty');
  });

  it('passes the approved version on its channel, by item or by exact text, and nothing else', async () => {
    const id = await approve(COPY.clean);
    const ok = await assertPublishable(lab.t.app, { itemId: id, channel: 'app_push' });
    expect(ok).toMatchObject({ itemId: id, version: 1, channel: 'app_push' });
    expect(ok.approvedAt).toBeInstanceOf(Date);
    expect(await isPublishable(lab.t.app, { itemId: id })).toBe(true);
    expect(await isPublishable(lab.t.app, { text: COPY.clean, channel: 'app_push' })).toBe(true);
    expect(await refusal({ itemId: id, channel: 'sms' })).toContain('approved for app_push, not sms');
    expect(await refusal({ text: COPY.clean, channel: 'sms' })).toContain('never submitted for sms');
    // one character more, a space, a full-width comma: another text, never approved
    expect(await isPublishable(lab.t.app, { text: COPY.clean + ' ', channel: 'app_push' })).toBe(false);
    expect(await isPublishable(lab.t.app, { text: COPY.clean.replace('，', ','), channel: 'app_push' })).toBe(
      false,
    );
    // inside the sender's transaction, on its client
    await withTransaction(lab.t.app.database, async (tx) => {
      expect(await isPublishable(tx, { itemId: id })).toBe(true);
    });
    // over HTTP, for senders outside the server
    const http = await lab.as('analyst', 'POST', '/api/v1/compliance/publishable', {
      text: COPY.clean,
      channel: 'app_push',
    });
    expect(http.body).toMatchObject({ publishable: true, approval: { itemId: id, version: 1 } });
    const no = await lab.as('analyst', 'POST', '/api/v1/compliance/publishable', { itemId: 'cmi_x' });
    expect(no.body).toMatchObject({ publishable: false, approval: null });
    expect(no.body.reason).toContain('no content item');
  });

  it('an edit after approval un-publishes until the new version is approved; a recall too', async () => {
    const id = await approve(COPY.clean + '，明早到货');
    const edit = await lab.as('author', 'PUT', `/api/v1/compliance/items/${id}/text`, {
      text: COPY.clean + '，明早八点到货',
      baseVersion: 1,
    });
    expect(edit.body.item).toMatchObject({ currentVersion: 2, approvedVersion: 1, status: 'review' });
    expect(await refusal({ itemId: id })).toContain('is review (version 2)');
    // the old text is no longer what the item says, so it is not publishable either
    expect(await isPublishable(lab.t.app, { text: COPY.clean + '，明早到货', channel: 'app_push' })).toBe(
      false,
    );
    await passReview(lab, edit.body);
    expect(await assertPublishable(lab.t.app, { itemId: id })).toMatchObject({ version: 2 });

    const recalled = await lab.as('legal', 'POST', `/api/v1/compliance/items/${id}/recall`, {
      category: 'false_claims',
      reason: '到货时间不实',
    });
    expect(recalled.body.item).toMatchObject({ status: 'recalled', approvedVersion: null });
    expect(await refusal({ itemId: id })).toContain('is recalled');
    expect(
      (
        await lab.as('author', 'POST', `/api/v1/compliance/items/${id}/recall`, {
          category: 'false_claims',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });

  it('between two items with the same text, the approved one counts', async () => {
    await submit(lab, COPY.softReview, { channel: 'sms' });
    await approve(COPY.softReview, 'sms');
    expect(await isPublishable(lab.t.app, { text: COPY.softReview, channel: 'sms' })).toBe(true);
  });

  it('masks what stage 1 blocks in member-written text shown in the console', async () => {
    const shown = await screenUgc(lab.t.app.database.pool, [
      { id: 1, text: '草莓很甜，下次还买' },
      { id: 2, text: '快递员态度差，收件人王芳 13812345678 家住3栋2单元501' },
      { id: 3, text: null },
    ]);
    expect(shown[0]).toEqual({ id: 1, text: '草莓很甜，下次还买' });
    expect(shown[1]!.text).toBe('快递员态度差，收件人王芳 ＊＊＊＊＊＊＊＊＊＊＊ 家住＊＊＊＊＊＊＊＊');
    expect(shown[2]).toEqual({ id: 3, text: null });

    // the member timeline and the text explorer show it masked
    const member = 'ugc-member-1';
    const ingested = await ingestEvents(lab.t.ctx, [
      {
        id: 'ugc-1',
        memberId: member,
        type: 'review',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        rating: 1,
        text: '差评！收件人王芳 13812345678',
      },
    ]);
    expect(ingested).toMatchObject({ accepted: 1 });
    const events = await lab.as('analyst', 'GET', `/api/v1/events?memberId=${memberIdOf(member)}`);
    expect(events.status).toBe(200);
    expect(events.body.items[0].text).toBe('差评！收件人王芳 ＊＊＊＊＊＊＊＊＊＊＊');

    // UGC that a reviewer rejected is hidden whole
    const ugc = await submit(lab, '这家店的菜真不错，推荐大家来买', { type: 'ugc', channel: 'h5' });
    await lab.as('reviewer', 'POST', `/api/v1/compliance/items/${ugc.item.id}/decisions`, {
      version: 1,
      stage: 'review',
      decision: 'reject',
      reasons: ['刷单嫌疑'],
    });
    const hidden = await screenUgc(lab.t.app.database.pool, [{ text: '这家店的菜真不错，推荐大家来买' }]);
    expect(hidden[0]!.text).toMatch(/^＊+$/);
  });
});
