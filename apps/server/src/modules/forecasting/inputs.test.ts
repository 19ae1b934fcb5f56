import { describe, expect, it } from 'vitest';
import { economicsOf, purchaseStep } from './economics.ts';
import { cityKey, itemEconomics } from './panels.ts';
import { nextPickupDate } from './run.service.ts';
import { dayOf, numberOf, readInput } from './table-input.ts';

const leafy = {
  productId: 'prd_1',
  sku: 'veg-1',
  name: '上海青',
  category: 'vegetables.leafy',
  top: 'vegetables',
  unit: '斤',
  priceFen: 300,
};

describe('the next purchase and the cut-off', () => {
  it('buys for tomorrow until the cut-off, then for the day after', () => {
    // 22:59 and 23:00 Shanghai on 26 November (UTC+8)
    expect(nextPickupDate(new Date('2026-11-26T14:59:00Z'), '23:00')).toBe('2026-11-27');
    expect(nextPickupDate(new Date('2026-11-26T15:00:00Z'), '23:00')).toBe('2026-11-28');
    // 00:30 Shanghai is already the 27th
    expect(nextPickupDate(new Date('2026-11-26T16:30:00Z'), '23:00')).toBe('2026-11-28');
    expect(nextPickupDate(new Date('2026-11-26T12:00:00Z'), '20:00')).toBe('2026-11-28');
  });
});

describe('supply economics', () => {
  it('takes the SKU’s own values, then its category’s, then the built-in default of its top category', () => {
    const builtin = economicsOf(leafy, undefined, new Map());
    // leafy greens: 12 % loss, one day, unit cost 65 % of the 3.00 price
    expect(builtin).toMatchObject({ lossRatePct: 12, shelfLifeDays: 1, unitCostFen: 195, priceFen: 300 });
    expect(builtin.sources).toEqual({
      lossRatePct: 'builtin',
      shelfLifeDays: 'builtin',
      unitCostFen: 'builtin',
    });
    const category = new Map([
      ['vegetables.leafy', { lossRatePct: 15, shelfLifeDays: 2, costSharePct: null }],
    ]);
    expect(economicsOf(leafy, undefined, category)).toMatchObject({
      lossRatePct: 15,
      shelfLifeDays: 2,
      unitCostFen: null,
      sources: { lossRatePct: 'category', unitCostFen: null },
    });
    const own = economicsOf(leafy, { lossRatePct: 8, shelfLifeDays: null, unitCostFen: 180 }, category);
    expect(own).toMatchObject({ lossRatePct: 8, shelfLifeDays: 2, unitCostFen: 180 });
    expect(own.sources).toEqual({ lossRatePct: 'item', shelfLifeDays: 'category', unitCostFen: 'item' });
    expect(itemEconomics(own)).toEqual({ lossRate: 0.08, unitCost: 180, price: 300, shelfLifeDays: 2 });
  });

  it('buys goods sold by weight in tenths and pieces whole', () => {
    expect(purchaseStep('斤')).toBe(0.1);
    expect(purchaseStep('KG')).toBe(0.1);
    expect(purchaseStep('盒')).toBe(1);
  });

  it('matches cities with or without 市', () => {
    expect(cityKey(' 杭州市')).toBe(cityKey('杭州'));
    expect(cityKey('Hangzhou')).toBe('hangzhou');
  });
});

describe('operator files', () => {
  const aliases = { city: ['城市'], date: ['日期'], tempMax: ['最高气温'] };

  it('reads GBK or UTF-8 CSV with Chinese headers, keeping each row’s line', () => {
    const text = '城市,日期,最高气温（℃）\n\n杭州,2026/11/3,18\n';
    const gbk = Buffer.from([
      ...[0xb3, 0xc7, 0xca, 0xd0], // 城市
      0x2c,
      ...[0xc8, 0xd5, 0xc6, 0xda], // 日期
      0x0a,
      ...[0xba, 0xbc, 0xd6, 0xdd], // 杭州
      0x2c,
      ...Buffer.from('2026-11-03'),
    ]);
    expect(readInput(Buffer.from(text), aliases, ['city', 'date'], 'weather')).toEqual({
      items: [{ city: '杭州', date: '2026/11/3', tempMax: '18' }],
      lines: [3],
    });
    expect(readInput(gbk, aliases, ['city', 'date'], 'weather').items).toEqual([
      { city: '杭州', date: '2026-11-03' },
    ]);
    expect(() => readInput('城市,温度\n杭州,3', aliases, ['city', 'date'], 'weather')).toThrow(
      'The weather file lacks column date (found: 城市, 温度)',
    );
    expect(() => readInput({ rows: [] }, aliases, ['city'], 'weather')).toThrow('{"items": [...]}');
  });

  it('reads dates and numbers strictly', () => {
    expect(dayOf('2026/1/5')).toBe('2026-01-05');
    expect(dayOf('5/1/2026')).toBe('');
    expect(numberOf(' 12.5 ')).toBe(12.5);
    expect(numberOf('')).toBeUndefined();
    expect(numberOf('12,5')).toBeNaN();
  });
});
