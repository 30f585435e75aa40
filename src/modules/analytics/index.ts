import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule, PlatformContext } from '../../platform/modules.ts';
import { runEvery } from '../../platform/schedule.ts';
import { analyticsRoutes, MANAGE, READ, THRESHOLDS } from './http.ts';
import { createMonthlyReports, type MonthlyReports } from './monthly-reports.ts';
import { createAnalyticsService, PROJECTION, type AnalyticsService } from './service.ts';

export type { AnalyticsService, ServiceIndexAnswer, RankingRow, ChangeNotice } from './service.ts';
export type { IndexResult, IndicatorResult } from './domain/score.ts';
export type { IndexSettings } from './domain/settings.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    analytics: AnalyticsService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The monthly reports of each runtime (the PDF and its e-mail), made with the service. */
const reportsOf = new WeakMap<object, MonthlyReports>();
export function monthlyReportsOf(ctx: PlatformContext): MonthlyReports {
  let r = reportsOf.get(ctx.services.analytics!);
  if (!r) reportsOf.set(ctx.services.analytics!, (r = createMonthlyReports(ctx, ctx.services.analytics!)));
  return r;
}

/** Demo recipients of the monthly report (the demo's e-mail goes to the log unless SMTP_URL is set). */
const DEMO_REPORT_RECIPIENTS: Record<string, string[]> = {
  '25': ['lanhdao.tinh@phutho.example.vn'],
  '07900': ['lanhdao.viettri@phutho.example.vn'],
  '25.SNNMT': ['lanhdao.snnmt@phutho.example.vn'],
};

/**
 * Module `analytics`: the leaders' dashboard — the national service index (Quyết định 766) per commune,
 * department, field and province, rankings and trends, computed from a projection of the dossier events.
 * See docs/analytics.md and ADR 0080–0081.
 */
