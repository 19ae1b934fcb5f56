import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';
import { drainEventFeed } from './feed.service.ts';
import { seedWorld, STRAWBERRY, TEXTS } from './opinion.fixture.ts';
import { signBody } from './webhook.ts';

describe('opinion: intake, triage on arrival, incidents, actions, affected members', () => {
  let t: TestApp;
  let http: Http;
  let op: string;
  const as = (cookie: string) => (method: string, p: string, body?: unknown) =>
    http.call(method, p, body, { cookie, 'x-api-key': '' });
  const post = (items: unknown[]) => http.call('POST', '/api/v1/opinion/messages', { items });
  const incident = async (id: string) => (await as(op)('GET', `/api/v1/opinion/incidents/${id}`)).body;

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    op = await loginAs(t, http, 'ops', ['operator']);
    await seedWorld(http);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  it('triages a message on arrival and opens an incident with its clock; a retry changes nothing', async () => {
    const started = Date.now();
    const r = await post([
      { source: 'complaint', id: 'c-1', text: TEXTS.l3, memberId: 'm-26', orderId: 'o-26' },
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 1, accepted: 1, duplicates: 0, rejected: [] });
    const m = r.body.messages[0];
    expect(m).toMatchObject({ index: 0, level: 3, category: 'food_safety', duplicate: false });
    const inc = await incident(m.incidentId);
    expect(inc).toMatchObject({
      level: 3,
      status: 'open',
      ownerRole: 'executive',
      communityName: '阳光花园',
      pickupPointId: expect.stringMatching(/^pkp_/),
      messageCount: 1,
      households: 1,
    });
    expect(inc.sla).toMatchObject({ clock: 'close', level: 3, stoppedAt: null });
    expect(new Date(inc.sla.dueAt).getTime() - new Date(inc.sla.startedAt).getTime()).toBe(24 * 3_600_000);
    expect(inc.timeline.map((e: { kind: string }) => e.kind)).toEqual(['opened', 'level_raised']);
    expect(inc.messages[0]).toMatchObject({ text: TEXTS.l3, level: 3, version: expect.any(String) });
    expect(inc.messages[0].reasons.length).toBeGreaterThan(0);

    const again = await post([{ source: 'complaint', id: 'c-1', text: TEXTS.l3, memberId: 'm-26' }]);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.body.messages[0]).toMatchObject({ id: m.id, incidentId: m.incidentId, duplicate: true });
    expect(await count(t.app, 'SELECT count(*) FROM opinion_incidents')).toBe(1);
    // a level-3 incident tells the operations group at once (outbox) and the console
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM opinion_notifications WHERE kind = 'level3' AND channel = 'wecom'",
      ),
    ).toBe(1);
  });

  it('keeps level-0 messages without waking anyone, and names every bad item', async () => {
    const html = '<script>alert("x")</script><b>草莓</b>不错';
    const big = '草莓很好吃。'.repeat(17_000); // ≈ 100 KB of text
    const r = await post([
      { source: 'group_message', text: TEXTS.l0question },
      { source: 'group_message', text: TEXTS.l0joke },
      { source: 'review', text: '' },
      { source: 'review', text: '   ' },
      { source: 'review', text: big },
      { source: 'review', text: '😀😀👍👍🍓' },
      { source: 'review', id: 'html-1', text: html },
      { source: 'social_post', text: 'The strawberries were great, thanks!' },
      { source: 'tweet', text: 'x' },
      { source: 'review', text: 'x', colour: 'red' },
      { source: 'review', text: 'x', receivedAt: '2099-01-01T00:00:00+08:00' },
      { source: 'review', text: 'x'.repeat(200_001) },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(6);
    expect(
      r.body.rejected.map((p: { index: number; field: string; code: string }) => [p.index, p.field, p.code]),
    ).toEqual([
      [2, 'text', 'opinion.text_empty'],
      [3, 'text', 'opinion.text_empty'],
      [8, 'source', 'opinion.source_invalid'],
      [9, 'colour', 'opinion.unknown_field'],
      [10, 'receivedAt', 'opinion.received_at_in_future'],
      [11, 'text', 'opinion.text_too_long'],
    ]);
    for (const m of r.body.messages) expect(m).toMatchObject({ level: 0, incidentId: null });
    const stored = await http.call('GET', '/api/v1/opinion/messages?source=review&limit=10');
    // stored and answered as plain text, never changed into markup
    expect(stored.body.items.find((m: { externalId: string }) => m.externalId === 'html-1').text).toBe(html);
    expect(await count(t.app, 'SELECT count(*) FROM opinion_incidents')).toBe(1);
  });

  it('groups by member and order, by thread, and by SKU within the window', async () => {
    const r = await post([
      { source: 'cs_message', id: 'g-1', text: TEXTS.l1, memberId: 'm-1', orderId: 'o-1' },
      { source: 'cs_message', id: 'g-2', text: TEXTS.l2, memberId: 'm-1', orderId: 'o-1' },
      { source: 'social_post', id: 'p-1', text: TEXTS.l1b, threadId: 'xhs-777' },
      { source: 'social_post', id: 'p-2', text: TEXTS.l2, threadId: 'xhs-777' },
      {
        source: 'review',
        id: 'r-1',
        text: '草莓不新鲜，有几颗发霉，跟描述不符',
        memberId: 'm-2',
        sku: STRAWBERRY,
      },
    ]);
    const [a, b, c, d, e] = r.body.messages;
    expect(b.incidentId).toBe(a.incidentId);
    expect(d.incidentId).toBe(c.incidentId);
    expect(c.incidentId).not.toBe(a.incidentId);
    // m-2 collects at the same point as m-1 and complains of the same thing (freshness)
    expect(e.incidentId).toBe(a.incidentId);
    const inc = await incident(a.incidentId);
    expect(inc).toMatchObject({ level: 2, ownerRole: 'customer_service', messageCount: 3, households: 2 });
    expect(inc.sla).toMatchObject({ clock: 'resolve' });
    const thread = await incident(c.incidentId);
    expect(thread.level).toBe(2);
  });

  it('raises an incident to level 3 when ten households complain about one SKU within 24 hours', async () => {
    // members the world does not know (no pickup point): only the SKU ties them together
    const eight = Array.from({ length: 8 }, (_, i) => ({
      source: 'review',
      id: `scale-${i + 1}`,
      text: `${TEXTS.l1b}（${i + 1} 号）`,
      memberId: `x-${i + 1}`,
      sku: STRAWBERRY,
    }));
    const r = await post(eight);
    const ids = new Set(r.body.messages.map((m: { incidentId: string }) => m.incidentId));
    expect(ids.size).toBe(1);
    const id = [...ids][0] as string;
    let inc = await incident(id);
    // with m-2's review of the same SKU (in another incident): 9 households, one short
    expect(inc.households).toBe(8);
    expect(inc.level).toBe(1);
    // the tenth household's text is word for word a social post's: it joins that post's incident,
    // and still counts for the SKU's
    const tenth = await post([
      { source: 'review', id: 'scale-9', text: TEXTS.l1b, memberId: 'x-9', sku: STRAWBERRY },
    ]);
    expect(tenth.body.messages[0].incidentId).not.toBe(id);
    inc = await incident(id);
    expect(inc).toMatchObject({ level: 3, households: 8, ownerRole: 'executive' });
    const raised = inc.timeline.filter((e: { kind: string }) => e.kind === 'level_raised').at(-1);
    expect(raised.detail).toMatchObject({ to: 3, cause: 'scale', note: '10 户' });
    expect(inc.sla).toMatchObject({ clock: 'close' });
  });

  it('makes one incident of a flood of identical messages', async () => {
    const flood = (from: number) =>
      Array.from({ length: 500 }, (_, i) => ({
        source: 'group_message',
        id: `flood-${from + i}`,
        text: `邻里团的菜太坑了！！大家别买了，${i % 2 ? '' : ' '}发霉的菜还卖`,
      }));
    const a = await post(flood(0));
    const b = await post(flood(500));
    const ids = new Set(
      [...a.body.messages, ...b.body.messages].map((m: { incidentId: string | null }) => m.incidentId),
    );
    expect(a.body.accepted + b.body.accepted).toBe(1000);
    expect(ids.size).toBe(1);
    const inc = await incident([...ids][0] as string);
    expect(inc.messageCount).toBe(1000);
    expect(inc.messages.length).toBeLessThanOrEqual(200);

    // the same, one message per request, all at once (stored together in the same transaction or not)
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post([{ source: 'social_post', id: `burst-${i % 15}`, text: '邻里团卖发霉的水果！大家都去投诉！' }]),
      ),
    );
    const answers = burst.map((r) => r.body.messages[0]);
    expect(new Set(answers.map((m: { incidentId: string }) => m.incidentId)).size).toBe(1);
    expect(answers.filter((m: { duplicate: boolean }) => !m.duplicate)).toHaveLength(15);
    expect(await count(t.app, "SELECT count(*) FROM opinion_messages WHERE external_id LIKE 'burst-%'")).toBe(
      15,
    );
  });

  it('takes signed webhooks and refuses bad signatures', async () => {
    const secret = (await as(op)('PUT', '/api/v1/opinion/webhook-secrets/social_post', {})).body.secret;
    expect(secret).toMatch(/^[\w-]{20,}$/);
    const body = JSON.stringify({ items: [{ id: 'wb-1', text: TEXTS.l2, threadId: 'dy-1' }] });
    const send = (sig: string | null, raw = body, source = 'social_post') =>
      fetch(`${http.base}/api/v1/opinion/webhook/${source}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sig ? { 'x-linli-signature': sig } : {}) },
        body: raw,
      });
    const ok = await send(signBody(secret, body));
    expect(ok.status).toBe(200);
    expect((await ok.json()) as object).toMatchObject({ accepted: 1, messages: [{ level: 2 }] });
    expect((await send(null)).status).toBe(401);
    expect((await send(signBody('wrong-secret-wrong', body))).status).toBe(401);
    // a body changed after signing
    expect((await send(signBody(secret, body), body.replace('dy-1', 'dy-2'))).status).toBe(401);
    const noSecret = await send(signBody(secret, body), body, 'review');
    expect(noSecret.status).toBe(401);
    expect(((await noSecret.json()) as { code: string }).code).toBe('opinion.bad_signature');
  });

  it('imports a GBK CSV with Chinese headers and names the bad row and field', async () => {
    const csv = [
      '来源,消息ID,内容,会员ID',
      `群消息,csv-1,${TEXTS.l1},m-20`,
      '评价,csv-2,,m-19',
      `投诉,csv-3,${TEXTS.l2},m-18`,
    ].join('\r\n');
    const bytes = encodeGbk(csv);
    const r = await fetch(`${http.base}/api/v1/opinion/messages/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: op },
      body: bytes,
    });
    const body = (await r.json()) as { rejected: unknown[] };
    expect(r.status).toBe(200);
    expect(body).toMatchObject({ received: 3, accepted: 2 });
    expect(body.rejected).toEqual([
      { index: 1, row: 3, field: 'text', reason: 'the text is missing', code: 'opinion.text_missing' },
    ]);
  });

  it('acknowledges, assigns, escalates, records a refund in fen, resolves; every action on the timeline and audited', async () => {
    const r = await post([
      {
        source: 'cs_message',
        id: 'act-1',
        text: '今天的草莓底下有两颗烂了，麻烦王团长反馈一下',
        memberId: 'm-21',
        orderId: 'o-21',
      },
    ]);
    const id = r.body.messages[0].incidentId;
    let inc = await incident(id);
    expect(inc).toMatchObject({ level: 1, ownerRole: 'leader', ownerName: '王团长' });
    expect(inc.sla).toMatchObject({ clock: 'acknowledge', stoppedAt: null });
    const act = (name: string, body: unknown = {}) =>
      as(op)('POST', `/api/v1/opinion/incidents/${id}/${name}`, body);
    inc = (await act('acknowledge', { note: '已联系会员' })).body;
    expect(inc.status).toBe('acknowledged');
    expect(inc.clocks[0].stoppedAt).not.toBeNull();
    await loginAs(t, http, 'cs1', ['customer_service']);
    expect((await act('assign', { username: 'cs1' })).body).toMatchObject({ ownerName: 'cs1' });
    expect((await act('assign', { username: 'nobody' })).body.code).toBe('opinion.unknown_user');
    inc = (await act('escalate', { note: '会员情绪激动' })).body;
    expect(inc).toMatchObject({ level: 2, ownerRole: 'customer_service', escalations: 1 });
    expect(inc.sla).toMatchObject({ clock: 'resolve', stoppedAt: null });
    expect((await act('remedies', { kind: 'refund', amountFen: 12.5 })).body.code).toBe(
      'opinion.action_invalid',
    );
    inc = (await act('remedies', { kind: 'refund', amountFen: 2990, note: '草莓全额退款' })).body;
    expect(inc.remedies[0]).toMatchObject({
      kind: 'refund',
      amountFen: 2990,
      orderId: expect.stringMatching(/^ord_/),
    });
    expect((await act('resolve', { code: 'teleported' })).status).toBe(400);
    inc = (await act('resolve', { code: 'refunded', note: '已退款并致歉' })).body;
    expect(inc).toMatchObject({ status: 'resolved', resolutionCode: 'refunded' });
    expect(inc.clocks.every((c: { stoppedAt: string | null }) => c.stoppedAt !== null)).toBe(true);
    expect(inc.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'level_raised',
      'acknowledged',
      'assigned',
      'escalated',
      'remedy',
      'resolved',
    ]);
    expect((await act('escalate')).status).toBe(409);
    expect(
      await count(
        t.app,
        "SELECT count(*) FROM audit_log WHERE entity = 'opinion_incident' AND entity_id = $1",
        [id],
      ),
    ).toBe(5);
    // the member who complained is asked how it went
    expect(
      await count(t.app, "SELECT count(*) FROM nps_surveys WHERE incident_id = $1 AND trigger = 'incident'", [
        id,
      ]),
    ).toBe(1);
  });

  it('lists the members who bought the SKU at the affected pickup point, masked, and exports them', async () => {
    const r = await post([
      {
        source: 'complaint',
        id: 'aff-1',
        text: '草莓发霉了，能帮忙看看吗',
        memberId: 'm-4',
        sku: STRAWBERRY,
      },
    ]);
    const id = r.body.messages[0].incidentId;
    const a = await as(op)('GET', `/api/v1/opinion/incidents/${id}/affected`);
    expect(a.body).toMatchObject({ sku: STRAWBERRY });
    // points: the messages name 3 号楼 (pA): m-1 … m-20 bought strawberries there, m-21 … m-25 at pB
    expect(a.body.total).toBe(20);
    expect(a.body.members.every((m: { phoneMasked: string }) => /^138\*{4}\d{4}$/.test(m.phoneMasked))).toBe(
      true,
    );
    expect(
      a.body.members.some(
        (m: { externalId: string; complained: boolean }) => m.externalId === 'm-4' && m.complained,
      ),
    ).toBe(true);
    const all = await as(op)('GET', `/api/v1/opinion/incidents/${id}/affected?scope=all`);
    expect(all.body.total).toBe(25);
    const x = await fetch(`${http.base}/api/v1/opinion/incidents/${id}/affected.xlsx`, {
      headers: { cookie: op },
    });
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    const buf = Buffer.from(await x.arrayBuffer());
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    expect(buf.toString('latin1')).not.toMatch(/1380000\d{4}/);
  });

  it('triages review and complaint events already ingested; history and praise stay out', async () => {
    const now = Date.now();
    await http.call('POST', '/api/v1/ingest/events', {
      items: [
        {
          id: 'ev-1',
          memberId: 'm-12',
          type: 'complaint',
          occurredAt: new Date(now - 60_000).toISOString(),
          text: TEXTS.l1b,
        },
        {
          id: 'ev-2',
          memberId: 'm-13',
          type: 'review',
          rating: 5,
          occurredAt: new Date(now - 60_000).toISOString(),
          text: '草莓很甜，下次还买',
        },
        {
          id: 'ev-3',
          memberId: 'm-14',
          type: 'complaint',
          occurredAt: new Date(now - 3 * 86_400_000).toISOString(),
          text: TEXTS.l2,
        },
      ],
    });
    expect(await count(t.app, 'SELECT count(*) FROM opinion_event_queue')).toBe(3);
    expect(await drainEventFeed(t.app)).toBe(3);
    expect(await count(t.app, 'SELECT count(*) FROM opinion_event_queue')).toBe(0);
    const feed = await count(t.app, "SELECT count(*) FROM opinion_messages WHERE external_id LIKE 'event:%'");
    expect(feed).toBe(1);
  });

  it('shows a leader only their communities', async () => {
    const leader = await loginAs(t, http, 'leader-li', ['leader'], ['com_elsewhere']);
    const list = await as(leader)('GET', '/api/v1/opinion/incidents');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const anyId = (await as(op)('GET', '/api/v1/opinion/incidents')).body.items[0].id;
    expect((await as(leader)('GET', `/api/v1/opinion/incidents/${anyId}`)).status).toBe(404);
    expect((await as(leader)('POST', `/api/v1/opinion/incidents/${anyId}/escalate`, {})).status).toBe(403);
  });
});

/** GB18030 bytes of a string, from the decoder's own table (Node has no GBK encoder). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
