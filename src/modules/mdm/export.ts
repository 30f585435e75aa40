/**
 * Exports of golden records with the lineage of every value, as CSV or Parquet (ADR 0101), streamed: rows
 * are added a page at a time and a Parquet row group is written to the output as soon as it is full, so a
 * million golden records never sit in memory at once.
 */
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { safeCell } from '../../platform/csv.ts';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Lineage } from './domain/golden.ts';

export type ExportFormat = 'csv' | 'parquet';
export type ExportEntity = 'person' | 'business';

export const EXPORT_FIELDS: Record<ExportEntity, readonly string[]> = {
  person: ['full_name', 'birth_date', 'sex', 'personal_id', 'old_id', 'phone', 'email', 'permanent_address', 'permanent_commune_code', 'current_address', 'current_commune_code', 'marital_status'],
  business: ['name', 'tax_code', 'owner_name', 'owner_id', 'address', 'commune_code', 'registration_date', 'status', 'kind', 'phone'],
};

export type ExportRow = Record<string, string | number | null>;

/** The columns of an export: the golden id, the fields, the number of source records, then `lineage_<field>`. */
export function exportColumns(entity: ExportEntity, lineage: boolean): string[] {
  const fields = EXPORT_FIELDS[entity];
  return ['golden_id', ...fields, 'members', ...(lineage ? fields.map((f) => `lineage_${f}`) : [])];
}

/** `source:record (rule)` — where a golden value came from and which survivorship rule chose it. */
export function lineageText(l: Lineage | undefined): string | null {
  return l ? `${l.sourceId}:${l.recordId} (${l.rule})` : null;
}

/** One golden record as an export row (null for a missing value). */
export function exportRow(g: { id: string; data: Record<string, unknown>; lineage: Record<string, Lineage>; members: number }, entity: ExportEntity, lineage: boolean): ExportRow {
  const row: ExportRow = { golden_id: g.id, members: Number(g.members) };
  for (const f of EXPORT_FIELDS[entity]) {
    const v = g.data[f];
    row[f] = v === null || v === undefined ? null : String(v);
    if (lineage) row[`lineage_${f}`] = lineageText(g.lineage[f]);
  }
  return row;
}

export interface RowSink {
  add(row: ExportRow): Promise<void>;
  /** writes what is left (and, for Parquet, the footer); the output stream is ended */
  end(): Promise<void>;
}

async function writeTo(out: NodeJS.WritableStream, chunk: Buffer | string): Promise<void> {
  if (!out.write(chunk)) await once(out as NodeJS.EventEmitter, 'drain');
}

async function endStream(out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    (out as NodeJS.EventEmitter).once('error', reject);
    out.end(() => resolve());
  });
}

/** CSV with a header row (empty cell for a missing value; text that would start a formula guarded). */
export function csvSink(out: NodeJS.WritableStream, columns: string[]): RowSink {
  const csv = stringify({ header: true, columns });
  csv.pipe(out as NodeJS.WritableStream);
  return {
    async add(row) {
      const cells: Record<string, string | number> = {};
      for (const c of columns) {
        const v = row[c] ?? '';
        cells[c] = typeof v === 'string' ? safeCell(v) : v; // legacy values must not start a formula in a spreadsheet
      }
      if (!csv.write(cells)) await once(csv, 'drain');
    },
    async end() {
      const finished = new Promise<void>((resolve, reject) => {
        (out as NodeJS.EventEmitter).once('error', reject);
        (out as NodeJS.EventEmitter).once('finish', () => resolve());
      });
      csv.end();
      await finished;
    },
  };
}

/** A hyparquet-writer output that hands each finished row group to a Node stream instead of growing one buffer. */
class StreamWriter extends ByteWriter {
  constructor(private readonly out: NodeJS.WritableStream) {
    super(1 << 20);
  }
  flush(): Promise<void> {
    const chunk = Buffer.from(this.getBytes()); // a copy: the buffer is reused
    this.index = 0;
    return writeTo(this.out, chunk);
  }
  override finish(): Promise<void> {
    return this.flush();
  }
}

/**
 * Parquet (snappy-compressed): `golden_id` and the fields as UTF-8 strings (null when missing), `members` as
 * INT32, one row group per `rowGroupSize` rows; the entity and the time of the export in the file's metadata.
 */
export function parquetSink(out: NodeJS.WritableStream, columns: string[], opts: { entity: ExportEntity; rowGroupSize?: number; exportedAt?: Date }): RowSink {
  const rowGroupSize = opts.rowGroupSize ?? 50_000;
  const schema = [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) =>
      c === 'members'
        ? { name: c, type: 'INT32' as const, repetition_type: 'REQUIRED' as const }
        : { name: c, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: c === 'golden_id' ? ('REQUIRED' as const) : ('OPTIONAL' as const) },
    ),
  ];
  const writer = new ParquetWriter({
    writer: new StreamWriter(out),
    schema,
    kvMetadata: [
      { key: 'lienthong.entity', value: opts.entity },
      { key: 'lienthong.exported_at', value: (opts.exportedAt ?? new Date()).toISOString() },
    ],
    createdBy: 'lienthong mdm export (hyparquet-writer)',
  });
  let buffered: ExportRow[] = [];
  const writeGroup = async () => {
    if (!buffered.length) return;
    const rows = buffered;
    buffered = [];
    await writer.write({
      columnData: columns.map((c) => ({ name: c, data: c === 'members' ? Int32Array.from(rows, (r) => Number(r[c])) : rows.map((r) => (r[c] === null ? null : String(r[c]))) })),
      rowGroupSize: rows.length,
    });
  };
  return {
    async add(row) {
      buffered.push(row);
      if (buffered.length >= rowGroupSize) await writeGroup();
    },
    async end() {
      await writeGroup();
      await writer.finish();
      await endStream(out);
    },
  };
}

export function exportSink(format: ExportFormat, out: NodeJS.WritableStream, columns: string[], entity: ExportEntity): RowSink {
  return format === 'parquet' ? parquetSink(out, columns, { entity }) : csvSink(out, columns);
}
