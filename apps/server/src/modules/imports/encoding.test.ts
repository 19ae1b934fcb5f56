import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AutoDecoder, SNIFF_BYTES } from './encoding.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** made with `iconv -f utf-8 -t gbk`: a members file with a Chinese header */
const gbk = readFileSync(path.join(fixtures, 'members-gbk.csv'));
const gbkText =
  '会员ID,手机号,昵称,性别,生日,注册时间,小区ID\r\nm-gbk-1,13800138001,张三丰,男,1985-03-02,2024-05-01 09:30:00,c-1\r\n';

function decodeInChunks(bytes: Uint8Array, size: number): { text: string; encoding: string } {
  const d = new AutoDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.push(bytes.subarray(i, i + size));
  text += d.end();
  return { text, encoding: d.encoding };
}

describe('AutoDecoder', () => {
  it('detects GBK whatever the chunking', () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const { text, encoding } = decodeInChunks(gbk, size);
      expect(encoding).toBe('gb18030');
      expect(text.startsWith(gbkText)).toBe(true);
    }
  });

  it('reads UTF-8 with and without a BOM, stripping the BOM', () => {
    const body = Buffer.from('名称,价格\n草莓,29.9\n', 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    for (const size of [1, 2, 5, 1000]) {
      expect(decodeInChunks(body, size)).toEqual({ text: '名称,价格\n草莓,29.9\n', encoding: 'utf-8' });
      expect(decodeInChunks(withBom, size)).toEqual({ text: '名称,价格\n草莓,29.9\n', encoding: 'utf-8' });
    }
  });

  it('stays undecided through ASCII and sniffs where the first non-ASCII byte is', () => {
    const ascii = 'a,b\n'.repeat(40_000); // 160 KB of ASCII first
    const utf8 = Buffer.from(ascii + '张三,李四\n', 'utf8');
    expect(decodeInChunks(utf8, 65_536)).toEqual({ text: ascii + '张三,李四\n', encoding: 'utf-8' });
    const mixed = Buffer.concat([Buffer.from(ascii), gbk]);
    const r = decodeInChunks(mixed, 65_536);
    expect(r.encoding).toBe('gb18030');
    expect(r.text.slice(ascii.length).startsWith(gbkText)).toBe(true);
  });

  it('does not mistake a UTF-8 character cut at the end of the 64 KB sample for GBK', () => {
    // the 3-byte 张 straddles the SNIFF_BYTES boundary
    const filler = 'x'.repeat(SNIFF_BYTES - 2);
    const text = '张' + filler + '张三\n';
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [4096, SNIFF_BYTES, SNIFF_BYTES + 1])
      expect(decodeInChunks(bytes, size)).toEqual({ text, encoding: 'utf-8' });
  });

  it('fails clearly when a UTF-8 file turns into GBK later on', () => {
    const utf8Part = Buffer.from('张三\n' + 'y'.repeat(SNIFF_BYTES + 10) + '\n', 'utf8');
    const bytes = Buffer.concat([utf8Part, gbk]);
    expect(() => decodeInChunks(bytes, 8192)).toThrow(/not valid utf-8 near byte/);
  });

  it('decodes UTF-16 files saved with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会员ID\tphone\n', 'utf16le')]);
    expect(decodeInChunks(le, 3)).toEqual({ text: '会员ID\tphone\n', encoding: 'utf-16le' });
  });
});
