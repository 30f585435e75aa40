import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { calendarRoutes, MANAGE } from './http.ts';
import { createCalendarService, seedCalendarReference } from './service.ts';
import { TIME_UNITS, type CalendarService, type TimeUnit } from './types.ts';

export type * from './types.ts';
export { TIME_UNITS, DAY_KINDS } from './types.ts';
export { WorkingCalendar } from './domain/working-calendar.ts';
export { DueClock } from './domain/clock.ts';
export { formatVietnameseDate } from './domain/format.ts';
export { toVietnamIso, parseInstant } from './domain/time.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    calendar: CalendarService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `calendar`: the working-day calendar (weekends, public holidays with Tết and Giỗ Tổ, announced swaps
 * and make-up Saturdays), due dates in working days / days / hours / months with pauses and restarts, and the
 * administrator's edits of a year. Service: `ctx.services.calendar` (see CalendarService in types.ts).
 */
export const calendarModule: AppModule = {
  name: 'calendar',
  provides: 'calendar',
  requires: ['audit'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: { [MANAGE]: ['province_admin'] },

  create(ctx) {
    ctx.services.calendar = createCalendarService(ctx);
  },

  async seedReference(ctx) {
    await seedCalendarReference(ctx);
    ctx.services.calendar?.invalidate();
  },

  routes(app, ctx) {
    calendarRoutes(app, ctx.services.calendar!);
  },

  commands(program, open) {
    const importCmd = program.commands.find((c) => c.name() === 'import');
    importCmd
      ?.command('holidays <file>')
      .description('Nạp lịch nghỉ đã công bố của một hoặc nhiều năm từ tệp CSV (date,kind,name_vi,legal_basis,confidence); thay toàn bộ các năm có trong tệp')
      .action(async (file: string) => {
        const ctx = await open();
        const r = await ctx.services.calendar!.importSchedule(fs.readFileSync(file, 'utf8'), path.basename(file), { actor: null });
        process.stdout.write(`Đã nạp ${r.days} ngày cho năm ${r.years.join(', ')}.\n`);
      });

    const cal = program.command('calendar').description('Lịch làm việc: ngày nghỉ, hạn giải quyết');
    cal
      .command('due <from> <amount> <unit>')
      .description(`Tính hạn giải quyết; unit: ${TIME_UNITS.join(' | ')}; from: ví dụ 2026-02-13T09:00`)
      .action(async (from: string, amount: string, unit: string) => {
        const ctx = await open();
        if (!TIME_UNITS.includes(unit as TimeUnit)) throw new Error(`Đơn vị "${unit}" không hợp lệ: dùng ${TIME_UNITS.join(', ')}.`);
        const a = await ctx.services.calendar!.due(from, { amount: Number(amount), unit: unit as TimeUnit });
        const lines = [`Nhận: ${a.from}`, `Bắt đầu tính: ${a.countingStartsAt}`, `Hạn: ${a.dueText} (${a.due})`];
        if (a.skipped.length) lines.push(`Ngày nghỉ bỏ qua: ${a.skipped.map((d) => `${d.date} (${d.name ?? d.weekday})`).join('; ')}`);
        if (a.makeupWorkdays.length) lines.push(`Ngày làm bù được tính: ${a.makeupWorkdays.map((d) => d.date).join(', ')}`);
        for (const n of a.notes) lines.push(`Lưu ý: ${n}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
    cal
      .command('days <year>')
      .description('Liệt kê ngày nghỉ lễ, nghỉ hoán đổi, ngày làm bù của một năm')
      .action(async (year: string) => {
        const ctx = await open();
        const y = await ctx.services.calendar!.days(Number(year));
        const lines = [`Năm ${y.year}: ${y.workingDays} ngày làm việc; nguồn: ${y.origin ?? 'chưa có dữ liệu'} (${y.source ?? ''})`];
        for (const d of y.days) lines.push(`${d.date} ${d.weekday.padEnd(8)} ${d.kind.padEnd(14)} ${d.name}${d.applied ? '' : ' [chưa áp dụng: chưa xác nhận]'}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
  },
};
