import { z } from 'zod';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { Problem } from '../../platform/errors.ts';
import { vnAt, vnDate } from '../../platform/vietnamese.ts';
import type { WorkingCalendar } from './domain/time-limit.ts';
import { boundToTransaction, createDossiersService, type Caller, type DossiersService } from './service.ts';
import type { DossierView } from './schemas.ts';
import type { CreateDossierInput } from './schemas.ts';
import { DEMO_CITIZENS, DEMO_PROVINCE, FAMILY, GIVEN, MIDDLE, demoCitizen, demoOfficials, demoProcedures, rng, snapshotPorts, type Role } from './demo.ts';

/**
 * Twelve months of history for the demo province (issue 11 §4), made like the demo dossiers: by driving the
 * real dossier service with an injected clock on the working-day calendar — submission or reception,
 * forwarding, appraisal, approval, signature, result, return, fees and ratings, each at its own moment —
 * so that the events, the projection and the leaders' dashboard are genuine, not inserted finished rows.
 *
 * Every commune and department gets a seeded "quality" (how often it is late, online, digitised, issues an
 * electronic result, is paid online) that improves a little month by month: the dashboard shows a trend, a
 * spread of classes among communes and late dossiers to drill into.
 *
 * The work is cut into chunks (a month's slice of two dossiers, one transaction each, its own seed), and
 * each chunk's dossiers carry the source `demo-history:<month>:<chunk>`: a chunk is all or nothing, a
 * run stopped half-way resumes at the first missing chunk and makes exactly what one run would have.
 */

export const HISTORY_SOURCE = 'demo-history';
export const HISTORY_MONTHS = 12;
const CHUNK = 2;

/** How many dossiers the history holds (setting `DEMO_HISTORY_DOSSIERS`; 0 turns it off). */
export const DEFAULT_HISTORY_DOSSIERS = 2400;
const HistorySetting = z.coerce.number().int().min(0).max(200_000);

/** The setting from the validated configuration's variables; a bad value stops with a Vietnamese message. */
export function historySize(env: Record<string, string | undefined>): number {
  const raw = env.DEMO_HISTORY_DOSSIERS;
  if (raw === undefined || raw === '') return DEFAULT_HISTORY_DOSSIERS;
  const p = HistorySetting.safeParse(raw);
  if (!p.success) throw new Error(`DEMO_HISTORY_DOSSIERS không hợp lệ: "${raw}" (một số nguyên từ 0 đến 200000).`);
  return p.data;
}

