import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { loginAs, startHttp, type Http } from '../../../test/http.ts';

describe('imports from the console (upload, progress, rejections)', () => {
  let t: TestApp;
  let http: Http;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    http = await startHttp(t);
    cookie = await loginAs(t, http, 'importer', ['operator']);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
  });

  async function upload(kind: string, name: string, content: string | Buffer) {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const res = await fetch(`${http.base}/api/v1/imports?kind=${kind}`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
    return { status: res.status, body: (await res.json()) as any };
  }
  const get = async (path: string) => {
    const res = await fetch(http.base + path, { headers: { cookie } });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  async function finished(id: string) {
    for (let i = 0; i < 200; i++) {
      const s = JSON.parse((await get(`/api/v1/imports/${id}`)).text);
      if (s.status !== 'running') return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  it('imports the good rows, lists the bad one with row and field, and serves the report', async () => {
    const csv = '\uFEFFmember_id,phone,nickname\nu-1,13800138001,甲\nu-2,1380013800,乙\nu-3,13800138003,丙\n';
    const started = await upload('members', '会员.csv', csv);
    expect(started.status).toBe(202);
    const s = await finished(started.body.id);
    expect(s).toMatchObject({ status: 'done', rows: 3, accepted: 2, rejectedRows: 1, fileName: '会员.csv' });
    expect(await count(t.app, "SELECT count(*) FROM members WHERE external_id LIKE 'u-%'")).toBe(2);
    const rejections = JSON.parse((await get(`/api/v1/imports/${started.body.id}/rejections`)).text);
    expect(rejections.items).toEqual([
      expect.objectContaining({ row: 3, field: 'phone', code: 'members.phone_invalid' }),
    ]);
    const report = await get(`/api/v1/imports/${started.body.id}/report.csv`);
    expect(report.headers.get('content-disposition')).toContain('attachment');
    expect(report.text.split('\n')[1]).toMatch(/^3,phone,/);
    const list = JSON.parse((await get('/api/v1/imports')).text);
    expect(list.items[0]).toMatchObject({
      id: started.body.id,
      status: 'done',
      total: 3,
      accepted: 2,
      rejected: 1,
    });

    // the same file again stores nothing twice
    const again = await finished((await upload('members', '会员.csv', csv)).body.id);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(2);
    expect(await count(t.app, "SELECT count(*) FROM members WHERE external_id LIKE 'u-%'")).toBe(2);
  });

  it('refuses files it cannot read and kinds it does not know, before importing anything', async () => {
    const pdf = await upload('members', 'report.pdf', '%PDF-1.4');
    expect(pdf.status).toBe(400);
    expect(pdf.body.code).toBe('import.file_type');
    const kind = await upload('coupons', 'a.csv', 'x\n1\n');
    expect(kind.status).toBe(400);
    const missing = await upload('members', 'no-id.csv', 'nickname\n甲\n');
    const s = await finished(missing.body.id);
    expect(s.status).toBe('failed');
    expect(s.error.code).toBe('import.missing_columns');
  });

  it('is closed to roles without the imports area', async () => {
    const analyst = await loginAs(t, http, 'analyst1', ['analyst']);
    const res = await fetch(`${http.base}/api/v1/imports`, { headers: { cookie: analyst } });
    expect(res.status).toBe(403);
  });
});
