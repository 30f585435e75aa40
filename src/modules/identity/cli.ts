import type { Command } from 'commander';
import { DEMO_PASSWORD, demoUserRows } from './demo/people.ts';

/** `lienthong demo users [--json]`: the demo people and how they sign in. */
export function identityCommands(program: Command): void {
  const demo = program.commands.find((c) => c.name() === 'demo') ?? program.command('demo').description('Dữ liệu tỉnh demo (Tỉnh Phú Thọ)');
  demo
    .command('users')
    .description('In các tài khoản demo: tên đăng nhập, mật khẩu, vai trò, đơn vị, lĩnh vực')
    .option('--json', 'in dạng JSON cho kịch bản và người kiểm thử')
    .action((opts: { json?: boolean }) => {
      const rows = demoUserRows();
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const lines = [
        `Tài khoản demo của Tỉnh Phú Thọ — mật khẩu chung: ${DEMO_PASSWORD}`,
        'Cán bộ đăng nhập tại /dang-nhap hoặc POST /api/v1/auth/login; công dân chọn "Đăng nhập bằng VNeID" (nhà cung cấp thử nghiệm /oidc).',
        '',
      ];
      const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - Array.from(s).length));
      lines.push(pad('TÊN ĐĂNG NHẬP', 22) + pad('VAI TRÒ', 20) + pad('ĐƠN VỊ', 10) + pad('HỌ TÊN', 24) + 'LĨNH VỰC');
      for (const r of rows) {
        const fields = r.fields === '*' ? 'mọi lĩnh vực' : r.fields.join(', ');
        const extra = r.grants.length > 1 ? ` (+${r.grants.length - 1} đơn vị: ${r.grants.slice(1).map((g) => g.unitCode).join(', ')})` : '';
        lines.push(pad(r.username, 22) + pad(r.role, 20) + pad(r.unit ?? '—', 10) + pad(r.displayName, 24) + fields + extra);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}
