import { describe, expect, it } from 'vitest';
import { normalize, stripHtml, truncate } from './normalize.ts';

describe('normalize', () => {
  it('folds full-width letters, digits and punctuation to half-width, and lower-cases', () => {
    expect(normalize('ＡＢＣ１２３，好评！')).toBe('abc123,好评!');
    expect(normalize('Ｈｅｌｌｏ　World')).toBe('hello world');
  });

  it('converts traditional to simplified, phrase-aware', () => {
    expect(normalize('這個蘋果很好吃，服務態度也好')).toBe('这个苹果很好吃,服务态度也好');
    expect(normalize('乾乾淨淨')).toBe('干干净净');
    expect(normalize('食物中毒')).toBe('食物中毒');
    expect(normalize('乾隆')).toBe('乾隆');
  });

  it('removes zero-width and control characters', () => {
    expect(normalize('食\u200b物\u200d中\ufeff毒')).toBe('食物中毒');
    expect(normalize('a\u0000b\u0007c\u009f')).toBe('abc');
  });

  it('keeps emoji', () => {
    expect(normalize('太好吃了😍👍')).toBe('太好吃了😍👍');
    expect(normalize('😡😡')).toBe('😡😡');
  });

  it('collapses repeated punctuation and whitespace', () => {
    expect(normalize('好吃！！！！！！')).toBe('好吃!');
    expect(normalize('什么？？？！！！')).toBe('什么?!');
    expect(normalize('差。。。。。。评……')).toBe('差。评…');
    expect(normalize('  很好 \n\n\t 下次再来  ')).toBe('很好 下次再来');
    expect(normalize('好好好好')).toBe('好好好好');
  });

  it('removes lone surrogates without touching pairs', () => {
    expect(normalize('好\ud800吃\udc00😀')).toBe('好吃😀');
    expect(normalize('\udfff')).toBe('');
  });

  it('strips HTML tags and scripts and decodes entities', () => {
    expect(normalize('<p>很好<script>alert("x")</script></p>&amp;&#20320;&lt;')).toBe('很好 &你<');
    expect(normalize('<style>p{}</style><b>新鲜</b>')).toBe('新鲜');
    expect(stripHtml('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
  });

  it('truncates very long texts without splitting a surrogate pair', () => {
    const long = '好'.repeat(100_000);
    expect(normalize(long)).toHaveLength(2000);
    expect(normalize(long, { maxLength: 50 })).toHaveLength(50);
    const emoji = '😀'.repeat(60_000);
    const cut = normalize(emoji, { maxLength: 101 });
    expect(cut).toHaveLength(100);
    expect(cut.isWellFormed()).toBe(true);
    expect(truncate('a😀', 2)).toBe('a');
  });

  it('handles empty and non-text input', () => {
    expect(normalize('')).toBe('');
    expect(normalize('   \u200b  ')).toBe('');
    expect(normalize(undefined as unknown as string)).toBe('');
  });
});
