/** Golden-record exports: Parquet written a row group at a time to a file stream and read back by a real Parquet reader (hyparquet); CSV with the same columns. */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { csvSink, exportColumns, exportRow, parquetSink } from './export.ts';
import type { Lineage } from './domain/golden.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-export-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function golden(i: number) {
  const lineage: Record<string, Lineage> = { full_name: { value: `Đặng Thị Ánh ${i}`, sourceId: 'ho-tich-17', recordId: `HB${i}`, rule: i % 2 ? 'source-trust' : 'only-value' } };
  return { id: `g-${String(i).padStart(6, '0')}`, data: { full_name: `Đặng Thị Ánh ${i}`, birth_date: i % 3 ? '1990-03-04' : null, sex: 'female' }, lineage, members: 1 + (i % 4) };
}

describe('golden-record export', () => {
  it('Parquet: several row groups streamed to a file, read back whole (values, nulls, lineage, metadata)', async () => {
    const file = path.join(dir, 'goc.parquet');
    const columns = exportColumns('person', true);
    const sink = parquetSink(fs.createWriteStream(file), columns, { entity: 'person', rowGroupSize: 1000 });
    for (let i = 0; i < 2500; i++) await sink.add(exportRow(golden(i), 'person', true));
    await sink.end();
    const buf = await asyncBufferFromFile(file);
    const meta = await parquetMetadataAsync(buf);
    assert.equal(Number(meta.num_rows), 2500);
    assert.equal(meta.row_groups.length, 3);
    assert.deepEqual(meta.schema.slice(1).map((s) => s.name), columns);
    assert.equal(meta.key_value_metadata?.find((k) => k.key === 'lienthong.entity')?.value, 'person');
    const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    assert.equal(rows.length, 2500);
    assert.deepEqual(rows[7], { ...exportRow(golden(7), 'person', true) });
    assert.equal(rows[7]!.full_name, 'Đặng Thị Ánh 7');
    assert.equal(rows[7]!.lineage_full_name, 'ho-tich-17:HB7 (source-trust)');
    assert.equal(rows[3]!.birth_date, null);
    assert.equal(rows[2499]!.golden_id, 'g-002499');
    assert.equal(rows[2499]!.members, 1 + (2499 % 4));
  });

  it('an empty export is still a valid Parquet file with its columns', async () => {
    const file = path.join(dir, 'rong.parquet');
    const sink = parquetSink(fs.createWriteStream(file), exportColumns('business', false), { entity: 'business' });
    await sink.end();
    const buf = await asyncBufferFromFile(file);
    const meta = await parquetMetadataAsync(buf);
    assert.equal(Number(meta.num_rows), 0);
    assert.ok(meta.schema.some((s) => s.name === 'tax_code'));
    assert.deepEqual(await parquetReadObjects({ file: buf }), []);
  });

  it('CSV: same columns, empty cells for missing values', async () => {
    const file = path.join(dir, 'goc.csv');
    const sink = csvSink(fs.createWriteStream(file), exportColumns('person', true));
    for (let i = 0; i < 3; i++) await sink.add(exportRow(golden(i), 'person', true));
    await sink.end();
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 3);
    assert.equal(rows[0]!.birth_date, '');
    assert.equal(rows[1]!.lineage_full_name, 'ho-tich-17:HB1 (source-trust)');
  });
});
