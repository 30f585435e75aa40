/**
 * CLI of the mdm module: `lienthong mdm run --config <file> [--incremental]`, `lienthong mdm synth`,
 * `lienthong mdm export --out <file.csv|file.parquet>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { PlatformContext } from '../../platform/modules.ts';
import { projectRoot } from '../../platform/config.ts';
import { Problem } from '../../platform/errors.ts';
import type { UnitsService } from '../units/index.ts';
import { ConfigFileError, loadRunConfig, type LoadedConfig } from './config-file.ts';
import { communesFromUnits, generateSources, parseSurnameShares, RARER_FAMILIES } from './domain/synth.ts';

const n = (x: number) => x.toLocaleString('vi-VN');
const TITLES: Record<string, string> = { 'Usage:': 'Cách dùng:', 'Options:': 'Tuỳ chọn:', 'Commands:': 'Lệnh:', 'Arguments:': 'Tham số:' };
function vietnameseHelp(cmd: Command): Command {
  return cmd.configureHelp({ styleTitle: (s: string) => TITLES[s] ?? s }).helpOption('-h, --help', 'hiển thị hướng dẫn này');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readConfig(file: string): LoadedConfig {
  if (!fs.existsSync(file)) fail(`Không tìm thấy tệp cấu hình ${file}`);
  try {
    return loadRunConfig(file);
  } catch (e) {
    if (e instanceof ConfigFileError) fail(e.message);
    throw e;
  }
}

/** The name lists the generator draws from (reference/names): given names by sex and family-name shares. */
export function loadSynthNames(namesDir = path.join(projectRoot, 'reference', 'names')) {
  const list = (file: string) => fs.readFileSync(path.join(namesDir, file), 'utf8').split('\n').filter(Boolean);
  return {
    male: list('duyet_boy.txt'),
    female: list('duyet_girl.txt'),
    families: [...parseSurnameShares(fs.readFileSync(path.join(namesDir, 'surname_share_reference.csv'), 'utf8')), ...RARER_FAMILIES],
  };
}

/** Writes the generated sources as CSV with their run configuration (mdm-run.json) and the truth. */
export async function writeSynth(units: Pick<UnitsService, 'getUnit' | 'listCommunes'>, outDir: string, records: number, seed: number, provinceCode = '25'): Promise<{ files: string[]; entities: number }> {
  const names = loadSynthNames();
  const communes = await communesFromUnits(units, provinceCode);
  if (!communes.length) return { files: [], entities: 0 };
  const gen = generateSources({ records, seed, names, communes, year: new Date().getUTCFullYear() });
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const sources: unknown[] = [];
  for (const s of gen.sources) {
    const file = `${s.id}.csv`;
    fs.writeFileSync(path.join(outDir, file), stringify(s.rows, { header: true, columns: s.columns }));
    files.push(file);
    sources.push({ ...(s.mapping as object), connector: { kind: 'csv', path: file } });
  }
  fs.writeFileSync(path.join(outDir, 'mdm-run.json'), JSON.stringify({ sources }, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'truth.csv'), stringify([...gen.truth].map(([k, e]) => { const i = k.indexOf(':'); return [k.slice(0, i), k.slice(i + 1), e]; }), { header: true, columns: ['source_id', 'record_id', 'entity'] }));
  files.push('mdm-run.json', 'truth.csv');
  return { files, entities: gen.entities };
}

