import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { buildApp, openRuntime, seed, type Runtime } from '../src/main.ts';
import type { Principal } from '../src/platform/access.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { App } from '../src/platform/http.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { AppModule } from '../src/platform/modules.ts';
import path from 'node:path';
import { projectRoot } from '../src/platform/config.ts';
import { auditModule } from '../src/modules/audit/index.ts';
import { calendarModule } from '../src/modules/calendar/index.ts';
import { freshDb } from './helpers/db.ts';

/**
 * The calendar routes on the real platform layer (HTTP, policy hook, migrations, outbox) with the calendar
 * and audit modules, on PGlite or PostgreSQL, reference data seeded. Only the modules this one uses are
 * loaded, so other modules' work in progress cannot break these tests and the seed stays cheap.
 * Sign-in is replaced by a test policy point (the last module's accessControl wins): the header
 * `x-test-roles` names the caller's roles, and a permission is granted by the roles the modules declare
 * (ctx.permissions), so the routes' declared permissions are what is tested.
 */
const platformModule: AppModule = { name: 'platform', migrationsDir: path.join(projectRoot, 'src', 'platform', 'migrations') };
const testAccess: AppModule = {
  name: 'test-access',
  accessControl: (ctx) => ({
    async authenticate(request: FastifyRequest): Promise<Principal | null> {
      const roles = request.headers['x-test-roles'];
      if (typeof roles !== 'string' || !roles) return null;
      return {
        kind: 'official',
        id: '00000000-0000-4000-8000-000000000001',
        subject: 'quantri.tinh',
        displayName: 'Quản trị tỉnh',
        unitCode: '25',
        grants: roles.split(',').map((role) => ({ role, unitCode: '25', fields: '*' as const })),
        via: 'test',
      };
    },
    can: (p, permission) => p.grants.some((g) => (ctx.permissions[permission] ?? []).includes(g.role)),
  }),
};

let rt: Runtime;
let app: App;
let drop: () => Promise<void>;

before(async () => {
  const fresh = await freshDb();
  drop = fresh.drop;
  const config = loadConfig({ DATA_DIR: './tmp/test-data', LOG_LEVEL: 'silent' });
  rt = await openRuntime(config, { db: fresh.db, log: createLogger('silent'), modules: [platformModule, auditModule, calendarModule, testAccess] });
  await seed(rt, { demo: false });
  app = await buildApp(rt);
});

after(async () => {
  await app?.close();
  await rt?.close();
  await drop?.();
});

const ADMIN = { 'x-test-roles': 'province_admin' };
const get = (url: string) => app.inject({ method: 'GET', url });
const due = (from: string, amount: string | number, unit: string) =>
  get(`/api/v1/calendar/due?from=${encodeURIComponent(from)}&amount=${amount}&unit=${unit}`);

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await rt.ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;
}

