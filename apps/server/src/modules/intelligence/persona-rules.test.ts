import { describe, expect, it } from 'vitest';
import { featureVector, meanProfile, personaNames, profileOf } from './persona-rules.ts';

describe('persona profiles and names', () => {
  it('turns a purchase history into frequency, order value and category shares', () => {
    const p = profileOf({
      memberId: 'm',
      orders: 30,
      weeks: 10,
      spendFen: 360000,
      categorySpend: { organic: 300, fruit: 100 },
    });
    expect(p).toEqual({ ordersPerWeek: 3, aovFen: 12000, shares: { organic: 0.75, fruit: 0.25 } });
    expect(featureVector(p, ['fruit', 'organic', 'snacks'])).toEqual([
      Math.log(3),
      Math.log(12000),
      0.25,
      0.75,
      0,
    ]);
  });

  it('names centres by their rank among personas and the category they over-buy', () => {
    const cats = ['vegetables', 'organic', 'snacks'];
    const silver = {
      ordersPerWeek: 3,
      aovFen: 4500,
      shares: { vegetables: 0.6, organic: 0.1, snacks: 0.05 },
    };
    const genz = {
      ordersPerWeek: 6.5,
      aovFen: 8000,
      shares: { vegetables: 0.2, organic: 0.1, snacks: 0.45 },
    };
    const middle = {
      ordersPerWeek: 5,
      aovFen: 12000,
      shares: { vegetables: 0.25, organic: 0.5, snacks: 0.05 },
    };
    const overall = meanProfile([silver, genz, middle], cats);
    const names = { vegetables: '蔬菜', organic: '有机', snacks: '网红零食' } as Record<string, string>;
    expect(
      personaNames([silver, genz, middle], overall, (c) => ({ zh: names[c]!, en: c })).map((n) => n.zh),
    ).toEqual(['低频·低客单·蔬菜', '高频·中客单·网红零食', '中频·高客单·有机']);
  });
});
