/**
 * Converts the address column of a CSV file of any size, streaming (csv-parse → convert → csv-stringify):
 * the file is never held in memory. Every row keeps its columns and gains the conversion's columns. The
 * output is written beside the target and renamed into place when complete, so a failure leaves no
 * half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { ProgressReporter } from '../../platform/modules.ts';
import type { AddressMatcher } from './domain/matcher.ts';
import type { ConversionStatus } from './types.ts';

export const ADDED_COLUMNS = [
  'new_commune_code',
  'new_commune_name',
  'new_province_code',
  'new_province_name',
  'confidence',
  'status',
  'merge_type',
  'candidates',
  'normalized_address',
] as const;

export class CsvConvertError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvConvertError';
  }
}

export interface CsvConvertOptions {
  input: string;
  output: string;
  column: string;
  matcher: AddressMatcher;
  delimiter?: string;
  progress?: ProgressReporter;
}

export type RowStatus = ConversionStatus | 'unknown' | 'empty';

export interface CsvConvertReport {
  rows: number;
  /** converted to exactly one new commune */
  converted: number;
  /** old commune split: the most likely new commune, with every candidate */
  partial: number;
  ambiguous: number;
  /** already a new address */
  current: number;
  unknown: number;
  empty: number;
  ms: number;
}

/**
 * Checks the input before any work (the CLI calls it before opening the database): the file exists,
 * the output's folder exists, and the header has the column. Reads the first line only.
 */
export async function checkCsvInput(opts: { input: string; output: string; column: string; delimiter?: string }): Promise<string[]> {
  const input = path.resolve(opts.input);
  const output = path.resolve(opts.output);
  if (!fs.existsSync(input) || !fs.statSync(input).isFile()) throw new CsvConvertError(`Không tìm thấy tệp đầu vào: ${opts.input}`);
  if (input === output) throw new CsvConvertError('Tệp đầu ra phải khác tệp đầu vào.');
  if (!fs.existsSync(path.dirname(output))) throw new CsvConvertError(`Không có thư mục cho tệp đầu ra: ${path.dirname(output)}`);
  const parser = fs.createReadStream(input).pipe(parse({ bom: true, delimiter: opts.delimiter ?? ',', relax_column_count: true, to_line: 1 }));
  let header: string[] | undefined;
  try {
    for await (const rec of parser) {
      header = rec as string[];
      break;
    }
  } catch (err) {
    throw new CsvConvertError(`Tệp CSV không hợp lệ: ${(err as Error).message}`);
  }
  if (!header) throw new CsvConvertError('Tệp đầu vào trống (không có dòng tiêu đề).');
  if (!header.includes(opts.column)) throw new CsvConvertError(`Tệp không có cột «${opts.column}». Các cột có: ${header.map((c) => `«${c}»`).join(', ')}.`);
  return header;
}

export async function convertCsv(opts: CsvConvertOptions): Promise<CsvConvertReport> {
  const t0 = Date.now();
  const input = path.resolve(opts.input);
  const output = path.resolve(opts.output);
  if (!fs.existsSync(input) || !fs.statSync(input).isFile()) throw new CsvConvertError(`Không tìm thấy tệp đầu vào: ${opts.input}`);
  if (input === output) throw new CsvConvertError('Tệp đầu ra phải khác tệp đầu vào.');
  if (!fs.existsSync(path.dirname(output))) throw new CsvConvertError(`Không có thư mục cho tệp đầu ra: ${path.dirname(output)}`);
  const delimiter = opts.delimiter ?? ',';
  const report: CsvConvertReport = { rows: 0, converted: 0, partial: 0, ambiguous: 0, current: 0, unknown: 0, empty: 0, ms: 0 };
  const bar = opts.progress?.start('Chuyển đổi địa chỉ');
  let columnIndex = -1;
  let header = true;

  const convertRow = new Transform({
    objectMode: true,
    transform(record: string[], _enc, done) {
      if (header) {
        header = false;
        columnIndex = record.indexOf(opts.column);
        if (columnIndex < 0) {
          done(new CsvConvertError(`Tệp không có cột «${opts.column}». Các cột có: ${record.map((c) => `«${c}»`).join(', ')}.`));
          return;
        }
        done(null, [...record, ...ADDED_COLUMNS]);
        return;
      }
      report.rows++;
      bar?.tick();
      const address = (record[columnIndex] ?? '').trim();
      let added: (string | number)[];
      if (!address) {
        report.empty++;
        added = ['', '', '', '', 0, 'empty', '', '', ''];
      } else {
        const out = opts.matcher.convert(address);
        if (!out.ok) {
          report.unknown++;
          added = ['', '', '', '', 0, out.code === 'address-ambiguous' ? 'ambiguous' : 'unknown', '', formatCandidates(out.candidates), ''];
          if (out.code === 'address-ambiguous') {
            report.unknown--;
            report.ambiguous++;
          }
        } else {
          const r = out.result;
          report[r.status]++;
          added = [r.commune.code, r.commune.name, r.province.code, r.province.name, r.confidence, r.status, r.merge_type, formatCandidates(r.candidates), r.normalized_address];
        }
      }
      done(null, [...record, ...added]);
    },
  });

  const tmp = `${output}.${process.pid}.part`;
  try {
    await pipeline(
      fs.createReadStream(input),
      parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }),
      convertRow,
      stringify({ delimiter }),
      fs.createWriteStream(tmp),
    );
    if (header) throw new CsvConvertError('Tệp đầu vào trống (không có dòng tiêu đề).');
    fs.renameSync(tmp, output);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof CsvConvertError) throw err;
    const code = (err as { code?: string }).code;
    if (code && code.startsWith('CSV_')) throw new CsvConvertError(`Tệp CSV không hợp lệ: ${(err as Error).message}`);
    throw err;
  } finally {
    report.ms = Date.now() - t0;
    bar?.done();
  }
  return report;
}

function formatCandidates(list: { commune: { code: string; name: string }; score: number }[]): string {
  return list.length > 1 ? list.map((c) => `${c.commune.code} ${c.commune.name} (${c.score})`).join('; ') : '';
}

export function summaryLine(r: CsvConvertReport): string {
  const n = (x: number) => x.toLocaleString('vi-VN');
  return (
    `${n(r.rows)} dòng: ${n(r.converted)} chuyển đổi được, ${n(r.partial)} xã cũ bị chia (đã chọn khả năng cao nhất, xem cột candidates), ` +
    `${n(r.ambiguous)} mơ hồ, ${n(r.current)} đã là địa chỉ mới, ${n(r.unknown)} không xác định` +
    (r.empty ? `, ${n(r.empty)} ô trống` : '')
  );
}
