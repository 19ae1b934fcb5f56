import { describe, expect, it } from 'vitest';
import { normalizeMainlandPhone } from '../../platform/pii.ts';
import { phoneFor } from './demo-people.ts';

describe('demo phone numbers', () => {
  it('are valid, unique, and do not repeat the masked last four digits among neighbours', () => {
    const phones = Array.from({ length: 200_000 }, (_, k) => phoneFor(1, k));
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.every((p) => normalizeMainlandPhone(p) === p)).toBe(true);
    const window = phones.slice(1000, 1026).map((p) => p.slice(-4));
    expect(new Set(window).size).toBeGreaterThan(23);
    expect(phoneFor(1, 5)).toBe(phoneFor(1, 5));
    expect(phoneFor(2, 5)).not.toBe(phoneFor(1, 5));
  });
});
