import { describe, expect, it } from 'vitest';
import {
  mapEvent,
  mapMember,
  mapOrderHead,
  mapOrderItem,
  mapProduct,
  orderLevelMismatches,
  type MapResult,
} from './row-mappers.ts';

function problems<T>(r: MapResult<T>): Array<[string, string]> {
  return r.ok ? [] : r.problems.map((p) => [p.field, p.code]);
}
function item<T>(r: MapResult<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.item;
}

describe('mapMember', () => {
  it('maps every documented column', () => {
    const m = item(
      mapMember({
        member_id: 'm1',
        phone: '138 0013 8000',
        nickname: '王阿姨',
        gender: '女',
        birthday: '1968/3/8',
        registered_at: '2024-05-01 09:30:00',
        community_id: 'c1',
        pickup_point_id: 'p1',
        device_type: '小程序',
        referrer_id: 'm0',
        consent_sms: '是',
        consent_wechat: '0',
        consent_at: '2024-05-01T09:30:00+08:00',
      }),
    );
    expect(m).toEqual({
      id: 'm1',
      phone: '138 0013 8000',
      nickname: '王阿姨',
      gender: 'female',
      birthday: '1968-03-08',
      registeredAt: '2024-05-01T01:30:00.000Z',
      communityId: 'c1',
      pickupPointId: 'p1',
      deviceType: 'mini_program',
      referrerId: 'm0',
      consents: [
        { channel: 'sms', granted: true, at: '2024-05-01T01:30:00.000Z', source: 'import' },
        { channel: 'wechat', granted: false, at: '2024-05-01T01:30:00.000Z', source: 'import' },
      ],
    });
  });

  it('leaves empty cells out', () => {
    expect(item(mapMember({ member_id: 'm2', phone: '', gender: ' ' }))).toEqual({ id: 'm2' });
  });

  it('names each bad cell', () => {
    const r = mapMember({
      member_id: '',
      gender: 'x',
      birthday: '1990-13-01',
      registered_at: 'soon',
      device_type: 'nokia',
      consent_sms: 'perhaps',
    });
    expect(problems(r)).toEqual([
      ['member_id', 'import.required'],
      ['consent_sms', 'import.invalid_boolean'],
      ['gender', 'import.invalid_value'],
      ['birthday', 'import.invalid_date'],
      ['registered_at', 'import.invalid_time'],
      ['device_type', 'import.invalid_value'],
    ]);
    if (!r.ok) expect(r.problems.find((p) => p.field === 'device_type')!.reason).toContain('ios, android');
  });

  it('accepts 男/女, m/f and WeChat 1/2 for gender', () => {
    expect(item(mapMember({ member_id: 'a', gender: '男' })).gender).toBe('male');
    expect(item(mapMember({ member_id: 'a', gender: 'F' })).gender).toBe('female');
    expect(item(mapMember({ member_id: 'a', gender: '2' })).gender).toBe('female');
    expect(item(mapMember({ member_id: 'a', gender: '保密' })).gender).toBe('unknown');
  });
});

describe('mapProduct', () => {
  it('takes price in fen or in yuan', () => {
    expect(
      item(
        mapProduct({
          sku: 's1',
          name: '草莓',
          category: 'fruit.berry',
          price_yuan: '29.90',
          organic: '是',
          unit: '盒',
        }),
      ),
    ).toEqual({
      sku: 's1',
      name: '草莓',
      category: 'fruit.berry',
      unit: '盒',
      priceFen: 2990,
      organic: true,
    });
    expect(
      item(mapProduct({ sku: 's1', name: 'x', category: 'other', price_fen: '100', price_yuan: '9' }))
        .priceFen,
    ).toBe(100);
  });

  it('explains bad prices and flags', () => {
    expect(problems(mapProduct({ sku: 's', name: 'n', category: 'c', price_yuan: '1.234' }))).toEqual([
      ['price_yuan', 'import.too_many_decimals'],
    ]);
    expect(problems(mapProduct({ sku: 's', name: 'n', category: 'c', price_fen: '12.5' }))).toEqual([
      ['price_fen', 'import.fractional_fen'],
    ]);
    expect(problems(mapProduct({ sku: 's', name: 'n', category: 'c', price_fen: '-1' }))).toEqual([
      ['price_fen', 'import.negative'],
    ]);
    expect(problems(mapProduct({ sku: 's', name: 'n', category: 'c', price_fen: 'free' }))).toEqual([
      ['price_fen', 'import.not_a_number'],
    ]);
    expect(
      problems(mapProduct({ sku: 's', name: '', category: 'c', price_fen: '1', trending: 'hot' })),
    ).toEqual([
      ['name', 'import.required'],
      ['trending', 'import.invalid_boolean'],
    ]);
    expect(problems(mapProduct({ sku: 's', name: 'n', category: 'c' }))).toEqual([
      ['price_fen', 'import.required'],
    ]);
  });
});