export const analyticsModule: AppModule = {
  name: 'analytics',
  provides: 'analytics',
  requires: ['units', 'catalog', 'calendar', 'identity', 'notifications', 'dossiers', 'assistant', 'tasks', 'feedback'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: { [READ]: ['leader', 'province_admin'], [MANAGE]: ['province_admin'], [THRESHOLDS]: ['leader', 'province_admin'] },

  create(ctx) {
    const service = createAnalyticsService(ctx);
    ctx.services.analytics = service;
    // the projection, a durable subscriber: every dossier event (idempotent: a dossier keeps its newest version)
    ctx.events.subscribe({
      name: PROJECTION,
      types: ['dossiers.dossier.*'],
      handle: async (e) => {
        await service.applyEvents([{ payload: e.payload, occurredAt: e.occurredAt }]);
      },
    });
  },

  /**
   * In the server: a projection made before the day counters gets them once; the alerts are checked every 5
   * minutes (overdue grows with time) and 3 seconds after the figures move (one check for a burst of events).
   */
  async start(ctx) {
    const s = ctx.services.analytics!;
    if (await s.fillMissingDayCounters()) ctx.log.info('analytics: day counters summed from the projection (migration 006)');
    const alerts = runEvery({ everyMs: 300_000, job: () => s.checkAlerts(), onError: (err) => ctx.log.warn({ err }, 'analytics: alert check failed') });
    let soon: NodeJS.Timeout | null = null;
    const stopListening = s.onChange((n) => {
      if (n.events === 0 || soon) return;
      soon = setTimeout(() => {
        soon = null;
        alerts.now();
      }, 3000);
      soon.unref();
    });
    // the monthly report e-mail: due on the first working day of the month, checked every 30 minutes (the
    // first check 30 minutes after start: a fresh demo's history is made by then, not half-way)
    const reports = monthlyReportsOf(ctx);
    const stopReports = runEvery({ everyMs: 30 * 60_000, job: () => reports.sendDue(), onError: (err) => ctx.log.warn({ err }, 'analytics: monthly reports failed') });
    return async () => {
      stopListening();
      if (soon) clearTimeout(soon);
      await alerts();
      await stopReports();
    };
  },

  async seedDemo(ctx) {
    const reports = monthlyReportsOf(ctx);
    if ((await reports.recipients()).length) return;
    for (const [unit, emails] of Object.entries(DEMO_REPORT_RECIPIENTS)) await reports.putRecipients(unit, emails, 'demo');
  },

  routes(app, ctx) {
    analyticsRoutes(app, ctx, ctx.services.analytics!, monthlyReportsOf(ctx));
  },

  commands(program, open) {
    const cmd = program.command('analytics').description('Bảng điều hành: chỉ số phục vụ (Quyết định 766), xếp hạng');
    cmd
      .command('rebuild')
      .description('Tính lại toàn bộ bảng số liệu từ nhật ký sự kiện hồ sơ (kết quả phải trùng với số liệu đang chạy)')
      .action(async () => {
        const ctx = await open();
        const r = await ctx.services.analytics!.rebuild();
        const phase: Record<string, string> = { pick_s: 'chọn sự kiện', load_s: 'ghi hồ sơ', indexes_s: 'chỉ mục', counters_s: 'bộ đếm', analyze_s: 'thống kê' };
        const phases = Object.entries(r.phases).map(([k, v]) => `${phase[k] ?? k} ${v}`).join('; ');
        process.stdout.write(`Đã tính lại từ ${r.events} sự kiện: ${r.dossiers} hồ sơ (${r.seconds} giây: ${phases}).\n`);
        if (r.rejected.count)
          process.stdout.write(`Bỏ qua ${r.rejected.count} sự kiện có số phiên bản không phải số nguyên từ 0 đến 2147483647 (seq ${r.rejected.seqs.join(', ')}${r.rejected.count > r.rejected.seqs.length ? ', …' : ''}).\n`);
      });
    cmd
      .command('send-reports')
      .description('Gửi báo cáo tháng (PDF) qua thư điện tử cho các đơn vị đến hạn: từ ngày làm việc đầu tiên của tháng, báo cáo tháng trước, mỗi đơn vị một lần')
      .action(async () => {
        const ctx = await open();
        const r = await monthlyReportsOf(ctx).sendDue();
        await ctx.services.notifications!.deliverDue();
        process.stdout.write(r.period ? `Báo cáo ${r.period}: đã gửi cho ${r.units.length} đơn vị${r.units.length ? ` (${r.units.join(', ')})` : ' (các đơn vị đã nhận trước đó)'}.\n` : 'Chưa đến ngày làm việc đầu tiên của tháng: không có báo cáo đến hạn.\n');
      });
    cmd
      .command('index')
      .description('In chỉ số phục vụ của một đơn vị (hoặc toàn tỉnh) trong một kỳ')
      .requiredOption('--province <code>', 'mã tỉnh, ví dụ 25')
      .option('--unit <code>', 'mã xã/phường hoặc cơ quan')
      .option('--period <key>', 'kỳ: 2026-11, 2026-Q4, 2026-H2, 2026')
      .action(async (o: { province: string; unit?: string; period?: string }) => {
        const ctx = await open();
        const s = ctx.services.analytics!;
        const a = await s.serviceIndex({ provinceCode: o.province, unit: o.unit }, s.resolvePeriod({ period: o.period }));
        const lines = [`${a.scope.unit?.name ?? `Tỉnh ${o.province}`} — ${a.period.label}: ${a.index.total}/${a.index.maxWithData} điểm (quy đổi ${a.index.scaled ?? '—'}/100), xếp loại ${a.index.class ?? '—'}`];
        for (const i of a.index.indicators)
          lines.push(`  ${i.label}: ${i.points === null ? (i.status === 'no_data' ? 'chưa có dữ liệu' : 'không áp dụng') : `${i.points}/${i.max}`}${i.denominator !== null ? ` (${i.numerator}/${i.denominator})` : ''}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
  },
};