export function mdmCommands(program: Command, open: () => Promise<PlatformContext>): void {
  const mdm = vietnameseHelp(program.command('mdm').description('Dữ liệu chủ: hợp nhất công dân, doanh nghiệp từ cơ sở dữ liệu các tỉnh cũ'));

  vietnameseHelp(mdm.command('run'))
    .description('Đọc các nguồn, chuẩn hoá, so khớp, tạo bản ghi gốc và báo cáo chất lượng')
    .requiredOption('--config <tệp>', 'tệp cấu hình JSON hoặc YAML: { "sources": [ánh xạ kèm connector, hoặc tên tệp ánh xạ, …] } (docs/mdm.md)')
    .option('--incremental', 'chỉ so khớp các bản ghi mới hoặc đã thay đổi (dùng mô hình đã học)')
    .action(async (opts: { config: string; incremental?: boolean }) => {
      const config = readConfig(opts.config);
      const ctx = await open();
      try {
        const s = await ctx.services.mdm!.run(config.config, { mode: opts.incremental ? 'incremental' : 'full', baseDir: config.baseDir });
        const lines = [
          `Lần chạy ${s.runId} (${s.mode === 'full' ? 'toàn bộ' : 'chỉ phần thay đổi'}) xong trong ${n(s.ms)} ms.`,
          `Đã đọc ${n(s.read)} bản ghi: ${n(s.changed)} mới hoặc thay đổi, ${n(s.unchanged)} không đổi${s.standardisedOnWorkers ? ` (${n(s.standardisedOnWorkers)} bản ghi chuẩn hoá trên các luồng song song)` : ''}.`,
          ...s.skipped.map((k) => `  Bỏ qua ${n(k.count)} bản ghi của ${k.sourceId}: ${k.reason}`),
          `Công dân: ${n(s.persons)} bản ghi nguồn; doanh nghiệp: ${n(s.businesses)}; bản ghi gốc: ${n(s.golden)}.`,
          `Cặp tự động hợp nhất: ${n(s.autoMergedPairs)}; cặp chờ xem xét: ${n(s.reviewPairs)}; xung đột giữa các nguồn: ${n(s.conflicts)}.`,
          `Chất lượng: đúng ${(s.quality.correct * 100).toFixed(1)}%, đủ ${(s.quality.complete * 100).toFixed(1)}%, sạch ${(s.quality.clean * 100).toFixed(1)}%, sống ${(s.quality.live * 100).toFixed(1)}%.`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      } catch (e) {
        if (e instanceof Problem) {
          const errors = (e.extensions.errors as { path: string; message: string }[] | undefined) ?? [];
          fail([e.detail ?? e.title, ...errors.map((x) => `  - ${x.path}: ${x.message}`)].join('\n'));
        }
        throw e;
      }
    });

  vietnameseHelp(mdm.command('synth'))
    .description('Sinh các nguồn dữ liệu cũ giả lập (CSV) có bản trùng đã biết, kèm cấu hình chạy và đáp án (truth.csv)')
    .requiredOption('--out <thư-mục>', 'thư mục ghi các tệp')
    .option('--records <số>', 'tổng số bản ghi (mặc định 2000)', '2000')
    .option('--seed <số>', 'hạt giống ngẫu nhiên (mặc định 2025)', '2025')
    .option('--province <mã>', 'tỉnh mới có các xã cũ dùng làm địa chỉ (mặc định 25, Phú Thọ)', '25')
    .action(async (opts: { out: string; records: string; seed: string; province: string }) => {
      const records = Number(opts.records);
      if (!Number.isInteger(records) || records < 1 || records > 5_000_000) fail('--records phải là số nguyên từ 1 đến 5.000.000');
      const ctx = await open();
      const r = await writeSynth(ctx.services.units!, opts.out, records, Number(opts.seed) || 2025, opts.province);
      if (!r.entities) fail(`Không tìm thấy tỉnh ${opts.province} hoặc các xã cũ của tỉnh này`);
      process.stdout.write(`Đã ghi ${r.files.join(', ')} vào ${opts.out} (${n(r.entities)} người).\nChạy: lienthong mdm run --config ${path.join(opts.out, 'mdm-run.json')}\n`);
    });

  vietnameseHelp(mdm.command('export'))
    .description('Xuất các bản ghi gốc kèm nguồn gốc từng giá trị (CSV hoặc Parquet)')
    .requiredOption('--out <tệp>', 'tệp đầu ra (.csv hoặc .parquet)')
    .option('--format <định-dạng>', 'csv hoặc parquet (mặc định theo đuôi tệp, không có thì csv)')
    .option('--entity <thực-thể>', 'person (công dân, mặc định) hoặc business (doanh nghiệp, hộ kinh doanh)', 'person')
    .option('--no-lineage', 'không kèm các cột nguồn gốc')
    .action(async (opts: { out: string; format?: string; entity: string; lineage: boolean }) => {
      const format = opts.format ?? (/\.parquet$/i.test(opts.out) ? 'parquet' : 'csv');
      if (format !== 'csv' && format !== 'parquet') fail(`--format phải là csv hoặc parquet (nhận "${format}")`);
      if (opts.entity !== 'person' && opts.entity !== 'business') fail(`--entity phải là person hoặc business (nhận "${opts.entity}")`);
      const ctx = await open();
      const part = `${opts.out}.${process.pid}.part`;
      try {
        const count = await ctx.services.mdm!.exportGolden(fs.createWriteStream(part), { lineage: opts.lineage, format, entity: opts.entity });
        fs.renameSync(part, opts.out);
        process.stdout.write(`Đã ghi ${n(count)} bản ghi gốc (${format === 'parquet' ? 'Parquet' : 'CSV'}) vào ${opts.out}.\n`);
      } catch (e) {
        fs.rmSync(part, { force: true });
        throw e;
      }
    });

  vietnameseHelp(mdm.command('quality'))
    .description('Báo cáo chất lượng dữ liệu của lần chạy gần nhất (đúng, đủ, sạch, sống theo nguồn) và xu hướng')
    .option('--out <tệp>', 'ghi toàn bộ báo cáo (JSON) vào tệp')
    .action(async (opts: { out?: string }) => {
      const ctx = await open();
      const q = await ctx.services.mdm!.quality();
      if (!q.latest) fail('Chưa có lần chạy hợp nhất nào (lienthong mdm run --config <tệp>).');
      const p = (x: number) => `${(x * 100).toFixed(1)}%`;
      const lines = [
        `Chất lượng dữ liệu (${q.latest.generatedAt}): ${n(q.latest.overall.records)} bản ghi — đúng ${p(q.latest.overall.correct)}, đủ ${p(q.latest.overall.complete)}, sạch ${p(q.latest.overall.clean)}, sống ${p(q.latest.overall.live)}.`,
        ...q.latest.sources.map((s) => `  ${s.source}: ${n(s.records)} bản ghi — đúng ${p(s.scores.correct)}, đủ ${p(s.scores.complete)}, sạch ${p(s.scores.clean)}, sống ${p(s.scores.live)}${s.issues[0] ? `; vấn đề gặp nhiều nhất: ${s.issues[0].message} (${n(s.issues[0].count)})` : ''}`),
      ];
      if (opts.out) {
        fs.writeFileSync(opts.out, JSON.stringify(q, null, 2) + '\n');
        lines.push(`Đã ghi báo cáo đầy đủ vào ${opts.out}.`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
