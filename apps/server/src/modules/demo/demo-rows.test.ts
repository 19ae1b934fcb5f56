import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPii, derivePiiKeys, lookupHash } from '../../platform/pii.ts';
import { Rng } from './demo-random.ts';
import { generateDemo } from './demo-rules.ts';
import {
  DEMO_TABLES,
  DemoRowWriter,
  TABLE_COLUMNS,
  TableBuffers,
  copySql,
  copyText,
  type DemoTable,
} from './demo-rows.ts';
import {
  TimestampFormatter,
  monthsCovering,
  shanghaiDay,
  shanghaiHour,
  shanghaiMidnight,
} from './demo-time.ts';

describe('COPY text format', () => {
  it('escapes backslash, tab and line breaks, and writes null as \\N', () => {
    expect(copyText('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyText('菜很新鲜')).toBe('菜很新鲜');
    expect(copyText(null)).toBe('\\N');
  });

  it('names the columns it writes', () => {
    expect(copySql('refunds')).toBe(
      'COPY refunds (id, external_id, order_id, member_id, kind, amount_fen, reason, at) FROM STDIN',
    );
  });

  it('renders one line per row with one field per column, phones sealed', () => {
    const keys = derivePiiKeys(randomBytes(32));
    const lines = new Map<DemoTable, string[]>();
    const writer = new DemoRowWriter(keys, (table, line) =>
      lines.set(table, [...(lines.get(table) ?? []), line]),
    );
    const world = generateDemo({ members: 40, months: 2, seed: 5, now: new Date('2025-03-01T00:00:00Z') });
    writer.writeStatic(world);
    for (const bundle of world.memberBundles()) writer.writeMember(bundle);
    for (const table of DEMO_TABLES) {
      const rows = lines.get(table) ?? [];
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows)
        expect(row.split('\t').length, `${table}: ${row}`).toBe(TABLE_COLUMNS[table].length);
    }
    const member = world.member(0).member;
    const [, , enc, hash, masked] = lines.get('members')![0]!.split('\t');
    expect(decryptPii(keys, enc!)).toBe(member.phone);
    expect(hash).toBe(lookupHash(keys, member.phone));
    expect(masked).toBe(`${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`);
    expect(writer.piiMs).toBeGreaterThan(0);
  });

  it('batches rows per table in load order, split into pieces that end on a row', () => {
    const buffers = new TableBuffers();
    const long = 'x'.repeat(100_000);
    for (let i = 0; i < 10; i++) buffers.sink('events', `${i}\t${long}`);
    buffers.sink('members', 'm1');
    const batches = buffers.take();
    expect(batches.map((b) => [b.table, b.rows])).toEqual([
      ['members', 1],
      ['events', 10],
    ]);
    const events = batches[1]!;
    expect(events.pieces.length).toBeGreaterThan(1);
    for (const piece of events.pieces) expect(piece.at(-1)).toBe(0x0a);
    expect(Buffer.concat(events.pieces).toString().split('\n').length).toBe(11);
    expect(buffers.take()).toEqual([]);
    expect(buffers.size).toBe(0);
  });
});

describe('time', () => {
  it('formats timestamps as PostgreSQL reads them, in UTC', () => {
    const f = new TimestampFormatter();
    for (const t of [0, 1_717_200_000_000, 1_735_689_599_000, 1_735_689_600_000]) {
      expect(f.format(t)).toBe(new Date(t).toISOString().replace('T', ' ').replace('.000Z', '+00'));
    }
  });

  it('counts Shanghai days and hours at +8 h', () => {
    const t = Date.parse('2025-01-01T16:30:00Z'); // 00:30 on 2 January in Shanghai
    expect(shanghaiHour(t)).toBe(0);
    expect(new Date(shanghaiMidnight(shanghaiDay(t))).toISOString()).toBe('2025-01-01T16:00:00.000Z');
  });

  it('lists every month an event range touches', () => {
    expect(monthsCovering(Date.parse('2024-11-30T23:00:00Z'), Date.parse('2025-02-01T00:00:00Z'))).toEqual([
      '2024-11-01',
      '2024-12-01',
      '2025-01-01',
      '2025-02-01',
    ]);
  });
});

describe('random streams', () => {
  const mean = (n: number, draw: () => number) =>
    Array.from({ length: n }, draw).reduce((s, x) => s + x, 0) / n;

  it('repeat for the same keys and differ for others', () => {
    const a = new Rng(1, 2);
    const b = new Rng(1, 2);
    const c = new Rng(1, 3);
    const draws = (r: Rng) => Array.from({ length: 5 }, () => r.next());
    expect(draws(a)).toEqual(draws(b));
    expect(draws(new Rng(1, 2))).not.toEqual(draws(c));
  });

  it('draw gamma noise with mean 1 and Poisson counts with the requested mean', () => {
    const rng = new Rng(42);
    expect(mean(20_000, () => rng.gammaMean1(2))).toBeCloseTo(1, 1);
    expect(mean(20_000, () => rng.gammaMean1(0.5))).toBeCloseTo(1, 1);
    expect(mean(20_000, () => rng.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(5_000, () => rng.poisson(120))).toBeCloseTo(120, 0);
    expect(mean(20_000, () => rng.spread(0.3))).toBeCloseTo(1, 1);
  });
});
