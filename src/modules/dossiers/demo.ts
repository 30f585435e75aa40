import type { Principal } from '../../platform/access.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { vnAt, vnDate } from '../../platform/vietnamese.ts';
import type { WorkingCalendar } from './domain/time-limit.ts';
import type { CatalogPort, Ports, UnitsPort } from './ports.ts';
import type { Action } from './domain/states.ts';
import { Problem } from '../../platform/errors.ts';
import { boundToTransaction, createDossiersService, type Caller, type DossiersService } from './service.ts';
import type { CreateDossierInput } from './schemas.ts';
import type { FormsService } from '../forms/index.ts';

/**
 * The demo province's dossiers, made by driving the real workflow (the service layer) with a back-dated
 * clock: every dossier is submitted or received at a moment in the past few weeks, then moved through
 * its steps by officials of the right units, each action at a later moment, never after "now". The mix
 * covers every state an inbox shows: new, in progress, waiting for the applicant, due soon, overdue,
 * approved, signed, returned and rated, plus refusals, withdrawals, stops and apologies.
 * Deterministic (seeded pseudo-random), idempotent (skipped when demo dossiers exist).
 */

export const DEMO_PROVINCE = '25';
export const DEMO_SOURCE = 'demo';
/** How many dossiers the demo makes (DEMO_DOSSIERS overrides). */

/**
 * Where the demo people of the identity module work (wards of Phú Thọ with signed-in officials) and the
 * demo citizens' identification numbers: half of the dossiers land there, so that signing in shows work.
 */
const DEMO_WARDS = ['07900', '07918', '08707', '04795'];
export const DEMO_CITIZENS = ['025085012345', '025192004567', '026078003210', '026301007788', '017188009900', '017095006655'];

/** Commune-level procedures first, then province-level ones (routed by the catalogue's offering). */
export const COMMUNE_PROCEDURES = ['1.001193', '1.000894', '1.000656', '2.000908', '1.012753', '1.004222'];
export const PROVINCE_PROCEDURES = ['1.012784', '1.012783', '1.004122', '1.000688', '1.003915'];

export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hà', 'Đinh', 'Lương', 'Cao', 'Kiều'];
export const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
export const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tú', 'Yến'];

/** mulberry32: a tiny deterministic generator, so the demo is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

export type Role = 'receiving_officer' | 'specialist' | 'leader' | 'clerk' | 'citizen';
/** One step of a scenario: the action, who does it, working hours after the previous step, its input. */
type Move = [Action, Role, number, Record<string, unknown>?];

interface Scenario {
  name: string;
  weight: number;
  online: boolean;
  /** Age of the dossier when it was submitted, in working days before now (range). */
  age: [number, number];
  moves: Move[];
}

const appraise: Move = ['appraise', 'specialist', 3, { opinion: 'favourable', note: 'Hồ sơ đầy đủ, hợp lệ; đủ điều kiện giải quyết.' }];
const toApproved: Move[] = [['forward', 'receiving_officer', 0.3], appraise, ['approve', 'leader', 0.8]];
const toIssued: Move[] = [...toApproved, ['sign', 'leader', 0.2], ['issue_result', 'clerk', 0.5, { electronic: true }]];

