import fs from 'node:fs';
import path from 'node:path';
import type { PlatformContext } from '../../platform/modules.ts';
import { normaliseProcedure, type Normalised, type RawProcedure } from './domain/normalise/procedure.ts';
import { createReportBuilder } from './domain/normalise/report.ts';
import * as store from './store.ts';
import type { ImportReport } from './types.ts';

/**
 * `lienthong import procedures`: reads every *.jsonl file of the catalogue folder, normalises each record,
 * upserts them in bulk in one transaction, and stores the report of what could not be read.
 */
const CHUNK = 400;

export function procedureFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`Không tìm thấy thư mục danh mục thủ tục: ${dir}`);
  }
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  if (files.length === 0) throw new Error(`Thư mục ${dir} không có tệp .jsonl nào.`);
  return files;
}

export async function importProcedures(ctx: PlatformContext, dir: string): Promise<ImportReport> {
  const started = new Date();
  const files = procedureFiles(dir);
  const lines: { file: string; line: number; text: string }[] = [];
  const fileCounts: ImportReport['files'] = [];
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    let n = 0;
    content.split('\n').forEach((text, i) => {
      if (text.trim()) {
        lines.push({ file, line: i + 1, text });
        n++;
      }
    });
    fileCounts.push({ file, records: n });
  }

  const bar = ctx.progress.start('Nhập danh mục thủ tục', lines.length);
  const report = createReportBuilder();
  const rejected: ImportReport['rejected'] = [];
  const byCode = new Map<string, Normalised>();
  for (const l of lines) {
    let raw: RawProcedure;
    try {
      raw = JSON.parse(l.text) as RawProcedure;
    } catch {
      rejected.push({ line: `${l.file}:${l.line}`, reason: 'không phải JSON hợp lệ' });
      continue;
    }
    const n = normaliseProcedure(raw);
    if ('error' in n) {
      rejected.push({ line: `${l.file}:${l.line}`, reason: n.error });
      continue;
    }
    if (byCode.has(n.procedure.code)) {
      rejected.push({ line: `${l.file}:${l.line}`, reason: `mã ${n.procedure.code} trùng với một bản ghi trước (giữ bản ghi đầu)` });
      continue;
    }
    byCode.set(n.procedure.code, n);
    report.add(n);
  }

  const all = [...byCode.values()];
  let inserted = 0;
  let updated = 0;
  const { run, id } = await ctx.db.transaction(async (tx) => {
    const known = await store.procedureHashes(tx);
    const changed = all.filter((n) => known.get(n.procedure.code) !== n.hash);
    bar.tick(all.length - changed.length);
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      const r = await store.upsertProcedures(
        tx,
        chunk.map((n) => ({
          code: n.procedure.code,
          name: n.procedure.name,
          field: n.procedure.field,
          levels: n.procedure.levels,
          channels: n.procedure.channels,
          agency: n.procedure.agency,
          record: n.procedure,
          search_name: n.search.name,
          search_field: n.search.field,
          search_extra: n.search.extra,
          hash: n.hash,
        })),
      );
      inserted += r.inserted;
      updated += r.updated;
      bar.tick(chunk.length);
    }
    const finished = new Date();
    const run: Omit<ImportReport, 'id'> = {
      source_dir: dir,
      files: fileCounts,
      started_at: started.toISOString(),
      finished_at: finished.toISOString(),
      duration_ms: finished.getTime() - started.getTime(),
      total: all.length,
      inserted,
      updated,
      unchanged: all.length - inserted - updated,
      rejected: rejected.slice(0, 100),
      fields: report.build(),
    };
    return { run, id: await store.insertImportRun(tx, run) };
  });
  if (inserted + updated > 0) await store.tidyAfterImport(ctx.db);
  bar.done(`${all.length.toLocaleString('vi-VN')} thủ tục (mới ${inserted}, cập nhật ${updated}, không đổi ${run.unchanged})`);
  return { ...run, id };
}
