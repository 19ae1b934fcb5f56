import { describe, expect, it } from 'vitest';
import { luhn, scan, validIdNumber } from './index.ts';

const pi = (text: string) =>
  scan(text)
    .violations.filter((v) => v.category === 'personal_info')
    .map((v) => ({ term: v.term, severity: v.severity }));

describe('personal information', () => {
  it('checks ID numbers: GB 11643 check character and a real date', () => {
    expect(validIdNumber('110101199003074514')).toBe(true);
    expect(validIdNumber('11010119900307451X')).toBe(false); // wrong check character
    expect(validIdNumber('110101199002304514')).toBe(false); // 30 February
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(pi('身份证110101199003074514')).toEqual([{ term: '110101199003074514', severity: 'block' }]);
    expect(pi('订单号110101199003074515')).toEqual([]);
  });

  it('finds full mobile numbers, spaced or full-width, not masked ones', () => {
    expect(pi('收件人张三 139 1234 5678')).toEqual([{ term: '139 1234 5678', severity: 'block' }]);
    expect(pi('收件人张三 １３９１２３４５６７８')).toEqual([
      { term: '１３９１２３４５６７８', severity: 'block' },
    ]);
    expect(pi('13912345678请回电')).toEqual([{ term: '13912345678', severity: 'review' }]);
    expect(pi('138****1234、尾号5678、139-****-0000')).toEqual([]);
    expect(pi('订单20231391234567890')).toEqual([]);
  });

  it('leaves the business contact line and the pickup point alone', () => {
    expect(pi('客服电话13912345678')).toEqual([]);
    expect(pi('有问题联系团长13912345678')).toEqual([]);
    expect(pi('自提点：3栋2单元101团长家')).toEqual([]);
  });

  it('finds exact home addresses', () => {
    expect(pi('3栋2单元501的王阿姨')).toEqual([{ term: '3栋2单元501', severity: 'block' }]);
    expect(pi('送到12号楼1203室')).toEqual([{ term: '12号楼1203室', severity: 'review' }]);
    expect(pi('住在幸福小区5-2-302的那户')).toEqual([{ term: '5-2-302', severity: 'block' }]);
    expect(pi('3栋门口集合')).toEqual([]);
    expect(pi('2024-01-15到货')).toEqual([]);
  });

  it('bank cards need their Luhn check and a card word', () => {
    expect(luhn('6222021234567890128')).toBe(true);
    expect(pi('转账到卡号6222 0212 3456 7890 128')).toEqual([
      { term: '6222 0212 3456 7890 128', severity: 'block' },
    ]);
    expect(pi('卡号6222021234567890129')).toEqual([]);
    expect(pi('快递单号6222021234567890128')).toEqual([]);
  });
});
