/**
 * Demo rows as PostgreSQL COPY text format (tab-separated, `\N` for null). Text format rather than CSV
 * because the embedded database's COPY bridge splits the stream on row ends, which is only safe when a
 * newline can never occur inside a value. Phones are encrypted here, at the edge to the database.
 */
import { encryptPii, lookupHash, maskPhone, type PiiKeys } from '../../platform/pii.ts';
import { CITY } from './demo-names.ts';
import type { DemoWorld } from './demo-rules.ts';
import type { DemoEvent, DemoMemberBundle, EpochMs } from './demo-types.ts';
import { DAY, TimestampFormatter } from './demo-time.ts';

/** the columns written per table, declared in load order */
export const TABLE_COLUMNS = {
  communities: ['id', 'external_id', 'name', 'city', 'district', 'created_at'],
  leaders: ['id', 'external_id', 'name', 'phone_enc', 'phone_hash', 'community_id', 'created_at'],
  pickup_points: [
    'id',
    'external_id',
    'community_id',
    'leader_id',
    'name',
    'address',
    'lat',
    'lng',
    'created_at',
  ],
  wechat_groups: ['id', 'wechat_group_id', 'community_id', 'pickup_point_id', 'name', 'created_at'],
  products: [
    'id',
    'sku',
    'name',
    'category_code',
    'unit',
    'price_fen',
    'organic',
    'green',
    'trending',
    'partner',
    'created_at',
  ],
  members: [
    'id',
    'external_id',
    'phone_enc',
    'phone_hash',
    'phone_masked',
    'nickname',
    'gender',
    'birthday',
    'registered_at',
    'community_id',
    'pickup_point_id',
    'device_type',
    'referrer_id',
    'created_at',
  ],
  member_consents: ['member_id', 'channel', 'granted', 'at', 'source'],
  orders: [
    'id',
    'external_id',
    'member_id',
    'community_id',
    'pickup_point_id',
    'status',
    'items_fen',
    'discount_fen',
    'paid_fen',
    'refunded_fen',
    'placed_at',
    'picked_up_at',
    'cancelled_at',
    'pickup_date',
    'created_at',
    'updated_at',
  ],
  order_items: ['order_id', 'line_no', 'product_id', 'sku', 'quantity', 'unit_price_fen', 'amount_fen'],
  refunds: ['id', 'external_id', 'order_id', 'member_id', 'kind', 'amount_fen', 'reason', 'at'],
  events: [
    'id',
    'external_id',
    'member_id',
    'type',
    'occurred_at',
    'product_id',
    'content_id',
    'order_id',
    'dwell_ms',
    'rating',
    'text',
    'properties',
  ],
  /** every event's id once more, for the duplicate check of later ingests (activity.schema.ts) */
  event_ids: ['id'],
  /** the content lab's tests and who was shown them (demo-lab.ts) */
  experiments: [
    'id',
    'key',
    'name',
    'hypothesis',
    'owner',
    'traffic',
    'design',
    'variants',
    'factors',
    'content_id',
    'metrics',
    'plan',
    'planned_days',
    'status',
    'salt',
    'started_at',
    'stopped_at',
    'stop_reason',
    'shipped_arm',
    'learned',
    'created_by',
    'created_at',
    'updated_at',
  ],
  experiment_exposures: ['experiment_id', 'member_id', 'arm', 'first_at'],
} as const;

export type DemoTable = keyof typeof TABLE_COLUMNS;

/** every table the demo writes, in load order: parents before children (foreign keys) */
export const DEMO_TABLES = Object.keys(TABLE_COLUMNS) as DemoTable[];

export function copySql(table: DemoTable): string {
  return `COPY ${table} (${TABLE_COLUMNS[table].join(', ')}) FROM STDIN`;
}

export type RowSink = (table: DemoTable, line: string) => void;

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** a value in COPY text format: backslash, tab and line breaks escaped */
export function copyText(value: string | null): string {
  if (value === null) return NULL;
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
}

