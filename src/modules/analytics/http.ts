/** HTTP routes of the analytics module: the service index, the ranking, the trend, the live stream, the settings. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AccessTarget } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import { problemResponses, type App } from '../../platform/http.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { INDICATOR_IDS } from './domain/indicators.ts';
import { WATCHABLE, WATCHABLE_KPIS } from './domain/kpis.ts';
import type { AnalyticsService } from './service.ts';
import { tableToCsv, tableToXlsx, type Table } from './exports.ts';
import { reportFileName, type MonthlyReports } from './monthly-reports.ts';
import { queueTotals } from './domain/queues.ts';

export const READ = 'analytics.index.read';
export const MANAGE = 'analytics.settings.manage';
export const THRESHOLDS = 'analytics.thresholds.manage';
const TAG = 'analytics';

const UNIT = z.string().regex(/^(\d{2}|\d{5}|\d{2}(\.[A-Z0-9]{1,20}){1,3})$/, { error: 'Mã đơn vị có dạng 25, 07900 hoặc 25.STP' });
const PROVINCE = z.string().regex(/^\d{2}$/, { error: 'Mã tỉnh gồm 2 chữ số' });
const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày có dạng YYYY-MM-DD' });
const PERIOD = z.string().max(30).describe('Tháng 2026-11, quý 2026-Q4, 6 tháng 2026-H2, năm 2026, hoặc khoảng 2026-01-01..2026-03-31');

const ScopeQuerySchema = z.object({
  unit: UNIT.optional().describe('Mã xã/phường hoặc cơ quan cấp tỉnh; bỏ trống: toàn tỉnh (hoặc đơn vị của người hỏi)'),
  field: z.string().trim().min(1).max(200).optional().describe('Lĩnh vực, ví dụ "Hộ tịch"'),
  province: PROVINCE.optional(),
  period: PERIOD.optional(),
  from: DAY.optional(),
  to: DAY.optional(),
});

const PeriodSchema = z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string(), asOf: z.string() });
const IndicatorSchema = z.object({
  id: z.string(),
  group: z.string(),
  label: z.string(),
  max: z.number(),
  target: z.number(),
  formula: z.string(),
  confidence: z.enum(['likely', 'open']),
  status: z.enum(['computed', 'no_data', 'not_applicable', 'full_points_rule']),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  rate: z.number().nullable(),
  points: z.number().nullable(),
  reason: z.string().nullable(),
});
const GroupSchema = z.object({ id: z.string(), label: z.string(), max: z.number(), points: z.number(), maxWithData: z.number() });
const n = z.number();
const CountsSchema = z.object({
  received: n, synced: n, onTime: n, late: n, online: n, feeDue: n, feePaidOnline: n, withResult: n, resultElectronic: n, digitised: n,
  verified: n, disliked: n, procedures: n, proceduresVerified: n, resolvedHoursSum: n, resolved: n, servicesOffered: n.nullable(), servicesWithOnline: n.nullable(),
  feedback: z.object({ received: n, handledOnTime: n, late: n, unsatisfied: n }).nullable(),
});
const IndexAnswerSchema = z.object({
  scope: z.object({ level: z.enum(['commune', 'province_department', 'field', 'province']), provinceCode: z.string(), unit: z.object({ code: z.string(), name: z.string() }).nullable(), field: z.string().nullable() }),
  period: PeriodSchema,
  counts: CountsSchema,
  index: z.object({
    total: z.number(),
    max: z.number(),
    maxWithData: z.number(),
    scaled: z.number().nullable(),
    score: z.number().nullable(),
    class: z.string().nullable(),
    groups: z.array(GroupSchema),
    indicators: z.array(IndicatorSchema),
    settingsNotes: z.array(z.string()),
  }),
});
const RankingRowSchema = z.object({
  rank: z.number().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  score: z.number().nullable(),
  total: z.number(),
  maxWithData: z.number(),
  class: z.string().nullable(),
  received: z.number(),
  late: z.number(),
  onTimeRate: z.number().nullable(),
  groups: z.array(z.object({ id: z.string(), points: z.number() })),
  tasks: z.object({ assigned: z.number(), approved: z.number(), approvedOnTime: z.number(), overdueOpen: z.number(), open: z.number(), onTimeRate: z.number().nullable() }).nullable(),
  feedback: z
    .object({
      received: z.number(), closed: z.number(), closedOnTime: z.number(), open: z.number(), overdueOpen: z.number(),
      ratings: z.object({ count: z.number(), verySatisfied: z.number(), satisfied: z.number(), unsatisfied: z.number() }),
      onTimeRate: z.number().nullable(), satisfiedRate: z.number().nullable(),
    })
    .nullable(),
});
const RankingSchema = z.object({ level: z.enum(['commune', 'department']), period: PeriodSchema, total: z.number(), rows: z.array(RankingRowSchema), settingsNotes: z.array(z.string()) });
const TrendSchema = z.object({
  scope: z.object({ unit: z.string().nullable(), field: z.string().nullable(), provinceCode: z.string() }),
  points: z.array(z.object({ period: PeriodSchema, score: z.number().nullable(), total: z.number(), class: z.string().nullable(), received: z.number(), onTime: z.number(), late: z.number(), groups: z.array(z.object({ id: z.string(), points: z.number() })) })),
});
const SettingsSchema = z.object({
  decimals: z.number().int().min(0).max(4),
  emptyDenominator: z.enum(['zero', 'not_applicable']),
  targets: z.record(z.string(), z.number()),
  communeFullPoints: z.array(z.string()),
  bands: z.array(z.object({ min: z.number(), label: z.string() })),
  classBasis: z.enum(['scaled', 'total']),
  dislikeAtOrBelow: z.number().int(),
  attributeTo: z.enum(['deciding', 'receiving']),
});
const StateSchema = z.object({ events: z.number(), lastEventAt: z.string().nullable(), rebuiltAt: z.string().nullable() });

/** The status of a sub-indicator in the export. */
const INDICATOR_STATUS: Record<'computed' | 'no_data' | 'not_applicable' | 'full_points_rule', string> = {
  computed: 'Đã tính',
  no_data: 'Chưa có dữ liệu',
  not_applicable: 'Không áp dụng',
  full_points_rule: 'Điểm tối đa (cấu hình cấp xã)',
};

