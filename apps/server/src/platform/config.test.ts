import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from './config.ts';

describe('configuration', () => {
  it('has documented defaults', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.LINLI_DATA_DIR).toBe('./data');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names every bad value in one error', () => {
    try {
      parseEnv({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LINLI_SECRET_KEY: 'short',
        LINLI_ADMIN_PASSWORD: '123',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LINLI_SECRET_KEY', 'LINLI_ADMIN_PASSWORD'])
        expect(problems).toContain(name);
    }
  });

  it('generates and keeps the personal-data key in the data dir when none is configured', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-cfg-'));
    const first = loadConfig({ LINLI_DATA_DIR: dir, LINLI_SECRET_KEY: '' });
    expect(first.secretKeyGenerated).toBe(true);
    const second = loadConfig({ LINLI_DATA_DIR: dir, LINLI_SECRET_KEY: '' });
    expect(second.secretKeyGenerated).toBe(false);
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toHaveLength(64);
  });
});
