/**
 * Shared helpers for the benchmarks: a seeded random source, realistic ingestion payloads (events and
 * orders as a community group-buying client would send them), a concurrent batch sender, percentile
 * maths, per-process CPU and memory readings from /proc, and a plain-text table printer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '@linli/intelligence';

// ---------------------------------------------------------------------------------------------------
// Random source and time helpers
// ---------------------------------------------------------------------------------------------------

export type Rand = () => number;

/** mulberry32 (the same generator the clustering uses): a run is reproducible from its seed. */
export const seeded = (seed: number): Rand => seededRandom(seed);

export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** Picks a key by weight. */
export function weighted<T extends string | number>(r: Rand, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

/** `2026-11-26T14:30:05+08:00`, the way clients in China usually send times. */
export function shanghaiIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + SHANGHAI).toISOString().slice(0, 19) + '+08:00';
}

/** The Shanghai calendar date of an instant, YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI).toISOString().slice(0, 10);
}

/** Activity by Shanghai hour of day: a morning peak and a larger evening peak, quiet nights. */
const HOUR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 0.5],
  [2, 0.3],
  [3, 0.2],
  [4, 0.2],
  [5, 0.5],
  [6, 2],
  [7, 5],
  [8, 6],
  [9, 5],
  [10, 4],
  [11, 5],
  [12, 6],
  [13, 4],
  [14, 3],
  [15, 3],
  [16, 4],
  [17, 5],
  [18, 6],
  [19, 8],
  [20, 9],
  [21, 8],
  [22, 5],
  [23, 2],
];

/**
 * Sorted random instants over the last `days` days (Shanghai day and hour profile), all at least a
 * minute in the past so the server's future check never rejects them.
 */
export function instants(r: Rand, count: number, nowMs: number, days: number): number[] {
  const todayStart = Math.floor((nowMs + SHANGHAI) / DAY) * DAY - SHANGHAI;
  const latest = nowMs - 60_000;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const day = Math.floor(r() * days);
    let t = todayStart - day * DAY + weighted(r, HOUR_WEIGHTS) * HOUR + Math.floor(r() * HOUR);
    if (t > latest) t -= DAY;
    out[i] = t;
  }
  return out.sort((a, b) => a - b);
}

/** Members are not equally active: a skewed pick in 1..n (low numbers are the regulars). */
export const memberOf = (r: Rand, n: number): string =>
  `m${String(1 + Math.floor(n * r() ** 1.7)).padStart(6, '0')}`;

// ---------------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------------

export interface DataOptions {
  events: number;
  orders: number;
  batch: number;
  members: number;
  days: number;
  seed: number;
  nowMs: number;
}

/** What the server should hold after every batch was accepted once. */
export interface Expected {
  events: number;
  eventsByMonth: Record<string, number>;
  eventTypes: Record<string, number>;
  orders: number;
  orderItems: number;
  refunds: number;
  paidFen: number;
  refundedFen: number;
  members: number;
  products: number;
}

export interface Dataset {
  eventBatches: Buffer[];
  orderBatches: Buffer[];
  expected: Expected;
  eventBytes: number;
  orderBytes: number;
}

const REVIEW_PARTS = [
  '菜很新鲜，团长服务很好',
  '草莓有点软，下次希望包装好一点',
  '鸡蛋个头大，孩子很爱吃',
  '提货点离家近，很方便',
  '价格实惠，会回购',
  '西瓜很甜，推荐！',
  '有两个橙子坏了，已联系客服处理',
  '排骨肉多骨头少，炖汤很香',
  '牛奶日期很新鲜',
  '比超市便宜不少，品质也不错',
  '叶子有点黄，但整体还行',
  '物流快，第二天就能提货',
];
const COMPLAINT_TEXTS = [
  '提货时发现少了一袋青菜',
  '牛奶已经过期了，要求退款',
  '团长不在提货点，等了二十分钟',
  '苹果有磕伤，而且分量不足',
  '下单后一直没有收到提货通知',
];
const UGC_TEXTS = [
  '今天用团购的排骨做了糖醋排骨，全家都说好吃',
  '分享一个快手菜：蒜蓉西兰花，五分钟搞定',
  '小区团购的荔枝真不错，冰一下更甜',
  '周末带娃做了草莓蛋糕，附上做法',
  '推荐大家试试这款有机小番茄',
];
const CS_TEXTS = [
  '请问明天几点可以提货？',
  '我想修改收货人手机号',
  '退款什么时候到账？',
  '能不能换一个提货点？',
  '发票怎么开？',
];
const REFUND_REASONS = ['坏果', '缺斤少两', '商品破损', '未按时提货', '发错商品', '质量问题'];

