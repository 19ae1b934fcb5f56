import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import {
  decryptPii,
  derivePiiKeys,
  encryptPii,
  lookupHash,
  maskPhone,
  maskPhonesInText,
  normalizeMainlandPhone,
} from './pii.ts';

const keys = derivePiiKeys(Buffer.alloc(32, 7));

describe('personal data', () => {
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = encryptPii(keys, '13812345678');
    const b = encryptPii(keys, '13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1381234');
    expect(decryptPii(keys, a)).toBe('13812345678');
  });

  it('refuses a tampered ciphertext or a wrong key', () => {
    const sealed = encryptPii(keys, '13812345678');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('00000000000', 'utf8').toString('base64url');
    expect(() => decryptPii(keys, parts.join('.'))).toThrow();
    expect(() => decryptPii(derivePiiKeys(randomBytes(32)), sealed)).toThrow();
  });

  it('derives a lookup hash that is stable per key and differs across keys', () => {
    expect(lookupHash(keys, '13812345678')).toBe(lookupHash(keys, '13812345678'));
    expect(lookupHash(keys, '13812345678')).not.toBe(
      lookupHash(derivePiiKeys(Buffer.alloc(32, 8)), '13812345678'),
    );
  });

  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['8619912345678', '19912345678'],
    ['12345678901', null],
    ['1381234567', null],
    ['138123456789', null],
    ['010-12345678', null],
    ['abc', null],
  ])('normalises %s → %s', (input, expected) => {
    expect(normalizeMainlandPhone(input)).toBe(expected);
  });

  it('masks as 138****5678, in text too', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhonesInText('call 13812345678 or 15900001111; order 2138123456789')).toBe(
      'call 138****5678 or 159****1111; order 2138123456789',
    );
  });

  it('never writes a full phone number to the log', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => lines.push(s) });
    log.info(
      { phone: '13812345678', member: { phone: '13912345678' }, note: 'from 15012345678' },
      'member 13712345678 logged in',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(out).toContain('138****5678');
    expect(out).toContain('137****5678');
  });
});
