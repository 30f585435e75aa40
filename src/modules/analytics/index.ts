import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { analyticsRoutes, MANAGE, READ, THRESHOLDS } from './http.ts';
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

/**
 * Module `analytics`: the leaders' dashboard — the national service index (Quyết định 766) per commune,
 * department, field and province, rankings and trends, computed from a projection of the dossier events.
 * See docs/analytics.md and ADR 0080–0081.
 */
export const analyticsModule: AppModule = {
  name: 'analytics',
  provides: 'analytics',
  requires: ['units', 'catalog', 'calendar', 'notifications', 'dossiers', 'tasks', 'feedback'],
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

  /** In the server: the alerts are checked a few seconds after the figures move, and every 5 minutes (overdue grows with time). */
  async start(ctx) {
    const s = ctx.services.analytics!;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> = Promise.resolve();
    const check = () => {
      running = s.checkAlerts().catch((err) => ctx.log.warn({ err }, 'analytics: alert check failed'));
    };
    const stopListening = s.onChange((n) => {
      if (n.events === 0 || timer) return;
      timer = setTimeout(() => {
        timer = null;
        check();
      }, 3000);
      timer.unref();
    });
    const every = setInterval(check, 300_000);
    every.unref();
    return async () => {
      stopListening();
      clearInterval(every);
      if (timer) clearTimeout(timer);
      await running;
    };
  },

  routes(app, ctx) {
    analyticsRoutes(app, ctx, ctx.services.analytics!);
  },

  commands(program, open) {
    const cmd = program.command('analytics').description('Bảng điều hành: chỉ số phục vụ (Quyết định 766), xếp hạng');
    cmd
      .command('rebuild')
      .description('Tính lại toàn bộ bảng số liệu từ nhật ký sự kiện hồ sơ (kết quả phải trùng với số liệu đang chạy)')
      .action(async () => {
        const ctx = await open();
        const r = await ctx.services.analytics!.rebuild();
        process.stdout.write(`Đã tính lại từ ${r.events} sự kiện: ${r.dossiers} hồ sơ (${r.seconds} giây).\n`);
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