const num = (value: number | null) => (value === null ? NULL : String(value));
const bool = (value: boolean) => (value ? 't' : 'f');

/** Renders generated data into COPY lines for a sink; one instance per load (it caches formatting). */
export class DemoRowWriter {
  /** time spent encrypting and hashing phone numbers */
  piiMs = 0;
  private readonly keys: PiiKeys;
  private readonly sink: RowSink;
  private readonly timestamps = new TimestampFormatter();
  private readonly json = new WeakMap<object, string>();

  constructor(keys: PiiKeys, sink: RowSink) {
    this.keys = keys;
    this.sink = sink;
  }

  private ts(t: EpochMs | null): string {
    return t === null ? NULL : this.timestamps.format(t);
  }

  private phone(phone: string): { enc: string; hash: string } {
    const started = performance.now();
    const sealed = { enc: encryptPii(this.keys, phone), hash: lookupHash(this.keys, phone) };
    this.piiMs += performance.now() - started;
    return sealed;
  }

  /** shared property objects are serialised once */
  private properties(props: DemoEvent['properties']): string {
    let text = this.json.get(props);
    if (text === undefined) {
      text = copyText(JSON.stringify(props));
      this.json.set(props, text);
    }
    return text;
  }

  writeStatic(world: DemoWorld): void {
    const out = this.sink;
    for (const c of world.communities) {
      out(
        'communities',
        [c.id, c.externalId, copyText(c.name), CITY, c.district, this.ts(c.createdAt)].join('\t'),
      );
    }
    for (const l of world.leaders) {
      const { enc, hash } = this.phone(l.phone);
      out(
        'leaders',
        [l.id, l.externalId, copyText(l.name), enc, hash, l.communityId, this.ts(l.createdAt)].join('\t'),
      );
    }
    for (const p of world.pickupPoints) {
      const row = [
        p.id,
        p.externalId,
        p.communityId,
        p.leaderId,
        copyText(p.name),
        copyText(p.address),
        p.lat,
        p.lng,
        this.ts(p.createdAt),
      ];
      out('pickup_points', row.join('\t'));
    }
    for (const g of world.wechatGroups) {
      out(
        'wechat_groups',
        [g.id, g.wechatGroupId, g.communityId, g.pickupPointId, copyText(g.name), this.ts(g.createdAt)].join(
          '\t',
        ),
      );
    }
    for (const e of world.experiments) {
      const d = e.definition;
      const json = (v: unknown) => (v === null ? NULL : copyText(JSON.stringify(v)));
      const started = this.ts(e.startedAt - DAY);
      const row = [
        e.id,
        d.key,
        copyText(d.name),
        copyText(d.hypothesis),
        copyText(d.owner),
        d.traffic,
        d.design,
        json(d.variants),
        json(d.factors),
        copyText(d.contentId),
        json(d.metrics),
        json(d.plan),
        d.plannedDays,
        e.status,
        e.salt,
        this.ts(e.startedAt),
        this.ts(e.stoppedAt),
        copyText(e.stopReason),
        copyText(e.shippedArm),
        copyText(d.learned),
        'demo',
        started,
        this.ts(e.stoppedAt ?? e.startedAt),
      ];
      out('experiments', row.join('\t'));
    }
    const listed = this.ts(world.windowStart);
    for (const p of world.products) {
      const flags = [p.organic, p.green, p.trending, p.partner].map(bool);
      out(
        'products',
        [p.id, p.sku, copyText(p.name), p.categoryCode, p.unit, p.priceFen, ...flags, listed].join('\t'),
      );
    }
  }

