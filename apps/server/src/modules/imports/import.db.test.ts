import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createTestApp, type TestApp } from '../../../test/harness.ts';
import { runImport } from './import.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const write = (name: string, content: string) => {
  const file = path.join(t.dir, name);
  writeFileSync(file, content);
  return file;
};

const reportRows = (file: string): string[][] =>
  parse(readFileSync(file, 'utf8'), { bom: true, relax_column_count: true });

const runs = () =>
  t.app.database.pool.query(
    'SELECT kind, status, total, accepted, rejected, file_sha256, report_path FROM import_runs ORDER BY started_at',
  );

describe('runImport members', () => {
  it('stores valid rows, reports bad rows with their row numbers, and changes nothing on a re-run', async () => {
    const file = write(
      'members.csv',
      '\uFEFF会员ID,手机号,昵称,性别,生日,注册时间,授权时间,短信授权\r\n' +
        'm-1,13800138001,张三,男,1985-03-02,2024-05-01 09:30:00,2024-05-01 09:30:00,是\r\n' +
        'm-2,,李四,外星人,,2024-05-02 10:00:00,,\r\n' +
        'm-3,13800138003,王五,女,,2024-05-03 10:00:00,,否\r\n' +
        '\r\n' +
        'm-4,12345,赵六,,,,,\r\n' +
        'm-5,,钱七,,1990-07-15,,,\r\n' +
        'm-5,,钱七,,1990-07-15,,,\r\n',
    );
    const first = await runImport(t.app, 'members', file, { progress: false });
    expect(first).toMatchObject({
      kind: 'members',
      format: 'csv',
      encoding: 'utf-8',
      headerRow: 1,
      rows: 6,
      items: 6,
      accepted: 3,
      duplicates: 0,
      rejected: 3,
      rejectedRows: 3,
    });
    expect(first.reportFile).toBe(`${file}.rejected.csv`);
    expect(
      await count(t.app, `SELECT count(*) FROM members WHERE external_id LIKE 'm-%' AND NOT is_stub`),
    ).toBe(first.accepted);
    expect(await count(t.app, `SELECT count(*) FROM member_consents`)).toBe(2);

    const raw = readFileSync(first.reportFile);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const report = reportRows(first.reportFile);
    expect(report[0]).toEqual([
      'row',
      'field',
      'reason',
      'code',
      '会员ID',
      '手机号',
      '昵称',
      '性别',
      '生日',
      '注册时间',
      '授权时间',
      '短信授权',
    ]);
    expect(report.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['3', 'gender', 'import.invalid_value', 'm-2'],
      ['6', 'phone', 'members.phone_invalid', 'm-4'],
      ['8', 'member_id', 'import.duplicate_id', 'm-5'],
    ]);

    const again = await runImport(t.app, 'members', file, { progress: false, batchSize: 2 });
    expect(again).toMatchObject({ rows: 6, accepted: 0, duplicates: 3, rejected: 3 });
    expect(await count(t.app, `SELECT count(*) FROM members WHERE external_id LIKE 'm-%'`)).toBe(3);

    const r = (await runs()).rows.filter((x) => x.kind === 'members');
    expect(r).toHaveLength(2);
    expect(r.map((x) => [x.status, x.total, x.accepted, x.rejected])).toEqual([
      ['done', 6, 3, 3],
      ['done', 6, 0, 3],
    ]);
    expect(r[0].file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r[1].file_sha256).toBe(r[0].file_sha256);
  });

  it('fails before importing anything when a required column is missing', async () => {
    const file = write('no-id.csv', 'phone,nickname\n13800138009,x\n');
    await expect(runImport(t.app, 'members', file, { progress: false })).rejects.toThrow(
      /missing required column\(s\): member_id\. Columns found \(row 1\): phone, nickname/,
    );
    expect(await count(t.app, `SELECT count(*) FROM members WHERE external_id = '13800138009'`)).toBe(0);
    expect((await runs()).rows.at(-1)).toMatchObject({ kind: 'members', status: 'failed' });
  });
});