describe('GET /api/v1/calendar/due', () => {
  it('crosses Tết 2026 as announced and lists the days skipped', async () => {
    const r = await due('2026-02-13T09:00:00+07:00', 3, 'working_days');
    assert.equal(r.statusCode, 200);
    const b = r.json();
    assert.equal(b.due, '2026-02-25T17:00:00+07:00');
    assert.equal(b.dueDate, '25/02/2026');
    assert.equal(b.dueWeekday, 'Thứ Tư');
    assert.equal(b.dueText, '17 giờ 00 phút, Thứ Tư, ngày 25/02/2026');
    assert.equal(b.countingStartsAt, '2026-02-23T07:30:00+07:00');
    assert.deepEqual(
      b.skipped.filter((d: { kind: string }) => d.kind === 'holiday').map((d: { date: string }) => d.date),
      ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    );
    assert.equal(b.skipped.length, 9);
    assert.match(b.skipped[2].name, /Tết Nguyên đán Bính Ngọ/);
    assert.deepEqual(b.notes, []);
    assert.ok(r.headers['x-ratelimit-limit'], 'the public route is rate-limited');
  });

  it('counts a make-up Saturday, reads a time without offset as Vietnam time, and handles hours', async () => {
    const a = (await due('2026-01-08T09:00', 2, 'working_days')).json();
    assert.equal(a.due, '2026-01-10T17:00:00+07:00');
    assert.deepEqual(a.makeupWorkdays.map((d: { date: string }) => d.date), ['2026-01-10']);
    assert.equal((await due('2026-03-02T16:00', 2, 'hours')).json().due, '2026-03-03T08:30:00+07:00');
    assert.equal((await due('2026-01-31T10:00', 1, 'months')).json().due, '2026-03-02T17:00:00+07:00');
    assert.equal((await due('2026-03-02T09:00', '1.5', 'working_days')).json().due, '2026-03-04T11:30:00+07:00');
  });

  it('warns when a year is only derived, or has no data at all', async () => {
    const d27 = (await due('2027-02-04T10:00', 1, 'working_days')).json();
    assert.equal(d27.due, '2027-02-12T17:00:00+07:00');
    assert.match(d27.notes.join(' '), /Lịch nghỉ năm 2027 chưa được công bố/);
    const d36 = (await due('2035-12-01T10:00', 3, 'months')).json();
    assert.match(d36.notes.join(' '), /Năm 2036 chưa có dữ liệu ngày nghỉ Tết/);
    const nov = (await due('2026-11-23T10:00', 1, 'working_days')).json();
    assert.equal(nov.due, '2026-11-24T17:00:00+07:00');
    assert.match(nov.notes.join(' '), /24\/11\/2026 .*chưa được xác nhận/);
  });

  it('answers bad input with a 400 problem in Vietnamese', async () => {
    const cases: [string, string | number, string, string][] = [
      ['hôm nay', 3, 'working_days', 'invalid-datetime'],
      ['2026-02-30T09:00', 3, 'working_days', 'invalid-datetime'],
      ['2190-02-13T09:00', 3, 'working_days', 'invalid-datetime'],
      ['2026-02-13T09:00', 'ba', 'working_days', 'invalid-amount'],
      ['2026-02-13T09:00', '-1', 'working_days', 'invalid-amount'],
      ['2026-02-13T09:00', '0.25', 'working_days', 'invalid-amount'],
      ['2026-02-13T09:00', '1.5', 'months', 'invalid-amount'],
      ['2026-02-13T09:00', '5000', 'working_days', 'invalid-amount'],
      ['2026-02-13T09:00', 3, 'weeks', 'validation-failed'],
    ];
    for (const [from, amount, unit, code] of cases) {
      const r = await due(from, amount, unit);
      assert.equal(r.statusCode, 400, `${from} ${amount} ${unit}`);
      assert.match(r.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(r.json().code, code, `${from} ${amount} ${unit}`);
      assert.match(r.json().detail, /[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữự]/i, 'detail in Vietnamese');
    }
    const missing = await get('/api/v1/calendar/due?amount=3&unit=days');
    assert.equal(missing.statusCode, 400);
    assert.match(JSON.stringify(missing.json().errors), /Thiếu tham số from/);
  });
});

describe('GET /api/v1/calendar/days', () => {
  it('lists a year: announced 2026 (24/11 not applied by default), derived 2027, nothing for 2040', async () => {
    const y26 = (await get('/api/v1/calendar/days?year=2026')).json();
    assert.equal(y26.origin, 'announced');
    assert.equal(y26.coverage, 'stored');
    assert.equal(y26.days.length, 16);
    assert.equal(y26.workingDays, 250);
    const nov = y26.days.find((d: { date: string }) => d.date === '2026-11-24');
    assert.equal(nov.applied, false);
    assert.equal(nov.confidence, 'unconfirmed');
    assert.equal(y26.days.find((d: { date: string }) => d.date === '2026-01-10').weekday, 'Thứ Bảy');
    const y27 = (await get('/api/v1/calendar/days?year=2027')).json();
    assert.equal(y27.origin, 'derived');
    assert.ok(y27.days.every((d: { confidence: string }) => d.confidence === 'derived'));
    const y40 = (await get('/api/v1/calendar/days?year=2040')).json();
    assert.equal(y40.coverage, 'fixed_only');
    assert.equal(y40.origin, null);
    assert.equal((await get('/api/v1/calendar/days?year=abc')).statusCode, 400);
    assert.equal((await get('/api/v1/calendar/days?year=3000')).statusCode, 400);
  });
});

describe('administrator edits', () => {
  it('refuses anonymous callers (401) and officials without the permission (403)', async () => {
    const body = { kind: 'swap_off', name: 'Nghỉ hoán đổi' };
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2027-02-12', payload: body })).statusCode, 401);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2027-02-10' })).statusCode, 401);
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/calendar/settings', payload: {} })).statusCode, 401);
    const r = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2027-02-12', payload: body, headers: { 'x-test-roles': 'receiving_officer' } });
    assert.equal(r.statusCode, 403);
    assert.equal(await count(`SELECT count(*)::int AS n FROM calendar.day_override WHERE date = '2027-02-12'`), 0);
  });

  it('adds a swapped day off: the due date moves at once, with an event and an audit record', async () => {
    assert.equal((await due('2027-02-04T10:00', 1, 'working_days')).json().due, '2027-02-12T17:00:00+07:00');
    const r = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/days/2027-02-12',
      headers: ADMIN,
      payload: { kind: 'swap_off', name: 'Nghỉ hoán đổi dịp Tết Đinh Mùi', legalBasis: 'Thông báo (giả định cho kiểm thử)', confidence: 'likely' },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().source, 'admin');
    assert.equal((await due('2027-02-04T10:00', 1, 'working_days')).json().due, '2027-02-15T17:00:00+07:00');
    const y27 = (await get('/api/v1/calendar/days?year=2027')).json();
    assert.equal(y27.origin, 'admin');
    assert.equal(y27.days.length, 12);
    assert.equal(await count(`SELECT count(*)::int AS n FROM platform.outbox_event WHERE type = 'calendar.schedule.changed' AND aggregate_id = '2027'`), 1);
    // the audit record (when the audit module is installed), written in the same transaction
    const audit = rt.ctx.services.audit as unknown as { list?: (f: { action: string; limit: number }) => Promise<{ items: { action: string; target: string | null }[] }> } | undefined;
    if (audit?.list) {
      const { items } = await audit.list({ action: 'calendar.day.put', limit: 10 });
      assert.deepEqual(items.map((i) => i.target), ['calendar_day:2027-02-12']);
    }
  });

  it('refuses days that make no sense, with 4xx problems and nothing written', async () => {
    const put = (date: string, payload: unknown) => app.inject({ method: 'PUT', url: `/api/v1/calendar/days/${date}`, headers: ADMIN, payload: payload as object });
    const weekendHoliday = await put('2041-02-02', { kind: 'holiday', name: 'Tết' }); // a Saturday
    assert.equal(weekendHoliday.statusCode, 422);
    assert.equal(weekendHoliday.json().code, 'day-off-on-weekend');
    assert.equal((await put('2027-03-03', { kind: 'makeup_workday', name: 'Làm bù' })).json().code, 'makeup-not-weekend');
    assert.equal((await put('2027-02-30', { kind: 'holiday', name: 'x' })).json().code, 'invalid-date');
    assert.equal((await put('2027-03-03', { kind: 'vacation', name: 'x' })).statusCode, 400);
    assert.equal((await put('2027-03-03', { kind: 'holiday', name: '   ' })).statusCode, 400);
    assert.equal(await count(`SELECT count(*)::int AS n FROM calendar.year_schedule WHERE year = 2041`), 0);
  });

  it('deletes a day (404 when there is none)', async () => {
    const r = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2027-02-12', headers: ADMIN });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().kind, 'swap_off');
    const again = await app.inject({ method: 'DELETE', url: '/api/v1/calendar/days/2027-02-12', headers: ADMIN });
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().code, 'calendar-day-not-found');
    assert.equal((await due('2027-02-04T10:00', 1, 'working_days')).json().due, '2027-02-12T17:00:00+07:00');
  });

  it('editing a year without data first stores its solar-date holidays, so they are kept', async () => {
    const r = await app.inject({ method: 'PUT', url: '/api/v1/calendar/days/2040-02-13', headers: ADMIN, payload: { kind: 'holiday', name: 'Tết Canh Thân (mùng 2)' } });
    assert.equal(r.statusCode, 200, r.body);
    const y40 = (await get('/api/v1/calendar/days?year=2040')).json();
    assert.equal(y40.coverage, 'stored');
    assert.equal(y40.origin, 'admin');
    assert.ok(y40.days.some((d: { date: string }) => d.date === '2040-04-30'));
    assert.ok(y40.days.some((d: { date: string }) => d.date === '2040-02-13'));
  });

  it('changes settings: counting the unconfirmed 24/11 as a day off, then refuses impossible hours', async () => {
    const s = (await get('/api/v1/calendar/settings')).json();
    assert.deepEqual(s, { sessions: { morning: { start: '07:30', end: '11:30' }, afternoon: { start: '13:00', end: '17:00' } }, forwardingCutoff: '15:00', includeUnconfirmed: false });
    const r = await app.inject({ method: 'PUT', url: '/api/v1/calendar/settings', headers: ADMIN, payload: { ...s, includeUnconfirmed: true } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await due('2026-11-23T10:00', 1, 'working_days')).json().due, '2026-11-25T17:00:00+07:00');
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/settings',
      headers: ADMIN,
      payload: { ...s, sessions: { morning: { start: '07:30', end: '13:30' }, afternoon: { start: '13:00', end: '17:00' } } },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'invalid-settings');
    assert.equal((await get('/api/v1/calendar/settings')).json().includeUnconfirmed, true);
    await app.inject({ method: 'PUT', url: '/api/v1/calendar/settings', headers: ADMIN, payload: s });
  });
});

