import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '@linli/compliance';
import { scanLines, type ScanLine } from './compliance.cli.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const DEV = fileURLToPath(
  new URL('../../../../../../shared/data/compliance/ad_copy_dev.csv', import.meta.url),
);
const dir = mkdtempSync(path.join(tmpdir(), 'linli-compliance-cli-'));

function csvFile(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function run(...args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'compliance', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\n').filter(Boolean);
}

/** Runs the binary expecting failure: its exit code and standard error. */
async function fail(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(...args);
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
  throw new Error('the command succeeded');
}

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('linli compliance scan', () => {
  it(
    'writes one JSON object per data row, in order, with the contract keys in order',
    { timeout: 60_000 },
    async () => {
      const file = csvFile(
        'copy.csv',
        'id,text\n1,本店的最新鲜草莓\n2,"最近到货的橙子，第一次参团的邻居欢迎尝鲜"\n3,"吃了降血压，原价99元"\n',
      );
      const lines = (await run('scan', '--input', file, '--json')).map((l) => JSON.parse(l) as ScanLine);
      expect(lines.map((l) => l.row)).toEqual([1, 2, 3]);
      for (const l of lines) {
        expect(Object.keys(l)).toEqual(['row', 'verdict', 'violations']);
        for (const v of l.violations) {
          expect(Object.keys(v).slice(0, 7)).toEqual([
            'category',
            'term',
            'start',
            'end',
            'severity',
            'law',
            'suggestion',
          ]);
          expect(CATEGORIES).toContain(v.category);
        }
      }
      expect(lines[0]).toEqual({
        row: 1,
        verdict: 'block',
        violations: [
          {
            category: 'absolute_terms',
            term: '最新鲜',
            start: 3,
            end: 6,
            severity: 'block',
            law: '广告法第九条第三项',
            suggestion: '新鲜',
            ruleId: 'abs.superlative',
          },
        ],
      });
      expect(lines[1]).toEqual({ row: 2, verdict: 'pass', violations: [] });
      expect(lines[2]!.verdict).toBe('block');
      expect(lines[2]!.violations.map((v) => [v.category, v.severity])).toEqual([
        ['medical_claims', 'block'],
        ['price_fraud', 'review'],
      ]);
    },
  );

  it('reads GBK files like UTF-8 ones and takes another column', async () => {
    const text = 'text\n本店的最新鲜草莓\n坏果包赔，放心买\n';
    const gbkBytes = Buffer.from(
      // GBK bytes of the same text, produced once with Python's codec and pinned here
      'dGV4dAqxvrXqtcTX7tDCz8qy3d2uCru1ufuw/MXio6y3xdDEwvIK',
      'base64',
    );
    const a = await collect(scanLines(csvFile('u.csv', text)));
    const b = await collect(scanLines(csvFile('g.csv', gbkBytes)));
    expect(b).toEqual(a);
    expect(a.map((l) => l.verdict)).toEqual(['block', 'pass']);
    const c = await collect(scanLines(csvFile('c.csv', 'id,Copy\n1,全网最低价\n'), { column: 'copy' }));
    expect(c[0]!.violations[0]!.category).toBe('price_fraud');
  });

  it('answers every kind of bad input with a line, never a crash', { timeout: 60_000 }, async () => {
    const long = '今天的青菜很新鲜，欢迎来自提点取货。'.repeat(5600); // ≈ 100 KB of text
    const bytes = Buffer.concat([
      Buffer.from(
        `text\n""\n😀😀😀\n${long}最好吃\n"<script>alert('最新鲜')</script><b>全网最低价</b>"\n这个apple是NO.1 very good\n坏`,
      ),
      Buffer.from([0xff, 0xfe]), // invalid UTF-8 inside an otherwise UTF-8 file
      Buffer.from('果包赔\n'),
    ]);
    const lines = (await run('scan', '--input', csvFile('bad.csv', bytes), '--json')).map(
      (l) => JSON.parse(l) as ScanLine,
    );
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines[0]).toEqual({ row: 1, verdict: 'pass', violations: [] });
    expect(lines[1]).toEqual({ row: 2, verdict: 'pass', violations: [] });
    expect(lines[2]!.violations[0]).toMatchObject({ term: '最好吃', start: long.length });
    expect(lines[3]!.verdict).toBe('block');
    expect(lines[4]!.violations.map((v) => v.term)).toEqual(['NO.1']);
    expect(lines[5]!.verdict).toBe('pass');
  });

  it('names the missing column and the empty file, with exit code 2', { timeout: 60_000 }, async () => {
    const missing = await fail('scan', '--input', csvFile('m.csv', 'id,body\n1,好\n'), '--json');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('no column "text" (found: id, body)');
    const empty = await fail('scan', '--input', csvFile('e.csv', ''), '--json');
    expect(empty.stderr).toContain('empty file');
  });

  it(
    'takes operator packs and term lists; a broken pattern is refused with its reason',
    { timeout: 60_000 },
    async () => {
      const input = csvFile('p.csv', 'text\n霸王级口感\n正常的文案\n');
      const packs = csvFile(
        'packs.json',
        JSON.stringify({
          id: 'house',
          category: 'absolute_terms',
          version: '1',
          law: '广告法第九条第三项',
          rules: [{ id: 'house.1', severity: 'review', patterns: ['霸王(级|款)'] }],
        }),
      );
      const withPack = await collect(scanLines(input, { packs }));
      expect(withPack[0]!.violations[0]).toMatchObject({ ruleId: 'house.1', term: '霸王级' });
      const lexicon = csvFile('words.txt', '# 自定义\n正常的文案\n');
      const withList = await collect(scanLines(input, { lexicon: [lexicon] }));
      expect(withList[1]!.violations[0]).toMatchObject({
        category: 'prohibited_content',
        severity: 'review',
      });
      const broken = csvFile(
        'broken.json',
        JSON.stringify({
          id: 'house',
          category: 'absolute_terms',
          version: '2',
          law: '广告法',
          rules: [{ id: 'h', severity: 'block', patterns: ['霸王(级'] }],
        }),
      );
      const r = await fail('scan', '--input', input, '--packs', broken, '--json');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /rule packs rejected: house h rules\[0\]\.patterns\[0\]: "霸王\(级": unclosed "\("/,
      );
    },
  );
});

describe.skipIf(!existsSync(DEV))('linli compliance scan on the development file', () => {
  it('meets the goals of issue 9', { timeout: 120_000 }, async () => {
    const rows = parse(readFileSync(DEV), { columns: true }) as Array<{ label: string; category: string }>;
    const lines = (await run('scan', '--input', DEV, '--json')).map((l) => JSON.parse(l) as ScanLine);
    expect(lines).toHaveLength(rows.length);
    let bad = 0;
    let caught = 0;
    let right = 0;
    let clean = 0;
    let cleanHit = 0;
    let cleanBlock = 0;
    lines.forEach((l, i) => {
      const row = rows[i]!;
      expect(l.row).toBe(i + 1);
      if (row.label === '1') {
        bad++;
        if (l.verdict !== 'pass') {
          caught++;
          if (l.violations[0]!.category === row.category) right++;
        }
      } else {
        clean++;
        if (l.verdict !== 'pass') cleanHit++;
        if (l.verdict === 'block') cleanBlock++;
      }
    });
    expect(caught / bad).toBeGreaterThanOrEqual(0.92);
    expect(cleanHit / clean).toBeLessThanOrEqual(0.05);
    expect(cleanBlock / clean).toBeLessThanOrEqual(0.01);
    expect(right / caught).toBeGreaterThanOrEqual(0.85);
  });
});
