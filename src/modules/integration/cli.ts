import crypto from 'node:crypto';
import type { Command } from 'commander';
import type { PlatformContext } from '../../platform/modules.ts';
import { SANDBOX_KINDS, startSandbox, type SandboxKind } from './sandbox/server.ts';
import type { IntegrationService } from './index.ts';

interface Output {
  write(text: string): unknown;
}

const SANDBOX_LABELS: Record<SandboxKind, string> = {
  dvcqg: 'Cổng Dịch vụ công quốc gia (DVCQG)',
  population: 'CSDL quốc gia về dân cư',
  ndxp: 'Nền tảng điều phối dữ liệu quốc gia',
};

/** `lienthong sandbox <kind>`, `lienthong exchange verify|rotate-key`, `lienthong integration …`. */
export function integrationCommands(program: Command, open: () => Promise<PlatformContext>, out: Output = process.stdout): void {
  const svc = async () => (await open()).services.integration as IntegrationService;

  program
    .command('sandbox <kind>')
    .description(`Chạy hệ thống quốc gia giả lập (${SANDBOX_KINDS.join(', ')}) với dữ liệu mẫu, cho demo và kiểm thử; dừng bằng Ctrl+C`)
    .option('--port <port>', 'cổng (0: để hệ điều hành chọn)', '0')
    .option('--host <host>', 'địa chỉ lắng nghe', '127.0.0.1')
    .option('--key <key>', 'khóa truy cập mà nền tảng gửi (Authorization: Bearer); mặc định tạo ngẫu nhiên')
    .action(async (kind: string, o: { port: string; host: string; key?: string }) => {
      if (!(SANDBOX_KINDS as readonly string[]).includes(kind)) throw new Error(`Không có hệ thống giả lập "${kind}"; chọn một trong: ${SANDBOX_KINDS.join(', ')}.`);
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port phải là số cổng từ 0 đến 65535.');
      const key = o.key ?? crypto.randomBytes(16).toString('hex');
      if (key.length < 8) throw new Error('--key phải dài ít nhất 8 ký tự.');
      const s = await startSandbox(kind as SandboxKind, { port, host: o.host, key });
      const env = kind === 'dvcqg' ? 'DVCQG' : kind === 'population' ? 'POPULATION' : 'NDXP';
      out.write(`Hệ thống giả lập ${SANDBOX_LABELS[kind as SandboxKind]} đang chạy tại ${s.url}\n`);
      out.write(`Cấu hình Liên Thông: ${env}_URL=${s.url} ${env}_API_KEY=${key}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await s.close();
    });

  const exchange = program.command('exchange').description('Nhật ký trao đổi với hệ thống khác');
  exchange
    .command('verify')
    .description('Kiểm tra chuỗi băm và chữ ký của toàn bộ nhật ký trao đổi; mã thoát 1 và bản ghi hỏng đầu tiên khi bị phá vỡ')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await (await svc()).exchange.verify();
      if (o.json) out.write(JSON.stringify(r, null, 2) + '\n');
      else if (r.ok) out.write(`Nhật ký trao đổi nguyên vẹn: đã kiểm tra ${r.checked} bản ghi (chuỗi băm và chữ ký).${r.head ? ` Đầu chuỗi: ${r.head.seq}:${r.head.hash}` : ''}\n`);
      else out.write(`NHẬT KÝ TRAO ĐỔI BỊ PHÁ VỠ sau ${r.checked} bản ghi hợp lệ: ${r.broken!.message}\n`);
      if (!r.ok) process.exitCode = 1;
    });
  exchange
    .command('rotate-key')
    .description('Thay khóa ký nhật ký trao đổi; các bản ghi cũ vẫn được kiểm tra bằng khóa đã ký chúng')
    .action(async () => {
      const r = await (await svc()).exchange.rotateKey();
      out.write(`Khóa ký nhật ký trao đổi mới: ${r.current}; khóa cũ ${r.retired} vẫn dùng để kiểm tra các bản ghi đến số ${r.lastSeq}.\n`);
    });

  const cmd = program.command('integration').description('Hệ thống kết nối, liên thông với hệ thống quốc gia');
  cmd
    .command('clients')
    .description('Liệt kê các hệ thống kết nối')
    .action(async () => {
      for (const c of await (await svc()).clients.list()) out.write(`${c.id}\t${c.active ? 'hoạt động' : 'đã thu hồi'}\t${c.agencyName}\t${c.scopes.join(' ')}\n`);
    });
  cmd
    .command('rotate-key')
    .description('Xoay khóa ký mã truy cập của hệ thống kết nối')
    .action(async () => {
      const r = await (await svc()).keys.rotate();
      out.write(`Khóa ký mới: ${r.kid}${r.retired.length ? `; khóa cũ (vẫn công bố đến khi mã hết hạn): ${r.retired.join(', ')}` : ''}\n`);
    });
  cmd
    .command('intake')
    .description('Nhận ngay các hồ sơ mới nộp trên Cổng Dịch vụ công quốc gia')
    .action(async () => {
      const s = await svc();
      if (!s.national.enabled()) throw new Error('Chưa cấu hình DVCQG_URL.');
      const r = await s.national.intake();
      for (const x of r.received) out.write(`${x.nationalId} → ${x.code}\n`);
      for (const x of r.failed) out.write(`${x.nationalId}: LỖI ${x.error}\n`);
      out.write(`Đã nhận ${r.received.length} hồ sơ${r.failed.length ? `, ${r.failed.length} lỗi` : ''}.\n`);
    });
}
