import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json.ts';

describe('sameJson', () => {
  it('ignores key order at every depth, not array order or values', () => {
    expect(sameJson({ field: 'a', op: '>=', value: 1 }, { op: '>=', value: 1, field: 'a' })).toBe(true);
    expect(sameJson({ all: [{ b: 1, a: 2 }] }, { all: [{ a: 2, b: 1 }] })).toBe(true);
    expect(sameJson({ all: [1, 2] }, { all: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson(null, null)).toBe(true);
  });
});