  /** template strings rather than array joins: this runs for every one of a hundred million rows */
  writeMember(bundle: DemoMemberBundle): void {
    const out = this.sink;
    const m = bundle.member;
    const { enc, hash } = this.phone(m.phone);
    const registered = this.ts(m.registeredAt);
    const home = `${m.communityId}\t${m.pickupPointId}`;
    out(
      'members',
      `${m.id}\t${m.externalId}\t${enc}\t${hash}\t${maskPhone(m.phone)}\t${copyText(m.nickname)}\t${m.gender}\t${m.birthday}\t` +
        `${registered}\t${home}\t${m.deviceType}\t${m.referrerId ?? NULL}\t${registered}`,
    );
    for (const c of bundle.consents)
      out('member_consents', `${m.id}\t${c.channel}\t${bool(c.granted)}\t${this.ts(c.at)}\t${c.source}`);
    for (const o of bundle.orders) {
      const placed = this.ts(o.placedAt);
      out(
        'orders',
        `${o.id}\t${o.externalId}\t${m.id}\t${home}\t${o.status}\t${o.itemsFen}\t${o.discountFen}\t${o.paidFen}\t${o.refundedFen}\t` +
          `${placed}\t${this.ts(o.pickedUpAt)}\t${this.ts(o.cancelledAt)}\t${o.pickupDate ?? NULL}\t${placed}\t${this.ts(o.updatedAt)}`,
      );
      for (const i of o.items) {
        const p = i.product;
        out(
          'order_items',
          `${o.id}\t${i.lineNo}\t${p.id}\t${p.sku}\t${i.quantity}\t${p.priceFen}\t${i.amountFen}`,
        );
      }
      for (const r of o.refunds) {
        out(
          'refunds',
          `${r.id}\t${r.externalId}\t${o.id}\t${m.id}\t${r.kind}\t${r.amountFen}\t${copyText(r.reason)}\t${this.ts(r.at)}`,
        );
      }
    }
    for (const e of bundle.events) {
      out(
        'events',
        `${e.id}\t${e.externalId}\t${m.id}\t${e.type}\t${this.ts(e.occurredAt)}\t${e.productId ?? NULL}\t${e.contentId ?? NULL}\t` +
          `${e.orderId ?? NULL}\t${num(e.dwellMs)}\t${num(e.rating)}\t${copyText(e.text)}\t${this.properties(e.properties)}`,
      );
      out('event_ids', e.id);
    }
    for (const x of bundle.exposures)
      out('experiment_exposures', `${x.experimentId}\t${m.id}\t${x.arm}\t${this.ts(x.firstAt)}`);
  }
}

export interface TableBatch {
  table: DemoTable;
  rows: number;
  /** COPY data in pieces of a few hundred KB: each becomes one CopyData message */
  pieces: Buffer[];
}

const PIECE_CHARS = 256 * 1024;

/** Collects rendered lines per table until a loader takes them as one batch per table. */
export class TableBuffers {
  /** characters buffered so far, a proxy for the batch's size */
  size = 0;
  private text = new Map<DemoTable, string>();
  private done = new Map<DemoTable, { rows: number; pieces: Buffer[] }>();

  readonly sink: RowSink = (table, line) => {
    const text = (this.text.get(table) ?? '') + line + '\n';
    this.size += line.length + 1;
    let done = this.done.get(table);
    if (!done) this.done.set(table, (done = { rows: 0, pieces: [] }));
    done.rows += 1;
    if (text.length < PIECE_CHARS) {
      this.text.set(table, text);
      return;
    }
    done.pieces.push(Buffer.from(text));
    this.text.set(table, '');
  };

  /** everything buffered, in load order (parents first), and a fresh start */
  take(): TableBatch[] {
    const batches: TableBatch[] = [];
    for (const table of DEMO_TABLES) {
      const done = this.done.get(table);
      if (!done) continue;
      const rest = this.text.get(table);
      if (rest) done.pieces.push(Buffer.from(rest));
      batches.push({ table, ...done });
    }
    this.text.clear();
    this.done.clear();
    this.size = 0;
    return batches;
  }
}
