import type { Command } from 'commander';
import type { PlatformContext } from '../../platform/modules.ts';
import type { VerifyReport } from './service.ts';

/** Where commands print (the process's stdout; tests pass their own). */
export interface Output {
  write(text: string): unknown;
}

/** `lienthong audit verify | seal`. */
export function auditCommands(program: Command, open: () => Promise<PlatformContext>, out: Output = process.stdout): void {
  const audit = program.command('audit').description('Nhật ký kiểm toán chống sửa đổi (chuỗi băm SHA-256)');

  audit
    .command('verify')
    .description('Niêm phong các bản ghi đang chờ rồi kiểm tra toàn bộ chuỗi; mã thoát 1 và mắt xích hỏng đầu tiên khi chuỗi bị phá vỡ')
    .option('--no-seal', 'chỉ kiểm tra, không niêm phong các bản ghi đang chờ')
    .option('--anchor <seq:hash>', 'mốc đã ghi lại trước đó (in ra ở lần kiểm tra trước), để phát hiện việc cắt phần cuối chuỗi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (opts: { seal: boolean; anchor?: string; json?: boolean }) => {
      let anchor: { seq: number; hash: string } | undefined;
      if (opts.anchor) {
        const m = /^(\d+):([0-9a-f]{64})$/.exec(opts.anchor);
        if (!m) throw new Error('--anchor phải có dạng <seq>:<hash SHA-256 hex>, ví dụ 1200:3f5a…');
        anchor = { seq: Number(m[1]), hash: m[2]! };
      }
      const ctx = await open();
      const svc = ctx.services.audit!;
      const sealed = opts.seal ? (await svc.seal()).sealed : 0;
      const report = await svc.verify({ anchor });
      if (opts.json) out.write(JSON.stringify({ ...report, sealed }, null, 2) + '\n');
      else out.write(formatReport(report, sealed));
      if (!report.ok) process.exitCode = 1;
    });

  audit
    .command('seal')
    .description('Niêm phong các bản ghi đã ghi nhưng chưa nằm trong chuỗi (máy chủ tự làm việc này mỗi giây)')
    .action(async () => {
      const ctx = await open();
      const r = await ctx.services.audit!.seal();
      out.write(`Đã niêm phong ${r.sealed} bản ghi.${r.head ? ` Đầu chuỗi: ${r.head.seq}:${r.head.hash}` : ''}\n`);
    });
}

export function formatReport(r: VerifyReport, sealed: number): string {
  const lines: string[] = [];
  if (sealed) lines.push(`Đã niêm phong thêm ${sealed} bản ghi đang chờ.`);
  if (r.ok) {
    lines.push(`Chuỗi nhật ký kiểm toán nguyên vẹn: đã kiểm tra ${r.checked} bản ghi.`);
    if (r.head) lines.push(`Mốc đầu chuỗi (ghi lại ở nơi khác để lần sau kiểm tra bằng --anchor): ${r.head.seq}:${r.head.hash}`);
  } else if (r.broken) {
    lines.push(`CHUỖI BỊ PHÁ VỠ tại mắt xích số ${r.broken.seq}${r.broken.recordId ? ` (bản ghi id ${r.broken.recordId})` : ''}.`);
    lines.push(r.broken.message);
    lines.push(`Mong đợi: ${r.broken.expected}`);
    lines.push(`Thực tế:  ${r.broken.found}`);
    lines.push(`Các mắt xích trước đó (${r.checked}) nguyên vẹn.`);
  }
  if (r.unsealed) lines.push(`Còn ${r.unsealed} bản ghi chưa niêm phong (chưa được chuỗi bảo vệ).`);
  return lines.join('\n') + '\n';
}
