import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { KIND_COLUMNS, normalizeHeader } from './columns.ts';
import { hashFile, openTable, type TableRecord } from './tabular.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'linli-tabular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function readAll(file: string, kind: keyof typeof KIND_COLUMNS = 'members') {
  const table = await openTable(file, KIND_COLUMNS[kind]);
  const records: TableRecord[] = [];
  for await (const r of table.records) records.push(r);
  return { table, records };
}

describe('header matching', () => {
  it('normalises case, snake_case, camelCase and full-width brackets', () => {
    expect(normalizeHeader('member_id')).toBe(normalizeHeader('memberId'));
    expect(normalizeHeader('Member ID')).toBe('memberid');
    expect(normalizeHeader('\uFEFF价格（元）')).toBe('价格(元)');
  });
});

describe('openTable (CSV)', () => {
  it('reads UTF-8 without BOM, matching camelCase and English headers', async () => {
    const file = write(
      'm.csv',
      'memberId,Phone,NickName,registeredAt\nm1,13800138000,阿明,2024-01-02 03:04:05\nm2,,,\n',
    );
    const { table, records } = await readAll(file);
    expect(table.file.encoding()).toBe('utf-8');
    expect(table.header.rowNumber).toBe(1);
    expect(records.map((r) => [r.rowNumber, r.record.member_id, r.record.nickname])).toEqual([
      [2, 'm1', '阿明'],
      [3, 'm2', ''],
    ]);
    expect(await table.file.sha256()).toBe(await hashFile(file));
  });

  it('strips a UTF-8 BOM from the first header cell', async () => {
    const file = write(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('会员ID,昵称\r\nm1,小红\r\n')]),
    );
    const { table, records } = await readAll(file);
    expect(table.header.cells).toEqual(['会员ID', '昵称']);
    expect(records[0]!.record).toEqual({ member_id: 'm1', nickname: '小红' });
  });

  it('reads a GBK file with Chinese headers', async () => {
    const file = path.join(dir, 'members-gbk.csv');
    copyFileSync(path.join(fixtures, 'members-gbk.csv'), file);
    const { table, records } = await readAll(file);
    expect(table.file.encoding()).toBe('gb18030');
    expect(records.map((r) => r.record)).toEqual([
      {
        member_id: 'm-gbk-1',
        phone: '13800138001',
        nickname: '张三丰',
        gender: '男',
        birthday: '1985-03-02',
        registered_at: '2024-05-01 09:30:00',
        community_id: 'c-1',
      },
      {
        member_id: 'm-gbk-2',
        phone: '13800138002',
        nickname: '李四,小区团长',
        gender: '女',
        birthday: '1990/7/15',
        registered_at: '2024-05-02 18:05:10',
        community_id: 'c-1',
      },
    ]);
  });

  it('gives a record spanning lines the number of its first line, and skips blank lines', async () => {
    const file = write(
      'nl.csv',
      'event_id,member_id,type,occurred_at,text\ne1,m1,review,2026-01-01 10:00:00,"很好\n下次还买"\n\ne2,m1,complaint,2026-01-01 11:00:00,"坏了\r\n\r\n要退款"\ne3,m1,app_open,2026-01-01 12:00:00,\n',
    );
    const { records } = await readAll(file, 'events');
    expect(records.map((r) => [r.rowNumber, r.record.event_id, r.record.text])).toEqual([
      [2, 'e1', '很好\n下次还买'],
      [5, 'e2', '坏了\r\n\r\n要退款'],
      [8, 'e3', ''],
    ]);
  });

  it('finds the header below a title row and blank lines', async () => {
    const file = write('title.csv', '2026年11月 会员导出,,\n,,\n会员ID,手机号,昵称\nm1,13800138000,阿明\n');
    const { table, records } = await readAll(file);
    expect(table.header.rowNumber).toBe(3);
    expect(records.map((r) => r.rowNumber)).toEqual([4]);
  });

  it('fails fast naming the missing columns and the columns found', async () => {
    const file = write('bad.csv', 'order_id,member,when,sku,qty\no1,m1,2026-01-01,s,1\n');
    const err = await openTable(file, KIND_COLUMNS.orders).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('import.missing_columns');
    expect((err as AppError).message).toContain('member_id, placed_at, unit_price_fen or unit_price_yuan');
    expect((err as AppError).message).toContain('Columns found (row 1): order_id, member, when, sku, qty');
  });

  it('refuses an empty file and an Excel file named .csv', async () => {
    await expect(openTable(write('empty.csv', ''), KIND_COLUMNS.members)).rejects.toMatchObject({
      code: 'import.empty_file',
    });
    await expect(
      openTable(write('zip.csv', Buffer.from('PK\u0003\u0004rest')), KIND_COLUMNS.members),
    ).rejects.toMatchObject({
      code: 'import.unsupported_format',
    });
  });

  it('refuses a CSV named .xlsx', async () => {
    await expect(
      openTable(write('fake.xlsx', 'member_id\nm1\n'), KIND_COLUMNS.members),
    ).rejects.toMatchObject({
      code: 'import.unsupported_format',
    });
  });

  it('reads tab-separated files', async () => {
    const { records } = await readAll(write('m.tsv', 'member_id\tnickname\nm1\t阿,明\n'));
    expect(records[0]!.record).toEqual({ member_id: 'm1', nickname: '阿,明' });
  });
});

