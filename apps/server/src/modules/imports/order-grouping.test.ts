import { describe, expect, it } from 'vitest';
import { OrderGrouper, SeenIds, type OrderGroup, type SourceLine } from './order-grouping.ts';

let row = 1;
const line = (order_id: string, extra: Record<string, string> = {}): SourceLine => {
  row++;
  const record = {
    order_id,
    member_id: 'm1',
    placed_at: '2026-10-02 20:15:00',
    sku: `sku-${row}`,
    quantity: '1',
    unit_price_fen: '100',
    ...extra,
  };
  return { rowNumber: row, record, cells: Object.values(record) };
};

function run(lines: SourceLine[]): OrderGroup[] {
  const g = new OrderGrouper();
  return [...lines.flatMap((l) => g.add(l)), ...g.finish()];
}

describe('OrderGrouper', () => {
  it('makes one order of consecutive lines with the same order_id', () => {
    row = 1;
    const groups = run([line('a'), line('a', { member_id: '', placed_at: '' }), line('b')]);
    expect(groups.map((g) => [g.order?.id, g.order?.items.length, g.lines.map((l) => l.rowNumber)])).toEqual([
      ['a', 2, [2, 3]],
      ['b', 1, [4]],
    ]);
    expect(groups[0]!.order).toMatchObject({ memberId: 'm1', placedAt: '2026-10-02T12:15:00.000Z' });
  });

  it('rejects an order_id that reappears after another order', () => {
    row = 1;
    const groups = run([line('a'), line('b'), line('a'), line('a')]);
    expect(groups.map((g) => g.order?.id ?? null)).toEqual(['a', 'b', null, null]);
    expect(groups[2]!.problems[0]).toMatchObject({
      line: { rowNumber: 4 },
      problem: { field: 'order_id', code: 'import.order_not_grouped' },
    });
  });

  it('rejects the whole order when one line is wrong and lists every line', () => {
    row = 1;
    const groups = run([line('a'), line('a', { quantity: 'x' }), line('a', { member_id: 'm9' })]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.order).toBeNull();
    expect(groups[0]!.problems.map((p) => [p.line.rowNumber, p.problem.field, p.problem.code])).toEqual([
      [2, 'order_id', 'import.order_line_rejected'],
      [3, 'quantity', 'import.not_a_number'],
      [4, 'member_id', 'import.order_field_mismatch'],
    ]);
  });

  it('rejects a line without order_id on its own', () => {
    row = 1;
    const groups = run([line('a'), line(''), line('a')]);
    expect(groups.map((g) => [g.order?.id ?? null, g.lines.map((l) => l.rowNumber)])).toEqual([
      [null, [3]],
      ['a', [2, 4]],
    ]);
  });
});

describe('SeenIds', () => {
  it('remembers many ids exactly', () => {
    const s = new SeenIds();
    for (let i = 0; i < 200_000; i++) s.add(`order-${i}`);
    let hits = 0;
    for (let i = 0; i < 200_000; i++) if (s.has(`order-${i}`)) hits++;
    let false_ = 0;
    for (let i = 200_000; i < 400_000; i++) if (s.has(`order-${i}`)) false_++;
    expect(hits).toBe(200_000);
    expect(false_).toBe(0);
  });
});