describe('service and seed', () => {
  it('seeding again changes nothing and keeps the administrator edits', async () => {
    const before = await count('SELECT count(*)::int AS n FROM calendar.day_override');
    await seed(rt, { demo: false });
    assert.equal(await count('SELECT count(*)::int AS n FROM calendar.day_override'), before);
    assert.equal(await count(`SELECT count(*)::int AS n FROM calendar.year_schedule WHERE year = 2027 AND origin = 'admin'`), 1);
    assert.equal(await count(`SELECT count(*)::int AS n FROM calendar.year_schedule`), 17); // 2020–2035 + 2040
  });

  it('imports an announced schedule for a year (replacing it) and gives clocks on the stored calendar', async () => {
    const svc = rt.ctx.services.calendar!;
    const csv = [
      'date,kind,name_vi,legal_basis,confidence',
      '2027-01-01,holiday,Tết Dương lịch,Bộ luật Lao động 2019 Đ.112(1)(a),confirmed',
      '2027-02-04,holiday,Tết Nguyên đán Đinh Mùi (28 tháng Chạp),Thông báo giả định,likely',
      '2027-02-05,holiday,Tết Nguyên đán Đinh Mùi (29 tháng Chạp),Thông báo giả định,likely',
      '2027-02-08,holiday,Tết Nguyên đán Đinh Mùi (mùng 3),Thông báo giả định,likely',
      '2027-02-09,holiday,Tết Nguyên đán Đinh Mùi (mùng 4),Thông báo giả định,likely',
      '2027-02-10,holiday,Tết Nguyên đán Đinh Mùi (mùng 5),Thông báo giả định,likely',
      '2027-02-20,makeup_workday,Làm bù,Thông báo giả định,likely',
    ].join('\n');
    const r = await svc.importSchedule(csv, 'announced_2027.csv', { actor: null });
    assert.deepEqual(r, { years: [2027], days: 7 });
    const y27 = await svc.days(2027);
    assert.equal(y27.origin, 'announced');
    assert.equal(y27.days.length, 7);
    const clock = await svc.newClock('2027-02-03T09:00', { amount: 2, unit: 'working_days' });
    assert.equal(svc.formatVietnameseDate(clock.due()!).text, '17 giờ 00 phút, Thứ Sáu, ngày 12/02/2027');
    clock.pause('2027-02-11T10:00').resume('2027-02-12T10:00'); // 8 working hours paused
    assert.equal((await svc.restoreClock(clock.state())).due()!.toISOString(), clock.due()!.toISOString());
    assert.equal(svc.formatVietnameseDate(clock.due()!).text, '17 giờ 00 phút, Thứ Hai, ngày 15/02/2027');
    const fw = await svc.forwardingTime('2027-02-03T16:00');
    assert.equal(fw.day, '2027-02-11');
    assert.equal(await svc.workingHoursBetween('2027-02-03T16:00', '2027-02-11T08:30'), 2);
    assert.equal(svc.formatVietnameseDate(await svc.latestApologyDate('2027-02-11T17:00')).date, '03/02/2027');
    await assert.rejects(svc.importSchedule('date,kind,name_vi\n2027-02-06,holiday,Tết\n', 'x.csv', { actor: null }), (e: { code?: string }) => e.code === 'day-off-on-weekend');
    assert.equal((await svc.days(2027)).days.length, 7);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).json();
    for (const p of ['/api/v1/calendar/due', '/api/v1/calendar/days', '/api/v1/calendar/days/{date}', '/api/v1/calendar/settings']) assert.ok(doc.paths[p], p);
  });
});
