/** HTTP routes of the calendar module: due dates (public), the days of a year (public), administrator edits. */
import { z } from 'zod';
import { problemResponses } from '../../platform/http.ts';
import type { App } from '../../platform/http.ts';
import { problems } from '../../platform/errors.ts';
import { localDateOf, parseInstant } from './domain/time.ts';
import type { FastifyRequest } from 'fastify';
import { CONFIDENCES, DAY_KINDS, TIME_UNITS, type CalendarService, type ChangeMeta, type TimeUnit } from './types.ts';

export const MANAGE = 'calendar.schedule.manage';

const PUBLIC_RATE = { max: 120, timeWindow: '1 minute' };

/** Upper bounds on a public computation (a longer limit is certainly a typing mistake). */
const MAX_AMOUNT: Record<TimeUnit, number> = { working_days: 1000, days: 3660, hours: 8000, months: 120 };
const UNIT_VI: Record<TimeUnit, string> = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ làm việc', months: 'tháng' };

const DayStatusSchema = z.object({
  date: z.string(),
  weekday: z.string(),
  working: z.boolean(),
  kind: z.enum(['workday', 'weekend', ...DAY_KINDS]),
  name: z.string().nullable(),
});

const DueAnswerSchema = z.object({
  from: z.string().describe('Thời điểm nhận, giờ Việt Nam (+07:00)'),
  amount: z.number(),
  unit: z.enum(TIME_UNITS),
  countingStartsAt: z.string().describe('Thời điểm bắt đầu tính thời hạn'),
  due: z.string().describe('Hạn giải quyết (ISO 8601, +07:00)'),
  dueDate: z.string().describe('dd/mm/yyyy'),
  dueWeekday: z.string().describe('Thứ trong tuần, ví dụ "Thứ Ba"'),
  dueText: z.string().describe('Ví dụ "17 giờ 00 phút, Thứ Tư, ngày 25/02/2026"'),
  skipped: z.array(DayStatusSchema).describe('Các ngày nghỉ bị bỏ qua (cuối tuần, lễ, nghỉ hoán đổi)'),
  makeupWorkdays: z.array(DayStatusSchema).describe('Các ngày làm bù (Thứ Bảy) được tính là ngày làm việc'),
  notes: z.array(z.string()),
});

const DayOverrideSchema = z.object({
  date: z.string(),
  kind: z.enum(DAY_KINDS),
  name: z.string(),
  legalBasis: z.string().nullable(),
  confidence: z.enum(CONFIDENCES),
  source: z.string(),
});

const YearDaysSchema = z.object({
  year: z.number().int(),
  coverage: z.enum(['stored', 'fixed_only']),
  origin: z.enum(['announced', 'derived', 'admin']).nullable(),
  source: z.string().nullable(),
  workingDays: z.number().int(),
  days: z.array(DayOverrideSchema.extend({ weekday: z.string(), applied: z.boolean() })),
});

const SessionSchema = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/, { error: 'Giờ phải có dạng HH:MM' }),
  end: z.string().regex(/^\d{2}:\d{2}$/, { error: 'Giờ phải có dạng HH:MM' }),
});
const SettingsSchema = z.object({
  sessions: z.object({ morning: SessionSchema, afternoon: SessionSchema }),
  forwardingCutoff: z.string().regex(/^\d{2}:\d{2}$/, { error: 'Giờ chốt phải có dạng HH:MM' }),
  includeUnconfirmed: z.boolean(),
});

const DateParams = z.object({ date: z.string().describe('YYYY-MM-DD') });

const DayBody = z.object({
  kind: z.enum(DAY_KINDS, { error: 'kind phải là holiday, swap_off hoặc makeup_workday' }),
  name: z.string({ error: 'Thiếu tên ngày' }).trim().min(1, { error: 'Thiếu tên ngày' }).max(300),
  legalBasis: z.string().max(500).nullable().optional(),
  confidence: z.enum(['confirmed', 'likely', 'unconfirmed'], { error: 'confidence phải là confirmed, likely hoặc unconfirmed' }).optional(),
});

function meta(request: FastifyRequest): ChangeMeta {
  return { actor: request.principal, ip: request.ip, requestId: request.id };
}

function parseAmount(raw: string, unit: TimeUnit): number {
  const s = raw.trim().replace(',', '.');
  const n = /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n)) throw problems.badRequest('invalid-amount', `Tham số amount "${raw.slice(0, 20)}" phải là một số không âm, ví dụ 3 hoặc 1.5.`);
  if (n > MAX_AMOUNT[unit]) throw problems.badRequest('invalid-amount', `Thời hạn tối đa cho phép là ${MAX_AMOUNT[unit]} ${UNIT_VI[unit]}.`);
  return n;
}

