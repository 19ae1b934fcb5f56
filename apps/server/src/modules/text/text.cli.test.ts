import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ASPECTS, normalize, splitOf } from '@linli/text';
import { keywordLines, sentimentLines } from './text.cli.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const FRUIT = fileURLToPath(
  new URL('../../../../../../shared/data/sentiment/online_shopping_fruit.train.csv', import.meta.url),
);
const dir = mkdtempSync(path.join(tmpdir(), 'linli-text-cli-'));

function csvFile(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function run(...args: string[]): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'text', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\n').filter(Boolean);
}

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('linli text sentiment', () => {
  it(
    'writes one JSON object per data row, in order, with the contract fields',
    { timeout: 60_000 },
    async () => {
      const file = csvFile(
        'mixed.csv',
        'id,text\n1,菜很新鲜但是配送太慢\n2,"孩子吃了以后拉肚子，我要投诉到12315！！！"\n3,"多行\n文本，很好吃"\n',
      );
      const lines = (await run('sentiment', '--input', file, '--json')).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.row)).toEqual([1, 2, 3]);
      for (const l of lines) {
        expect(Object.keys(l)).toEqual(['row', 'label', 'probability', 'intensity', 'aspects']);
        expect([0, 1]).toContain(l.label);
        expect(l.probability).toBeGreaterThanOrEqual(0);
        expect(l.probability).toBeLessThanOrEqual(1);
        expect(l.label).toBe(l.probability >= 0.5 ? 1 : 0);
        for (const a of l.aspects) expect(ASPECTS).toContain(a.aspect);
      }
      // each aspect with its own polarity: fresh vegetables, slow delivery
      expect(lines[0].aspects).toEqual([
        { aspect: 'freshness', polarity: 1 },
        { aspect: 'delivery', polarity: -1 },
      ]);
      expect(lines[1]).toMatchObject({ label: 0, aspects: [{ aspect: 'food_safety', polarity: -1 }] });
      expect(lines[1].intensity).toBeGreaterThan(70);
      expect(lines[2].label).toBe(1);
    },
  );

  it('reads GBK files like UTF-8 ones', async () => {
    const text = 'text\n水果烂了，再也不买了\n送货很快，很满意\n';
    const gbkBytes = Buffer.from(
      // GB18030 bytes of the same text, produced once with iconv and pinned here
      'dGV4dArLrrn7wMPBy6Os1NnSsrK7wvLBywrLzbv1uty/7KOsutzC+tLiCg==',
      'base64',
    );
    const a = await collect(sentimentLines(csvFile('u.csv', text)));
    const b = await collect(sentimentLines(csvFile('g.csv', gbkBytes)));
    expect(b).toEqual(a);
    expect(a.map((l) => l.label)).toEqual([0, 1]);
  });

  it('answers every kind of bad input with a line, never a crash', async () => {
    const long = '菜不新鲜'.repeat(25_000); // 100 KB of text
    const bytes = Buffer.concat([
      Buffer.from(
        `text\n""\n😀😀😀\n${long}\n"<script>alert(1)</script>好评"\n这个apple很好吃 very good\n坏`,
      ),
      Buffer.from([0xff, 0xfe]), // invalid UTF-8 inside an otherwise UTF-8 file
      Buffer.from('果\n'),
    ]);
    const lines = await collect(sentimentLines(csvFile('bad.csv', bytes)));
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines[0]).toMatchObject({ probability: 0.5, intensity: 0, aspects: [] });
    expect(lines[2]).toMatchObject({ label: 0, aspects: [{ aspect: 'freshness', polarity: -1 }] });
    expect(lines[3]!.label).toBe(1);
  });

  it('names the missing column and the empty file', async () => {
    await expect(collect(sentimentLines(csvFile('c.csv', 'id,body\n1,好\n')))).rejects.toThrow(
      'no column "text" (found: id, body)',
    );
    await expect(collect(sentimentLines(csvFile('e.csv', '')))).rejects.toThrow('empty file');
    const ok = await collect(sentimentLines(csvFile('c2.csv', 'id,Body\n1,好吃\n'), 'body'));
    expect(ok).toHaveLength(1);
  });
});

describe('linli text keywords', () => {
  it(
    'finds risk terms through spacing, symbols and traditional characters',
    { timeout: 60_000 },
    async () => {
      const file = csvFile('k.csv', 'text\n食 物 中 毒了\n食*物中毒\n報警了\n今天天气很好\n');
      const lines = (await run('keywords', '--input', file, '--json')).map((l) => JSON.parse(l));
      expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4]);
      expect(Object.keys(lines[0])).toEqual(['row', 'hits']);
      for (const i of [0, 1]) expect(lines[i].hits).toContainEqual({ term: '食物中毒', severity: 'high' });
      expect(lines[2].hits.map((h: { term: string }) => h.term)).toContain('报警');
      expect(lines[3].hits).toEqual([]);
    },
  );

  it('uses an operator lexicon when given one', async () => {
    const lexicon = csvFile('lex.tsv', '# own terms\n烂果\tmedium\tquality\n');
    const lines = await collect(keywordLines(csvFile('k2.csv', 'text\n又是烂 果\n食物中毒\n'), { lexicon }));
    expect(lines).toEqual([
      { row: 1, hits: [{ term: '烂果', severity: 'medium' }] },
      { row: 2, hits: [] },
    ]);
  });
});

describe.skipIf(!existsSync(FRUIT))('linli text sentiment on held-out fruit reviews', () => {
  it('labels reviews the model never saw as the corpus does', { timeout: 120_000 }, async () => {
    const rows = parse(readFileSync(FRUIT), { columns: true }) as Array<{ label: string; text: string }>;
    const held = rows.filter((r) => splitOf(normalize(r.text)) === 'test').slice(0, 400);
    const file = csvFile(
      'fruit.csv',
      'label,text\n' + held.map((r) => `${r.label},"${r.text.replaceAll('"', '""')}"`).join('\n'),
    );
    const lines = (await run('sentiment', '--input', file, '--json')).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(held.length);
    const correct = lines.filter((l, i) => String(l.label) === held[i]!.label).length;
    expect(correct / held.length).toBeGreaterThan(0.9);
  });
});
