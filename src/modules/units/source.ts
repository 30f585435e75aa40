/**
 * Reads the reference tables of administrative units from a directory of CSV files (I/O).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildDataset, DatasetError, type Dataset, type SourceTables } from './domain/dataset.ts';

export const SOURCE_FILES = ['provinces_2025.csv', 'communes_2025.csv', 'old_units_2024.csv', 'old_to_new_communes.csv', 'changes_2026.csv'] as const;

function readCsv<T>(dir: string, file: string, optional = false): T[] {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    if (optional) return [];
    throw new DatasetError(`Không tìm thấy tệp ${p}.`);
  }
  return parse(fs.readFileSync(p), { columns: true, bom: true, skip_empty_lines: true, trim: false }) as T[];
}

export function readSourceTables(dir: string): SourceTables {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new DatasetError(`Không tìm thấy thư mục dữ liệu đơn vị hành chính: ${dir}.`);
  return {
    provinces: readCsv(dir, 'provinces_2025.csv'),
    communes: readCsv(dir, 'communes_2025.csv'),
    oldUnits: readCsv(dir, 'old_units_2024.csv'),
    merges: readCsv(dir, 'old_to_new_communes.csv'),
    changes: readCsv(dir, 'changes_2026.csv', true),
  };
}

export function readDataset(dir: string): Dataset {
  return buildDataset(readSourceTables(dir));
}
