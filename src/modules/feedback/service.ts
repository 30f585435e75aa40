import crypto from 'node:crypto';
import type { AccessTarget, Principal } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { assertValidText } from '../../platform/http.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import type { CheckedUpload, FileStore } from '../../platform/documents/index.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { decideFeedback, FeedbackRuleError, type FeedbackCommand, type FeedbackState } from './domain/decide.ts';
import { acceptDueAt, answerDueAt, feedbackSweepSteps, handlingTimeliness } from './domain/deadlines.ts';
import { publicView, type PublicFeedback } from './domain/publish.ts';
import { routeFeedback, rulesProblems, type RoutingRule } from './domain/routing.ts';
import {
  CATEGORIES,
  CHANNEL_LABELS,
  FEEDBACK_ACTION_ACTOR,
  FEEDBACK_ACTION_LABELS,
  FEEDBACK_AVAILABLE_ACTIONS,
  FEEDBACK_STATUS_INFO,
  RATING_LABELS,
  type Category,
  type FeedbackAction,
  type FeedbackChannel,
  type FeedbackStatus,
  type Rating,
} from './domain/states.ts';

import type { Caller } from '../../platform/access.ts';
export type { Caller };

export const FEEDBACK_PERMISSIONS = {
  /** Handle the reports routed to one's unit: read them, accept, transfer, refuse, draft the answer. */
  'feedback.handle': ['receiving_officer', 'specialist', 'leader', 'clerk'],
  /** Approve (and send) or return the unit's answer. */
  'feedback.approve': ['leader'],
  /** Enter a report received by phone or letter. */
  'feedback.enter': ['receiving_officer', 'specialist', 'leader'],
  /** A citizen's own reports (follow, add photos, rate): checked with the report as owner, a relationship. */
  'feedback.own': ['citizen'],
  /** Edit the province's routing rules. */
  'feedback.configure': ['province_admin'],
} as const;

export interface SubmitInput {
  category: Category;
  text: string;
  textPublic: boolean;
  channel?: FeedbackChannel;
  address?: string | null;
  communeCode?: string | null;
  lat?: number | null;
  lng?: number | null;
  dossierCode?: string | null;
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
}

/** Where a report would go (`routePreview`): the place as converted and the unit the province's rules choose. */
export interface RoutePreview {
  communeCode: string | null;
  communeName: string | null;
  street: string | null;
  unitCode: string;
  unitName: string;
  answerWorkingDays: number;
  categoryLabel: string;
}

export interface ReportView {
  code: string;
  channel: FeedbackChannel;
  channelLabel: string;
  category: Category;
  categoryLabel: string;
  text: string;
  textPublic: boolean;
  place: { address: string | null; communeCode: string | null; communeName: string | null; lat: number | null; lng: number | null };
  dossierCode: string | null;
  unit: { code: string; name: string };
  routeReason: string;
  status: FeedbackStatus;
  statusLabel: string;
  receivedAt: string;
  acceptDueAt: string;
  answerDueAt: string;
  answerDraft: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredOnTime: boolean | null;
  rating: Rating | null;
  ratingLabel: string | null;
  photos: { id: string; contentType: string; size: number }[];
  version: number;
  availableActions: { action: FeedbackAction; label: string }[];
}

export interface OfficeReportView extends ReportView {
  reporter: { name: string | null; email: string | null; phone: string | null; signedIn: boolean };
  timeline: { at: string; action: string; label: string; actor: string; text: string | null }[];
}

/** Feedback facts per unit for the dashboard and the service index (analytics reads them through this contract). */
export interface FeedbackFacts {
  unitCode: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  refused: number;
  refusedOnTime: number;
  open: number;
  overdueOpen: number;
  ratings: { count: number; verySatisfied: number; satisfied: number; unsatisfied: number };
}

interface Row {
  id: string;
  code: string;
  province_code: string;
  channel: FeedbackChannel;
  category: Category;
  text: string;
  text_public: boolean;
  reporter_subject: string | null;
  reporter_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  address: string | null;
  commune_code: string | null;
  street: string | null;
  lat: number | null;
  lng: number | null;
  dossier_code: string | null;
  unit_code: string;
  route_reason: string;
  status: FeedbackStatus;
  received_at: Date;
  accept_due_at: Date;
  answer_due_at: Date;
  answer_working_days: number;
  answer_draft: string | null;
  answer: string | null;
  answered_at: Date | null;
  refused_at: Date | null;
  rating: Rating | null;
  rating_comment: string | null;
  transfers: number;
  reminded_at: Date | null;
  escalated_at: Date | null;
  accept_alerted_at: Date | null;
  key_hash: string;
  version: number;
}

const d = (v: Date | null) => (v ? new Date(v) : null);
const hashKey = (k: string) => crypto.createHash('sha256').update(k).digest('hex');
const ruleError = (e: unknown): never => {
  if (e instanceof FeedbackRuleError) throw e.status === 422 ? problems.unprocessable(e.code, e.detail) : problems.conflict(e.code, e.detail);
  throw e;
};