/** A small, stable hash of a string (seeds and per-unit qualities that do not depend on iteration order). */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Units the demo shows at both ends (the README's walk-through signs in as the leaders of Phường Việt Trì):
 * fast, on time, online, well rated — or often late.
 */
export const SHOWCASE_QUALITY: Record<string, number> = { '07900': 1, '07918': 0.97, '25.SNNMT': 0.95 };

/**
 * How well a unit serves, 0..1, for month `m` (0 = twelve months ago): a seeded base per unit, spread so that
 * the classes differ — about one unit in six serves very well (0.9–1: the top classes), one in five poorly
 * (below 0.3: often late), the others in between — improving by up to 0.1 over the year.
 */
export function unitQuality(unit: string, m: number): number {
  const fixed = SHOWCASE_QUALITY[unit];
  if (fixed !== undefined) return fixed;
  const u = (hash(`q:${unit}`) % 1000) / 1000;
  const base = u < 0.2 ? 0.05 + u : u < 0.83 ? 0.3 + ((u - 0.2) / 0.63) * 0.55 : 0.9 + ((u - 0.83) / 0.17) * 0.1;
  return Math.min(1, base + (0.1 * m) / (HISTORY_MONTHS - 1));
}

/** The share of the history's dossiers received by Phường Việt Trì (the province's busiest ward, in every month). */
const BUSIEST = { unit: '07900', share: 0.05 };

/** Dossiers of month m out of `total`: fewer in the Tết month (February), more before the year's end. */
export function monthShare(total: number, monthOfYear: number): number {
  const weight = (mo: number) => (mo === 2 ? 0.6 : mo === 11 || mo === 12 ? 1.2 : 1);
  let sum = 0;
  for (let mo = 1; mo <= 12; mo++) sum += weight(mo);
  return Math.round((total * weight(monthOfYear)) / sum);
}

/**
 * The months of the history: the last twelve up to the current one, oldest first ({y, m} in Vietnam). The
 * current month's dossiers are those whose moment has already come.
 */
export function historyMonths(now: Date, n = HISTORY_MONTHS): { y: number; m: number; key: string }[] {
  const [y0, m0] = vnDate(now).split('-').map(Number) as [number, number];
  const out = [];
  for (let k = n - 1; k >= 0; k--) {
    const t = y0 * 12 + (m0 - 1) - k;
    const y = Math.floor(t / 12);
    const m = (t % 12) + 1;
    out.push({ y, m, key: `${y}-${String(m).padStart(2, '0')}` });
  }
  return out;
}

export interface HistoryResult {
  created: number;
  transitions: number;
  chunks: number;
  skippedChunks: number;
  ms: number;
}

/**
 * Makes the history (or what of it is missing). `now` is the real present: no step is taken after it, so the
 * newest dossiers may still be in progress. `shouldStop` is asked between chunks (the server stopping);
 * `pauseMs` waits between chunks so that a server stays responsive while it makes the history.
 */
export async function seedDemoHistory(
  ctx: PlatformContext,
  opts: { total?: number; now?: Date; shouldStop?: () => boolean; pauseMs?: number } = {},
): Promise<HistoryResult> {
  const t0 = Date.now();
  const total = opts.total ?? historySize(ctx.config.env);
  const result: HistoryResult = { created: 0, transitions: 0, chunks: 0, skippedChunks: 0, ms: 0 };
  if (total <= 0) return result;
  const realNow = opts.now ?? new Date();
  const months = historyMonths(realNow);
  const plan: { month: number; chunk: number; size: number }[] = [];
  months.forEach((mo, i) => {
    const n = monthShare(total, mo.m);
    for (let c = 0; c * CHUNK < n; c++) plan.push({ month: i, chunk: c, size: Math.min(CHUNK, n - c * CHUNK) });
  });
  const done = new Set(
    (await ctx.db.query<{ s: string }>(`SELECT DISTINCT data->>'source' AS s FROM dossiers.dossier WHERE data->>'source' LIKE $1`, [`${HISTORY_SOURCE}:%`])).rows.map((r) => r.s),
  );
  const sourceOf = (p: { month: number; chunk: number }) => `${HISTORY_SOURCE}:${months[p.month]!.key}:${p.chunk}`;
  const todo = plan.filter((p) => !done.has(sourceOf(p)));
  result.skippedChunks = plan.length - todo.length;
  if (!todo.length) return { ...result, ms: Date.now() - t0 };

  let clock = realNow;
  const base = createDossiersService(ctx, { now: () => clock });
  const real = base.ports();
  const forms = requireService(ctx, 'forms', 'dossiers');
  const cal = await base.calendar();
  const communeList = await real.units.listCommunes(DEMO_PROVINCE);
  const communeNames = new Map(communeList.map((c) => [c.code, c.name]));
  const communes = communeList.map((c) => c.code).sort();
  if (!communes.length) return { ...result, ms: Date.now() - t0 };
  await base.seedDemoIdentifiers(DEMO_PROVINCE);
  const offered = await demoProcedures(real.catalog);
  const communeProcs = offered.filter((o) => o.level === 'commune');
  const provinceProcs = offered.filter((o) => o.level === 'province');
  if (!offered.length) return { ...result, ms: Date.now() - t0 };
  const ports = await snapshotPorts(real, forms, cal, DEMO_PROVINCE, offered.map((o) => o.code));
  // the officials' names come from their own generator: the same people whatever chunks are left to make
  const official = demoOfficials(rng(hash('history-officials')), communeNames);
  const progress = ctx.progress.start('Tạo lịch sử 12 tháng cho tỉnh demo', todo.reduce((a, p) => a + p.size, 0));

  for (const p of todo) {
    if (opts.shouldStop?.()) break;
    const r = rng(hash(sourceOf(p)));
    const mo = months[p.month]!;
    const counts = { created: 0, transitions: 0 };
    try {
      await ctx.db.transaction(async (tx) => {
        const svc = createDossiersService(ctx, { now: () => clock, db: boundToTransaction(tx, ctx.db), ports, notifyApplicants: false });
        for (let i = 0; i < p.size; i++) await makeOne(svc, r, p.month, mo, sourceOf(p), i, counts);
      });
      result.created += counts.created;
      result.transitions += counts.transitions;
      result.chunks++;
    } catch (err) {
      ctx.log.warn({ err, chunk: sourceOf(p) }, 'dossiers: a chunk of the demo history failed');
    }
    progress.tick(p.size);
    // in the server: let requests and the event delivery through between chunks — PGlite runs in this thread,
    // so a chunk's queries follow one another without giving way to I/O (two dossiers: about 0.1 s)
    if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
  result.ms = Date.now() - t0;
  progress.done(`${result.created} hồ sơ, ${result.transitions} lượt chuyển trạng thái, ${(result.ms / 1000).toFixed(1)} giây`);
  ctx.log.info(result, 'dossiers: demo history seeded');
  return result;

  /** One dossier of month `m`: its whole life, each step at its moment, none after now. */
  async function makeOne(
    svc: DossiersService,
    r: ReturnType<typeof rng>,
    m: number,
    mo: { y: number; m: number },
    source: string,
    i: number,
    counts: { created: number; transitions: number },
  ): Promise<void> {
    const provinceLevel = provinceProcs.length > 0 && r.next() < 0.25;
    const proc = provinceLevel ? r.pick(provinceProcs) : r.pick(communeProcs.length ? communeProcs : provinceProcs);
    // busier communes (a seeded size) get more dossiers; every commune some
    let commune = r.pick(communes);
    if (hash(`size:${commune}`) % 3 === 0 && r.next() < 0.5) commune = r.pick(communes);
    if (r.next() < BUSIEST.share && communes.includes(BUSIEST.unit)) commune = BUSIEST.unit;
    const receivingUnit = proc.level === 'province' && r.next() < 0.5 ? `${DEMO_PROVINCE}.TTPVHCC` : commune;
    const decidingGuess = proc.level === 'province' ? (proc.agency ?? receivingUnit) : commune;
    const q = unitQuality(decidingGuess, m);
    const online = r.next() < 0.15 + 0.6 * q;
    const start = workingMoment(cal, mo.y, mo.m, r);
    if (start.getTime() >= realNow.getTime()) return;
    const name = `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
    const idNumber = online && r.next() < 0.1 ? r.pick(DEMO_CITIZENS) : `025${r.pick(['0', '1', '2', '3'])}${String(r.int(50, 99)).padStart(2, '0')}${String(r.int(0, 999999)).padStart(6, '0')}`;
    const sample = forms.sampleAnswers(proc.code);
    const input: CreateDossierInput = {
      procedureCode: proc.code,
      ...(proc.level === 'commune' ? { communeCode: commune } : { provinceCode: DEMO_PROVINCE }),
      applicant: {
        fullName: name,
        idNumber,
        address: `Thôn ${r.int(1, 12)}, ${communeNames.get(commune) ?? commune}, tỉnh Phú Thọ`,
        phone: `09${String(r.int(10000000, 99999999))}`,
      },
      source,
      request: undefined,
      documents: [{ name: 'Tờ khai theo mẫu', copies: 1 }],
      ...(sample ? { answers: sample } : {}),
      returnMethod: online ? 'online' : 'counter',
      digitised: !online && r.next() < 0.3 + 0.65 * q,
    };
    const applicant = demoCitizen(idNumber, name);
    clock = start;
    let d: DossierView;
    try {
      d = (online ? await svc.create({ ...input, channel: 'province_portal' }, applicant) : await svc.create({ ...input, channel: r.next() < 0.08 ? 'post' : 'counter', receivingUnit }, official(receivingUnit, 'receiving_officer'))).dossier;
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      ctx.log.debug({ err, procedure: proc.code }, 'demo history dossier skipped');
      return;
    }
    counts.created++;
    counts.transitions += online ? 1 : 2;
    const who = (role: Role, unit?: string): Caller =>
      role === 'citizen' ? applicant : official(unit ?? (role === 'receiving_officer' ? d.receivingUnit : d.decidingUnit), role);
    /** One step `hours` working hours after the previous one; false when it would be after now or the workflow refuses it. */
    const step = async (action: string, role: Role, hours: number, body: Record<string, unknown> = {}, unit?: string): Promise<boolean> => {
      const at = cal.addWorkingHours(clock, Math.max(0.1, hours));
      if (at.getTime() > realNow.getTime()) return false;
      clock = at;
      try {
        d = await svc.act(d.code, action, body, who(role, unit));
        counts.transitions++;
        return true;
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        ctx.log.debug({ err, code: d.code, action }, 'demo history step stopped');
        return false;
      }
    };
    /** Working hours left before the appointment (the whole budget splits into the steps), at least one. */
    const budget = () => (d.dueAt ? Math.max(1, cal.workingHoursBetween(clock, new Date(d.dueAt))) : 16);

    if (online) {
      if (r.next() < 0.04) {
        await step('refuse_reception', 'receiving_officer', r.int(1, 6), { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.' });
        return;
      }
      if (!(await step('receive', 'receiving_officer', 0.5 + r.next() * 4))) return;
    }
    if (d.fee.amount > 0 && !d.fee.paidAt) {
      const viaBank = r.next() < 0.2 + 0.75 * q;
      if (!(await step('record_payment', 'receiving_officer', 0.2, { amount: d.fee.amount, method: viaBank ? 'vietqr' : 'cash', ...(viaBank ? { reference: `FT${hash(d.code)}` } : {}) }))) return;
    }
    if (r.next() < 0.03) {
      await step('withdraw', 'citizen', r.int(2, 20), { reason: 'Không còn nhu cầu giải quyết.' });
      return;
    }
    if (!(await step('forward', 'receiving_officer', 0.3 + r.next()))) return;
    // a late dossier: the appraisal comes after the appointment (a weaker unit is late more often)
    const late = r.next() < 0.01 + 0.4 * (1 - q) ** 1.5;
    if (r.next() < 0.06) {
      if (!(await step('request_supplement', 'specialist', budget() * 0.2, { items: ['Giấy tờ chứng minh nơi cư trú'], reason: 'Hồ sơ còn thiếu giấy tờ theo quy định', contactPhone: '0210 3846 123' }))) return;
      if (!(await step('supplement', 'receiving_officer', 8 + r.int(0, 24)))) return;
      if (!(await step('accept_supplement', 'specialist', 1 + r.next() * 3))) return;
    }
    const appraiseIn = late ? budget() + 2 + r.int(0, 24) : budget() * (0.2 + 0.4 * r.next());
    if (r.next() < 0.04) {
      if (!(await step('appraise', 'specialist', appraiseIn, { opinion: 'unfavourable', note: 'Không đủ điều kiện theo quy định.' }))) return;
      if (!(await step('refuse', 'leader', 1 + r.next() * 4, { reason: 'Người yêu cầu không đủ điều kiện theo quy định.' }))) return;
      if (!(await step('issue_result', 'clerk', 0.5 + r.next() * 2))) return;
      await step('return_result', 'receiving_officer', 1 + r.next() * 8, {}, d.returningUnit);
      return;
    }
    if (!(await step('appraise', 'specialist', appraiseIn, { opinion: 'favourable', note: 'Hồ sơ đầy đủ, hợp lệ; đủ điều kiện giải quyết.' }))) return;
    if (!(await step('approve', 'leader', late ? 2 + r.next() * 8 : Math.min(budget() * 0.3, 1 + r.next() * 6)))) return;
    if (!(await step('sign', 'leader', 0.2 + r.next()))) return;
    if (!(await step('issue_result', 'clerk', 0.3 + r.next(), { electronic: r.next() < 0.25 + 0.75 * q }))) return;
    if (!(await step('return_result', 'receiving_officer', 1 + r.next() * 12, online ? { method: 'online' } : {}, d.returningUnit))) return;
    if (r.next() < (online ? 0.7 : 0.3)) {
      const score = late ? r.pick([1, 2, 2, 3, 4]) : q >= 0.9 ? r.pick([4, 5, 5, 5, 5]) : r.pick([2, 3, 4, 4, 5, 5, 5]);
      await step('rate', 'citizen', 2 + r.next() * 24, { score, ...(score <= 2 ? { comment: 'Giải quyết chậm so với giấy hẹn.' } : {}) });
    }
  }
}

/** A random moment of office hours on a working day of month (y, m) in Vietnam. */
function workingMoment(cal: WorkingCalendar, y: number, m: number, r: ReturnType<typeof rng>): Date {
  const days: string[] = [];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= last; d++) {
    const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (cal.isWorkingDay(day)) days.push(day);
  }
  const day = days.length ? r.pick(days) : `${y}-${String(m).padStart(2, '0')}-15`;
  return vnAt(day, 7 * 60 + 45 + r.int(0, 8 * 60));
}