const EVENT_MIX: ReadonlyArray<readonly [string, number]> = [
  ['app_open', 25],
  ['view_product', 30],
  ['add_to_cart', 10],
  ['share', 4],
  ['check_in', 6],
  ['content_view', 12],
  ['content_share', 2],
  ['cs_contact', 2],
  ['review', 5],
  ['complaint', 1],
  ['ugc_post', 3],
];

interface Sku {
  sku: string;
  priceFen: number;
  weighed: boolean;
}

const CATALOGUE_SIZE = 800;
const SKU_KINDS = [
  ['VEG', 'vegetables.leafy', '青菜'],
  ['FRU', 'fruit.citrus', '橙子'],
  ['MEA', 'meat_eggs.pork', '排骨'],
  ['SEA', 'seafood.fish', '鲈鱼'],
  ['DAI', 'dairy_bakery.milk', '鲜牛奶'],
  ['GRA', 'grain_oil.rice_flour', '大米'],
  ['SNK', 'snacks.nuts', '坚果'],
  ['DRK', 'drinks', '矿泉水'],
  ['FRZ', 'frozen', '速冻水饺'],
  ['HOU', 'household', '抽纸'],
] as const;

function catalogue(r: Rand, n = CATALOGUE_SIZE): Sku[] {
  return Array.from({ length: n }, (_, i) => {
    const weighed = i % 10 < 4 && i % 100 < 40; // fresh produce, meat and seafood are sold by weight
    return {
      sku: `${SKU_KINDS[i % SKU_KINDS.length]![0]}-${String(10_000 + i)}`,
      priceFen: int(r, 2, 120) * 50 + int(r, 0, 9) * 10,
      weighed,
    };
  });
}

/** The catalogue as /api/v1/ingest/products items (for a run that syncs the catalogue first). */
export function productItems(seed: number): object[] {
  return catalogue(seeded(seed + 1)).map((s, i) => {
    const [, category, name] = SKU_KINDS[i % SKU_KINDS.length]!;
    return {
      sku: s.sku,
      name: `${name} ${s.sku}`,
      category,
      unit: s.weighed ? 'kg' : '份',
      priceFen: s.priceFen,
    };
  });
}

/** Every member as /api/v1/ingest/members items (for a run that syncs members first). */
export function memberItems(members: number): object[] {
  return Array.from({ length: members }, (_, i) => ({
    id: `m${String(i + 1).padStart(6, '0')}`,
    nickname: `邻居${i + 1}`,
  }));
}

function reviewText(r: Rand): string {
  const n = int(r, 1, 3);
  return Array.from({ length: n }, () => pick(r, REVIEW_PARTS)).join('，') + '。';
}

export function eventItems(o: DataOptions): {
  items: object[];
  expected: Pick<Expected, 'events' | 'eventsByMonth' | 'eventTypes'>;
  members: Set<string>;
} {
  const r = seeded(o.seed);
  const skus = catalogue(seeded(o.seed + 1));
  const times = instants(r, o.events, o.nowMs, o.days);
  const members = new Set<string>();
  const eventsByMonth: Record<string, number> = {};
  const eventTypes: Record<string, number> = {};
  const items: object[] = new Array(o.events);
  for (let i = 0; i < o.events; i++) {
    const t = times[i]!;
    const memberId = memberOf(r, o.members);
    members.add(memberId);
    const type = weighted(r, EVENT_MIX);
    const e: Record<string, unknown> = {
      id: `ev-${o.seed}-${i.toString(36).padStart(6, '0')}`,
      memberId,
      type,
      occurredAt: shanghaiIso(t),
    };
    switch (type) {
      case 'app_open':
        e.properties = {
          source: pick(r, ['direct', 'wechat', 'push', 'mini_program']),
          appVersion: pick(r, ['3.2.1', '3.3.0', '3.4.2']),
        };
        break;
      case 'view_product':
        e.productSku = pick(r, skus).sku;
        if (r() < 0.6) e.properties = { from: pick(r, ['home', 'search', 'category', 'group_chat']) };
        break;
      case 'add_to_cart':
        e.productSku = pick(r, skus).sku;
        e.properties = { quantity: int(r, 1, 4) };
        break;
      case 'share':
        e.productSku = pick(r, skus).sku;
        e.properties = { channel: pick(r, ['wechat_group', 'moments', 'friend']) };
        break;
      case 'check_in':
        e.properties = { streak: int(r, 1, 30) };
        break;
      case 'content_view':
        e.contentId = `ct-${int(r, 1, 3000)}`;
        e.dwellMs = Math.round(500 + 120_000 * r() ** 2);
        break;
      case 'content_share':
        e.contentId = `ct-${int(r, 1, 3000)}`;
        break;
      case 'cs_contact':
        e.text = pick(r, CS_TEXTS);
        break;
      case 'review':
        e.productSku = pick(r, skus).sku;
        e.rating = weighted(r, [
          [5, 55],
          [4, 25],
          [3, 10],
          [2, 5],
          [1, 5],
        ]);
        if (r() < 0.8) e.text = reviewText(r);
        if (r() < 0.5) e.orderId = `o-${o.seed}-${int(r, 0, Math.max(0, o.orders - 1))}`;
        break;
      case 'complaint':
        e.text = pick(r, COMPLAINT_TEXTS);
        if (r() < 0.7) e.orderId = `o-${o.seed}-${int(r, 0, Math.max(0, o.orders - 1))}`;
        break;
      case 'ugc_post':
        e.contentId = `ugc-${i}`;
        e.text = pick(r, UGC_TEXTS);
        break;
    }
    items[i] = e;
    const month = new Date(t).toISOString().slice(0, 7);
    eventsByMonth[month] = (eventsByMonth[month] ?? 0) + 1;
    eventTypes[type] = (eventTypes[type] ?? 0) + 1;
  }
  return { items, expected: { events: o.events, eventsByMonth, eventTypes }, members };
}

