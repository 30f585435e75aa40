/**
 * CLI of the units module: `lienthong import units [--from <dir>]` and
 * `lienthong units convert --in old.csv --column address --out new.csv`.
 */
import type { Command } from 'commander';
import type { PlatformContext } from '../../platform/modules.ts';
import { convertCsv, summaryLine } from './csv-convert.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

export function unitsCommands(program: Command, open: () => Promise<PlatformContext>): void {
  const importCmd = program.commands.find((c) => c.name() === 'import');
  (importCmd ?? program.command('import'))
    .command('units')
    .description('Nhập danh mục đơn vị hành chính (63 tỉnh cũ, 34 tỉnh và 3.321 xã mới, bảng chuyển đổi, thay đổi sau 2025); chạy lại không thay đổi gì')
    .option('--from <thư-mục>', 'thư mục chứa các tệp CSV (mặc định: REFERENCE_DIR/admin-units)')
    .action(async (opts: { from?: string }) => {
      const ctx = await open();
      {
        const r = await ctx.services.units!.importFrom(opts.from);
        const w = (label: string, c: { inserted: number; updated: number; deleted: number; total: number }) =>
          `${label}: ${n(c.total)} dòng (thêm ${n(c.inserted)}, cập nhật ${n(c.updated)}, xoá ${n(c.deleted)})`;
        process.stdout.write(`${w('Đơn vị hành chính (theo thời kỳ)', r.units)}\n${w('Liên kết sắp xếp', r.links)}\n`);
        if (r.warnings.length) process.stdout.write(`Cảnh báo dữ liệu (${r.warnings.length}):\n${r.warnings.map((x) => `  - ${x}`).join('\n')}\n`);
        process.stdout.write(r.unchanged ? `Dữ liệu không thay đổi (${n(r.ms)} ms).\n` : `Đã nhập xong trong ${n(r.ms)} ms.\n`);
      }
    });

  const units = program.command('units').description('Đơn vị hành chính: chuyển đổi địa chỉ theo sắp xếp ngày 01/07/2025');
  units
    .command('convert')
    .description(
      'Chuyển cột địa chỉ cũ của một tệp CSV (bất kỳ kích thước nào, đọc theo luồng) sang xã/phường và tỉnh mới.\n' +
        'Mỗi dòng được thêm các cột: new_commune_code, new_commune_name, new_province_code, new_province_name,\n' +
        'confidence (0..1), status (converted | partial | ambiguous | current | unknown | empty), merge_type,\n' +
        'candidates (các xã mới có thể, khi xã cũ bị chia hoặc tên trùng) và normalized_address.',
    )
    .requiredOption('--in <tệp>', 'tệp CSV đầu vào (dòng đầu là tiêu đề)')
    .requiredOption('--column <tên-cột>', 'tên cột chứa địa chỉ')
    .requiredOption('--out <tệp>', 'tệp CSV đầu ra (ghi xong mới thay thế)')
    .option('--delimiter <ký-tự>', 'ký tự phân cách cột', ',')
    .addHelpText('after', '\nVí dụ:\n  lienthong units convert --in dia-chi-cu.csv --column dia_chi --out dia-chi-moi.csv\n')
    .action(async (opts: { in: string; column: string; out: string; delimiter: string }) => {
      const ctx = await open();
      const matcher = await ctx.services.units!.matcher();
      const report = await convertCsv({ input: opts.in, output: opts.out, column: opts.column, delimiter: opts.delimiter, matcher, progress: ctx.progress });
      process.stdout.write(`${summaryLine(report)}.\nĐã ghi ${opts.out} (${n(report.ms)} ms).\n`);
    });
}