describe('runImport orders', () => {
  it('groups lines into orders and maps service problems back to the line', async () => {
    const header =
      'order_id,member_id,placed_at,status,pickup_date,discount_yuan,sku,quantity,unit_price_yuan,amount_yuan\n';
    const lines = [
      'o-1,m-1,2026-10-02 20:15:00,paid,2026-10-03,1,veg-1,2,3.50,7.00', // row 2
      'o-1,,,,,,veg-2,1.5,12.80,', // row 3
      'o-2,m-9,2026-10-02T21:00:00+08:00,,,,fruit-1,1,29.90,', // row 4: member m-9 becomes a stub
      'o-3,m-2,2026-10-02 21:05:00,,,,veg-1,1,3.50,', // row 5
      'o-3,m-2,2026-10-02 21:05:00,,,,veg-2,2,1.00,5.00', // row 6: amount ≠ 2 × 1.00 → service rejects items.1
      'o-4,m-3,2026-10-02 22:00:00,,,,veg-1,x,3.50,', // row 7: bad quantity
      'o-4,m-3,2026-10-02 22:00:00,,,,veg-2,1,1.00,', // row 8
      'o-1,m-1,2026-10-02 20:15:00,,,,veg-3,1,1.00,', // row 9: o-1 again after other orders
      'o-5,m-3,2099-01-01 00:00:00,,,,veg-1,1,3.50,', // row 10: in the future
    ];
    const file = write('orders.csv', header + lines.join('\n') + '\n');
    const s = await runImport(t.app, 'orders', file, { progress: false, batchSize: 2 });
    expect(s).toMatchObject({ rows: 9, items: 6, accepted: 2, duplicates: 0, rejected: 4, rejectedRows: 6 });
    expect(await count(t.app, `SELECT count(*) FROM orders WHERE external_id LIKE 'o-%'`)).toBe(2);
    expect(
      await count(
        t.app,
        `SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.external_id = 'o-1'`,
      ),
    ).toBe(2);
    expect(await count(t.app, `SELECT paid_fen FROM orders WHERE external_id = 'o-1'`)).toBe(
      700 + 1920 - 100,
    );

    const report = reportRows(s.reportFile).slice(1);
    expect(report.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['5', 'order_id', 'import.order_line_rejected'],
      ['6', 'amount_yuan', 'commerce.amount_mismatch'],
      ['7', 'quantity', 'import.not_a_number'],
      ['8', 'order_id', 'import.order_line_rejected'],
      ['9', 'order_id', 'import.order_not_grouped'],
      ['10', 'placed_at', 'commerce.placed_at_in_future'],
    ]);

    const again = await runImport(t.app, 'orders', file, { progress: false });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: 4 });
    expect(await count(t.app, `SELECT count(*) FROM orders WHERE external_id LIKE 'o-%'`)).toBe(2);
    expect(await count(t.app, `SELECT count(*) FROM order_items`)).toBe(3);
  });
});

describe('runImport products (XLSX) and events', () => {
  it('imports an XLSX with a title row above the header', async () => {
    const file = path.join(t.dir, 'products.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商品');
    ws.addRow(['商品清单 2026-11']);
    ws.addRow([]);
    ws.addRow(['商品编码', '商品名称', '分类', '单位', '价格(元)', '有机']);
    ws.addRow(['p-1', '丹东草莓', 'fruit.berry', '盒', 29.9, '是']);
    ws.addRow(['p-2', '上海青', 'vegetables.leafy', '斤', 3.5, '否']);
    ws.addRow(['p-3', '神秘商品', 'mystery', '份', 1, '']);
    ws.addRow(['p-4', '贵价商品', 'fruit', '份', 1.234, '']);
    await wb.xlsx.writeFile(file);

    const s = await runImport(t.app, 'products', file, { progress: false });
    expect(s).toMatchObject({ format: 'xlsx', headerRow: 3, rows: 4, accepted: 2, rejected: 2 });
    expect(await count(t.app, `SELECT price_fen FROM products WHERE sku = 'p-1'`)).toBe(2990);
    const report = reportRows(s.reportFile).slice(1);
    expect(report.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['6', 'category', 'catalog.category_unknown'],
      ['7', 'price_yuan', 'import.too_many_decimals'],
    ]);
    expect((await runImport(t.app, 'products', file, { progress: false })).duplicates).toBe(2);
  });

  it('imports events, including text with line breaks', async () => {
    const file = write(
      'events.csv',
      'event_id,member_id,type,occurred_at,product_sku,rating,text,properties\n' +
        'e-1,m-1,view_product,2026-10-01 08:00:00,veg-1,,,"{""from"":""group""}"\n' +
        'e-2,m-1,review,2026-10-01 09:00:00,veg-1,5,"很新鲜\n下次还买",\n' +
        'e-3,m-1,teleport,2026-10-01 09:00:00,,,,\n' +
        'e-4,m-1,app_open,2026-10-01 10:00:00,,4,,\n',
    );
    const s = await runImport(t.app, 'events', file, { progress: false });
    expect(s).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
    expect(await count(t.app, `SELECT count(*) FROM events WHERE external_id LIKE 'e-%'`)).toBe(2);
    const report = reportRows(s.reportFile).slice(1);
    expect(report.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['5', 'type', 'import.invalid_value'],
      ['6', 'rating', 'activity.rating_not_applicable'],
    ]);
    expect((await runImport(t.app, 'events', file, { progress: false })).duplicates).toBe(2);
  });
});