/** The leading columns of the KPI export per grouping, their cells, and the title's words. */
const KPI_EXPORT_BY: Record<'unit' | 'field' | 'official', [string[], (key: string, name: string) => string[], string]> = {
  unit: [['Mã đơn vị', 'Tên đơn vị'], (key, name) => [key, name], 'theo đơn vị'],
  field: [['Lĩnh vực'], (_key, name) => [name], 'theo lĩnh vực'],
  official: [['Cán bộ'], (_key, name) => [name], 'theo cán bộ'],
};

const can = (request: FastifyRequest, permission: string, target?: AccessTarget) => {
  try {
    request.authorize(permission, target);
    return true;
  } catch {
    return false;
  }
};

export function analyticsRoutes(app: App, ctx: PlatformContext, service: AnalyticsService, reports: MonthlyReports): void {
  /** The province asked about: the query's, else the deployment's, else the caller's own unit's. */
  async function provinceOf(request: FastifyRequest, asked?: string): Promise<string> {
    if (asked) return asked;
    if (ctx.config.provinceCode) return ctx.config.provinceCode;
    const unit = request.principal?.unitCode;
    if (unit) {
      const m = /^(\d{2})(\.|$)/.exec(unit);
      if (m) return m[1]!;
      const org = await ctx.services.units?.resolveOrgUnit(unit).catch(() => null);
      if (org) return org.provinceCode;
    }
    throw problems.badRequest('province-required', 'Hãy chọn tỉnh (tham số province).');
  }

  /**
   * The scope a caller may read (the policy point decides): the unit asked for; without one, the province
   * when the caller's grant reaches it, else the caller's own unit (a commune chairman sees their commune).
   */
  async function scopeOf(request: FastifyRequest, q: { unit?: string; field?: string; province?: string }) {
    const provinceCode = await provinceOf(request, q.province);
    if (q.unit) {
      if (q.unit !== provinceCode && !q.unit.startsWith(provinceCode + '.') && /^\d{2}/.test(q.unit) && q.unit.length !== 5)
        throw problems.unprocessable('unit-not-in-province', `Đơn vị ${q.unit} không thuộc tỉnh ${provinceCode}.`);
      request.authorize(READ, { unitCode: q.unit, field: q.field });
      return { provinceCode, unit: q.unit === provinceCode ? undefined : q.unit, field: q.field };
    }
    if (can(request, READ, { unitCode: provinceCode, field: q.field })) return { provinceCode, field: q.field };
    const own = request.principal?.unitCode;
    if (own && can(request, READ, { unitCode: own, field: q.field })) return { provinceCode, unit: own, field: q.field };
    throw problems.forbidden('Bạn chỉ xem được chỉ số của đơn vị mình phụ trách.');
  }

  /**
   * The KPI rows of a scope the caller may read (the same readers as the scope's KPIs): per unit, the units
   * the policy point lets them read; per field, the fields their grant on the scope's unit covers; per
   * official, every official of the scope, by full name (the identity module's contract).
   */
  async function kpiRows(request: FastifyRequest, scope: Awaited<ReturnType<typeof scopeOf>>, period: ReturnType<AnalyticsService['resolvePeriod']>, by: 'none' | 'unit' | 'field' | 'official') {
    const rows = await service.kpis(scope, period, by);
    if (by === 'unit') return rows.filter((r) => can(request, READ, { unitCode: r.key }));
    if (by === 'field') return rows.filter((r) => can(request, READ, { unitCode: scope.unit ?? scope.provinceCode, field: r.key }));
    return rows;
  }

  app.get(
    '/api/v1/analytics/service-index',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) của một đơn vị, một lĩnh vực hoặc toàn tỉnh trong một kỳ',
        description: 'Tổng điểm, điểm từng nhóm và từng chỉ số thành phần kèm tử số, mẫu số, chỉ tiêu; chỉ số chưa có dữ liệu trả về points = null kèm lý do. Cách tính: docs/analytics.md.',
        querystring: ScopeQuerySchema,
        response: { 200: IndexAnswerSchema, ...problemResponses },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.query);
      return service.serviceIndex(scope, service.resolvePeriod(request.query));
    },
  );

  app.get(
    '/api/v1/analytics/ranking',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Xếp hạng các xã/phường hoặc các cơ quan cấp tỉnh theo chỉ số phục vụ trong một kỳ',
        description: 'Thứ hạng tính trên toàn bộ đơn vị cùng cấp; người hỏi chỉ nhận các dòng thuộc phạm vi mình được xem (lãnh đạo xã thấy dòng của xã mình và thứ hạng).',
        querystring: z.object({ level: z.enum(['commune', 'department']).default('commune'), province: PROVINCE.optional(), period: PERIOD.optional(), from: DAY.optional(), to: DAY.optional() }),
        response: { 200: RankingSchema, ...problemResponses },
      },
    },
    async (request) => {
      const provinceCode = await provinceOf(request, request.query.province);
      const r = await service.ranking(provinceCode, request.query.level, service.resolvePeriod(request.query));
      const rows = can(request, READ, { unitCode: provinceCode }) ? r.rows : r.rows.filter((row) => can(request, READ, { unitCode: row.unit.code }));
      return { level: request.query.level, period: r.period, total: r.rows.length, rows, settingsNotes: r.settingsNotes };
    },
  );

  app.get(
    '/api/v1/analytics/trend',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Diễn biến chỉ số phục vụ qua các kỳ (cũ trước)',
        querystring: ScopeQuerySchema.pick({ unit: true, field: true, province: true }).extend({ kind: z.enum(['month', 'quarter', 'half', 'year']).default('month'), n: z.coerce.number().int().min(1).max(36).default(12) }),
        response: { 200: TrendSchema, ...problemResponses },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.query);
      return { scope: { unit: scope.unit ?? null, field: scope.field ?? null, provinceCode: scope.provinceCode }, points: await service.trend(scope, request.query.kind, request.query.n) };
    },
  );

  app.get(
    '/api/v1/analytics/stream',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Luồng sự kiện (server-sent events) báo số liệu thay đổi; không gửi Accept: text/event-stream thì trả trạng thái hiện tại của bảng số liệu',
        description: 'Mỗi thay đổi: `event: change`, data = { at, units (các đơn vị người xem được), events }. Bảng điều hành tải lại số liệu khi nhận được.',
        response: { 200: StateSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        const s = await service.state();
        return { events: s?.events ?? 0, lastEventAt: s?.lastEventAt?.toISOString() ?? null, rebuiltAt: s?.rebuiltAt?.toISOString() ?? null };
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 3000\n: connected\n\n');
      const province = await provinceOf(request).catch(() => null);
      const seesAll = province ? can(request, READ, { unitCode: province }) : false;
      const stop = service.onChange((n) => {
        const units = seesAll ? n.units : n.units.filter((u) => can(request, READ, { unitCode: u }));
        if (n.units.length && !units.length) return;
        res.write(`event: change\ndata: ${JSON.stringify({ ...n, units })}\n\n`);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      ping.unref();
      request.raw.on('close', () => {
        stop();
        clearInterval(ping);
      });
    },
  );

  app.get(
    '/api/v1/analytics/settings',
    {
      config: { access: { permission: READ } },
      schema: { tags: [TAG], summary: 'Cấu hình cách tính chỉ số của tỉnh (làm tròn, mẫu số bằng 0, chỉ tiêu, ngưỡng xếp loại…)', querystring: z.object({ province: PROVINCE.optional() }), response: { 200: SettingsSchema, ...problemResponses } },
    },
    async (request) => service.settings(await provinceOf(request, request.query.province)),
  );

  app.put(
    '/api/v1/analytics/settings',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: [TAG],
        summary: 'Đổi cấu hình cách tính chỉ số của tỉnh (chỉ các trường gửi lên)',
        querystring: z.object({ province: PROVINCE.optional() }),
        body: SettingsSchema.partial(),
        response: { 200: SettingsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const province = await provinceOf(request, request.query.province);
      request.authorize(MANAGE, { unitCode: province });
      const unknown = [...Object.keys(request.body.targets ?? {}), ...(request.body.communeFullPoints ?? [])].filter((id) => !INDICATOR_IDS.includes(id));
      if (unknown.length) throw problems.unprocessable('indicator-unknown', `Không có chỉ số thành phần: ${unknown.join(', ')}.`);
      return service.putSettings(province, request.body, request.principal?.id ?? null);
    },
  );

  const KpisSchema = z.object({
    received: n, online: n, finished: n, early: n, onTime: n, late: n, inProgress: n, dueSoon: n, overdue: n, waitingApplicant: n,
    processingHoursMedian: n.nullable(), processingHoursP90: n.nullable(), backlogAgeDaysMedian: n.nullable(), backlogAgeDaysMax: n.nullable(),
    onlineShare: n.nullable(), onTimeRate: n.nullable(), lateRate: n.nullable(),
  });

  app.get(
    '/api/v1/analytics/kpis',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Chỉ tiêu điều hành: tiếp nhận, trước hạn, đúng hạn, trễ hạn, đang giải quyết, sắp đến hạn, quá hạn, chờ bổ sung, tỷ lệ trực tuyến, thời gian xử lý, tuổi hồ sơ tồn',
        description: 'by = none (cả phạm vi), unit (từng đơn vị), field (từng lĩnh vực), official (từng cán bộ được phân công). Luồng (tiếp nhận, kết thúc) tính trong kỳ; hồ sơ đang giải quyết tính tại thời điểm hỏi.',
        querystring: ScopeQuerySchema.extend({ by: z.enum(['none', 'unit', 'field', 'official']).default('none') }),
        response: { 200: z.object({ period: PeriodSchema, by: z.string(), rows: z.array(z.object({ key: z.string(), name: z.string(), kpis: KpisSchema })) }), ...problemResponses },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.query);
      const period = service.resolvePeriod(request.query);
      const rows = await kpiRows(request, scope, period, request.query.by);
      const now = new Date();
      return { period: { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString(), asOf: (period.to < now ? period.to : now).toISOString() }, by: request.query.by, rows };
    },
  );

  app.get(
    '/api/v1/analytics/late-dossiers',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Hồ sơ trễ hạn của một đơn vị (hoặc lĩnh vực) tiếp nhận trong kỳ: mã hồ sơ, thủ tục, hạn, thời điểm trễ',
        querystring: ScopeQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: {
          200: z.object({ rows: z.array(z.object({ code: z.string(), procedureCode: z.string(), field: z.string(), status: z.string(), receivedAt: z.string().nullable(), dueAt: z.string().nullable(), finishedAt: z.string().nullable(), lateSince: z.string().nullable(), unit: z.string() })) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.query);
      return { rows: await service.lateDossiers(scope, service.resolvePeriod(request.query), request.query.limit) };
    },
  );

  const ThresholdItem = z.object({ kpi: z.enum(WATCHABLE_KPIS as [string, ...string[]]), limit: z.number().min(0).max(1_000_000), email: z.email({ error: 'Địa chỉ e-mail không hợp lệ' }).max(200).nullable().default(null) });
  const ThresholdsAnswer = z.object({
    unit: z.string(),
    thresholds: z.array(z.object({ kpi: z.string(), label: z.string(), limit: n, email: z.string().nullable() })),
    /** every KPI a threshold may watch, and in which direction crossing it is bad (for the form) */
    watchable: z.array(z.object({ kpi: z.enum(WATCHABLE_KPIS as [string, ...string[]]), label: z.string(), bad: z.enum(['above', 'below']), rate: z.boolean() })),
  });
  const labelled = (unit: string, rows: { kpi: string; limit: number; email: string | null }[]) => ({
    unit,
    thresholds: rows.map((r) => ({ kpi: r.kpi, label: WATCHABLE[r.kpi as keyof typeof WATCHABLE]?.label ?? r.kpi, limit: r.limit, email: r.email })),
    watchable: WATCHABLE_KPIS.map((k) => ({ kpi: k, label: WATCHABLE[k].label, bad: WATCHABLE[k].bad, rate: /Rate$|Share$/.test(k) })),
  });

  app.get(
    '/api/v1/analytics/thresholds/:unitCode',
    {
      config: { access: { permission: READ } },
      schema: { tags: [TAG], summary: 'Ngưỡng cảnh báo chỉ tiêu điều hành của một đơn vị', params: z.object({ unitCode: UNIT }), response: { 200: ThresholdsAnswer, ...problemResponses } },
    },
    async (request) => {
      request.authorize(READ, { unitCode: request.params.unitCode });
      return labelled(request.params.unitCode, await service.thresholds([request.params.unitCode]));
    },
  );

  app.put(
    '/api/v1/analytics/thresholds/:unitCode',
    {
      config: { access: { permission: THRESHOLDS } },
      schema: {
        tags: [TAG],
        summary: 'Đặt (thay toàn bộ) ngưỡng cảnh báo của một đơn vị; vượt ngưỡng thì bảng điều hành báo và gửi e-mail (nếu có địa chỉ)',
        params: z.object({ unitCode: UNIT }),
        body: z.object({ thresholds: z.array(ThresholdItem).max(WATCHABLE_KPIS.length) }),
        response: { 200: ThresholdsAnswer, ...problemResponses },
      },
    },
    async (request) => {
      request.authorize(THRESHOLDS, { unitCode: request.params.unitCode });
      const kpis = request.body.thresholds.map((t) => t.kpi);
      if (new Set(kpis).size !== kpis.length) throw problems.unprocessable('kpi-duplicate', 'Mỗi chỉ tiêu chỉ đặt một ngưỡng.');
      const rows = await service.putThresholds(request.params.unitCode, request.body.thresholds as never, request.principal?.id ?? null);
      return labelled(request.params.unitCode, rows);
    },
  );

  app.get(
    '/api/v1/analytics/alerts',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Cảnh báo đang mở (chỉ tiêu vượt ngưỡng) của các đơn vị người xem được',
        response: { 200: z.object({ rows: z.array(z.object({ id: n, unitCode: z.string(), kpi: z.string(), value: n, limit: n, message: z.string(), raisedAt: z.string() })) }), ...problemResponses },
      },
    },
    async (request) => {
      const rows = (await service.alerts()).filter((a) => can(request, READ, { unitCode: a.unitCode }));
      return { rows: rows.map((a) => ({ id: a.id, unitCode: a.unitCode, kpi: a.kpi, value: a.value, limit: a.limit, message: a.message, raisedAt: a.raisedAt.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/analytics/export',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Tải bảng số liệu của bảng điều hành (xếp hạng, chỉ tiêu điều hành, hồ sơ trễ hạn, điểm từng chỉ số, nhiệm vụ và phản ánh theo đơn vị, hàng đợi) dạng CSV hoặc XLSX',
        description: 'table = ranking (level, period), kpis (by = unit: từng đơn vị, mặc định; field: từng lĩnh vực; official: từng cán bộ, theo họ tên), late-dossiers, index (điểm từng chỉ số thành phần của đơn vị/toàn tỉnh), work (nhiệm vụ và phản ánh, kiến nghị theo đơn vị: level, period), queues (hàng đợi hôm nay theo trung tâm phục vụ).',
        querystring: ScopeQuerySchema.extend({
          table: z.enum(['ranking', 'kpis', 'late-dossiers', 'index', 'work', 'queues']).default('ranking'),
          format: z.enum(['csv', 'xlsx']).default('csv'),
          level: z.enum(['commune', 'department']).default('commune'),
          by: z.enum(['unit', 'field', 'official']).default('unit'),
        }),
        response: { 200: z.any().describe('Tệp CSV (UTF-8, có BOM) hoặc XLSX'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const period = service.resolvePeriod(q);
      let table: Table;
      if (q.table === 'ranking') {
        const provinceCode = await provinceOf(request, q.province);
        const r = await service.ranking(provinceCode, q.level, period);
        const rows = can(request, READ, { unitCode: provinceCode }) ? r.rows : r.rows.filter((row) => can(request, READ, { unitCode: row.unit.code }));
        table = {
          title: `Xếp hạng ${period.label}`,
          columns: ['Hạng', 'Mã đơn vị', 'Tên đơn vị', 'Điểm (thang 100)', 'Tổng điểm', 'Điểm tối đa có dữ liệu', 'Xếp loại', 'Hồ sơ tiếp nhận', 'Trễ hạn', 'Tỷ lệ đúng hạn'],
          rows: rows.map((x) => [x.rank, x.unit.code, x.unit.name, x.score, x.total, x.maxWithData, x.class, x.received, x.late, x.onTimeRate]),
        };
      } else if (q.table === 'kpis') {
        const scope = await scopeOf(request, q);
        const rows = await kpiRows(request, scope, period, q.by);
        // per field and per official the name alone (an official's id is not for people)
        const [heads, lead, of] = KPI_EXPORT_BY[q.by];
        table = {
          title: `Chỉ tiêu ${of} ${period.label}`,
          columns: [...heads, 'Tiếp nhận', 'Trực tuyến', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Đang giải quyết', 'Sắp đến hạn', 'Quá hạn', 'Chờ bổ sung', 'Trung vị xử lý (giờ)', 'P90 xử lý (giờ)', 'Tồn lâu nhất (ngày)'],
          rows: rows.map(({ key, name, kpis: k }) => [...lead(key, name), k.received, k.online, k.finished, k.early, k.onTime, k.late, k.inProgress, k.dueSoon, k.overdue, k.waitingApplicant, k.processingHoursMedian, k.processingHoursP90, k.backlogAgeDaysMax]),
        };
      } else if (q.table === 'index') {
        const scope = await scopeOf(request, q);
        const a = await service.serviceIndex(scope, period);
        const group = new Map(a.index.groups.map((g) => [g.id, g.label]));
        table = {
          title: `Chỉ số ${period.label}`,
          columns: ['Nhóm', 'Chỉ số thành phần', 'Tử số', 'Mẫu số', 'Tỷ lệ', 'Chỉ tiêu', 'Điểm', 'Điểm tối đa', 'Trạng thái', 'Lý do'],
          rows: [
            ...a.index.indicators.map((i) => [group.get(i.group) ?? i.group, i.label, i.numerator, i.denominator, i.rate, i.max > 0 ? i.target : null, i.points, i.max, INDICATOR_STATUS[i.status], i.reason]),
            ['Tổng', `${a.scope.unit?.name ?? (a.scope.field ? `Toàn tỉnh · ${a.scope.field}` : 'Toàn tỉnh')}: điểm quy đổi ${a.index.scaled ?? '—'}/100, xếp loại ${a.index.class ?? '—'}`, null, null, null, null, a.index.total, a.index.maxWithData, null, null],
          ],
        };
      } else if (q.table === 'work') {
        const provinceCode = await provinceOf(request, q.province);
        const r = await service.ranking(provinceCode, q.level, period);
        const rows = (can(request, READ, { unitCode: provinceCode }) ? r.rows : r.rows.filter((row) => can(request, READ, { unitCode: row.unit.code }))).filter(
          (x) => (x.tasks?.assigned ?? 0) > 0 || (x.feedback?.received ?? 0) > 0,
        );
        table = {
          title: `Nhiệm vụ, phản ánh ${period.label}`,
          columns: ['Mã đơn vị', 'Tên đơn vị', 'Nhiệm vụ giao', 'Nhiệm vụ đã hoàn thành', 'Hoàn thành đúng hạn', 'Tỷ lệ hoàn thành đúng hạn', 'Nhiệm vụ quá hạn', 'Phản ánh tiếp nhận', 'Phản ánh đã xử lý', 'Xử lý đúng hạn', 'Tỷ lệ xử lý đúng hạn', 'Phản ánh quá hạn', 'Lượt đánh giá', 'Tỷ lệ hài lòng'],
          rows: rows.map(({ unit, tasks: k, feedback: f }) => [unit.code, unit.name, k?.assigned ?? null, k?.approved ?? null, k?.approvedOnTime ?? null, k?.onTimeRate ?? null, k?.overdueOpen ?? null, f?.received ?? null, f?.closed ?? null, f?.closedOnTime ?? null, f?.onTimeRate ?? null, f?.overdueOpen ?? null, f?.ratings.count ?? null, f?.satisfiedRate ?? null]),
        };
      } else if (q.table === 'queues') {
        const { centers } = await queueCenters(request, await provinceOf(request, q.province));
        table = {
          title: 'Hàng đợi hôm nay',
          columns: ['Mã đơn vị', 'Trung tâm, bộ phận một cửa', 'Đang chờ', 'Đã phục vụ', 'Đã cấp số', 'Chờ trung bình (phút)', 'Chờ lâu nhất (phút)'],
          rows: centers.map((c) => [c.unit.code, c.unit.name, c.waiting, c.served, c.issued, c.averageWaitMinutes, c.longestWaitMinutes]),
        };
      } else {
        const scope = await scopeOf(request, q);
        const rows = await service.lateDossiers(scope, period, 1000);
        table = {
          title: `Hồ sơ trễ hạn ${period.label}`,
          columns: ['Mã hồ sơ', 'Mã thủ tục', 'Lĩnh vực', 'Trạng thái', 'Tiếp nhận', 'Hẹn trả', 'Có kết quả', 'Trễ từ'],
          rows: rows.map((r) => [r.code, r.procedureCode, r.field, r.status, r.receivedAt, r.dueAt, r.finishedAt, r.lateSince]),
        };
      }
      const name = q.table === 'queues' ? `queues-${new Date().toISOString().slice(0, 10)}` : `${q.table}${q.table === 'kpis' && q.by !== 'unit' ? `-${q.by}` : ''}-${period.key.replace(/\.\./, '_')}`;
      if (q.format === 'xlsx')
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await tableToXlsx(table));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(tableToCsv(table));
    },
  );

  app.get(
    '/api/v1/analytics/report',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Báo cáo tháng (PDF) của một đơn vị hoặc toàn tỉnh: chỉ số, nhóm, chỉ số thành phần, chỉ tiêu điều hành, biểu đồ 12 tháng',
        querystring: ScopeQuerySchema.pick({ unit: true, province: true, period: true }),
        response: { 200: z.any().describe('Tệp PDF'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request, request.query);
      const period = service.resolvePeriod({ period: request.query.period });
      const pdf = await reports.pdf(scope, period);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(scope.unit ?? scope.provinceCode, period.key)}"`)
        .send(Buffer.from(pdf));
    },
  );

  /** Today's queue of the province's service centers the caller reads (the assistant module's figures). */
  async function queueCenters(request: FastifyRequest, provinceCode: string) {
    const rows = [];
    for (const r of await ctx.services.assistant!.queue.facts()) {
      if ((await service.provinceOfUnit(r.unit)) !== provinceCode || !can(request, READ, { unitCode: r.unit })) continue;
      rows.push(r);
    }
    const centers = [];
    for (const { unit, ...figures } of rows) centers.push({ unit: { code: unit, name: await service.unitName(unit) }, ...figures });
    return { total: queueTotals(rows), centers };
  }

  const QueueFigures = { waiting: z.number(), served: z.number(), issued: z.number(), averageWaitMinutes: z.number().nullable(), longestWaitMinutes: z.number().nullable() };
  app.get(
    '/api/v1/analytics/queues',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Hàng đợi tại bộ phận một cửa hôm nay, theo từng trung tâm phục vụ: đang chờ, đã phục vụ, thời gian chờ trung bình (số liệu của mô-đun trợ lý/kiosk)',
        querystring: z.object({ province: PROVINCE.optional() }),
        response: { 200: z.object({ total: z.object(QueueFigures), centers: z.array(z.object({ unit: z.object({ code: z.string(), name: z.string() }), ...QueueFigures })) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      return reply.header('cache-control', 'no-store').send(await queueCenters(request, await provinceOf(request, request.query.province)));
    },
  );

  const RecipientsSchema = z.object({ unitCode: z.string(), recipients: z.array(z.string()) });
  app.get(
    '/api/v1/analytics/report-recipients/:unitCode',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: [TAG],
        summary: 'Những địa chỉ nhận báo cáo tháng (PDF) của một đơn vị qua thư điện tử, gửi vào ngày làm việc đầu tiên của tháng',
        params: z.object({ unitCode: UNIT }),
        response: { 200: RecipientsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { unitCode } = request.params;
      request.authorize(READ, { unitCode });
      return { unitCode, recipients: (await reports.recipients([unitCode])).map((r) => r.email) };
    },
  );
  app.put(
    '/api/v1/analytics/report-recipients/:unitCode',
    {
      config: { access: { permission: THRESHOLDS } },
      schema: {
        tags: [TAG],
        summary: 'Đặt những địa chỉ nhận báo cáo tháng của một đơn vị (lãnh đạo đơn vị hoặc quản trị tỉnh); danh sách rỗng: ngừng gửi',
        params: z.object({ unitCode: UNIT }),
        body: z.object({ recipients: z.array(z.string().trim().max(254)).max(20) }),
        response: { 200: RecipientsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { unitCode } = request.params;
      request.authorize(THRESHOLDS, { unitCode });
      const list = await reports.putRecipients(unitCode, request.body.recipients, request.principal?.id ?? null);
      return { unitCode, recipients: list.map((r) => r.email) };
    },
  );
}
