import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { readSource, type Row } from './connectors.ts';
import { createScratchPostgres } from '../../platform/scratch-db.ts';
import { parseMapping } from './domain/mapping.ts';
import { standardiseRow } from './domain/pipeline.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-conn-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function all(gen: AsyncGenerator<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

/** The legacy schema loaded into both SQL servers: a civil-status table of an old province. */
const LEGACY_ROWS = [
  { id: 1, ho_ten: 'ÐỖ VĂN AN', ngay_sinh: '05/03/1985', gioi_tinh: 'Nam', so_cmnd: '131234567', dien_thoai: '01681234567', dia_chi: 'Xã Tiên Kiên, Huyện Lâm Thao, Tỉnh Phú Thọ' },
  { id: 2, ho_ten: 'Nguyễn Thị Bình', ngay_sinh: '1990-12-01', gioi_tinh: 'Nữ', so_cmnd: '025190000123', dien_thoai: '+84 912 345 678', dia_chi: '' },
];
const MAPPING = parseMapping({
  source: 'legacy',
  entity: 'person',
  recordId: 'id',
  fields: { full_name: 'ho_ten', birth_date: 'ngay_sinh', sex: 'gioi_tinh', personal_id: 'so_cmnd', phone: 'dien_thoai', permanent_address: 'dia_chi' },
});

function checkLegacy(rows: Row[]): void {
  assert.equal(rows.length, 2);
  const a = standardiseRow(rows[0]!, MAPPING, { today: '2026-12-01' });
  assert.ok(a.ok && a.entity === 'person');
  if (a.ok && a.entity === 'person') {
    assert.equal(a.recordId, '1');
    assert.equal(a.person.name?.full, 'Đỗ Văn An');
    assert.equal(a.person.phone, '0381234567');
    assert.equal(a.person.oldId, '131234567');
    assert.equal(a.person.birth?.iso, '1985-03-05');
  }
  const b = standardiseRow(rows[1]!, MAPPING, { today: '2026-12-01' });
  assert.ok(b.ok && b.entity === 'person' && b.person.pid === '025190000123' && b.person.phone === '0912345678');
}

describe('connectors (streamed)', () => {
  it('CSV, with a BOM and a semicolon delimiter', async () => {
    const f = path.join(dir, 'a.csv');
    fs.writeFileSync(f, '\ufeffid;ho_ten;ngay_sinh;gioi_tinh;so_cmnd;dien_thoai;dia_chi\n' + LEGACY_ROWS.map((r) => Object.values(r).join(';')).join('\n') + '\n');
    checkLegacy(await all(readSource({ kind: 'csv', path: 'a.csv', delimiter: ';' }, dir)));
  });

  it('JSON Lines, and a broken line is reported with its number', async () => {
    const f = path.join(dir, 'a.jsonl');
    fs.writeFileSync(f, LEGACY_ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n\n');
    checkLegacy(await all(readSource({ kind: 'jsonl', path: f })));
    fs.writeFileSync(path.join(dir, 'bad.jsonl'), '{"id":1}\n{oops\n');
    await assert.rejects(all(readSource({ kind: 'jsonl', path: 'bad.jsonl' }, dir)), /Dòng 2/);
  });

  it('XLSX through the streaming reader (dates as dates, numbers as numbers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CongDan');
    ws.addRow(Object.keys(LEGACY_ROWS[0]!));
    for (const r of LEGACY_ROWS) ws.addRow(Object.values(r));
    ws.addRow([3, 'Lê Văn Cường', new Date(Date.UTC(1979, 6, 14)), 'Nam', 123456789, 912345678, '']);
    const f = path.join(dir, 'a.xlsx');
    await wb.xlsx.writeFile(f);
    const rows = await all(readSource({ kind: 'xlsx', path: f, sheet: 'CongDan' }));
    checkLegacy(rows.slice(0, 2));
    const c = standardiseRow(rows[2]!, MAPPING, { today: '2026-12-01' });
    assert.ok(c.ok && c.entity === 'person');
    if (c.ok && c.entity === 'person') {
      assert.equal(c.person.birth?.iso, '1979-07-14');
      assert.equal(c.person.phone, '0912345678');
      assert.equal(c.person.oldId, '123456789');
    }
  });

  it('a missing file is a clear problem', async () => {
    await assert.rejects(all(readSource({ kind: 'csv', path: path.join(dir, 'none.csv') })), /Không tìm thấy tệp/);
  });

  describe('PostgreSQL (a legacy schema in a scratch database)', () => {
    const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    let scratch: Awaited<ReturnType<typeof createScratchPostgres>> | null = null;
    let reason = '';
    before(async () => {
      try {
        scratch = await createScratchPostgres(adminUrl, 'mdm_legacy', 2);
      } catch (e) {
        reason = `không kết nối được PostgreSQL (${(e as Error).message})`;
      }
    });
    after(async () => scratch?.drop());

    it('streams rows through a server-side cursor in batches', async (t) => {
      if (!scratch) return t.skip(reason);
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      await c.query(`CREATE TABLE cong_dan (id int PRIMARY KEY, ho_ten text, ngay_sinh text, gioi_tinh text, so_cmnd text, dien_thoai text, dia_chi text)`);
      for (const r of LEGACY_ROWS) await c.query(`INSERT INTO cong_dan VALUES ($1,$2,$3,$4,$5,$6,$7)`, Object.values(r));
      await c.query(`INSERT INTO cong_dan SELECT g, 'Người ' || g, '01/01/1990', 'Nam', NULL, NULL, NULL FROM generate_series(10, 2509) g`);
      await c.end();
      const rows = await all(readSource({ kind: 'postgres', url: scratch.url, query: 'SELECT * FROM cong_dan ORDER BY id', batchSize: 1000 }));
      assert.equal(rows.length, 2502);
      checkLegacy(rows.slice(0, 2));
      await assert.rejects(all(readSource({ kind: 'postgres', url: scratch.url, query: 'SELECT * FROM khong_co' })), /PostgreSQL nguồn lỗi/);
    });
  });

  describe('MySQL / MariaDB (MYSQL_TEST_URL)', () => {
    const url = process.env.MYSQL_TEST_URL;
    it('streams rows of a legacy table', async (t) => {
      if (!url) return t.skip('MYSQL_TEST_URL chưa đặt (.ci/run đặt biến này và khởi động MariaDB)');
      const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
      const table = `cong_dan_${process.pid}`;
      try {
        await conn.query(`CREATE TABLE ${table} (id int PRIMARY KEY, ho_ten varchar(200), ngay_sinh varchar(20), gioi_tinh varchar(10), so_cmnd varchar(20), dien_thoai varchar(30), dia_chi varchar(300)) CHARACTER SET utf8mb4`);
        for (const r of LEGACY_ROWS) await conn.query(`INSERT INTO ${table} VALUES (?,?,?,?,?,?,?)`, Object.values(r));
        const rows = await all(readSource({ kind: 'mysql', url, query: `SELECT * FROM ${table} ORDER BY id` }));
        checkLegacy(rows);
      } finally {
        await conn.query(`DROP TABLE IF EXISTS ${table}`);
        await conn.end();
      }
    });
  });
});
