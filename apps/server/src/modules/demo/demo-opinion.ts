/**
 * Public-opinion response in the demo community: incidents at every level and in every state — a
 * level-3 food-safety case the executive holds, a level-3 one raised by eleven households about one
 * SKU, level-2 and level-1 cases with green, amber and red clocks, one escalated on a breach — and a
 * month of closed cases behind the dashboards, plus six months of NPS answers climbing from about
 * −15 towards +40 (the seed's case). Written in the demo's transaction through the opinion module's
 * own steps, at times in the past; replaced as a whole on a reload.
 */
import type pg from 'pg';
import { seedAction, seedMessages, SLA_PREFIX, type SeedAction } from '../opinion/index.ts';
import { Rng } from './demo-random.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OPS = 'demo-值班运营';
const CS = 'demo-客服小林';
const EXEC = 'demo-总经理';

interface Order {
  member: string;
  order: string;
  sku: string;
  point: string;
}

const L1 = [
  '今天的草莓底下有两颗烂了，能帮忙反馈一下吗？',
  '西红柿有点软，跟描述不太一样，有点失望',
  '说好下午三点到，现在五点了还没到，团长能问一下吗',
  '小程序上显示9.9，付款的时候变成12.9了，是怎么回事？',
  '鸡蛋碎了两个，麻烦看看怎么处理',
  '买的是500克，称了一下只有420克',
];
const L2 = [
  '第二次买到烂桃子了！！这次必须退款，给个说法',
  '退款申请三天了还没到账，客服一直不回，找你们负责人',
  '同一笔订单扣了我两次钱！！赶紧退回来',
  '团长态度太差了，我就问了一句怎么还没到，直接把我踢出群了',
];
const L3 = '孩子吃了昨天团的卤鸭，半夜上吐下泻，现在在医院挂水';
const SCALE = '草莓一打开好几颗都发霉了，能帮忙看看吗';

/** Deletes an earlier demo's opinion rows (messages demo-op-…, their incidents, clocks, notices, surveys). */
async function clear(client: pg.PoolClient): Promise<void> {
  const ids = `SELECT DISTINCT incident_id FROM opinion_messages WHERE external_id LIKE 'demo-op-%' AND incident_id IS NOT NULL`;
  for (const table of ['opinion_timeline', 'opinion_remedies', 'opinion_notifications'])
    await client.query(`DELETE FROM ${table} WHERE incident_id IN (${ids})`);
  await client.query(`DELETE FROM sla_clocks WHERE subject IN (SELECT $1 || i FROM (${ids}) AS x(i))`, [
    SLA_PREFIX,
  ]);
  await client.query(
    `DELETE FROM opinion_sla_actions WHERE subject IN (SELECT $1 || i FROM (${ids}) AS x(i))`,
    [SLA_PREFIX],
  );
  await client.query(`DELETE FROM opinion_incidents WHERE id IN (${ids})`);
  await client.query(`DELETE FROM opinion_messages WHERE external_id LIKE 'demo-op-%'`);
  await client.query(`DELETE FROM nps_surveys WHERE dedupe_key LIKE 'demo:%'`);
}