const SCENARIOS: Scenario[] = [
  { name: 'online, chờ tiếp nhận', weight: 22, online: true, age: [0, 1], moves: [] },
  { name: 'tiếp nhận, chờ chuyển', weight: 18, online: false, age: [0, 0.5], moves: [] },
  { name: 'đang xử lý', weight: 40, online: false, age: [0, 1.5], moves: [['forward', 'receiving_officer', 0.4]] },
  { name: 'đang xử lý, quá hạn', weight: 18, online: false, age: [12, 40], moves: [['forward', 'receiving_officer', 0.6]] },
  { name: 'chờ bổ sung', weight: 16, online: true, age: [1, 8], moves: [['request_supplement', 'receiving_officer', 2, { items: ['Bản sao giấy tờ tùy thân của người yêu cầu', 'Giấy tờ chứng minh nơi cư trú'], reason: 'Hồ sơ còn thiếu giấy tờ theo quy định', contactPhone: '0210 3846 123' }]] },
  {
    name: 'bổ sung sau thẩm định, tính lại thời hạn',
    weight: 8,
    online: false,
    age: [4, 12],
    moves: [
      ['forward', 'receiving_officer', 0.4],
      ['request_supplement', 'specialist', 8, { items: ['Văn bản ủy quyền có chứng thực'], reason: 'Người nộp là người được ủy quyền', contactPhone: '0210 3852 456' }],
      ['supplement', 'receiving_officer', 12],
      ['accept_supplement', 'specialist', 2],
    ],
  },
  {
    name: 'xin ý kiến phối hợp',
    weight: 8,
    online: false,
    age: [2, 8],
    moves: [['forward', 'receiving_officer', 0.4], ['request_consultation', 'specialist', 4, { unitCode: '25.STP', question: 'Đề nghị cho ý kiến về tính hợp pháp của giấy tờ kèm theo.', days: 3 }]],
  },
  { name: 'đã thẩm định', weight: 14, online: false, age: [1, 6], moves: [['forward', 'receiving_officer', 0.4], appraise] },
  { name: 'đã phê duyệt', weight: 8, online: false, age: [1, 6], moves: toApproved },
  { name: 'đã ký', weight: 8, online: false, age: [1, 6], moves: [...toApproved, ['sign', 'leader', 0.5]] },
  { name: 'có kết quả, chờ trả', weight: 16, online: true, age: [2, 10], moves: [['receive', 'receiving_officer', 1], ...toIssued] },
  { name: 'đã trả kết quả', weight: 26, online: false, age: [6, 40], moves: [...toIssued, ['return_result', 'receiving_officer', 4]] },
  {
    name: 'đã trả và đánh giá',
    weight: 40,
    online: true,
    age: [6, 40],
    moves: [['receive', 'receiving_officer', 1], ...toIssued, ['return_result', 'receiving_officer', 4, { method: 'online' }], ['rate', 'citizen', 2, { score: 5, comment: 'Giải quyết nhanh, cán bộ nhiệt tình.' }]],
  },
  { name: 'từ chối tiếp nhận', weight: 6, online: true, age: [1, 20], moves: [['refuse_reception', 'receiving_officer', 2, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.' }]] },
  {
    name: 'từ chối sau thẩm định',
    weight: 5,
    online: false,
    age: [6, 30],
    moves: [
      ['forward', 'receiving_officer', 0.4],
      ['appraise', 'specialist', 6, { opinion: 'unfavourable', note: 'Không đủ điều kiện theo quy định.' }],
      ['refuse', 'leader', 3, { reason: 'Người yêu cầu không đủ điều kiện theo quy định.' }],
      ['issue_result', 'clerk', 2],
      ['return_result', 'receiving_officer', 4],
    ],
  },
  { name: 'rút hồ sơ', weight: 5, online: true, age: [2, 20], moves: [['receive', 'receiving_officer', 2], ['withdraw', 'citizen', 6, { reason: 'Không còn nhu cầu giải quyết.' }]] },
  { name: 'dừng xử lý', weight: 3, online: false, age: [4, 20], moves: [['forward', 'receiving_officer', 0.4], ['stop', 'leader', 8, { reason: 'Có tranh chấp, chờ cơ quan có thẩm quyền giải quyết.' }]] },
  { name: 'xin lỗi, hẹn lại', weight: 7, online: false, age: [8, 25], moves: [['forward', 'receiving_officer', 0.4], ['apologize', 'leader', 0, { reason: 'Cần xác minh thêm thông tin với cơ quan liên quan.' }]] },
  { name: 'chờ nộp phí', weight: 6, online: false, age: [1, 6], moves: [['forward', 'receiving_officer', 0.4], ['request_payment', 'specialist', 3, { reason: 'Nộp phí, lệ phí theo quy định' }]] },
];

/**
 * The first dossiers of the demo are always these, whatever the draws: what a visitor (and the browser
 * tests) expect to find at the main ward — a birth registration in processing for some days.
 */
const SHOWCASE: { scenario: string; procedure: string; commune: string }[] = [
  { scenario: 'đang xử lý, quá hạn', procedure: '1.001193', commune: '07900' },
  { scenario: 'đang xử lý, quá hạn', procedure: '1.001193', commune: '07900' },
];

export interface DemoResult {
  created: number;
  transitions: number;
  skipped: number;
  ms: number;
}

export async function seedDemoDossiers(ctx: PlatformContext, opts: { count?: number; now?: Date } = {}): Promise<DemoResult> {
  const t0 = Date.now();
  const exists = await ctx.db.query(`SELECT 1 FROM dossiers.dossier WHERE data->>'source' = $1 LIMIT 1`, [DEMO_SOURCE]);
  if (exists.rows.length) return { created: 0, transitions: 0, skipped: 0, ms: Date.now() - t0 };
  const realNow = opts.now ?? new Date();
  let clock = realNow;
  const base = createDossiersService(ctx, { now: () => clock });
  const real = base.ports();
  const formsService = requireService(ctx, 'forms', 'dossiers');
  const cal = await base.calendar();
  const r = rng(20250701);
  const communeList = await real.units.listCommunes(DEMO_PROVINCE);
  const communeNames = new Map(communeList.map((c) => [c.code, c.name]));
  const communes = communeList.map((c) => c.code).sort();
  if (!communes.length) return { created: 0, transitions: 0, skipped: 0, ms: Date.now() - t0 };
  await base.seedDemoIdentifiers(DEMO_PROVINCE);

  const offered = await demoProcedures(real.catalog);
  // Everything the batches will look up is read now: inside a batch's transaction nothing may query
  // outside it (PGlite has one connection). The demo notifies nobody: its applicants are fictitious.
  const ports = await snapshotPorts(real, formsService, cal, DEMO_PROVINCE, offered.map((o) => o.code));
  const communeProcs = offered.filter((o) => o.level === 'commune');
  const provinceProcs = offered.filter((o) => o.level === 'province');
  if (!offered.length) return { created: 0, transitions: 0, skipped: 0, ms: Date.now() - t0 };

  // a few dozen communes carry the demo (busy ones get more), plus the province center
  const wards = DEMO_WARDS.filter((c) => communeNames.has(c));
  const busy = [...wards, ...communes.filter((_, i) => i % 5 === 0).slice(0, 26)];
  // the officials' names come from their own sequence: which officials act first depends on the date
  const official = demoOfficials(rng(20250702), communeNames);

  const total = opts.count ?? ctx.config.demoDossiers;
  const weights = SCENARIOS.reduce((a, x) => a + x.weight, 0);
  let created = 0;
  let transitions = 0;
  let skipped = 0;
  const progress = ctx.progress.start('Tạo hồ sơ demo', total);
  const BATCH = 25;
  for (let b = 0; b < total; b += BATCH) {
    try {
      // one transaction per batch (the service's own transactions run inside it): far fewer commits
      await ctx.db.transaction(async (tx) => {
        const svc = createDossiersService(ctx, { now: () => clock, db: boundToTransaction(tx, ctx.db), ports, notifyApplicants: false });
        for (let i = b; i < Math.min(total, b + BATCH); i++) await makeOne(svc, i);
      });
    } catch (err) {
      ctx.log.warn({ err }, 'dossiers: a batch of demo dossiers failed');
    }
  }
  const ms = Date.now() - t0;
  progress.done(`${created} hồ sơ, ${transitions} lượt chuyển trạng thái, ${(ms / 1000).toFixed(1)} giây`);
  ctx.log.info({ created, transitions, skipped, ms }, 'dossiers: demo dossiers seeded');
  return { created, transitions, skipped, ms };

  async function makeOne(svc: DossiersService, i: number): Promise<void> {
    // the draws are taken even for a showcase dossier, so that the rest of the demo does not depend on them
    const drawn = SCENARIOS[pickWeighted(r.next() * weights)]!;
    const provinceLevel = provinceProcs.length > 0 && r.next() < 0.3;
    const drawnProc = provinceLevel ? r.pick(provinceProcs) : r.pick(communeProcs.length ? communeProcs : provinceProcs);
    const drawnCommune = r.pick(wards.length && r.next() < 0.5 ? wards : r.next() < 0.7 ? busy : communes);
    const pin = SHOWCASE[i];
    const pinnedProc = pin && offered.find((o) => o.code === pin.procedure);
    const sc = (pinnedProc && SCENARIOS.find((x) => x.name === pin.scenario)) || drawn;
    const proc = pinnedProc || drawnProc;
    const commune = pinnedProc && communeNames.has(pin.commune) ? pin.commune : drawnCommune;
    const receivingUnit = proc.level === 'province' && r.next() < 0.5 ? `${DEMO_PROVINCE}.TTPVHCC` : commune;
    const start = backDate(realNow, sc.age, r, cal);
    const name = `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
    const idNumber =
      sc.online && r.next() < 0.3 ? r.pick(DEMO_CITIZENS) : `025${r.pick(['0', '1', '2', '3'])}${String(r.int(50, 99)).padStart(2, '0')}${String(r.int(0, 999999)).padStart(6, '0')}`;
    const applicant = {
      fullName: name,
      idNumber,
      address: `Thôn ${r.int(1, 12)}, ${communeNames.get(commune) ?? commune}, tỉnh Phú Thọ`,
      phone: `09${String(r.int(10000000, 99999999))}`,
      ...(r.next() < 0.4 ? { email: `demo${i}@example.vn` } : {}),
    };
    const input: CreateDossierInput = {
      procedureCode: proc.code,
      ...(proc.level === 'commune' ? { communeCode: commune } : { provinceCode: DEMO_PROVINCE }),
      applicant,
      source: DEMO_SOURCE,
      request: undefined,
      documents: [{ name: 'Tờ khai theo mẫu', copies: 1 }],
      // the written forms' samples (the demo's applicants are fictitious; every name on a result paper too)
      ...(formsService.sampleAnswers(proc.code) ? { answers: formsService.sampleAnswers(proc.code)! } : {}),
      returnMethod: sc.online ? 'online' : 'counter',
      digitised: !sc.online && r.next() < 0.8,
    };
    const applicantCaller = demoCitizen(idNumber, name);
    const receiver = official(receivingUnit, 'receiving_officer');
    clock = start;
    let code: string;
    let units: { receivingUnit: string; decidingUnit: string; returningUnit: string };
    try {
      const res = sc.online
        ? await svc.create({ ...input, channel: 'province_portal' }, applicantCaller)
        : await svc.create({ ...input, channel: r.next() < 0.1 ? 'post' : 'counter', receivingUnit }, receiver);
      code = res.dossier.code;
      units = res.dossier;
      created++;
      transitions += sc.online ? 1 : 2;
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      skipped++;
      ctx.log.debug({ err, procedure: proc.code }, 'demo dossier skipped');
      progress.tick();
      return;
    }
    // every move's draws are taken now, whether or not the move happens before today: the demo's next
    // dossiers then draw the same procedures and communes whatever the date
    const late = sc.moves.map(() => [r.next(), r.next()] as const);
    for (const [k, [action, role, hours, body]] of sc.moves.entries()) {
      // mostly within the step's budget, sometimes late (the control sheet shows both)
      const [spread, slip] = late[k]!;
      let at = cal.addWorkingHours(clock, hours * (0.5 + spread) + (slip < 0.1 ? 4 : 0));
      if (action === 'apologize') {
        // at the latest one working day before the due date, with a new date a few days later
        const d = await svc.get(code, official(units.decidingUnit, 'leader'));
        if (!d.dueAt) break;
        const latest = cal.latestApologyDate(new Date(d.dueAt));
        at = new Date(Math.min(latest.getTime() - 3600_000, realNow.getTime()));
        if (at.getTime() <= clock.getTime()) break;
        body!.newDueAt = cal.addWorkingHours(new Date(d.dueAt), 40).toISOString();
      }
      if (at.getTime() > realNow.getTime()) break;
      clock = at;
      const unit = role === 'receiving_officer' ? (action === 'return_result' ? units.returningUnit : units.receivingUnit) : units.decidingUnit;
      const caller = role === 'citizen' ? applicantCaller : official(unit, role);
      try {
        await svc.act(code, action, body ?? {}, caller);
        transitions++;
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        ctx.log.debug({ err, code, action }, 'demo move stopped');
        break;
      }
    }
    progress.tick();
  }

  function pickWeighted(x: number): number {
    let acc = 0;
    for (let k = 0; k < SCENARIOS.length; k++) {
      acc += SCENARIOS[k]!.weight;
      if (x < acc) return k;
    }
    return SCENARIOS.length - 1;
  }
}

/** The demo procedures the province actually offers (catalogue), with their level and field. */
export async function demoProcedures(catalog: CatalogPort): Promise<{ code: string; level: 'commune' | 'province'; agency: string | null; field: string }[]> {
  const offered: { code: string; level: 'commune' | 'province'; agency: string | null; field: string }[] = [];
  for (const code of [...COMMUNE_PROCEDURES, ...PROVINCE_PROCEDURES]) {
    const p = await catalog.getProcedure(code).catch(() => null);
    if (!p) continue;
    const where = await catalog.whereOffered(DEMO_PROVINCE, code).catch(() => null);
    if (where?.offering.scope === 'agency') offered.push({ code, level: 'province', agency: where.offering.agency_code, field: p.field });
    else if (where || p.levels.includes('commune')) offered.push({ code, level: 'commune', agency: null, field: p.field });
  }
  return offered;
}

/** The demo's officials, one per unit and role, made on first use (names from the seeded generator). */
export function demoOfficials(r: ReturnType<typeof rng>, communeNames: Map<string, string>): (unit: string, role: Role) => Caller {
  const officials = new Map<string, Caller>();
  return (unit, role) => {
    const key = `${unit}:${role}`;
    let c = officials.get(key);
    if (!c) {
      const name = `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
      const p: Principal = { kind: 'official', id: `demo:${key}`, subject: `demo.${key}`, displayName: name, unitCode: unit, grants: [{ role, unitCode: unit, fields: '*' }], via: 'demo' };
      // demo leaders are deputies: their results read "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" or "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
      const position = role === 'leader' ? (communeNames.has(unit) ? 'Phó Chủ tịch Ủy ban nhân dân' : 'Phó Giám đốc') : null;
      c = { principal: p, can: () => true, position };
      officials.set(key, c);
    }
    return c;
  };
}

/** A demo citizen signed in through the identity provider (VNeID). */
export function demoCitizen(idNumber: string, name: string): Caller {
  return {
    principal: { kind: 'citizen', id: `demo:citizen:${idNumber}`, subject: idNumber, displayName: name, grants: [], via: 'vneid' },
    can: () => true,
  };
}

/** A working moment `age` working days (a random point in the range) before now, during office hours. */
function backDate(now: Date, age: [number, number], r: ReturnType<typeof rng>, cal: { isWorkingDay(d: Date): boolean; addWorkingHours(d: Date, h: number): Date; workingHoursBetween(a: Date, b: Date): number }): Date {
  const days = age[0] + r.next() * (age[1] - age[0]);
  // walk back whole days, then pick a time of day
  let day = vnDate(now);
  let left = Math.floor(days);
  while (left > 0) {
    day = vnDate(new Date(Date.parse(`${day}T12:00:00+07:00`) - 86400_000));
    if (cal.isWorkingDay(new Date(`${day}T12:00:00+07:00`))) left--;
  }
  while (!cal.isWorkingDay(new Date(`${day}T12:00:00+07:00`))) day = vnDate(new Date(Date.parse(`${day}T12:00:00+07:00`) - 86400_000));
  const minutes = 7 * 60 + 45 + r.int(0, 8 * 60 + 30);
  // drawn whatever the date, so the demo's later draws (procedures, communes) are the same on every day
  const earlier = r.int(5, 120);
  const t = vnAt(day, minutes);
  return t.getTime() > now.getTime() ? new Date(now.getTime() - earlier * 60_000) : t;
}

/** In-memory ports for the demo batches: units of the province, the offered procedures, a fixed calendar. */
export async function snapshotPorts(real: Ports, forms: FormsService, cal: WorkingCalendar, provinceCode: string, procedures: string[]): Promise<Ports> {
  type OrgUnit = NonNullable<Awaited<ReturnType<UnitsPort['resolveOrgUnit']>>>;
  const units = new Map<string, OrgUnit>();
  const communes = await real.units.listCommunes(provinceCode);
  const agencies = await real.units.listAgencies(provinceCode);
  for (const c of communes) units.set(c.code, { code: c.code, name: c.name, kind: 'commune', provinceCode });
  for (const a of agencies) units.set(a.code, a);
  const province = await real.units.resolveOrgUnit(provinceCode);
  if (province) units.set(provinceCode, province);
  const catalog = real.catalog;
  const procs = new Map<string, Awaited<ReturnType<CatalogPort['getProcedure']>>>();
  const where = new Map<string, Awaited<ReturnType<CatalogPort['whereOffered']>>>();
  const fees = new Map<string, Awaited<ReturnType<CatalogPort['effectiveFee']>>>();
  for (const code of procedures) {
    procs.set(code, await catalog.getProcedure(code));
    where.set(code, await catalog.whereOffered(provinceCode, code));
    for (const ch of ['online', 'in_person', 'post'] as const) fees.set(`${code}:${ch}`, await catalog.effectiveFee(provinceCode, code, ch));
  }
  return {
    ...real,
    forms: await forms.snapshot(procedures),
    // the demo's officials carry their position on the caller; identity is not read inside a batch
    people: null,
    calendar: { calendar: async () => cal },
    units: {
      resolveOrgUnit: async (code) => units.get(code) ?? null,
      listCommunes: async () => communes,
      listAgencies: async () => agencies,
    },
    catalog: {
      getProcedure: async (code) => procs.get(code) ?? null,
      whereOffered: async (_p, code) => where.get(code) ?? null,
      effectiveFee: async (_p, code, ch = 'in_person') => {
        const fee = fees.get(`${code}:${ch}`);
        if (!fee) throw new Error(`demo: fee of ${code} (${ch}) was not read before the batch`);
        return fee;
      },
    },
  };
}
