import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { batchResult, checkItems, instantOf, isValidDate, parseInstant } from './batch.ts';

describe('batch validation', () => {
  it('reads times without an offset as Shanghai local time', () => {
    expect(instantOf('2026-10-02 20:15:00')?.toISOString()).toBe('2026-10-02T12:15:00.000Z');
    expect(instantOf('2026-10-02')?.toISOString()).toBe('2026-10-01T16:00:00.000Z');
    expect(instantOf('2026-10-02T20:15:00Z')?.toISOString()).toBe('2026-10-02T20:15:00.000Z');
    expect(instantOf('2026-10-02T20:15:00+0800')?.toISOString()).toBe('2026-10-02T12:15:00.000Z');
    expect(instantOf('02/10/2026')).toBeNull();
    expect(instantOf('2026-13-40')).toBeNull();
  });

  it('rejects instants beyond the future tolerance', () => {
    const problems: string[] = [];
    const now = Date.parse('2026-11-26T00:00:00Z');
    expect(
      parseInstant('2026-11-26T00:05:00Z', 'at', 600_000, (_f, _r, c) => problems.push(c), now),
    ).not.toBeNull();
    expect(
      parseInstant('2026-11-26T00:11:00Z', 'at', 600_000, (_f, _r, c) => problems.push(c), now),
    ).toBeNull();
    expect(problems).toEqual(['at_in_future']);
  });

  it('validates dates strictly', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2023-2-1')).toBe(false);
  });

  it('reports each bad item by index and field, and duplicates inside a batch', () => {
    const schema = z.object({ id: z.string(), n: z.number().int() }).strict();
    const { valid, problems } = checkItems(
      [{ id: 'a', n: 1 }, { id: 'b', n: 1.5 }, { n: 2 }, { id: 'a', n: 3 }, { id: 'c', n: 1, x: 1 }],
      schema,
      'm',
    );
    expect(valid.map((v) => v.index)).toEqual([0]);
    expect(problems.map((p) => [p.index, p.field, p.code])).toEqual([
      [1, 'n', 'm.n_invalid'],
      [2, 'id', 'm.id_missing'],
      [3, 'id', 'm.duplicate_in_batch'],
      [4, '(item)', 'm.unknown_field'],
    ]);
    expect(batchResult(5, 1, problems)).toMatchObject({ received: 5, accepted: 1, duplicates: 0 });
  });
});