describe('mapEvent', () => {
  it('maps an event with JSON properties', () => {
    expect(
      item(
        mapEvent({
          event_id: 'e1',
          member_id: 'm1',
          type: 'Review',
          occurred_at: '2026-10-01 08:00:00',
          rating: '5',
          text: '很新鲜',
          properties: '{"channel":"group"}',
        }),
      ),
    ).toEqual({
      id: 'e1',
      memberId: 'm1',
      type: 'review',
      occurredAt: '2026-10-01T00:00:00.000Z',
      rating: 5,
      text: '很新鲜',
      properties: { channel: 'group' },
    });
  });

  it('names each bad cell', () => {
    expect(
      problems(
        mapEvent({
          event_id: 'e',
          member_id: 'm',
          type: 'teleport',
          occurred_at: '2026-10-01',
          dwell_ms: '-5',
          rating: '6',
          properties: 'x',
        }),
      ),
    ).toEqual([
      ['type', 'import.invalid_value'],
      ['dwell_ms', 'import.negative'],
      ['rating', 'import.out_of_range'],
      ['properties', 'import.invalid_json'],
    ]);
    expect(problems(mapEvent({ event_id: 'e', member_id: '', type: '', occurred_at: '' }))).toEqual([
      ['member_id', 'import.required'],
      ['type', 'import.required'],
      ['occurred_at', 'import.required'],
    ]);
  });
});

describe('order lines', () => {
  const line = {
    order_id: 'o1',
    member_id: 'm1',
    placed_at: '2026-10-02 20:15:00',
    sku: 'veg-1',
    quantity: '2',
    unit_price_yuan: '3.50',
  };

  it('maps the order head and the line', () => {
    expect(
      item(mapOrderHead({ ...line, status: '已提货', pickup_date: '2026/10/3', discount_yuan: '1' })),
    ).toEqual({
      id: 'o1',
      memberId: 'm1',
      placedAt: '2026-10-02T12:15:00.000Z',
      status: 'picked_up',
      pickupDate: '2026-10-03',
      discountFen: 100,
    });
    expect(item(mapOrderItem({ ...line, amount_fen: '700' }))).toEqual({
      sku: 'veg-1',
      quantity: 2,
      unitPriceFen: 350,
      amountFen: 700,
    });
  });

  it('names each bad cell', () => {
    expect(problems(mapOrderHead({ ...line, status: 'lost', discount_fen: '0.5' }))).toEqual([
      ['status', 'import.invalid_value'],
      ['discount_fen', 'import.fractional_fen'],
    ]);
    expect(problems(mapOrderItem({ ...line, quantity: '0', unit_price_yuan: '3.505' }))).toEqual([
      ['quantity', 'import.out_of_range'],
      ['unit_price_yuan', 'import.too_many_decimals'],
    ]);
  });

  it('lets later lines leave order-level cells empty but not contradict them', () => {
    expect(orderLevelMismatches(line, { order_id: 'o1', sku: 'x', member_id: '' }, 2)).toEqual([]);
    const p = orderLevelMismatches(line, { ...line, member_id: 'm2' }, 2);
    expect(p.map((x) => [x.field, x.code])).toEqual([['member_id', 'import.order_field_mismatch']]);
    expect(p[0]!.reason).toContain('row 2');
  });
});

describe('columnOf (ingest problem field → file column)', () => {
  it('maps item paths back to the column names of the file', async () => {
    const { columnOf } = await import('./import.service.ts');
    const cols = new Set(['order_id', 'unit_price_yuan', 'amount_fen']);
    expect(columnOf('orders', 'items.2.unitPriceFen', cols)).toBe('unit_price_yuan');
    expect(columnOf('orders', 'items.0.amountFen', cols)).toBe('amount_fen');
    expect(columnOf('orders', 'id', cols)).toBe('order_id');
    expect(columnOf('members', 'registeredAt', cols)).toBe('registered_at');
    expect(columnOf('members', 'consents.1.at', cols)).toBe('consent_at');
    expect(columnOf('events', 'productSku', cols)).toBe('product_sku');
  });
});
