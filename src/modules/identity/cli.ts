import type { Command } from 'commander';
import type { AppModule, PlatformContext } from '../../platform/modules.ts';
import { DEMO_PASSWORD, demoUserRows } from './demo/people.ts';
import { ROLES, ROLE_LABELS } from './domain/roles.ts';
import { compilePolicy } from './policy/compile-policy/compile-policy.ts';

/** The roles → permissions table of the given modules, as Markdown (docs/identity.md is made with it). */
export function permissionsMarkdown(modules: AppModule[]): string {
  const catalogue: Record<string, readonly string[]> = {};
  for (const m of modules) Object.assign(catalogue, m.permissions ?? {});
  const policy = compilePolicy(catalogue);
  const head = `| quyền | ${ROLES.map((r) => r).join(' | ')} |\n|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = policy.table().map(({ permission, roles }) => `| \`${permission}\` | ${ROLES.map((r) => (roles.includes(r) ? '✓' : '')).join(' | ')} |`);
  const legend = ROLES.map((r) => `\`${r}\` = ${ROLE_LABELS[r]}`).join('; ');
  return [head, ...rows, '', legend].join('\n') + '\n';
}

/** Where the commands print, and how `set-password` reads the password (stdin by default; tests pass their own). */
export interface CliIO {
  write(text: string): unknown;
  readSecret?(): Promise<string>;
}

/**
 * Reads a password from standard input: piped (`printf '%s' "$MK" | …`), or typed at a terminal without
 * being shown. A trailing line break is not part of it.
 */
export async function readSecretFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  process.stderr.write('Mật khẩu mới (không hiện khi gõ), nhấn Enter để kết thúc: ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  let typed = '';
  try {
    for await (const key of stdin) {
      for (const ch of String(key)) {
        if (ch === '\r' || ch === '\n') return typed;
        if (ch === '\u0003') throw new Error('Đã huỷ.');
        if (ch === '\u007f' || ch === '\b') typed = Array.from(typed).slice(0, -1).join('');
        else typed += ch;
      }
    }
    return typed;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

/**
 * `lienthong demo users [--json]`, `lienthong identity permissions` and `lienthong identity set-password
 * <username>` (printing to `io.write`, stdout by default).
 */
export function identityCommands(
  program: Command,
  open?: () => Promise<PlatformContext>,
  io: CliIO = { write: (text) => process.stdout.write(text), readSecret: readSecretFromStdin },
): void {
  const out = io;
  const identity = program.commands.find((c) => c.name() === 'identity') ?? program.command('identity').description('Người dùng, vai trò và quyền');
  identity
    .command('permissions')
    .description('In bảng quyền → vai trò do mọi phân hệ khai báo (Markdown)')
    .action(async () => {
      const { modules } = await import('../index.ts');
      out.write(permissionsMarkdown(modules));
    });

  identity
    .command('set-password')
    .description(
      'Đặt mật khẩu mới cho một cán bộ (đọc từ đầu vào chuẩn, ví dụ: printf \'%s\' "$MAT_KHAU" | lienthong identity set-password qtv.tinh). ' +
        'Mật khẩu phải dài ít nhất 10 ký tự và khó đoán (không phải mật khẩu phổ biến, tên người, địa danh hay mật khẩu demo); các lần khoá đăng nhập được gỡ.',
    )
    .argument('<username>', 'tên đăng nhập của cán bộ')
    .action(async (username: string) => {
      if (!open) throw new Error('Lệnh này cần cơ sở dữ liệu.');
      const password = await (io.readSecret ?? readSecretFromStdin)();
      if (!password) throw new Error('Chưa nhập mật khẩu.');
      const ctx = await open();
      await ctx.services.identity!.setOfficialPassword(null, username, password);
      out.write(`Đã đặt mật khẩu mới cho ${username.trim().toLowerCase()}.\n`);
    });

  const demo = program.commands.find((c) => c.name() === 'demo') ?? program.command('demo').description('Dữ liệu tỉnh demo (Tỉnh Phú Thọ)');
  demo
    .command('users')
    .description('In các tài khoản demo: tên đăng nhập, mật khẩu, vai trò, đơn vị, lĩnh vực')
    .option('--json', 'in dạng JSON cho kịch bản và người kiểm thử')
    .action((opts: { json?: boolean }) => {
      const rows = demoUserRows();
      if (opts.json) {
        out.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const lines = [
        `Tài khoản demo của Tỉnh Phú Thọ — mật khẩu chung: ${DEMO_PASSWORD}`,
        'Cán bộ đăng nhập tại /dang-nhap hoặc POST /api/v1/auth/login; công dân chọn "Đăng nhập bằng VNeID" (nhà cung cấp thử nghiệm /oidc).',
        '',
      ];
      const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - Array.from(s).length));
      lines.push(pad('TÊN ĐĂNG NHẬP', 22) + pad('VAI TRÒ', 20) + pad('ĐƠN VỊ', 12) + pad('HỌ TÊN', 24) + 'LĨNH VỰC');
      for (const r of rows) {
        const fields = r.fields === '*' ? 'mọi lĩnh vực' : r.fields.join(', ');
        const extra = r.grants.length > 1 ? ` (+${r.grants.length - 1} đơn vị: ${r.grants.slice(1).map((g) => g.unitCode).join(', ')})` : '';
        lines.push(pad(r.username, 22) + pad(r.role, 20) + pad(r.unit ?? '—', 12) + pad(r.displayName, 24) + fields + extra);
      }
      out.write(lines.join('\n') + '\n');
    });
}
