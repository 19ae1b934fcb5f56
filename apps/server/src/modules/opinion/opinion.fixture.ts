/**
 * A small world for the opinion tests, sent through the ingest API like any client's: the community
 * 阳光花园 with two pickup points (A led by 李团长, B by 王团长), members m-1 … m-30 with phones,
 * strawberries and braised duck, and orders: m-1 … m-20 bought strawberries at A, m-21 … m-25 at B,
 * m-26 … m-30 braised duck at A (picked up).
 */
import type { Http } from '../../../test/http.ts';

export const STRAWBERRY = 'berry-1';
export const DUCK = 'duck-1';
const HOUR = 3_600_000;

export async function seedWorld(http: Http, now = new Date()): Promise<void> {
  const send = async (what: string, items: unknown[]) => {
    const r = await http.call('POST', `/api/v1/ingest/${what}`, { items });
    if (r.status !== 200 || r.body.rejected.length) throw new Error(`${what}: ${JSON.stringify(r.body)}`);
  };
  await send('communities', [{ id: 'sun', name: '阳光花园', city: '杭州', district: '西湖区' }]);
  await send('pickup-points', [
    {
      id: 'pA',
      communityId: 'sun',
      name: '3 号楼自提点',
      address: '3 号楼',
      leader: { id: 'ldr-li', name: '李团长' },
    },
    {
      id: 'pB',
      communityId: 'sun',
      name: '东门自提点',
      address: '东门',
      leader: { id: 'ldr-wang', name: '王团长' },
    },
  ]);
  await send('products', [
    { sku: STRAWBERRY, name: '丹东草莓 500g', category: 'fruit.berry', priceFen: 2990 },
    { sku: DUCK, name: '卤鸭 半只', category: 'meat_eggs.poultry', priceFen: 3800 },
  ]);
  const members = Array.from({ length: 30 }, (_, i) => ({
    id: `m-${i + 1}`,
    nickname: `邻居${i + 1}`,
    phone: `1380000${String(1000 + i)}`,
    communityId: 'sun',
    pickupPointId: i < 20 || i >= 25 ? 'pA' : 'pB',
  }));
  await send('members', members);
  const placed = new Date(now.getTime() - 20 * HOUR).toISOString();
  const picked = new Date(now.getTime() - 2 * HOUR).toISOString();
  await send(
    'orders',
    members.map((m, i) => ({
      id: `o-${i + 1}`,
      memberId: m.id,
      placedAt: placed,
      communityId: 'sun',
      pickupPointId: m.pickupPointId,
      status: 'picked_up',
      pickedUpAt: picked,
      items: [{ sku: i < 25 ? STRAWBERRY : DUCK, quantity: 1, unitPriceFen: i < 25 ? 2990 : 3800 }],
    })),
  );
}

/** Texts whose level the specification decides (its own examples). */
export const TEXTS = {
  l0question: '团长，这个牛腱子怎么卤比较好吃？求个做法',
  l0joke: '这个价格简直要报警了哈哈哈，团长你是不是亏本卖的',
  l1: '@李团长 今天的草莓底下有两颗烂了，能帮忙反馈一下吗？',
  l1b: '草莓有好几颗发霉了，有点失望',
  l2: '第三次买到烂草莓了！！！这次必须退款',
  l3: '孩子吃了昨天的卤鸭，晚上上吐下泻，已经送医了',
} as const;
