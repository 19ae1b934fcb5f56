import { describe, expect, it } from 'vitest';
import { pct, shanghaiDate, shanghaiTime, yuan, yuanShort } from './format.ts';

describe('console formats', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123456789)).toBe('¥1,234,567.89');
    expect(yuan(-1999)).toBe('-¥19.99');
    expect(yuan(null)).toBe('—');
  });

  it('abbreviates axis amounts in the reader’s language', () => {
    expect(yuanShort(1_234_500, 'zh-CN')).toBe('¥1.2万');
    expect(yuanShort(25_000_000_000, 'zh-CN')).toBe('¥2.5亿');
    expect(yuanShort(1_234_500, 'en-US')).toBe('¥12.3k');
  });

  it('shows instants in Shanghai time whatever the machine’s zone', () => {
    expect(shanghaiTime('2026-11-26T16:30:00Z')).toBe('2026-11-27 00:30');
    expect(shanghaiDate('2026-11-26T15:59:59Z')).toBe('2026-11-26');
    expect(shanghaiDate('2026-11-26T16:00:00Z')).toBe('2026-11-27');
  });

  it('shows ratios as percentages', () => {
    expect(pct(0.60744)).toBe('60.7%');
    expect(pct(0.0347, 2)).toBe('3.47%');
    expect(pct(null)).toBe('—');
  });
});
