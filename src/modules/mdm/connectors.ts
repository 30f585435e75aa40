/**
 * Source connectors: each reads a legacy source as a stream of rows (column → value), never the whole
 * source in memory — CSV (csv-parse), JSON Lines (readline), XLSX (exceljs streaming reader), PostgreSQL
 * (`pg`, a server-side cursor fetched in batches) and MySQL/MariaDB (`mysql2`, a streamed query).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import pg from 'pg';
import mysql from 'mysql2';
import { Problem } from '../../platform/errors.ts';
import type { ConnectorSpec } from './domain/mapping.ts';

export type Row = Record<string, unknown>;

const sourceProblem = (detail: string) => new Problem(422, 'mdm-source-unreadable', 'Không đọc được nguồn dữ liệu', detail);

function resolvePath(p: string, baseDir: string): string {
  return path.isAbsolute(p) ? p : path.join(baseDir, p);
}

function checkFile(file: string): void {
  if (!fs.existsSync(file)) throw sourceProblem(`Không tìm thấy tệp ${file}`);
}

async function* csvRows(file: string, delimiter = ',', encoding: BufferEncoding = 'utf8'): AsyncGenerator<Row> {
  checkFile(file);
  const parser = fs.createReadStream(file, { encoding }).pipe(parse({ columns: true, bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: false }));
  for await (const rec of parser) yield rec as Row;
}

async function* jsonlRows(file: string): AsyncGenerator<Row> {
  checkFile(file);
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!text.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw sourceProblem(`Dòng ${line} của ${path.basename(file)} không phải JSON hợp lệ`);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw sourceProblem(`Dòng ${line} của ${path.basename(file)} không phải một đối tượng JSON`);
    yield v as Row;
  }
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return String(v.text);
  if ('result' in v) return (v as { result?: unknown }).result ?? null;
  return String(v);
}

async function* xlsxRows(file: string, sheet?: string, headerRow = 1): AsyncGenerator<Row> {
  checkFile(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let sheetIndex = 0;
  for await (const ws of wb) {
    sheetIndex++;
    const name = (ws as unknown as { name?: string }).name;
    if (sheet && name !== sheet && String(sheetIndex) !== sheet) continue;
    let header: string[] | null = null;
    for await (const row of ws) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      if (row.number < headerRow) continue;
      if (!header) {
        header = values.map((v, i) => String(cellValue(v) ?? `col${i + 1}`).trim());
        continue;
      }
      const out: Row = {};
      header.forEach((h, i) => {
        out[h] = cellValue(values[i] ?? null);
      });
      yield out;
    }
    return;
  }
  if (sheet) throw sourceProblem(`Tệp ${path.basename(file)} không có trang tính "${sheet}"`);
}

async function* postgresRows(url: string, query: string, batchSize = 5000): AsyncGenerator<Row> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw sourceProblem(`Không kết nối được PostgreSQL nguồn: ${(e as Error).message}`);
  }
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`DECLARE mdm_source_cursor NO SCROLL CURSOR FOR ${query}`);
    for (;;) {
      const r = await client.query(`FETCH ${batchSize} FROM mdm_source_cursor`);
      for (const row of r.rows) yield row as Row;
      if (r.rows.length < batchSize) break;
    }
    await client.query('COMMIT');
  } catch (e) {
    if (e instanceof Problem) throw e;
    throw sourceProblem(`Truy vấn PostgreSQL nguồn lỗi: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function* mysqlRows(url: string, query: string): AsyncGenerator<Row> {
  const conn = mysql.createConnection({ uri: url, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
  try {
    await conn.promise().connect();
  } catch (e) {
    conn.destroy();
    throw sourceProblem(`Không kết nối được MySQL/MariaDB nguồn: ${(e as Error).message}`);
  }
  try {
    const stream = conn.query(query).stream({ highWaterMark: 1000 });
    try {
      for await (const row of stream) yield row as Row;
    } catch (e) {
      throw sourceProblem(`Truy vấn MySQL/MariaDB nguồn lỗi: ${(e as Error).message}`);
    }
  } finally {
    conn.destroy();
  }
}

/** The rows of a source, streamed. Relative file paths are read from `baseDir` (the run configuration's folder). */
export function readSource(spec: ConnectorSpec, baseDir = process.cwd()): AsyncGenerator<Row> {
  switch (spec.kind) {
    case 'csv':
      return csvRows(resolvePath(spec.path, baseDir), spec.delimiter, spec.encoding === 'latin1' ? 'latin1' : 'utf8');
    case 'jsonl':
      return jsonlRows(resolvePath(spec.path, baseDir));
    case 'xlsx':
      return xlsxRows(resolvePath(spec.path, baseDir), spec.sheet, spec.headerRow);
    case 'postgres':
      return postgresRows(spec.url, spec.query, spec.batchSize);
    case 'mysql':
      return mysqlRows(spec.url, spec.query);
  }
}