export function calendarRoutes(app: App, service: CalendarService): void {
  app.get(
    '/api/v1/calendar/due',
    {
      config: { access: { public: 'Cổng dịch vụ công và các hệ thống khác tra cứu hạn giải quyết dự kiến' }, rateLimit: PUBLIC_RATE },
      schema: {
        tags: ['calendar'],
        summary: 'Tính hạn giải quyết từ thời điểm nhận hồ sơ',
        description:
          'Ngày làm việc được tính từ ngày làm việc kế tiếp ngày nhận; n ngày làm việc kết thúc lúc hết giờ chiều của ngày thứ n (0,5 ngày = một buổi). ' +
          'Giờ: giờ làm việc trong các buổi. Ngày, tháng: theo lịch, kết thúc vào cuối ngày làm việc.',
        querystring: z.object({
          from: z.string({ error: 'Thiếu tham số from (thời điểm nhận hồ sơ, ISO 8601)' }).describe('Thời điểm nhận hồ sơ, ISO 8601, ví dụ 2026-02-13T09:00:00+07:00 (không ghi múi giờ = giờ Việt Nam)'),
          amount: z.string({ error: 'Thiếu tham số amount (thời hạn)' }).describe('Thời hạn, ví dụ 3 hoặc 1.5'),
          unit: z.enum(TIME_UNITS, { error: 'Tham số unit phải là working_days, days, hours hoặc months' }),
        }),
        response: { 200: DueAnswerSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { from, amount, unit } = request.query;
      const at = parseInstant(from, 'from');
      const year = Number(localDateOf(at).slice(0, 4));
      if (year < 1900 || year > 2150) throw problems.badRequest('invalid-datetime', `Năm ${year} nằm ngoài phạm vi tính hạn (1900–2150).`);
      return service.due(at, { amount: parseAmount(amount, unit), unit });
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      config: { access: { public: 'Lịch ngày nghỉ lễ, nghỉ bù, làm bù là thông tin công khai' }, rateLimit: PUBLIC_RATE },
      schema: {
        tags: ['calendar'],
        summary: 'Các ngày nghỉ lễ, nghỉ hoán đổi và ngày làm bù của một năm',
        querystring: z.object({
          year: z.coerce.number({ error: 'Tham số year phải là một năm, ví dụ 2026' }).int({ error: 'Tham số year phải là số nguyên' }).min(1900, { error: 'Năm phải từ 1900' }).max(2199, { error: 'Năm phải trước 2200' }),
        }),
        response: { 200: YearDaysSchema, ...problemResponses },
      },
    },
    async (request) => service.days(request.query.year),
  );

  app.put(
    '/api/v1/calendar/days/:date',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['calendar'],
        summary: 'Ghi một ngày nghỉ lễ, nghỉ hoán đổi hoặc ngày làm bù (quản trị tỉnh)',
        params: DateParams,
        body: DayBody,
        response: { 200: DayOverrideSchema, ...problemResponses },
      },
    },
    async (request) => service.putDay(request.params.date, request.body, meta(request)),
  );

  app.delete(
    '/api/v1/calendar/days/:date',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['calendar'],
        summary: 'Xoá một ngày khỏi lịch nghỉ của năm (quản trị tỉnh)',
        params: DateParams,
        response: { 200: DayOverrideSchema, ...problemResponses },
      },
    },
    async (request) => service.deleteDay(request.params.date, meta(request)),
  );

  app.get(
    '/api/v1/calendar/settings',
    {
      config: { access: { public: 'Giờ làm việc và giờ chốt chuyển hồ sơ là thông tin công khai' }, rateLimit: PUBLIC_RATE },
      schema: { tags: ['calendar'], summary: 'Giờ làm việc, giờ chốt chuyển hồ sơ giấy, ngày chưa xác nhận', response: { 200: SettingsSchema, ...problemResponses } },
    },
    async () => service.settings(),
  );

  app.put(
    '/api/v1/calendar/settings',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['calendar'],
        summary: 'Đổi giờ làm việc, giờ chốt, cách tính ngày chưa xác nhận (quản trị tỉnh)',
        body: SettingsSchema,
        response: { 200: SettingsSchema, ...problemResponses },
      },
    },
    async (request) => service.updateSettings(request.body, meta(request)),
  );
}
