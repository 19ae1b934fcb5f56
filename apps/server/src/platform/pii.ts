import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from './errors.ts';

/**
 * Personal data at rest: AES-256-GCM ciphertext (`v1.<iv>.<tag>.<data>` base64url) plus an HMAC-SHA256
 * "blind index" for exact lookup. Both keys are derived from the one configured secret with HKDF so a
 * leaked lookup hash reveals nothing about the encryption key.
 */
export interface PiiKeys {
  enc: Buffer;
  mac: Buffer;
}

export function derivePiiKeys(secret: Buffer): PiiKeys {
  return {
    enc: Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'linli/pii/enc/v1', 32)),
    mac: Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'linli/pii/mac/v1', 32)),
  };
}

export function encryptPii(keys: PiiKeys, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join('.');
}

export function decryptPii(keys: PiiKeys, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new AppError('internal', 'pii.bad_ciphertext', 'Unreadable encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export function lookupHash(keys: PiiKeys, normalized: string): string {
  return createHmac('sha256', keys.mac).update(normalized).digest('base64url');
}

/**
 * Mainland China mobile numbers: 11 digits starting 13–19. Accepts +86/0086/86 prefixes and
 * spaces or dashes a person might type. Returns null when it is not such a number.
 */
export function normalizeMainlandPhone(input: string): string | null {
  const digits = input.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Masks any mainland mobile number that appears inside free text (log lines, error messages). */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}
