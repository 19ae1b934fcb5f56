import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '@linli/opinion';
import { printTriage, triageLines, type TriageLine } from './opinion.cli.ts';

const DEV = fileURLToPath(new URL('../../../../../../shared/data/opinion/messages_dev.csv', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'linli-opinion-cli-'));

function csvFile(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

/** What the command prints, without a process: the printer writes into a string. */
async function printed(file: string, json: boolean, column?: string): Promise<string> {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  await printTriage(triageLines(file, column ? { column } : {}), json, out);
  return text;
}

async function failure(file: string, column?: string): Promise<{ code: string; message: string }> {
  try {
    await collect(triageLines(file, column ? { column } : {}));
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('no error');
}

describe('linli opinion triage', () => {
  it('writes one JSON object per data row, in input order, with exactly the contract keys', async () => {
    const file = csvFile(
      'messages.csv',
      'id,text\n1,团长，今天的草莓烂了两颗，能补吗\n2,"吃了卤鸭以后上吐下泻，我要打12315"\n3,谢谢团长，很新鲜\n4,第二次少给我一袋菜了！必须给个说法\n',
    );
    const lines = (await printed(file, true))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TriageLine);
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['row', 'level', 'category', 'reasons']);
      if (l.category !== null) expect(CATEGORIES).toContain(l.category);
      expect(l.category === null).toBe(l.level === 0);
    }
    expect(lines[0]).toEqual({
      row: 1,
      level: 1,
      category: 'quality_freshness',
      reasons: ['negative_experience'],
    });
    expect(lines[1]).toMatchObject({ row: 2, level: 3, category: 'food_safety' });
    expect(lines[1]!.reasons).toEqual(expect.arrayContaining(['harm_to_person', 'authority_or_media']));
    expect(lines[2]).toEqual({ row: 3, level: 0, category: null, reasons: [] });
    expect(lines[3]).toMatchObject({ row: 4, level: 2, category: 'quantity' });
  });

  it('reads GBK files like UTF-8 ones, and another column named in any case', async () => {
    const text = 'id,text\n1,团长，今天的草莓烂了两颗，能补吗\n2,吃了卤鸭以后上吐下泻\n3,谢谢团长，很新鲜\n';
    const gbk = Buffer.from(
      // GBK bytes of the same text, produced once with Python's codec and pinned here
      'aWQsdGV4dAoxLM3Fs6SjrL3xzOy1xLLd3a7Aw8HLwb2/xaOsxNyyucLwCjIss9TBy8Kx0bzS1Lrzyc/Nws/C0LoKMyzQu9C7zcWzpKOsutzQws/KCg==',
      'base64',
    );
    const a = await collect(triageLines(csvFile('u.csv', text)));
    const b = await collect(triageLines(csvFile('g.csv', gbk)));
    expect(b).toEqual(a);
    expect(a.map((l) => l.level)).toEqual([1, 3, 0]);
    const bom = await collect(triageLines(csvFile('bom.csv', `\uFEFF${text}`)));
    expect(bom).toEqual(a);
    const c = await collect(
      triageLines(csvFile('c.csv', 'id,Message Text\n1,鸡蛋碎了三个\n'), { column: 'message_text' }),
    );
    expect(c).toEqual([{ row: 1, level: 1, category: 'delivery_pickup', reasons: ['negative_experience'] }]);
  });

  it('answers every kind of bad row with a line, never a crash', async () => {
    const long = '今天的青菜很新鲜，谢谢团长。'.repeat(7300); // ≈ 100 KB of text
    const bytes = Buffer.concat([
      Buffer.from(
        `text\n""\n😀😀😀\n${long}孩子吃了以后拉肚子\n"<script>alert('报警')</script><b>草莓很甜</b>"\nThe strawberries were rotten\n草莓`,
      ),
      Buffer.from([0xff, 0xfe]), // invalid UTF-8 inside an otherwise UTF-8 file
      Buffer.from('烂了，能补吗\n,\n'),
    ]);
    const lines = await collect(triageLines(csvFile('bad.csv', bytes)));
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0]).toEqual({ row: 1, level: 0, category: null, reasons: [] });
    expect(lines[1]).toEqual({ row: 2, level: 0, category: null, reasons: [] });
    expect(lines[2]).toMatchObject({ level: 3, category: 'food_safety' });
    expect(lines[3]!.level).toBe(0);
    expect(lines[4]).toMatchObject({ level: 1, category: 'quality_freshness' });
    expect(lines[5]).toMatchObject({ level: 1, category: 'quality_freshness' });
    expect(lines[6]!.row).toBe(7);
  });

  it('names a missing file, a missing column (with the columns found), an empty file and a bad encoding', async () => {
    const missing = await failure(path.join(dir, 'nope.csv'));
    expect(missing).toMatchObject({ code: 'opinion.file_not_found' });
    expect(missing.message).toContain('nope.csv: no such file');
    const column = await failure(csvFile('m.csv', 'id,body,note\n1,好,\n'));
    expect(column).toMatchObject({ code: 'opinion.column_missing' });
    expect(column.message).toContain('no column "text" (found: id, body, note)');
    expect((await failure(csvFile('e.csv', ''))).code).toBe('opinion.empty_file');
    // UTF-16 without a byte-order mark: NUL bytes
    const utf16 = Buffer.from('text\n好\n', 'utf16le');
    expect(await failure(csvFile('w.csv', utf16))).toMatchObject({ code: 'opinion.bad_encoding' });
    // a compressed file given by mistake
    const gz = gzipSync(Buffer.from('text\n'.concat('草莓很甜\n'.repeat(500))));
    expect(await failure(csvFile('z.csv', gz))).toMatchObject({ code: 'opinion.bad_encoding' });
    // an unclosed quote at the end
    expect((await failure(csvFile('q.csv', 'text\n"没有结束的引号\n'))).code).toBe('opinion.bad_csv');
  });

  it('prints a readable table and a summary without --json', async () => {
    const file = csvFile('t.csv', 'text\n草莓烂了两颗\n谢谢团长\n吃了以后拉肚子\n');
    const text = await printed(file, false);
    expect(text).toContain('row\tlevel\tcategory\treasons');
    expect(text).toContain('1\t1 一级\tquality_freshness 品质与新鲜度\tnegative_experience');
    expect(text).toContain('2\t0 —');
    expect(text).toContain('3 rows');
    expect(text).toContain('level 3 三级: 1 (33.3 %)');
    expect(text).toContain('food_safety 食品安全: 1');
  });
});

