import { describe, expect, it } from 'vitest';
import {
  parseBoolean,
  parseDate,
  parseFen,
  parseInstant,
  parseInteger,
  parseJsonObject,
  parseQuantity,
  parseYuanToFen,
  roundToFen,
  type Parsed,
} from './values.ts';

const value = <T>(r: Parsed<T>) => (r.ok ? r.value : `!${r.code}`);

describe('money', () => {
  it('reads fen as whole numbers only', () => {
    expect(value(parseFen('1250'))).toBe(1250);
    expect(value(parseFen('1250.00'))).toBe(1250);
    expect(value(parseFen('0'))).toBe(0);
    expect(value(parseFen('12.5'))).toBe('!import.fractional_fen');
    expect(value(parseFen('-3'))).toBe('!import.negative');
    expect(value(parseFen('abc'))).toBe('!import.not_a_number');
    expect(value(parseFen('1,000'))).toBe('!import.not_a_number');
    expect(value(parseFen('99999999999'))).toBe('!import.too_large');
  });

  it('converts yuan with up to 2 decimals to fen without float error', () => {
    expect(value(parseYuanToFen('12.5'))).toBe(1250);
    expect(value(parseYuanToFen('0.07'))).toBe(7);
    expect(value(parseYuanToFen('1.005'))).toBe('!import.too_many_decimals');
    expect(value(parseYuanToFen('19.99'))).toBe(1999); // 19.99 * 100 = 1998.9999999999998 in floats
    expect(value(parseYuanToFen('4.35'))).toBe(435); // 4.35 * 100 = 434.99999999999994
    expect(value(parseYuanToFen('¥8.80'))).toBe(880);
    expect(value(parseYuanToFen('8元'))).toBe(800);
    expect(value(parseYuanToFen('12.300'))).toBe(1230);
    expect(value(parseYuanToFen('-1'))).toBe('!import.negative');
    expect(value(parseYuanToFen('1e3'))).toBe('!import.not_a_number');
    expect(value(parseYuanToFen('十元'))).toBe('!import.not_a_number');
  });

  it('rounds data-set dollars half-up on the decimal digits', () => {
    expect(roundToFen('1.005')).toBe(101);
    expect(roundToFen('2.675')).toBe(268);
    expect(roundToFen('4.440892e-16')).toBe(0);
    expect(roundToFen('0.29')).toBe(29);
    expect(roundToFen('100')).toBe(10000);
    expect(roundToFen('x')).toBeNull();
  });

  it('reads quantities > 0 with up to 3 decimals', () => {
    expect(value(parseQuantity('2'))).toBe(2);
    expect(value(parseQuantity('1.5'))).toBe(1.5);
    expect(value(parseQuantity('0.125'))).toBe(0.125);
    expect(value(parseQuantity('0'))).toBe('!import.out_of_range');
    expect(value(parseQuantity('-1'))).toBe('!import.negative');
    expect(value(parseQuantity('1.2345'))).toBe('!import.too_many_decimals');
    expect(value(parseQuantity('two'))).toBe('!import.not_a_number');
  });

  it('reads integers within bounds', () => {
    expect(value(parseInteger('5', 1, 5))).toBe(5);
    expect(value(parseInteger('6', 1, 5))).toBe('!import.out_of_range');
    expect(value(parseInteger('4.5', 1, 5))).toBe('!import.not_an_integer');
    expect(value(parseInteger('-2', 0, 10))).toBe('!import.negative');
  });
});

describe('times and dates', () => {
  it('keeps ISO 8601 offsets and converts to UTC', () => {
    expect(value(parseInstant('2026-11-26T08:30:00+08:00'))).toBe('2026-11-26T00:30:00.000Z');
    expect(value(parseInstant('2026-11-26T08:30:00Z'))).toBe('2026-11-26T08:30:00.000Z');
    expect(value(parseInstant('2026-11-26T08:30:00.5-0500'))).toBe('2026-11-26T13:30:00.500Z');
  });

  it('reads times without an offset as Asia/Shanghai', () => {
    expect(value(parseInstant('2026-11-26 08:30:00'))).toBe('2026-11-26T00:30:00.000Z');
    expect(value(parseInstant('2026/1/5 9:03'))).toBe('2026-01-05T01:03:00.000Z');
    expect(value(parseInstant('2026-01-01 07:00:00'))).toBe('2025-12-31T23:00:00.000Z');
    expect(value(parseInstant('2026-03-01'))).toBe('2026-02-28T16:00:00.000Z');
  });

  it('rejects impossible times with a reason', () => {
    expect(value(parseInstant('2026-02-30 10:00:00'))).toBe('!import.invalid_time');
    expect(value(parseInstant('2026-01-01 24:00:00'))).toBe('!import.invalid_time');
    expect(value(parseInstant('yesterday'))).toBe('!import.invalid_time');
    const r = parseInstant('26/11/2026');
    expect(r.ok ? '' : r.reason).toMatch(/YYYY-MM-DD HH:mm:ss/);
  });

  it('reads calendar dates', () => {
    expect(value(parseDate('1990-07-15'))).toBe('1990-07-15');
    expect(value(parseDate('1990/7/5'))).toBe('1990-07-05');
    expect(value(parseDate('19900705'))).toBe('1990-07-05');
    expect(value(parseDate('1990-07-05 00:00:00'))).toBe('1990-07-05');
    expect(value(parseDate('1990-02-29'))).toBe('!import.invalid_date');
    expect(value(parseDate('15/07/1990'))).toBe('!import.invalid_date');
  });
});

describe('booleans and JSON', () => {
  it('accepts true/false, 1/0 and 是/否', () => {
    for (const t of ['true', 'TRUE', '1', '是', 'yes', 'Y']) expect(value(parseBoolean(t))).toBe(true);
    for (const f of ['false', '0', '否', 'no', 'N']) expect(value(parseBoolean(f))).toBe(false);
    expect(value(parseBoolean('maybe'))).toBe('!import.invalid_boolean');
  });

  it('wants a JSON object', () => {
    expect(value(parseJsonObject('{"a":1}'))).toEqual({ a: 1 });
    expect(value(parseJsonObject('[1]'))).toBe('!import.invalid_json');
    expect(value(parseJsonObject('{a:1}'))).toBe('!import.invalid_json');
  });
});
