import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { startHttp, type Http } from '../../../test/http.ts';
import { loadDemo } from '../demo/index.ts';

describe('member export to Excel', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.app.database, {
      members: 300,
      months: 1,
      seed: 3,
      now: new Date('2025-03-01T00:00:00Z'),
      keys: t.app.pii,
    });
    http = await startHttp(t);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  async function workbook(query: string) {
    const res = await fetch(`${http.base}/api/v1/members/export.xlsx?${query}`, {
      headers: { 'x-api-key': http.apiKey },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    return book.worksheets[0]!;
  }

  it('exports exactly the members of the current filter, phones masked, and audits it', async () => {
    const all = await workbook('');
    expect(all.rowCount - 1).toBe(300);
    expect(all.getRow(1).getCell(4).value).toBe('手机号');
    const phones = all.getColumn(4).values.slice(2) as string[];
    expect(phones.every((p) => p === '' || /^1\d{2}\*{4}\d{4}$/.test(p))).toBe(true);

    const [c] = (
      await t.app.database.pool.query<{ id: string; n: string }>(
        'SELECT community_id AS id, count(*) AS n FROM members GROUP BY 1 ORDER BY 2 DESC LIMIT 1',
      )
    ).rows;
    const one = await workbook(`communityId=${c!.id}&lang=en-US`);
    expect(one.rowCount - 1).toBe(Number(c!.n));
    expect(one.getRow(1).getCell(4).value).toBe('Phone');
    expect(
      await count(t.app, "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'members'"),
    ).toBe(2);
  });

  it('filters the list and the export by gender, device and profile state', async () => {
    const [want] = (
      await t.app.database.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM members WHERE gender = 'female' AND device_type = 'ios' AND NOT is_stub",
      )
    ).rows;
    expect(Number(want!.n)).toBeGreaterThan(0);
    const sheet = await workbook('gender=female&deviceType=ios&stub=false');
    expect(sheet.rowCount - 1).toBe(Number(want!.n));
    const list = await http.call('GET', '/api/v1/members?gender=female&deviceType=ios&stub=false&limit=200');
    expect(list.body.items).toHaveLength(Number(want!.n));
    expect(
      list.body.items.every(
        (m: { gender: string; deviceType: string }) => m.gender === 'female' && m.deviceType === 'ios',
      ),
    ).toBe(true);
    expect((await http.call('GET', '/api/v1/members?gender=robot')).status).toBe(400);
  });
});