const lineAmount = (quantity: number, unitPriceFen: number): number =>
  Math.round(quantity * unitPriceFen + Number.EPSILON);

export function orderItems(o: DataOptions): {
  items: object[];
  expected: Pick<Expected, 'orders' | 'orderItems' | 'refunds' | 'paidFen' | 'refundedFen' | 'products'>;
  members: Set<string>;
} {
  const r = seeded(o.seed + 2);
  const skus = catalogue(seeded(o.seed + 1));
  const times = instants(r, o.orders, o.nowMs, o.days);
  const latest = o.nowMs - 60_000;
  const members = new Set<string>();
  const usedSkus = new Set<string>();
  let lines = 0;
  let refunds = 0;
  let paidTotal = 0;
  let refundedTotal = 0;
  const items: object[] = new Array(o.orders);
  for (let i = 0; i < o.orders; i++) {
    const placed = times[i]!;
    const memberId = memberOf(r, o.members);
    members.add(memberId);
    const memberNo = Number(memberId.slice(1));
    const community = (memberNo % 300) + 1;
    const pickupDay = shanghaiDate(placed + DAY);
    const order: Record<string, unknown> = {
      id: `o-${o.seed}-${i}`,
      memberId,
      placedAt: shanghaiIso(placed),
      communityId: `c-${community}`,
      pickupPointId: `pp-${community}-${memberNo % 3}`,
      pickupDate: pickupDay,
    };
    const n = weighted(r, [
      [1, 35],
      [2, 30],
      [3, 18],
      [4, 10],
      [5, 7],
    ]);
    const chosen = new Set<Sku>();
    while (chosen.size < n) chosen.add(pick(r, skus));
    let itemsFen = 0;
    order.items = [...chosen].map((s) => {
      const quantity = s.weighed ? Math.round((0.3 + 2.2 * r()) * 1000) / 1000 : int(r, 1, 3);
      const amountFen = lineAmount(quantity, s.priceFen);
      itemsFen += amountFen;
      usedSkus.add(s.sku);
      return r() < 0.5
        ? { sku: s.sku, quantity, unitPriceFen: s.priceFen, amountFen }
        : { sku: s.sku, quantity, unitPriceFen: s.priceFen };
    });
    lines += n;
    let discount = 0;
    if (r() < 0.25) {
      discount = Math.min(Math.floor(itemsFen * 0.1), int(r, 1, 8) * 100);
      if (discount > 0) order.discountFen = discount;
    }
    const paid = itemsFen - discount;
    paidTotal += paid;
    const x = r();
    let cancelled = false;
    if (x < 0.04) {
      cancelled = true;
      order.status = 'cancelled';
      order.cancelledAt = shanghaiIso(Math.min(placed + int(r, 5, 60) * 60_000, latest));
    } else if (x < 0.84 && placed + 30 * HOUR < latest) {
      order.status = 'picked_up';
      order.pickedUpAt = shanghaiIso(Math.min(placed + int(r, 14, 30) * HOUR, latest));
    }
    if (!cancelled && paid > 0 && placed + 3 * DAY < latest && r() < 0.06) {
      const count = r() < 0.15 ? 2 : 1;
      let left = paid;
      const list: object[] = [];
      for (let j = 0; j < count && left > 0; j++) {
        const amountFen =
          r() < 0.3 && j === count - 1 ? left : Math.max(1, Math.floor(left * (0.1 + 0.4 * r())));
        left -= amountFen;
        refundedTotal += amountFen;
        list.push({
          id: `rf-${o.seed}-${i}-${j}`,
          amountFen,
          reason: pick(r, REFUND_REASONS),
          kind: r() < 0.8 ? 'refund' : 'return',
          at: shanghaiIso(placed + int(r, 24, 70) * HOUR),
        });
      }
      refunds += list.length;
      order.refunds = list;
    }
    items[i] = order;
  }
  return {
    items,
    expected: {
      orders: o.orders,
      orderItems: lines,
      refunds,
      paidFen: paidTotal,
      refundedFen: refundedTotal,
      products: usedSkus.size,
    },
    members,
  };
}