describe.skipIf(!existsSync(DEV))('linli opinion triage on the development file', () => {
  it('meets the goals of issue 10', { timeout: 120_000 }, async () => {
    const rows = parse(readFileSync(DEV), { columns: true }) as Array<{ level: string; category: string }>;
    const lines = await collect(triageLines(DEV));
    expect(lines).toHaveLength(rows.length);
    const c = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    let high = 0;
    let rightCategory = 0;
    lines.forEach((l, i) => {
      const row = rows[i]!;
      expect(l.row).toBe(i + 1);
      c[Number(row.level)]![l.level]!++;
      if (row.level !== '0') {
        high++;
        if (l.category === row.category) rightCategory++;
      }
    });
    const given3 = c[0]![3]! + c[1]![3]! + c[2]![3]! + c[3]![3]!;
    const sum = (r: number[]) => r.reduce((a, b) => a + b, 0);
    expect(c[3]![3]! / sum(c[3]!)).toBeGreaterThanOrEqual(0.95);
    expect(c[3]![3]! / given3).toBeGreaterThanOrEqual(0.8);
    expect(
      (c[2]![2]! + c[2]![3]! + c[3]![2]! + c[3]![3]!) / (sum(c[2]!) + sum(c[3]!)),
    ).toBeGreaterThanOrEqual(0.9);
    expect((c[0]![2]! + c[0]![3]!) / sum(c[0]!)).toBeLessThanOrEqual(0.03);
    expect((c[0]![0]! + c[1]![1]! + c[2]![2]! + c[3]![3]!) / lines.length).toBeGreaterThanOrEqual(0.8);
    expect(rightCategory / high).toBeGreaterThanOrEqual(0.8);
  });
});
