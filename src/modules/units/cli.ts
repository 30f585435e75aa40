/**
 * CLI of the units module: `lienthong import units [--from <dir>]` and
 * `lienthong units convert --in old.csv --column address --out new.csv`.
 */
import type { Command } from 'commander';
import type { PlatformContext } from '../../platform/modules.ts';
import { checkCsvInput, convertCsv, summaryLine } from './csv-convert.ts';

const n = (x: number) => x.toLocaleString('vi-VN');

const TITLES: Record<string, string> = { 'Usage:': 'Cách dùng:', 'Options:': 'Tuỳ chọn:', 'Commands:': 'Lệnh:', 'Arguments:': 'Tham số:' };
/** Vietnamese headings and help option for this module's commands. */
function vietnameseHelp(cmd: Command): Command {
  return cmd.configureHelp({ styleTitle: (s: string) => TITLES[s] ?? s }).helpOption('-h, --help', 'hiển thị hướng dẫn này');
}

export function unitsCommands(program: Command, open: () => Promise<PlatformContext>): void {
  const importCmd = program.commands.find((c) => c.name() === 'import');
  vietnameseHelp((importCmd ?? program.command('import')).command('units'))
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

  const units = vietnameseHelp(program.command('units').description('Đơn vị hành chính: chuyển đổi địa chỉ theo sắp xếp ngày 01/07/2025'));
  vietnameseHelp(units.command('convert'))
    .description('Chuyển cột địa chỉ cũ của một tệp CSV (đọc theo luồng, tệp lớn bao nhiêu cũng được) sang xã/phường và tỉnh mới')
    .requiredOption('--in <tệp>', 'tệp CSV đầu vào (dòng đầu là tiêu đề)')
    .requiredOption('--column <tên-cột>', 'tên cột chứa địa chỉ')
    .requiredOption('--out <tệp>', 'tệp CSV đầu ra (chỉ thay thế khi đã ghi xong)')
    .option('--delimiter <ký-tự>', 'ký tự phân cách cột (mặc định: dấu phẩy)')
    .addHelpText(
      'after',
      [
        '',
        'Mỗi dòng giữ nguyên các cột cũ và được thêm các cột:',
        '  new_commune_code, new_commune_name    xã/phường mới',
        '  new_province_code, new_province_name  tỉnh/thành phố mới',
        '  confidence                            độ tin cậy 0..1',
        '  status                                converted | partial | ambiguous | current | unknown | empty',
        '  merge_type                            full | partial | none',
        '  candidates                            các xã mới có thể (xã cũ bị chia hoặc tên trùng)',
        '  normalized_address                    <số nhà, đường>, <xã mới>, <tỉnh mới>',
        'Cuối cùng in số dòng chuyển đổi được, bị chia, mơ hồ và không xác định.',
        '',
        'Ví dụ:',
        '  lienthong units convert --in dia-chi-cu.csv --column dia_chi --out dia-chi-moi.csv',
        '',
      ].join('\n'),
    )
    .action(async (opts: { in: string; column: string; out: string; delimiter?: string }) => {
      // check the file and the column before opening the database
      await checkCsvInput({ input: opts.in, output: opts.out, column: opts.column, delimiter: opts.delimiter });
      const ctx = await open();
      const matcher = await ctx.services.units!.matcher();
      const report = await convertCsv({ input: opts.in, output: opts.out, column: opts.column, delimiter: opts.delimiter ?? ',', matcher, progress: ctx.progress });
      process.stdout.write(`${summaryLine(report)}.\nĐã ghi ${opts.out} (${n(report.ms)} ms).\n`);
    });
}
