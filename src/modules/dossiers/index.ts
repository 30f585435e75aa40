import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireService, type AppModule } from '../../platform/modules.ts';
import { runEvery } from '../../platform/schedule.ts';
import { applicantNoticesSubscriber, publicDossierEvent } from './service/notices.ts';
import { openLocalFileStore, type FileStore } from '../../platform/documents/index.ts';
import { ensureDemoWebhookSecret, paymentWebhookSecrets } from '../../platform/payments/index.ts';
import { dossierRoutes } from './http.ts';
import { MODULE_PERMISSIONS, createDossiersService, systemCaller, type DossiersService } from './service.ts';
import { seedDemoDossiers } from './demo.ts';
import { historySize, seedDemoHistory } from './demo-history.ts';

export type { DossiersService, Caller } from './service.ts';
export type { DossierView, Inbox, TimelineEntry, TrackView, CreateDossierInput } from './schemas.ts';
export { STATUS_INFO, AVAILABLE_ACTIONS, NATIONAL_STATUS_LABELS, CHANNEL_INFO, type DossierStatus, type Action, type Channel } from './domain/states.ts';
export type { Dossier } from './domain/model.ts';
export type { NationalSyncAck, NationalSyncAction } from './domain/national-sync.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    dossiers: DossiersService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `dossiers`: the electronic one-stop system (một cửa điện tử) — dossiers, their workflow as data,
 * deadlines, papers, fees and attachments. See docs/dossiers.md.
 */
export const dossiersModule: AppModule = {
  name: 'dossiers',
  provides: 'dossiers',
  requires: ['units', 'calendar', 'catalog', 'audit', 'identity', 'notifications', 'forms'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: MODULE_PERMISSIONS,
  create(ctx) {
    ctx.services.dossiers = createDossiersService(ctx);
    // applicants are told about their dossiers by a subscriber of the dossier events, after the commit
    // what of a dossier event may leave the platform (webhooks, NATS): ids and statuses only
    ctx.events.declarePublic({ types: ['dossiers.dossier.*'], readPermission: 'dossiers.read', data: (e) => publicDossierEvent(e.payload) });
    ctx.events.subscribe(applicantNoticesSubscriber(ctx.db, () => requireService(ctx, 'notifications', 'dossiers'), ctx.config.publicUrl));
  },
  async routes(app, ctx) {
    let files: FileStore | null = null;
    await dossierRoutes(app, ctx, ctx.services.dossiers!, () => (files ??= openLocalFileStore(ctx.config.dataDir)));
  },
  async start(ctx) {
    // expired drafts and staged uploads that no submission took (ADR 0061)
    let files: FileStore | null = null;
    const purge = () => ctx.services.dossiers!.purgeStaging((files ??= openLocalFileStore(ctx.config.dataDir)));
    const stopPurge = runEvery({ everyMs: 10 * 60_000, job: purge, onError: (err) => ctx.log.warn({ err }, 'dossier drafts purge failed') });
    // the demo province's twelve months of history, made in the background once the server is up (issue 11 §4)
    let stopping = false;
    let history: Promise<unknown> = Promise.resolve();
    if (ctx.config.seedDemo && historySize(ctx.config.env) > 0) {
      const timer = setTimeout(() => {
        history = seedDemoHistory(ctx, { shouldStop: () => stopping, pauseMs: 100 }).catch((err) => ctx.log.warn({ err }, 'dossiers: demo history failed'));
      }, 1000);
      timer.unref();
      return async () => {
        stopping = true;
        clearTimeout(timer);
        await history;
        await stopPurge();
      };
    }
    return stopPurge;
  },
  async seedDemo(ctx) {
    // the demo's bank simulator and webhook share a secret generated here (none is built in)
    ensureDemoWebhookSecret(ctx.config.dataDir);
    await seedDemoDossiers(ctx);
  },
  async startupNotes(ctx) {
    const s = ctx.services.dossiers!;
    const notes: string[] = [];
    const hook = paymentWebhookSecrets(ctx.config.dataDir, ctx.config.env).source;
    if (hook === 'none') notes.push('Thanh toán: webhook ngân hàng đang TẮT (chưa đặt PAYMENT_WEBHOOK_SECRET).');
    else if (hook === 'demo') notes.push(`Thanh toán: webhook ngân hàng dùng khóa DEMO tự tạo trong ${ctx.config.dataDir}/secrets/payments.json${ctx.config.production ? ' — CẢNH BÁO: máy chủ production cần PAYMENT_WEBHOOK_SECRET của ngân hàng.' : ''}.`);
    const r = await ctx.db.query<{ n: number; demo: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM dossiers.agency_identifier WHERE demo) AS demo FROM dossiers.dossier`,
    );
    const row = r.rows[0];
    if (row && row.n) notes.push(`Hồ sơ một cửa: ${row.n} hồ sơ${row.demo ? ` (mã định danh đơn vị là giá trị DEMO: ${row.demo} đơn vị)` : ''}.`);
    return notes;
  },
  commands(program, open) {
    const cmd = program.command('dossiers').description('Hồ sơ một cửa điện tử');
    cmd
      .command('identifiers')
      .description('Liệt kê mã định danh điện tử của các đơn vị tiếp nhận (dùng trong mã hồ sơ)')
      .option('--province <code>', 'mã tỉnh')
      .action(async (o: { province?: string }) => {
        const ctx = await open();
        for (const r of await ctx.services.dossiers!.listIdentifiers(o.province))
          process.stdout.write(`${r.unit_code}\t${r.identifier}${r.demo ? '\t(DEMO)' : ''}\n`);
      });
    cmd
      .command('set-identifier <unitCode> <identifier>')
      .description('Gán mã định danh điện tử (Quyết định 20/2020/QĐ-TTg) cho một đơn vị')
      .action(async (unitCode: string, identifier: string) => {
        const ctx = await open();
        await ctx.services.dossiers!.setIdentifier(unitCode, identifier, systemCaller('Quản trị qua dòng lệnh', 'cli'));
        process.stdout.write(`Đã gán ${identifier} cho ${unitCode}.\n`);
      });
    cmd
      .command('seed-history')
      .description('Tạo lịch sử 12 tháng cho tỉnh demo qua quy trình thật (phần còn thiếu; chạy lại không tạo thêm)')
      .option('--dossiers <n>', 'số hồ sơ của cả 12 tháng (mặc định DEMO_HISTORY_DOSSIERS hoặc 2400)')
      .action(async (o: { dossiers?: string }) => {
        const ctx = await open();
        const r = await seedDemoHistory(ctx, { total: o.dossiers === undefined ? undefined : historySize({ DEMO_HISTORY_DOSSIERS: o.dossiers }) });
        process.stdout.write(r.created ? `Đã tạo ${r.created} hồ sơ lịch sử, ${r.transitions} lượt chuyển trạng thái (${(r.ms / 1000).toFixed(1)} giây).\n` : 'Lịch sử demo đã có sẵn.\n');
      });
    cmd
      .command('seed-demo')
      .description('Tạo hồ sơ demo cho tỉnh demo (chạy lại không tạo thêm)')
      .action(async () => {
        const ctx = await open();
        const r = await seedDemoDossiers(ctx);
        process.stdout.write(r.created ? `Đã tạo ${r.created} hồ sơ demo, ${r.transitions} lượt chuyển trạng thái (${(r.ms / 1000).toFixed(1)} giây).\n` : 'Hồ sơ demo đã có sẵn.\n');
      });
  },
};
