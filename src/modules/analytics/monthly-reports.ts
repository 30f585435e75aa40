/**
 * The monthly PDF report of a unit (or the province) and its e-mail: on the first working day of a month
 * (the calendar module's working days), each unit with recipients gets the previous month's report through
 * the notifications module, at most once per unit and month (`analytics.report_dispatch`).
 */
import { z } from 'zod';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { trailingPeriods, type Period } from './domain/periods.ts';
import { reportMonthDue } from './domain/report-schedule.ts';
import { monthlyReport } from './exports.ts';
import * as reportStore from './report-store.ts';
import type { AnalyticsService, ScopeQuery } from './service.ts';

export type MonthlyReports = ReturnType<typeof createMonthlyReports>;

const Email = z.email();

/** The file name of a unit's report of a month. */
export const reportFileName = (unit: string, periodKey: string) => `bao-cao-${unit}-${periodKey}.pdf`;

export function createMonthlyReports(ctx: PlatformContext, analytics: AnalyticsService, opts: { now?: () => Date } = {}) {
  const db = ctx.db;
  const now = opts.now ?? (() => new Date());

  /** The PDF: index, groups, sub-indicators, KPIs and a 12-month bar chart of the scaled score. */
  async function pdf(scope: ScopeQuery, period: Period): Promise<Uint8Array> {
    if (period.kind !== 'month') throw problems.badRequest('period-not-month', 'Báo cáo tháng cần kỳ là một tháng, ví dụ 2026-11.');
    const answer = await analytics.serviceIndex(scope, period);
    const [k] = await analytics.kpis(scope, period);
    const trend = [];
    for (const p of trailingPeriods('month', new Date(period.from.getTime() + 86_400_000), 12)) trend.push({ label: p.label, score: (await analytics.serviceIndex(scope, p)).index.score });
    return monthlyReport({ answer, kpis: k!.kpis, trend, generatedAt: now(), ...(scope.unit ? {} : { provinceName: await provinceName(scope.provinceCode) }) });
  }

  /** "Tỉnh Phú Thọ" (the units module's name of the province, with its type word once). */
  const provinceName = async (code: string) => `Tỉnh ${(await analytics.unitName(code)).replace(/^Tỉnh\s+/, '')}`;

  /**
   * Sends the reports due at `at` (the previous month's, from the first working day of the month on) to the
   * units not sent yet; returns the month and the units sent. A unit whose report fails is tried on the next run.
   */
  async function sendDue(at = now()): Promise<{ period: string | null; units: string[] }> {
    const cal = await ctx.services.calendar!.calendar();
    const period = reportMonthDue(at, (day) => cal.isWorkingDay(day));
    if (!period) return { period: null, units: [] };
    const byUnit = new Map<string, string[]>();
    for (const r of await reportStore.recipients(db)) byUnit.set(r.unitCode, [...(byUnit.get(r.unitCode) ?? []), r.email]);
    const done = await reportStore.dispatched(db, period.key);
    const sent: string[] = [];
    for (const [unit, emails] of byUnit) {
      if (done.has(unit)) continue;
      try {
        const provinceCode = await analytics.provinceOfUnit(unit);
        if (!provinceCode) continue;
        const scope: ScopeQuery = { provinceCode, ...(unit === provinceCode ? {} : { unit }) };
        const file = await pdf(scope, period);
        const agencyName = unit === provinceCode ? await provinceName(unit) : await analytics.unitName(unit);
        const fresh = await db.transaction(async (tx) => {
          if (!(await reportStore.recordDispatch(tx, unit, period.key, at, emails.length))) return false;
          for (const to of emails)
            await ctx.services.notifications!.enqueue(tx, {
              channel: 'email',
              to,
              template: 'monthly_report',
              data: { agencyName, periodLabel: period.label.toLowerCase(), dashboardUrl: `${ctx.config.publicUrl}/can-bo/dieu-hanh` },
              unitCode: unit,
              key: `analytics:monthly-report:${unit}:${period.key}:${to}`,
              attachments: [{ filename: reportFileName(unit, period.key), contentType: 'application/pdf', content: file }],
            });
          return true;
        });
        if (fresh) sent.push(unit);
      } catch (err) {
        ctx.log.warn({ err, unit, period: period.key }, 'analytics: monthly report not sent');
      }
    }
    if (sent.length) ctx.log.info({ period: period.key, units: sent.length }, 'analytics: monthly reports e-mailed');
    return { period: period.key, units: sent };
  }

  return {
    pdf,
    sendDue,
    recipients: (units?: string[]) => reportStore.recipients(db, units),
    /** Replaces a unit's recipients (valid, distinct e-mail addresses; an empty list stops the e-mail). */
    async putRecipients(unitCode: string, emails: string[], by: string | null) {
      const list = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
      const bad = list.filter((e) => !Email.safeParse(e).success);
      if (bad.length) throw problems.unprocessable('email-invalid', `Địa chỉ thư điện tử không hợp lệ: ${bad.join(', ')}.`);
      await db.transaction((tx) => reportStore.replaceRecipients(tx, unitCode, list, by));
      return reportStore.recipients(db, [unitCode]);
    },
  };
}