describe('openTable (XLSX)', () => {
  it('streams the first sheet, finding the header under a title row', async () => {
    const file = path.join(dir, 'orders.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: file,
      useSharedStrings: true,
      useStyles: true,
    });
    const ws = wb.addWorksheet('订单');
    ws.addRow(['邻里团购 订单明细（2026年10月）']).commit();
    ws.addRow([]).commit();
    ws.addRow(['订单号', '会员ID', '下单时间', '商品编码', '数量', '单价(元)', '备注']).commit();
    const placed = ws.addRow([
      'o-1',
      'm-1',
      new Date(Date.UTC(2026, 9, 2, 20, 15, 0)),
      'veg-1',
      2,
      3.5,
      { richText: [{ text: '不要' }, { text: '葱' }] },
    ]);
    placed.getCell(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
    placed.commit();
    ws.addRow(['o-1', 'm-1', null, 'veg-2', 1.5, 12.8, null]).commit();
    ws.addRow(['o-2', 1001, '2026-10-03 08:00:00', 'veg-1', 1, 0.1 + 0.2, null]).commit();
    ws.commit();
    wb.addWorksheet('说明').addRow(['ignored']).commit();
    await wb.commit();

    const { table, records } = await readAll(file, 'orders');
    expect(table.file.format).toBe('xlsx');
    expect(table.header.rowNumber).toBe(3);
    expect(table.header.match.ignored).toEqual(['备注']);
    expect(records.map((r) => [r.rowNumber, r.record])).toEqual([
      [
        4,
        {
          order_id: 'o-1',
          member_id: 'm-1',
          placed_at: '2026-10-02 20:15:00',
          sku: 'veg-1',
          quantity: '2',
          unit_price_yuan: '3.5',
        },
      ],
      [
        5,
        {
          order_id: 'o-1',
          member_id: 'm-1',
          placed_at: '',
          sku: 'veg-2',
          quantity: '1.5',
          unit_price_yuan: '12.8',
        },
      ],
      [
        6,
        {
          order_id: 'o-2',
          member_id: '1001',
          placed_at: '2026-10-03 08:00:00',
          sku: 'veg-1',
          quantity: '1',
          unit_price_yuan: '0.3',
        },
      ],
    ]);
    expect(records[0]!.cells[6]).toBe('不要葱');
    expect(await table.file.sha256()).toBe(await hashFile(file));
  });
});
