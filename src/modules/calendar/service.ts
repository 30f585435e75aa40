/**
 * Use cases of the calendar module: load the calendar (cached), answer due dates, and let a province
 * administrator edit the days of a year — load → decide → save + audit + event, in one transaction.
 */
import path from 'node:path';
import type { Queryable } from '../../platform/db.ts';
import { problems } from '../../platform/errors.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { DueClock } from './domain/clock.ts';
import { formatVietnameseDate } from './domain/format.ts';
import { byYear, deriveYearSchedule, fixedSolarBaseline, planReferenceLoad } from './domain/schedule.ts';
import { DEFAULT_SETTINGS, resolveSettings } from './domain/settings.ts';
import { WEEKDAYS_VI, dateToDayIndex, localDateOf, parseInstant, toVietnamIso, weekdayOfIndex } from './domain/time.ts';
import { WorkingCalendar } from './domain/working-calendar.ts';
import { checkDay, loadHolidayReference, parseAnnouncedCsv } from './reference.ts';
import * as store from './store.ts';
import type {
  CalendarService,
  CalendarSettings,
  ChangeMeta,
  DayInput,
  DayOverride,
  DueAnswer,
  LocalDate,
  TimeLimit,
  YearDays,
  YearOrigin,
} from './types.ts';

/** Edits made by another process reach this one within this time. */
const CACHE_TTL_MS = 60_000;
const FIXED_SOLAR_SOURCE = 'derived:fixed-solar';

interface Loaded {
  cal: WorkingCalendar;
  days: DayOverride[];
  years: Map<number, store.YearScheduleRow>;
  at: number;
}