export async function loadDemoOpinion(client: pg.PoolClient, nowMs: number): Promise<number> {
  await clear(client);
  const rng = new Rng(20_260_602);
  const at = (msAgo: number) => new Date(nowMs - msAgo);
  // each member's latest order at a pickup point, newest first: who complains, about what, where
  // (one case per member, so no case reads as a repeat of another)
  const orders = (
    await client.query<Order>(
      `SELECT * FROM (
         SELECT DISTINCT ON (m.external_id) m.external_id AS member, o.external_id AS "order", i.sku,
           p.external_id AS point, o.placed_at
         FROM orders o JOIN members m ON m.id = o.member_id JOIN order_items i ON i.order_id = o.id
         JOIN pickup_points p ON p.id = o.pickup_point_id
         WHERE o.external_id LIKE 'demo-o-%' AND o.status <> 'cancelled' AND o.placed_at > $1
         ORDER BY m.external_id, o.placed_at DESC, i.line_no) x
       ORDER BY placed_at DESC, member LIMIT 200`,
      [at(40 * DAY)],
    )
  ).rows;
  if (orders.length < 72) return 0;
  let n = 0;
  const say = async (msAgo: number, item: Record<string, unknown>, actor = 'demo-监测工具') => {
    const [m] = await seedMessages(client, [{ id: `demo-op-${++n}`, ...item }], { now: at(msAgo), actor });
    return m!.incidentId!;
  };
  const act = (incident: string, msAgo: number, a: SeedAction, actor: string) =>
    seedAction(client, incident, a, { at: at(msAgo), actor });
  // each case its own conversation (thread), so cases at one busy point stay apart
  const fromOrder = (o: Order) => ({
    memberId: o.member,
    orderId: o.order,
    pickupPointId: o.point,
    threadId: `demo-thread-${o.order}`,
  });

  // a month of closed cases: acknowledged or escalated, resolved, some refunded
  for (let k = 0; k < 26; k++) {
    const o = orders[30 + k]!;
    const opened = (28 - k) * DAY + rng.int(0, 20) * HOUR;
    const serious = rng.chance(0.3);
    const id = await say(opened, {
      source: rng.pick(['review', 'cs_message', 'complaint'] as const),
      text: rng.pick(serious ? L2 : L1),
      memberId: o.member,
      pickupPointId: o.point,
      threadId: `demo-thread-${o.order}`,
    });
    // most acknowledged within the fifteen minutes, some not
    const ack = rng.int(2, rng.chance(0.8) ? 14 : 25) * MIN;
    if (!serious && ack > 15 * MIN) await act(id, opened - 15 * MIN, { do: 'breach' }, 'system');
    await act(id, opened - ack, { do: 'acknowledge' }, OPS);
    if (rng.chance(0.4))
      await act(
        id,
        opened - ack - 10 * MIN,
        { do: 'remedy', kind: 'refund', amountFen: rng.int(8, 60) * 100 - 10 },
        CS,
      );
    await act(
      id,
      opened - ack - rng.int(20, serious ? 150 : 90) * MIN,
      { do: 'resolve', code: rng.pick(['refunded', 'replaced', 'explained', 'compensated'] as const) },
      CS,
    );
  }

  // open now: level 3 held by the executive
  const child = orders[0]!;
  const l3 = await say(3 * HOUR, { source: 'complaint', text: L3, ...fromOrder(child) }, CS);
  await act(l3, 2.8 * HOUR, { do: 'acknowledge' }, EXEC);
  await act(l3, 2.5 * HOUR, { do: 'remedy', kind: 'compensation', amountFen: 20_000 }, EXEC);
  // eleven households about one SKU over the last five hours: level 3 by scale
  const sku = orders[1]!.sku;
  for (let k = 0; k < 11; k++) {
    const o = orders[60 + k]!;
    await say((5 - k * 0.4) * HOUR, {
      source: 'group_message',
      text: `${SCALE}${'！'.repeat(k % 3)}（${k + 1} 号楼）`,
      memberId: o.member,
      pickupPointId: o.point,
      sku,
    });
  }
  // level 2 at 58 % and 87 % of their two hours, one acknowledged
  await say(70 * MIN, { source: 'cs_message', text: L2[0]!, ...fromOrder(orders[2]!) });
  await say(105 * MIN, { source: 'complaint', text: L2[1]!, ...fromOrder(orders[3]!) });
  const ackd = await say(20 * MIN, { source: 'cs_message', text: L2[2]!, ...fromOrder(orders[4]!) });
  await act(ackd, 15 * MIN, { do: 'acknowledge' }, CS);
  // level 1 at 27 %, 60 % and 87 % of their fifteen minutes
  await say(4 * MIN, { source: 'group_message', text: L1[0]!, ...fromOrder(orders[5]!) });
  await say(9 * MIN, { source: 'review', text: L1[1]!, ...fromOrder(orders[6]!) });
  await say(13 * MIN, { source: 'group_message', text: L1[4]!, ...fromOrder(orders[7]!) });
  // nobody looked in time: escalated to customer service 25 minutes ago
  const late = await say(40 * MIN, { source: 'review', text: L1[2]!, ...fromOrder(orders[8]!) });
  await act(late, 25 * MIN, { do: 'breach' }, 'system');

  await npsAnswers(client, orders, nowMs, rng);
  return n;
}

const REASONS = {
  detractor: ['送货老是晚，菜也不新鲜', '退款太慢了', '团长回消息不及时', '价格比超市还贵'],
  passive: ['还行吧，有时候缺货', '东西不错，就是自提点有点远', ''],
  promoter: ['团长很负责，菜很新鲜', '方便又便宜，推荐给邻居了', '草莓特别甜', ''],
};

/** Six months of answered surveys, promoters rising and detractors falling month by month. */
async function npsAnswers(client: pg.PoolClient, orders: Order[], nowMs: number, rng: Rng): Promise<void> {
  const places = new Map(
    (
      await client.query<{ point: string; id: string; community: string; leader: string | null }>(
        `SELECT p.external_id AS point, p.id, p.community_id AS community, p.leader_id AS leader FROM pickup_points p
         WHERE p.external_id LIKE 'demo-pkp-%'`,
      )
    ).rows.map((p) => [p.point, p]),
  );
  const rows: unknown[][] = [];
  for (let month = 5; month >= 0; month--) {
    const progress = (5 - month) / 5;
    const promoters = 0.3 + 0.3 * progress;
    const detractors = 0.45 - 0.3 * progress;
    for (let k = 0; k < 45; k++) {
      const o = rng.pick(orders);
      const p = places.get(o.point);
      const u = rng.next();
      const cls = u < promoters ? 'promoter' : u < promoters + detractors ? 'detractor' : 'passive';
      const score = cls === 'promoter' ? rng.int(9, 10) : cls === 'passive' ? rng.int(7, 8) : rng.int(0, 6);
      const answered = new Date(nowMs - (month * 30 + rng.int(0, 29)) * DAY - rng.int(0, 12) * HOUR);
      rows.push([
        `demo:${month}:${k}`,
        o.member,
        p?.community ?? null,
        p?.id ?? null,
        p?.leader ?? null,
        answered,
        score,
        rng.pick(REASONS[cls]),
      ]);
    }
  }
  await client.query(
    `INSERT INTO nps_surveys (id, token, dedupe_key, trigger, member_id, community_id, pickup_point_id, leader_id,
       sent_at, expires_at, answered_at, score, reason)
     SELECT 'nps_' || md5(key), md5('token' || key), key, 'pickup', m.id, com, pkp, ldr, at - interval '2 hours',
       at + interval '12 days', at, score, reason
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::smallint[], $8::text[])
       AS t(key, mbr, com, pkp, ldr, at, score, reason)
     LEFT JOIN members m ON m.external_id = t.mbr`,
    [0, 1, 2, 3, 4, 5, 6, 7].map((c) => rows.map((r) => r[c])),
  );
}