export function createFeedbackService(ctx: PlatformContext, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const db = ctx.db;
  const by = 'feedback';
  const units = () => requireService(ctx, 'units', by);
  const audit = () => requireService(ctx, 'audit', by);
  const notifications = () => requireService(ctx, 'notifications', by);
  const calendar = (): Promise<WorkingCalendar> => requireService(ctx, 'calendar', by).calendar();
  const province = ctx.config.provinceCode ?? '25';
  /** Where a report without a known commune goes to be sorted (the provincial People's Committee office). */
  const fallbackUnit = `${province}.VPUBND`;

  const names = new Map<string, string>();
  async function unitName(code: string | null): Promise<string | null> {
    if (!code) return null;
    if (!names.has(code)) names.set(code, (await units().resolveOrgUnit(code))?.name ?? code);
    return names.get(code)!;
  }
  async function provinceUnits(): Promise<Set<string>> {
    const [communes, agencies] = await Promise.all([units().listCommunes(province), units().listAgencies(province)]);
    return new Set([province, ...communes.map((c) => c.code), ...agencies.map((a) => a.code)]);
  }

  async function rules(): Promise<RoutingRule[]> {
    const r = await db.query<{ id: string; category: Category | '*'; commune_code: string | null; target: string; answer_working_days: number }>(
      `SELECT id, category, commune_code, target, answer_working_days FROM feedback.routing_rule WHERE province_code = $1 ORDER BY position`,
      [province],
    );
    return r.rows.map((x) => ({ id: x.id, category: x.category, communeCode: x.commune_code, target: x.target, answerWorkingDays: x.answer_working_days }));
  }

  async function putRules(input: RoutingRule[], c: Caller): Promise<RoutingRule[]> {
    const p = c.principal!;
    const known = await provinceUnits();
    const errs = rulesProblems(input, (u) => known.has(u));
    if (errs.length) throw problems.unprocessable('routing-rules-invalid', errs.join(' '), { problems: errs });
    const before = await rules();
    await db.transaction(async (tx) => {
      await tx.query(`DELETE FROM feedback.routing_rule WHERE province_code = $1`, [province]);
      let i = 0;
      for (const r of input)
        await tx.query(`INSERT INTO feedback.routing_rule (id, province_code, position, category, commune_code, target, answer_working_days, updated_at, updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [
          crypto.randomUUID(), province, i++, r.category, r.communeCode, r.target, r.answerWorkingDays, now(), p.id,
        ]);
      await audit().append(tx, { actor: { kind: p.kind, id: p.id, subject: p.subject }, actingUnit: p.unitCode ?? null, action: 'feedback.routing.update', target: `feedback-routing:${province}`, ip: c.ip ?? null, requestId: c.requestId ?? null, before, after: input });
      await emitEvent(tx, { type: 'feedback.routing.changed', aggregateType: 'feedback_routing', aggregateId: province, payload: { provinceCode: province, rules: input.length } });
    });
    return rules();
  }

  // ------------------------------------------------------------------ who may do what
  const mayHandle = (r: Pick<Row, 'unit_code'>, c: Caller) => !!c.principal && c.principal.kind !== 'citizen' && c.can('feedback.handle', { unitCode: r.unit_code });
  /** The relationship: the signed-in citizen who sent it (the policy's owner check), never a role. */
  const isReporter = (r: Pick<Row, 'reporter_subject'>, c: Caller) => !!c.principal && c.principal.kind === 'citizen' && !!r.reporter_subject && c.can('feedback.own', { owner: r.reporter_subject });
  const keyMatches = (r: Pick<Row, 'key_hash'>, key: string | undefined) => !!key && crypto.timingSafeEqual(Buffer.from(hashKey(key)), Buffer.from(r.key_hash));

  function mayAct(r: Row, a: FeedbackAction, c: Caller): boolean {
    switch (FEEDBACK_ACTION_ACTOR[a]) {
      case 'handler':
        return mayHandle(r, c);
      case 'leader':
        return !!c.principal && c.principal.kind === 'official' && c.can('feedback.approve', { unitCode: r.unit_code });
      case 'reporter':
        return false; // the reporter rates through rate(), by the key or as the signed-in owner
    }
  }

  async function row(code: string, q: Queryable = db, lock = false): Promise<Row | null> {
    return (await q.query<Row>(`SELECT * FROM feedback.report WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code])).rows[0] ?? null;
  }

  async function photosOf(id: string) {
    return (await db.query<{ id: string; content_type: string; size: string }>(`SELECT id, content_type, size FROM feedback.photo WHERE report_id = $1 ORDER BY uploaded_at`, [id])).rows.map((p) => ({ id: p.id, contentType: p.content_type, size: Number(p.size) }));
  }

  async function view(r: Row, c: Caller | null): Promise<ReportView> {
    const t = handlingTimeliness({ status: r.status, acceptDueAt: new Date(r.accept_due_at), answerDueAt: new Date(r.answer_due_at), refusedAt: d(r.refused_at), answeredAt: d(r.answered_at) });
    return {
      code: r.code,
      channel: r.channel,
      channelLabel: CHANNEL_LABELS[r.channel],
      category: r.category,
      categoryLabel: CATEGORIES[r.category],
      text: r.text,
      textPublic: r.text_public,
      place: { address: r.address, communeCode: r.commune_code, communeName: await unitName(r.commune_code), lat: r.lat, lng: r.lng },
      dossierCode: r.dossier_code,
      unit: { code: r.unit_code, name: (await unitName(r.unit_code))! },
      routeReason: r.route_reason,
      status: r.status,
      statusLabel: FEEDBACK_STATUS_INFO[r.status].label,
      receivedAt: new Date(r.received_at).toISOString(),
      acceptDueAt: new Date(r.accept_due_at).toISOString(),
      answerDueAt: new Date(r.answer_due_at).toISOString(),
      answerDraft: c && mayHandle(r, c) ? r.answer_draft : null,
      answer: r.answer,
      answeredAt: d(r.answered_at)?.toISOString() ?? null,
      answeredOnTime: t.answeredOnTime,
      rating: r.rating,
      ratingLabel: r.rating ? RATING_LABELS[r.rating] : null,
      photos: await photosOf(r.id),
      version: r.version,
      availableActions: c ? (FEEDBACK_AVAILABLE_ACTIONS[r.status] as readonly FeedbackAction[]).filter((a) => mayAct(r, a, c)).map((a) => ({ action: a, label: FEEDBACK_ACTION_LABELS[a] })) : [],
    };
  }

  async function writeEvent(tx: Queryable, r: Row, e: { action: string; actor: { kind: string; id: string; name: string; unitCode: string | null; subject: string }; from: string | null; to: string | null; text?: string | null; data?: Record<string, unknown> }, c: Caller | null, notice: { text: string; units?: string[] } | null, before: unknown): Promise<void> {
    await tx.query(`INSERT INTO feedback.report_event (report_id, at, action, actor_kind, actor_id, actor_name, actor_unit, from_status, to_status, text, data) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, [
      r.id, now(), e.action, e.actor.kind, e.actor.id, e.actor.name, e.actor.unitCode, e.from, e.to, e.text ?? null, JSON.stringify(e.data ?? {}),
    ]);
    await audit().append(tx, {
      actor: { kind: e.actor.kind as Principal['kind'], id: e.actor.id, subject: e.actor.subject },
      actingUnit: e.actor.unitCode,
      action: `feedback.report.${e.action}`,
      target: `feedback:${r.code}`,
      ip: c?.ip ?? null,
      requestId: c?.requestId ?? null,
      before,
      after: { status: r.status, unit: r.unit_code, version: r.version },
    });
    const t = handlingTimeliness({ status: r.status, acceptDueAt: new Date(r.accept_due_at), answerDueAt: new Date(r.answer_due_at), refusedAt: d(r.refused_at), answeredAt: d(r.answered_at) });
    await emitEvent(tx, {
      type: `feedback.report.${e.action}`,
      aggregateType: 'feedback',
      aggregateId: r.code,
      payload: {
        code: r.code,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        status: r.status,
        provinceCode: r.province_code,
        unitCode: r.unit_code,
        communeCode: r.commune_code,
        category: r.category,
        channel: r.channel,
        receivedAt: new Date(r.received_at).toISOString(),
        answerDueAt: new Date(r.answer_due_at).toISOString(),
        answeredOnTime: t.answeredOnTime,
        refusedOnTime: t.refusedOnTime,
        rating: r.rating,
        actorId: e.actor.id,
        // officials' in-app notices (written by the tasks module's notice subscriber)
        notice: notice ? { text: notice.text, link: `/can-bo/phan-anh/${r.code}`, audience: { units: (notice.units ?? [r.unit_code]).map((u) => ({ unitCode: u })) } } : undefined,
      },
    });
  }

  /** The reporter's e-mail or SMS, in the caller's transaction (sent later; a failure never blocks). */
  async function notifyReporter(tx: Queryable, r: Row, template: 'feedback_received' | 'feedback_answered', key: string | null): Promise<void> {
    const to = r.contact_email ? { channel: 'email' as const, to: r.contact_email } : r.contact_phone ? { channel: 'sms' as const, to: r.contact_phone } : null;
    if (!to) return;
    const trackingUrl = `${ctx.config.publicUrl}/phan-anh/${encodeURIComponent(r.code)}${key ? `?k=${key}` : ''}`;
    await notifications().enqueue(tx, { ...to, template, data: { feedbackCode: r.code, agencyName: (await unitName(r.unit_code)) ?? undefined, appointmentAt: new Date(r.answer_due_at).toISOString(), trackingUrl }, unitCode: r.unit_code });
  }

  // ------------------------------------------------------------------ intake
  /** The place of a report: a commune chosen from the list, or an address converted through the units module. */
  async function placeOf(input: { address?: string | null; communeCode?: string | null }, known: Set<string>): Promise<{ commune: string | null; street: string | null }> {
    const commune = input.communeCode ?? null;
    if (commune && !known.has(commune)) throw problems.unprocessable('commune-unknown', 'Xã, phường được chọn không thuộc tỉnh.');
    if (commune || !input.address?.trim()) return { commune, street: null };
    try {
      const conv = await units().convertAddress(input.address);
      if (conv.province.code === province && known.has(conv.commune.code) && conv.status !== 'ambiguous') return { commune: conv.commune.code, street: conv.street };
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e; // an address the matcher cannot place: the province desk sorts it
    }
    return { commune: null, street: null };
  }

  /**
   * Where a report would go, before it is sent: the place converted as intake converts it and the routing
   * rule that applies. For channels that confirm with the person first (the assistant, Zalo).
   */
  async function routePreview(input: { category: Category; address?: string | null; communeCode?: string | null }): Promise<RoutePreview> {
    const known = await provinceUnits();
    const { commune, street } = await placeOf(input, known);
    const route = routeFeedback(await rules(), { category: input.category, communeCode: commune }, known.has(fallbackUnit) ? fallbackUnit : province);
    return { communeCode: commune, communeName: await unitName(commune), street, unitCode: route.unitCode, unitName: (await unitName(route.unitCode))!, answerWorkingDays: route.answerWorkingDays, categoryLabel: CATEGORIES[input.category] };
  }

  /** A report the person confirmed in another channel of the platform (the assistant, Zalo): never signed in here, so a contact is required. */
  async function submitConfirmed(channel: 'assistant' | 'zalo', input: Omit<SubmitInput, 'channel'>): Promise<{ code: string; key: string; report: ReportView }> {
    assertValidText(input as unknown as Record<string, unknown>);
    const text = input.text.trim();
    if (text.length < 10 || text.length > 5000) throw problems.unprocessable('text-length', 'Nội dung phản ánh cần từ 10 đến 5.000 ký tự.');
    return intake({ ...input, text, channel }, { principal: null, can: () => false });
  }

  async function submit(input: SubmitInput, c: Caller): Promise<{ code: string; key: string; report: ReportView }> {
    const channel: FeedbackChannel = input.channel ?? 'portal';
    if (channel === 'phone' || channel === 'letter') {
      if (c.principal?.kind !== 'official' || !c.can('feedback.enter')) throw problems.forbidden('Chỉ cán bộ nhập phản ánh nhận qua điện thoại hoặc thư.');
    } else if (channel !== 'portal') throw problems.unprocessable('channel-not-open', `Phản ánh qua kênh "${CHANNEL_LABELS[channel]}" được gửi từ chính kênh đó.`);
    return intake({ ...input, channel }, c);
  }

  async function intake(input: SubmitInput & { channel: FeedbackChannel }, c: Caller): Promise<{ code: string; key: string; report: ReportView }> {
    const p = c.principal;
    const official = p?.kind === 'official';
    const channel = input.channel;
    if (!Object.hasOwn(CATEGORIES, input.category)) throw problems.unprocessable('category-unknown', `Không có lĩnh vực phản ánh "${input.category}".`);
    const citizen = p?.kind === 'citizen' ? p : null;
    const email = input.contact?.email?.trim() || null;
    const phone = input.contact?.phone?.replace(/[\s.]/g, '') || null;
    if (!citizen && !email && !phone) throw problems.unprocessable('contact-missing', 'Phản ánh không đăng nhập cần số điện thoại hoặc thư điện tử để nhận trả lời.');
    const known = await provinceUnits();
    const { commune, street } = await placeOf(input, known);
    const cal = await calendar();
    const route = routeFeedback(await rules(), { category: input.category, communeCode: commune }, known.has(fallbackUnit) ? fallbackUnit : province);
    const at = now();
    const key = crypto.randomBytes(18).toString('base64url');
    const id = crypto.randomUUID();
    const actor = p ? { kind: p.kind, id: p.id, name: p.displayName || p.subject, unitCode: p.unitCode ?? null, subject: p.subject } : { kind: 'citizen', id: 'anonymous', name: 'Người phản ánh', unitCode: null, subject: 'anonymous' };
    const agencyName = await unitName(route.unitCode);
    names.set(route.unitCode, agencyName!);
    const r = await db.transaction(async (tx) => {
      const n = (await tx.query<{ n: string }>(`SELECT nextval('feedback.report_number') AS n`)).rows[0]!.n;
      const code = `PA${String(at.getUTCFullYear()).slice(2)}-${String(n).padStart(6, '0')}`;
      const row: Row = {
        id, code, province_code: province, channel, category: input.category, text: input.text.trim(), text_public: input.textPublic,
        reporter_subject: citizen?.subject ?? null, reporter_name: input.contact?.name?.trim() || citizen?.displayName || null, contact_email: email, contact_phone: phone,
        address: input.address?.trim() || null, commune_code: commune, street, lat: input.lat ?? null, lng: input.lng ?? null, dossier_code: input.dossierCode?.trim() || null,
        unit_code: route.unitCode, route_reason: route.reason, status: 'received', received_at: at, accept_due_at: acceptDueAt(at, cal), answer_due_at: answerDueAt(at, route.answerWorkingDays, cal),
        answer_working_days: route.answerWorkingDays, answer_draft: null, answer: null, answered_at: null, refused_at: null, rating: null, rating_comment: null, transfers: 0, reminded_at: null, escalated_at: null, accept_alerted_at: null,
        key_hash: hashKey(key), version: 1,
      };
      await tx.query(
        `INSERT INTO feedback.report (id, code, province_code, channel, category, text, text_public, reporter_subject, reporter_name, contact_email, contact_phone, address, commune_code, street, lat, lng,
           dossier_code, unit_code, route_reason, status, received_at, accept_due_at, answer_due_at, answer_working_days, key_hash, entered_by, updated_at, version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,1)`,
        [id, code, province, channel, row.category, row.text, row.text_public, row.reporter_subject, row.reporter_name, email, phone, row.address, commune, street, row.lat, row.lng, row.dossier_code, row.unit_code, row.route_reason, 'received', at, row.accept_due_at, row.answer_due_at, row.answer_working_days, row.key_hash, official ? p!.id : null, at],
      );
      await writeEvent(tx, row, { action: 'received', actor, from: null, to: 'received', text: route.reason }, c, { text: `Phản ánh mới ${code} (${CATEGORIES[row.category]}) chờ tiếp nhận xử lý.` }, null);
      await notifyReporter(tx, row, 'feedback_received', key);
      return row;
    });
    return { code: r.code, key, report: await view(r, null) };
  }

  async function addPhoto(code: string, key: string | undefined, f: { bytes: Uint8Array; filename?: string }, c: Caller, files: FileStore, check: (b: Uint8Array, o: { filename?: string; policy?: { allowed: string[]; maxBytes: number; subject?: string } }) => Promise<CheckedUpload>): Promise<{ id: string; contentType: string; size: number }> {
    const r = await row(code);
    if (!r || !(keyMatches(r, key) || isReporter(r, c) || (r.channel !== 'portal' && mayHandle(r, c)))) throw problems.notFound('phản ánh', 'feedback-not-found');
    if (r.status !== 'received' || now().getTime() - new Date(r.received_at).getTime() > 24 * 3600_000) throw problems.conflict('photos-closed', 'Chỉ gửi thêm ảnh trong 24 giờ sau khi gửi phản ánh, khi phản ánh chưa được xử lý.');
    const count = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback.photo WHERE report_id = $1`, [r.id])).rows[0]!.n;
    if (count >= 5) throw problems.conflict('photos-too-many', 'Mỗi phản ánh có tối đa 5 ảnh.');
    const checked = await check(f.bytes, { filename: f.filename, policy: { allowed: ['jpg', 'png'], maxBytes: 10 * 1024 * 1024, subject: 'Ảnh phản ánh' } });
    const stored = await files.put(f.bytes, { contentType: checked.mime, filename: f.filename });
    const id = crypto.randomUUID();
    await db.query(`INSERT INTO feedback.photo (id, report_id, file_key, filename, content_type, size, sha256, uploaded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [id, r.id, stored.key, f.filename ?? null, checked.mime, checked.size, checked.sha256, now()]);
    return { id, contentType: checked.mime, size: checked.size };
  }

  // ------------------------------------------------------------------ the reporter
  async function track(code: string, key: string | undefined, c: Caller): Promise<ReportView> {
    const r = await row(code);
    if (!r || !(keyMatches(r, key) || isReporter(r, c))) throw problems.notFound('phản ánh', 'feedback-not-found');
    return view(r, null);
  }

  async function rate(code: string, key: string | undefined, input: { rating: Rating; comment?: string }, c: Caller): Promise<ReportView> {
    const r0 = await row(code);
    if (!r0 || !(keyMatches(r0, key) || isReporter(r0, c))) throw problems.notFound('phản ánh', 'feedback-not-found');
    return transition(code, { action: 'rate', rating: input.rating, comment: input.comment }, c, { kind: 'citizen', id: r0.reporter_subject ? 'reporter' : 'anonymous', name: 'Người phản ánh', unitCode: null, subject: 'reporter' }, input.comment ?? null);
  }

  // ------------------------------------------------------------------ the units
  async function transition(code: string, cmd: FeedbackCommand, c: Caller, actor: { kind: string; id: string; name: string; unitCode: string | null; subject: string }, text: string | null, expectedVersion?: number): Promise<ReportView> {
    const cal = await calendar();
    let toUnitName: string | null = null;
    if (cmd.action === 'transfer') {
      if (!(await provinceUnits()).has(cmd.toUnit)) throw problems.unprocessable('unit-unknown', `Không có đơn vị mã "${cmd.toUnit}" trong tỉnh.`);
      cmd.acceptDueAt = acceptDueAt(now(), cal);
      toUnitName = await unitName(cmd.toUnit);
    }
    const r0 = await row(code);
    if (r0) await unitName(r0.unit_code);
    const saved = await db.transaction(async (tx) => {
      const r = await row(code, tx, true);
      if (!r) throw problems.notFound('phản ánh', 'feedback-not-found');
      if (expectedVersion !== undefined && r.version !== expectedVersion) throw problems.conflict('version-conflict', `Phản ánh đã được cập nhật (phiên bản ${r.version}); hãy tải lại.`);
      const state: FeedbackState = { status: r.status, unitCode: r.unit_code, acceptDueAt: new Date(r.accept_due_at), answerDueAt: new Date(r.answer_due_at), answerDraft: r.answer_draft, answer: r.answer, answeredAt: d(r.answered_at), refusedAt: d(r.refused_at), rating: r.rating, transfers: r.transfers, version: r.version };
      let dec;
      try {
        dec = decideFeedback(state, cmd, now());
      } catch (e) {
        return ruleError(e);
      }
      const n = dec.next;
      const next: Row = { ...r, status: n.status, unit_code: n.unitCode, accept_due_at: n.acceptDueAt, answer_draft: n.answerDraft, answer: n.answer, answered_at: n.answeredAt, refused_at: n.refusedAt, rating: n.rating, transfers: n.transfers, version: n.version, rating_comment: cmd.action === 'rate' ? cmd.comment ?? null : r.rating_comment };
      await tx.query(
        `UPDATE feedback.report SET status=$2, unit_code=$3, accept_due_at=$4, answer_draft=$5, answer=$6, answered_at=$7, refused_at=$8, rating=$9, rating_comment=$10, rated_at = CASE WHEN $9::text IS NOT NULL AND rated_at IS NULL THEN $11::timestamptz ELSE rated_at END, transfers=$12, route_reason = $13, updated_at=$11, version=$14, accept_alerted_at = CASE WHEN $15::boolean THEN NULL ELSE accept_alerted_at END WHERE id=$1`,
        [r.id, next.status, next.unit_code, next.accept_due_at, next.answer_draft, next.answer, next.answered_at, next.refused_at, next.rating, next.rating_comment, now(), next.transfers, cmd.action === 'transfer' ? `Chuyển từ ${names.get(r.unit_code) ?? r.unit_code}: ${cmd.reason}` : r.route_reason, next.version, cmd.action === 'transfer'],
      );
      const notice =
        cmd.action === 'transfer'
          ? { text: `Phản ánh ${r.code} được chuyển tới ${toUnitName}: ${cmd.reason}`, units: [cmd.toUnit] }
          : cmd.action === 'propose_answer'
            ? { text: `Dự thảo trả lời phản ánh ${r.code} chờ lãnh đạo duyệt.` }
            : cmd.action === 'return_answer'
              ? { text: `Lãnh đạo trả lại dự thảo trả lời phản ánh ${r.code}: ${cmd.reason}` }
              : cmd.action === 'rate'
                ? { text: `Người phản ánh đánh giá trả lời ${r.code}: ${RATING_LABELS[cmd.rating]}.` }
                : null;
      await writeEvent(tx, next, { action: cmd.action, actor, from: dec.from, to: dec.to, text, data: cmd.action === 'transfer' ? { fromUnit: r.unit_code, toUnit: cmd.toUnit } : {} }, c, notice, { status: r.status, unit: r.unit_code, version: r.version });
      if (cmd.action === 'approve_answer') await notifyReporter(tx, next, 'feedback_answered', null);
      return next;
    });
    return view(saved, c);
  }

  async function act(code: string, a: Exclude<FeedbackAction, 'rate'>, input: { reason?: string; text?: string; toUnit?: string }, c: Caller, expectedVersion?: number): Promise<ReportView> {
    const p = c.principal;
    if (!p) throw problems.unauthenticated();
    const r = await row(code);
    if (!r || !mayHandle(r, c)) throw problems.notFound('phản ánh', 'feedback-not-found');
    if (!mayAct(r, a, c)) throw problems.forbidden('Chỉ lãnh đạo đơn vị duyệt hoặc trả lại dự thảo trả lời.');
    const need = (v: string | undefined, what: string) => {
      const s = v?.trim();
      if (!s) throw problems.validation([{ path: what, message: 'Bắt buộc.' }], what === 'reason' ? 'Thiếu lý do.' : what === 'toUnit' ? 'Chọn đơn vị nhận.' : 'Thiếu nội dung trả lời.');
      return s;
    };
    const cmd: FeedbackCommand =
      a === 'accept'
        ? { action: a }
        : a === 'transfer'
          ? { action: a, toUnit: need(input.toUnit, 'toUnit'), reason: need(input.reason, 'reason'), acceptDueAt: new Date(0) }
          : a === 'refuse' || a === 'return_answer'
            ? { action: a, reason: need(input.reason, 'reason') }
            : a === 'propose_answer'
              ? { action: a, text: need(input.text, 'text') }
              : { action: a, text: input.text };
    const actor = { kind: p.kind, id: p.id, name: p.displayName || p.subject, unitCode: p.unitCode ?? null, subject: p.subject };
    return transition(code, cmd, c, actor, input.reason ?? input.text ?? null, expectedVersion);
  }

  async function get(code: string, c: Caller): Promise<OfficeReportView> {
    const r = await row(code);
    if (!r || !mayHandle(r, c)) throw problems.notFound('phản ánh', 'feedback-not-found');
    const p = c.principal!;
    // reads of the reporter's personal data are recorded
    await db.query(`INSERT INTO feedback.read_log (report_id, at, reader_id, reader_name, reader_unit, what) VALUES ($1,$2,$3,$4,$5,'detail')`, [r.id, now(), p.id, p.displayName || p.subject, p.unitCode ?? null]);
    const ev = await db.query<{ at: Date; action: string; actor_name: string; text: string | null }>(`SELECT at, action, actor_name, text FROM feedback.report_event WHERE report_id = $1 ORDER BY id`, [r.id]);
    const labels: Record<string, string> = { ...FEEDBACK_ACTION_LABELS, received: 'Nhận phản ánh', reminded: 'Nhắc hạn trả lời', escalated: 'Báo cáo lãnh đạo (quá hạn trả lời)', accept_overdue: 'Cảnh báo: quá 2 ngày làm việc chưa tiếp nhận' };
    return {
      ...(await view(r, c)),
      reporter: { name: r.reporter_name, email: r.contact_email, phone: r.contact_phone, signedIn: !!r.reporter_subject },
      timeline: ev.rows.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, label: labels[e.action] ?? e.action, actor: e.actor_name, text: e.text })),
    };
  }

  async function photo(code: string, photoId: string, c: Caller, files: FileStore, key?: string): Promise<{ body: Buffer; contentType: string }> {
    const r = await row(code);
    if (!r || !(mayHandle(r, c) || keyMatches(r, key) || isReporter(r, c))) throw problems.notFound('phản ánh', 'feedback-not-found');
    const p = (await db.query<{ file_key: string; content_type: string }>(`SELECT file_key, content_type FROM feedback.photo WHERE report_id = $1 AND id = $2`, [r.id, photoId])).rows[0];
    const got = p ? await files.get(p.file_key) : null;
    if (!p || !got) throw problems.notFound('ảnh', 'photo-not-found');
    return { body: got.body, contentType: p.content_type };
  }

  async function list(q: { unit?: string; status?: FeedbackStatus; overdue?: boolean; page: number; pageSize: number }, c: Caller): Promise<{ items: ReportView[]; total: number }> {
    const p = c.principal;
    if (!p || p.kind === 'citizen') throw problems.forbidden();
    const unitsAsked = q.unit ? [q.unit] : [...new Set(p.grants.map((g) => g.unitCode))];
    const visible = unitsAsked.filter((u) => c.can('feedback.handle', { unitCode: u }));
    if (q.unit && !visible.length) throw problems.forbidden('Bạn không xử lý phản ánh của đơn vị này.');
    const params: unknown[] = [visible];
    const where = ['unit_code = ANY($1::text[])'];
    if (q.status) where.push(`status = $${params.push(q.status)}`);
    if (q.overdue) where.push(`status NOT IN ('answered','refused') AND answer_due_at < $${params.push(now())}`);
    const w = where.join(' AND ');
    const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback.report WHERE ${w}`, params)).rows[0]!.n;
    const rows = await db.query<Row>(`SELECT * FROM feedback.report WHERE ${w} ORDER BY (status IN ('answered','refused')), answer_due_at LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
    return { items: await Promise.all(rows.rows.map((r) => view(r, c))), total };
  }

  // ------------------------------------------------------------------ public page
  async function publicList(q: { commune?: string; category?: Category; page: number; pageSize: number }): Promise<{ items: PublicFeedback[]; total: number }> {
    const params: unknown[] = [province];
    const where = [`province_code = $1`, `status = 'answered'`];
    if (q.commune) where.push(`commune_code = $${params.push(q.commune)}`);
    if (q.category) where.push(`category = $${params.push(q.category)}`);
    const w = where.join(' AND ');
    const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback.report WHERE ${w}`, params)).rows[0]!.n;
    const rows = await db.query<Row>(`SELECT * FROM feedback.report WHERE ${w} ORDER BY answered_at DESC, code LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
    return { items: await Promise.all(rows.rows.map(publicOf)), total };
  }

  async function publicOf(r: Row): Promise<PublicFeedback> {
    return publicView({ code: r.code, category: CATEGORIES[r.category], communeName: await unitName(r.commune_code), unitName: (await unitName(r.unit_code))!, text: r.text, textPublic: r.text_public, reporterName: r.reporter_name, answer: r.answer, receivedAt: new Date(r.received_at), answeredAt: d(r.answered_at), rating: r.rating ? RATING_LABELS[r.rating] : null });
  }

  async function publicOne(code: string): Promise<PublicFeedback> {
    const r = await row(code);
    if (!r || r.status !== 'answered') throw problems.notFound('phản ánh đã trả lời', 'feedback-not-found');
    return publicOf(r);
  }

  // ------------------------------------------------------------------ sweep: reminders and escalation
  async function sweep(at: Date = now()): Promise<{ acceptLate: number; reminded: number; escalated: number }> {
    const cal = await calendar();
    const out = { acceptLate: 0, reminded: 0, escalated: 0 };
    const rows = await db.query<Row>(
      `SELECT * FROM feedback.report WHERE status NOT IN ('answered','refused')
          AND ((answer_due_at < $1 AND escalated_at IS NULL) OR (status = 'received' AND accept_due_at < $2 AND accept_alerted_at IS NULL))
        ORDER BY answer_due_at LIMIT 2000`,
      [new Date(at.getTime() + 5 * 86400_000), at],
    );
    const actor = { kind: 'system', id: 'system', name: 'Hệ thống Liên Thông', unitCode: null, subject: 'system' };
    const STEP = {
      accept_late: { col: 'accept_alerted_at', action: 'accept_overdue', text: (code: string) => `Phản ánh ${code} đã quá 2 ngày làm việc mà chưa được tiếp nhận, chuyển hoặc từ chối: đề nghị xử lý ngay.` },
      remind: { col: 'reminded_at', action: 'reminded', text: (code: string) => `Phản ánh ${code} đến hạn trả lời vào ngày làm việc tới.` },
      escalate: { col: 'escalated_at', action: 'escalated', text: (code: string) => `Phản ánh ${code} đã quá hạn trả lời: đề nghị lãnh đạo chỉ đạo.` },
    } as const;
    for (const r of rows.rows) {
      const steps = feedbackSweepSteps({ status: r.status, acceptDueAt: new Date(r.accept_due_at), acceptAlertedAt: d(r.accept_alerted_at), answerDueAt: new Date(r.answer_due_at), remindedAt: d(r.reminded_at), escalatedAt: d(r.escalated_at) }, at, cal);
      for (const s of steps)
        await db.transaction(async (tx) => {
          const { col, action, text } = STEP[s];
          const u = await tx.query(`UPDATE feedback.report SET ${col} = $2, version = version + 1, updated_at = $2 WHERE id = $1 AND ${col} IS NULL RETURNING version`, [r.id, at]);
          if (u.rowCount !== 1) return;
          const next = { ...r, version: (u.rows[0] as { version: number }).version };
          await writeEvent(tx, next, { action, actor, from: r.status, to: r.status }, null, { text: text(r.code) }, null);
          if (s === 'accept_late') out.acceptLate++;
          else if (s === 'remind') out.reminded++;
          else out.escalated++;
        });
    }
    return out;
  }

  // ------------------------------------------------------------------ facts for analytics
  async function facts(q: { provinceCode?: string; from?: string; to?: string } = {}): Promise<FeedbackFacts[]> {
    const r = await db.query<{ unit: string; received: number; answered: number; answered_on_time: number; refused: number; refused_on_time: number; open: number; overdue_open: number; rated: number; very: number; sat: number; unsat: number }>(
      `SELECT unit_code AS unit, count(*)::int AS received,
              count(*) FILTER (WHERE status = 'answered')::int AS answered,
              count(*) FILTER (WHERE status = 'answered' AND answered_at <= answer_due_at)::int AS answered_on_time,
              count(*) FILTER (WHERE status = 'refused')::int AS refused,
              count(*) FILTER (WHERE status = 'refused' AND refused_at <= accept_due_at)::int AS refused_on_time,
              count(*) FILTER (WHERE status NOT IN ('answered','refused'))::int AS open,
              count(*) FILTER (WHERE status NOT IN ('answered','refused') AND answer_due_at < $4)::int AS overdue_open,
              count(rating)::int AS rated,
              count(*) FILTER (WHERE rating = 'very_satisfied')::int AS very,
              count(*) FILTER (WHERE rating = 'satisfied')::int AS sat,
              count(*) FILTER (WHERE rating = 'unsatisfied')::int AS unsat
         FROM feedback.report
        WHERE province_code = $1 AND ($2::date IS NULL OR received_at >= $2::date) AND ($3::date IS NULL OR received_at < $3::date + 1)
        GROUP BY unit_code ORDER BY unit_code`,
      [q.provinceCode ?? province, q.from ?? null, q.to ?? null, now()],
    );
    return r.rows.map((x) => ({ unitCode: x.unit, received: x.received, answered: x.answered, answeredOnTime: x.answered_on_time, refused: x.refused, refusedOnTime: x.refused_on_time, open: x.open, overdueOpen: x.overdue_open, ratings: { count: x.rated, verySatisfied: x.very, satisfied: x.sat, unsatisfied: x.unsat } }));
  }

  return { submit, submitConfirmed, routePreview, addPhoto, track, rate, act, get, photo, list, publicList, publicOne, rules, putRules, sweep, facts };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