const yearOf = (date: LocalDate) => Number(date.slice(0, 4));
const ddmmyyyy = (date: LocalDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function createCalendarService(ctx: PlatformContext): CalendarService {
  let cache: Loaded | null = null;
  let loading: Promise<Loaded> | null = null;

  async function load(): Promise<Loaded> {
    if (cache && Date.now() - cache.at < CACHE_TTL_MS) return cache;
    loading ??= (async () => {
      try {
        const [days, years, settings] = await Promise.all([store.listDays(ctx.db), store.listYears(ctx.db), store.getSettings(ctx.db)]);
        const cal = new WorkingCalendar({ days, coveredYears: years.map((y) => y.year), settings: settings ?? DEFAULT_SETTINGS });
        cache = { cal, days, years: new Map(years.map((y) => [y.year, y])), at: Date.now() };
        return cache;
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  const invalidate = () => {
    cache = null;
  };

  const actorOf = (meta: ChangeMeta) => (meta.actor ? { kind: meta.actor.kind, id: meta.actor.id, subject: meta.actor.subject } : null);
  const byOf = (meta: ChangeMeta) => (meta.actor ? `${meta.actor.kind}:${meta.actor.id}` : null);

  async function audit(tx: Queryable, meta: ChangeMeta, action: string, target: string, before: unknown, after: unknown): Promise<void> {
    await requireService(ctx, 'audit', 'calendar').append(tx, {
      actor: actorOf(meta),
      actingUnit: meta.actor?.unitCode ?? null,
      action,
      target,
      ip: meta.ip ?? null,
      requestId: meta.requestId ?? null,
      before,
      after,
    });
  }

  /** Makes sure a year is stored before it is edited, so that editing one day keeps the year's other holidays. */
  async function ensureYear(tx: Queryable, year: number, meta: ChangeMeta): Promise<void> {
    if (await store.getYear(tx, year)) return;
    await store.replaceYear(tx, year, 'derived', FIXED_SOLAR_SOURCE, deriveYearSchedule(year, fixedSolarBaseline(year), FIXED_SOLAR_SOURCE), byOf(meta));
  }

  function checkYear(year: number): void {
    if (!Number.isInteger(year) || year < 1900 || year > 2199) throw problems.badRequest('invalid-year', `Năm ${String(year)} không hợp lệ (từ 1900 đến 2199).`);
  }

  function notesFor(l: Loaded, fromDate: LocalDate, dueDate: LocalDate): string[] {
    const notes: string[] = [];
    for (let y = yearOf(fromDate); y <= yearOf(dueDate); y++) {
      const row = l.years.get(y);
      if (!row) notes.push(`Năm ${y} chưa có dữ liệu ngày nghỉ Tết và Giỗ Tổ Hùng Vương: hạn được tính với các ngày lễ theo dương lịch; cần cập nhật lịch nghỉ năm ${y}.`);
      else if (row.origin === 'derived') notes.push(`Lịch nghỉ năm ${y} chưa được công bố: ngày nghỉ Tết được xếp theo cách thường lệ của Bộ luật Lao động 2019 và có thể thay đổi khi Chính phủ thông báo.`);
    }
    for (const d of l.days) {
      if (d.date > fromDate && d.date <= dueDate && !l.cal.applies(d)) {
        notes.push(`Ngày ${ddmmyyyy(d.date)} (${d.name}) chưa được xác nhận là ngày nghỉ nên vẫn được tính là ngày làm việc.`);
      }
    }
    return notes;
  }

  const service = {
    invalidate,

    async calendar() {
      return (await load()).cal;
    },

    async computeDue(from, limit, opts) {
      return (await load()).cal.computeDue(from, limit, opts);
    },

    async explainDue(from, limit, opts) {
      return (await load()).cal.explainDue(from, limit, opts);
    },

    async newClock(receivedAt, limit) {
      return DueClock.start((await load()).cal, receivedAt, limit);
    },

    async restoreClock(state) {
      return DueClock.restore((await load()).cal, state);
    },

    async forwardingTime(receivedAt) {
      return (await load()).cal.forwarding(receivedAt);
    },

    async workingHoursBetween(a, b) {
      return (await load()).cal.workingHoursBetween(a, b);
    },

    async latestApologyDate(due) {
      return (await load()).cal.latestApologyDate(due);
    },

    formatVietnameseDate,

    async due(fromInput: Date | string, limit: TimeLimit): Promise<DueAnswer> {
      const l = await load();
      const from = parseInstant(fromInput, 'from');
      const x = l.cal.explainDue(from, limit);
      const fromDate = localDateOf(from);
      const dueDate = localDateOf(x.due);
      const { skipped, makeup } = l.cal.daysBetween(fromDate, dueDate);
      const f = formatVietnameseDate(x.due);
      return {
        from: toVietnamIso(from),
        amount: limit.amount,
        unit: limit.unit,
        countingStartsAt: toVietnamIso(x.countingStartsAt),
        due: f.iso,
        dueDate: f.date,
        dueWeekday: f.weekday,
        dueText: f.text,
        skipped,
        makeupWorkdays: makeup,
        notes: notesFor(l, fromDate, dueDate),
      };
    },

    async days(year: number): Promise<YearDays> {
      checkYear(year);
      const l = await load();
      const row = l.years.get(year) ?? null;
      const days = row
        ? l.days.filter((d) => yearOf(d.date) === year)
        : deriveYearSchedule(year, fixedSolarBaseline(year), FIXED_SOLAR_SOURCE);
      return {
        year,
        coverage: l.cal.coverage(year),
        origin: row?.origin ?? null,
        source: row?.source ?? FIXED_SOLAR_SOURCE,
        workingDays: l.cal.workingDaysInYear(year),
        days: days.map((d) => ({ ...d, weekday: WEEKDAYS_VI[weekdayOfIndex(dateToDayIndex(d.date))]!, applied: l.cal.applies(d) })),
      };
    },

    async putDay(date: LocalDate, input: DayInput, meta: ChangeMeta): Promise<DayOverride> {
      dateToDayIndex(date);
      const year = yearOf(date);
      const day: DayOverride = {
        date,
        kind: input.kind,
        name: input.name.trim(),
        legalBasis: input.legalBasis?.trim() || null,
        confidence: input.confidence ?? 'confirmed',
        source: 'admin',
      };
      checkDay(day, `Ngày ${ddmmyyyy(date)}`);
      await ctx.db.transaction(async (tx) => {
        await store.lockSchedule(tx);
        await ensureYear(tx, year, meta);
        const before = await store.getDay(tx, date);
        await store.upsertDay(tx, day, byOf(meta));
        await store.setYear(tx, year, 'admin', 'admin');
        await audit(tx, meta, 'calendar.day.put', `calendar_day:${date}`, before, day);
        await emitEvent(tx, { type: 'calendar.schedule.changed', aggregateType: 'calendar_year', aggregateId: String(year), payload: { change: 'day.put', year, date, kind: day.kind, before: before?.kind ?? null } });
      });
      invalidate();
      return day;
    },

    async deleteDay(date: LocalDate, meta: ChangeMeta): Promise<DayOverride> {
      dateToDayIndex(date);
      const year = yearOf(date);
      const removed = await ctx.db.transaction(async (tx) => {
        await store.lockSchedule(tx);
        await ensureYear(tx, year, meta);
        const before = await store.getDay(tx, date);
        if (!before) throw problems.notFound(`ngày ${ddmmyyyy(date)} trong danh sách ngày nghỉ, ngày làm bù`, 'calendar-day-not-found');
        await store.deleteDay(tx, date);
        await store.setYear(tx, year, 'admin', 'admin');
        await audit(tx, meta, 'calendar.day.delete', `calendar_day:${date}`, before, null);
        await emitEvent(tx, { type: 'calendar.schedule.changed', aggregateType: 'calendar_year', aggregateId: String(year), payload: { change: 'day.delete', year, date, before: before.kind } });
        return before;
      });
      invalidate();
      return removed;
    },

    async settings(): Promise<CalendarSettings> {
      return (await load()).cal.settings;
    },

    async updateSettings(s: CalendarSettings, meta: ChangeMeta): Promise<CalendarSettings> {
      const { settings } = resolveSettings(s);
      await ctx.db.transaction(async (tx) => {
        const before = (await store.getSettings(tx)) ?? DEFAULT_SETTINGS;
        await store.saveSettings(tx, settings, byOf(meta));
        await audit(tx, meta, 'calendar.settings.update', 'calendar_settings', before, settings);
        await emitEvent(tx, { type: 'calendar.schedule.changed', aggregateType: 'calendar_settings', aggregateId: 'settings', payload: { change: 'settings', settings } });
      });
      invalidate();
      return settings;
    },

    async importSchedule(csvText: string, fileName: string, meta: ChangeMeta) {
      const days = parseAnnouncedCsv(csvText, fileName, `import:${path.basename(fileName)}`);
      if (!days.length) throw problems.badRequest('invalid-schedule', `Tệp ${fileName} không có dòng dữ liệu nào.`);
      const grouped = byYear(days);
      await ctx.db.transaction(async (tx) => {
        await store.lockSchedule(tx);
        for (const [year, rows] of grouped) {
          checkYear(year);
          const before = await store.listDays(tx, year);
          await store.replaceYear(tx, year, 'announced', `import:${path.basename(fileName)}`, rows, byOf(meta));
          await audit(tx, meta, 'calendar.schedule.import', `calendar_year:${year}`, before, rows);
          await emitEvent(tx, { type: 'calendar.schedule.changed', aggregateType: 'calendar_year', aggregateId: String(year), payload: { change: 'import', year, days: rows.length } });
        }
      });
      invalidate();
      return { years: [...grouped.keys()].sort((a, b) => a - b), days: days.length };
    },
  } satisfies CalendarService;
  return service;
}

/**
 * Loads the shipped holiday data (`<referenceDir>/holidays`): announced years as announced, the other baseline
 * years derived. Idempotent; never overwrites an announced or edited year; an announcement replaces a derived year.
 */
export async function seedCalendarReference(ctx: PlatformContext): Promise<{ years: number[] }> {
  const dir = path.join(ctx.config.referenceDir, 'holidays');
  const ref = loadHolidayReference(dir);
  if (!ref) {
    ctx.log.warn({ dir }, 'calendar: no holiday reference data; only weekends and solar-date holidays apply');
    return { years: [] };
  }
  const years = await ctx.db.transaction(async (tx) => {
    await store.lockSchedule(tx);
    const existing = new Map<number, YearOrigin>((await store.listYears(tx)).map((y) => [y.year, y.origin]));
    const loads = planReferenceLoad(existing, ref);
    for (const l of loads) await store.replaceYear(tx, l.year, l.origin, l.source, l.days, null);
    return loads.map((l) => l.year);
  });
  if (years.length) ctx.log.info({ years }, 'calendar: holiday schedules loaded');
  return { years };
}