/** Splits items into request bodies `{"items":[…]}`, encoded once so the timed loop only sends bytes. */
export function toBodies(items: object[], batch: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < items.length; i += batch)
    out.push(Buffer.from(JSON.stringify({ items: items.slice(i, i + batch) })));
  return out;
}

export function buildDataset(o: DataOptions): Dataset {
  const ev = eventItems(o);
  const or = orderItems(o);
  const eventBatches = toBodies(ev.items, o.batch);
  const orderBatches = toBodies(or.items, o.batch);
  return {
    eventBatches,
    orderBatches,
    eventBytes: eventBatches.reduce((s, b) => s + b.length, 0),
    orderBytes: orderBatches.reduce((s, b) => s + b.length, 0),
    expected: { ...ev.expected, ...or.expected, members: new Set([...ev.members, ...or.members]).size },
  };
}

// ---------------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------------

export interface BatchTotals {
  batches: number;
  items: number;
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** non-200 answers or network errors (each retried, up to 3 times) */
  errors: number;
  failedBatches: number;
  samples: string[];
}

export interface SendResult extends BatchTotals {
  seconds: number;
  latenciesMs: number[];
  cpuMs: number;
}

/**
 * POSTs every body with `concurrency` requests in flight over keep-alive connections (the global
 * fetch, i.e. undici). Latency is per batch, from sending to the parsed answer.
 */
export async function sendBatches(
  url: string,
  apiKey: string,
  bodies: Buffer[],
  itemsPerBody: number[],
  concurrency: number,
): Promise<SendResult> {
  const totals: BatchTotals = {
    batches: bodies.length,
    items: 0,
    received: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    errors: 0,
    failedBatches: 0,
    samples: [],
  };
  const latencies = new Array<number>(bodies.length).fill(0);
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= bodies.length) return;
      totals.items += itemsPerBody[i]!;
      const start = performance.now();
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(url, { method: 'POST', headers, body: bodies[i]! });
          const text = await res.text();
          if (res.status === 200) {
            const b = JSON.parse(text) as {
              received: number;
              accepted: number;
              duplicates: number;
              rejected: Array<{ index: number; code: string; reason: string }>;
            };
            totals.received += b.received;
            totals.accepted += b.accepted;
            totals.duplicates += b.duplicates;
            totals.rejected += new Set(b.rejected.map((x) => x.index)).size;
            for (const x of b.rejected.slice(0, 3))
              if (totals.samples.length < 5)
                totals.samples.push(`batch ${i} item ${x.index}: ${x.code} ${x.reason}`);
            break;
          }
          totals.errors++;
          if (totals.samples.length < 5)
            totals.samples.push(`batch ${i}: HTTP ${res.status} ${text.slice(0, 300)}`);
        } catch (err) {
          totals.errors++;
          if (totals.samples.length < 5) totals.samples.push(`batch ${i}: ${(err as Error).message}`);
        }
        if (attempt >= 3) {
          totals.failedBatches++;
          break;
        }
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
      latencies[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { ...totals, seconds, latenciesMs: latencies, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// ---------------------------------------------------------------------------------------------------
// Statistics, processes, output
// ---------------------------------------------------------------------------------------------------

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const CLK_TCK = 100;

/** user+system CPU milliseconds of a process from /proc, or 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** Whole-machine CPU time from /proc/stat in ms: busy (not idle or iowait) and total, over all cores. */
export function machineCpuMs(): { busy: number; total: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    const idle = f[3]! + f[4]!;
    return { busy: ((total - idle) * 1000) / CLK_TCK, total: (total * 1000) / CLK_TCK };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Peak resident set (VmHWM) of a live process in bytes, or null. */
export function peakRssOf(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function procEntries(): Array<{ pid: number; ppid: number; comm: string }> {
  const out: Array<{ pid: number; ppid: number; comm: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, comm });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Direct children of `ppid` whose command line contains `needle`. */
export function childPidsMatching(ppid: number, needle: string): number[] {
  return procEntries()
    .filter((p) => p.ppid === ppid)
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

/** Processes named `comm` (e.g. every PostgreSQL server process on this machine). */
export function pidsNamed(comm: string): number[] {
  return procEntries()
    .filter((p) => p.comm === comm)
    .map((p) => p.pid);
}

export const mb = (bytes: number | null | undefined): string =>
  bytes == null ? '–' : `${Math.round(bytes / 1048576)} MB`;

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A plain-text table; numeric-looking cells are right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string) => /^[\d,.\s%–-]+( ms| s| MB)?$/.test(s);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(c) && c !== header[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
