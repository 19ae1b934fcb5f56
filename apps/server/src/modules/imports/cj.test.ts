import { describe, expect, it } from 'vitest';
import { cjCategory, cjProductName } from './cj-categories.ts';
import { cjLine, cjMember, cjOrder, type Txn } from './cj-mapping.ts';

const line = (
  quantity: string,
  salesValue: string,
  retailDisc = '0',
  couponDisc = '0',
  couponMatchDisc = '0',
) => cjLine({ quantity, salesValue, retailDisc, couponDisc, couponMatchDisc });

describe('cjLine', () => {
  it('prices a line at shelf value and moves discounts to the order', () => {
    expect(line('1', '1.5', '0.29')).toEqual({
      quantity: 1,
      unitPriceFen: 179,
      amountFen: 179,
      discountFen: 29,
    });
    expect(line('2', '5.00', '1.00', '0.50', '0.25')).toEqual({
      quantity: 2,
      unitPriceFen: 313,
      amountFen: 626,
      discountFen: 175 + 1,
    });
  });

  it('keeps multi-buy prices exact by rounding the unit price up into the discount', () => {
    const l = line('4', '1.34')!;
    expect(l).toEqual({ quantity: 4, unitPriceFen: 34, amountFen: 136, discountFen: 2 });
    expect(l.amountFen - l.discountFen).toBe(134);
  });

  it('reads fuel quantities as thousandths of a gallon', () => {
    const l = line('8396', '19.30')!;
    expect(l.quantity).toBe(8.396);
    expect(l.unitPriceFen).toBe(230);
    expect(l.amountFen - l.discountFen).toBe(1930);
    expect(Math.abs(l.amountFen - Math.round(8.396 * 230))).toBe(0);
  });

  it('skips zero quantities and tolerates float noise in the data', () => {
    expect(line('0', '0')).toBeNull();
    expect(line('1', '4.440892e-16')).toEqual({ quantity: 1, unitPriceFen: 0, amountFen: 0, discountFen: 0 });
  });
});

describe('cjCategory', () => {
  it('maps departments and product categories to category codes', () => {
    expect(cjCategory('PRODUCE', 'BERRIES')).toBe('fruit.berry');
    expect(cjCategory('PRODUCE', 'ORGANICS FRUIT & VEGETABLES')).toBe('organic');
    expect(cjCategory('PRODUCE', 'POTATOES')).toBe('vegetables.root');
    expect(cjCategory('MEAT', 'BEEF')).toBe('meat_eggs.beef_lamb');
    expect(cjCategory('SEAFOOD-PCKGD', 'SEAFOOD - FROZEN', 'FROZEN SHRIMP')).toBe('seafood.shrimp_crab');
    expect(cjCategory('GROCERY', 'EGGS')).toBe('meat_eggs.eggs');
    expect(cjCategory('GROCERY', 'SOFT DRINKS')).toBe('drinks');
    expect(cjCategory('GROCERY', 'FRZN JCE CONC/DRNKS')).toBe('drinks');
    expect(cjCategory('GROCERY', 'FROZEN PIZZA')).toBe('frozen');
    expect(cjCategory('GROCERY', 'CAT FOOD')).toBe('household');
    expect(cjCategory('GROCERY', 'SHORTENING/OIL')).toBe('grain_oil.oil');
    expect(cjCategory('PASTRY', 'CAKES')).toBe('dairy_bakery.bread');
    expect(cjCategory('DRUG GM', 'CANDY - PACKAGED')).toBe('snacks.sweets');
    expect(cjCategory('DRUG GM', 'COFFEE FILTERS')).toBe('household');
    expect(cjCategory('FUEL', 'COUPON/MISC ITEMS', 'GASOLINE-REG UNLEADED')).toBe('other');
    expect(cjCategory('', '')).toBe('other');
  });

  it('builds a readable name', () => {
    expect(
      cjProductName({
        productId: '25671',
        department: 'GROCERY',
        brand: 'National',
        productCategory: 'FRZN ICE',
        productType: 'ICE - CRUSHED/CUBED',
        packageSize: '22 LB',
      }),
    ).toBe('ICE - CRUSHED/CUBED (National, 22 LB) #25671');
  });
});

describe('cjOrder and cjMember', () => {
  const txn = (over: Partial<Txn>): Txn => ({
    row: 2,
    household: '906',
    store: '319',
    basket: '31198705046',
    product: '1075313',
    quantity: '1',
    salesValue: '1.5',
    retailDisc: '0.29',
    couponDisc: '0',
    couponMatchDisc: '0',
    timestamp: '2017-01-01 07:30:27',
    ...over,
  });

  it('builds a picked-up order whose paid amount is what the shopper paid', () => {
    const order = cjOrder('31198705046', [
      txn({}),
      txn({ product: '2', quantity: '0', salesValue: '0' }),
      txn({ product: '3', salesValue: '0.5', retailDisc: '0', couponDisc: '0.2' }),
    ])!;
    expect(order).toMatchObject({
      id: 'cj-b-31198705046',
      memberId: 'cj-h-906',
      placedAt: '2016-12-31T23:30:27.000Z',
      status: 'picked_up',
      communityId: 'cj-store-319',
      pickupPointId: 'cj-store-319',
      pickupDate: '2017-01-01',
    });
    expect(order.items.map((i) => i.sku)).toEqual(['cj-p-1075313', 'cj-p-3']);
    const gross = order.items.reduce((s, i) => s + i.amountFen!, 0);
    expect(gross).toBe(179 + 50);
    expect(gross - order.discountFen!).toBe(150 + 50 - 20); // sales_value − coupon_disc
  });

  it('floors the paid amount at 0 and skips baskets without quantities', () => {
    const order = cjOrder('b', [txn({ salesValue: '0.5', retailDisc: '0', couponDisc: '1' })])!;
    expect(order.discountFen).toBe(50);
    expect(cjOrder('b', [txn({ quantity: '0' })])).toBeNull();
  });

  it('puts a household at the store of most of its baskets', () => {
    const m = cjMember(
      '906',
      txn({}),
      new Map([
        ['319', new Set(['a'])],
        ['400', new Set(['b', 'c'])],
      ]),
    );
    expect(m).toEqual({
      id: 'cj-h-906',
      nickname: 'CJ household 906',
      registeredAt: '2016-12-31T23:30:27.000Z',
      communityId: 'cj-store-400',
      pickupPointId: 'cj-store-400',
    });
  });
});
