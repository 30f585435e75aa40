import crypto from 'node:crypto';
import type { AccessTarget, Principal } from '../../platform/access.ts';
import type { Db, Queryable, Tx } from '../../platform/db.ts';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import type { FileStore } from '../../platform/documents/index.ts';
import { authoritiesFor } from './domain/authority.ts';
import { vnDate, type WorkingCalendar } from './domain/calendar.ts';
import { demoIdentifiers, formatDossierCode, isAgencyIdentifier } from './domain/code.ts';
import { ACTION_INPUT } from './domain/commands.ts';
import { newDossier } from './domain/create.ts';
import { decide, type Decision } from './domain/decide.ts';
import type { Actor, Dossier, NotificationTemplate, TransitionRecord } from './domain/model.ts';
import { ProcessBodySchema, defaultProcess, isStepAction, type ProcessBody, type ProcessDefinition } from './domain/process.ts';
import { decideCompetence, isActionUseful } from './domain/rules.ts';
import { AVAILABLE_ACTIONS, CHANNEL_INFO, RETURN_METHOD_LABELS, DOSSIER_STATUSES, STATUS_INFO, isAction, isStatus, type Action, type Channel, type DossierStatus } from './domain/states.ts';
import { cachedPorts, resolvePorts, toTimeLimit, type Ports } from './ports.ts';
import { CreateDossierSchema, type CreateDossierInput, type DossierView, type Inbox, type TimelineEntry, type TrackView } from './schemas.ts';
import * as store from './store.ts';
import { toSummary, toTimeline, toTrack, toView } from './views.ts';

/**
 * The dossier use cases: load → decide (domain) → save + audit record + domain event (+ notifications)
 * in ONE transaction. Time comes from an injected clock so that the demo can drive the real workflow
 * with back-dated moments.
 */

/** Who is calling and what the policy lets them do (request.principal + the policy's `can`). */
export interface Caller {
  principal: Principal | null;
  can(permission: string, target?: AccessTarget): boolean;
  ip?: string | null;
  requestId?: string | null;
}

export function systemCaller(name = 'Hệ thống Liên Thông', id = 'system'): Caller {
  return { principal: { kind: 'system', id, subject: id, displayName: name, grants: [], via: 'system' }, can: () => true };
}

export interface DossiersServiceOptions {
  /** The clock (default: the real time). The demo and tests inject back-dated moments. */
  now?: () => Date;
  ports?: Ports;
  /** The database to use (default ctx.db). The demo passes one bound to a single open transaction. */
  db?: Db;
  /** How long reference lookups (procedures, offerings, units) are cached, in ms (default 30 s). */
  referenceTtlMs?: number;
}

/** A Db whose transactions run inside an already open transaction (for batches such as the demo). */
export function boundToTransaction(tx: Tx, base: Db): Db {
  return { engine: base.engine, query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), transaction: (fn) => fn(tx), close: async () => undefined };
}

export type PaymentOutcome = 'paid' | 'duplicate' | 'unknown-dossier' | 'amount-mismatch' | 'not-payable';

export const MODULE_PERMISSIONS = {
  /** Read dossiers of one's units and fields (inbox, detail, timeline, papers, attachments). */
  'dossiers.read': ['receiving_officer', 'specialist', 'leader', 'clerk', 'province_admin', 'citizen'],
  /** Submit a dossier: online (citizen, API client) or at the counter (receiving officer). */
  'dossiers.submit': ['receiving_officer', 'citizen', 'api_client'],
  /** Route-level: act on a dossier (the step's role is checked on the dossier itself). */
  'dossiers.act': ['receiving_officer', 'specialist', 'leader', 'clerk', 'citizen'],
  /** Receive, refuse at reception, request a supplement at reception, forward, record payments, return results. */
  'dossiers.receive': ['receiving_officer'],
  /** Appraise, consult, return to a step, request a supplement after appraisal. */
  'dossiers.process': ['specialist'],
  /** Approve or refuse, sign, apologise with a new date, stop, assign. */
  'dossiers.approve': ['leader'],
  /** Issue the signed result. */
  'dossiers.issue': ['clerk'],
  /** Edit process definitions and agency identifiers of the province. */
  'dossiers.configure': ['province_admin'],
} as const;


export function createDossiersService(ctx: PlatformContext, opts: DossiersServiceOptions = {}) {
  const db = opts.db ?? ctx.db;
  const now = opts.now ?? (() => new Date());
  let portsCache: Ports | null = opts.ports ?? null;
  const ports = () => (portsCache ??= cachedPorts(resolvePorts(ctx), opts.referenceTtlMs ?? 30_000));
  const defs = new Map<string, ProcessDefinition>();
  /** The latest version per procedure, cached briefly (a new version applies to new dossiers within the TTL). */
  const latestDefs = new Map<string, { at: number; def: ProcessDefinition }>();
  const identifiers = new Map<string, string>();
  const readRoles = new Set<string>(ctx.permissions['dossiers.read'] ?? MODULE_PERMISSIONS['dossiers.read']);

  // ------------------------------------------------------------------ helpers

  const calendar = (): Promise<WorkingCalendar> => ports().calendar.calendar();

  const actorOf = (caller: Caller): Actor => {
    const p = caller.principal;
    if (!p) throw problems.unauthenticated();
    return { kind: p.kind, id: p.id, name: p.displayName || p.subject, unitCode: p.unitCode ?? null };
  };

  const isOwner = (p: Principal | null, d: Dossier) => !!p && p.kind === 'citizen' && !!d.applicantSubject && p.subject === d.applicantSubject;

  const mayRead = (d: Dossier, caller: Caller) => {
    const p = caller.principal;
    if (!p) return false;
    if (p.kind === 'system' || isOwner(p, d)) return true;
    return store.unitsOf(d).some((u) => caller.can('dossiers.read', { unitCode: u, field: d.field }));
  };

  const mayAct = (d: Dossier, action: Action, def: ProcessDefinition, caller: Caller) => {
    const p = caller.principal;
    if (!p) return false;
    if (p.kind === 'system') return true;
    return authoritiesFor(d, action, def).some((a) =>
      a.kind === 'applicant' ? isOwner(p, d) : p.kind !== 'citizen' && a.units.some((u) => caller.can(a.permission, { unitCode: u, field: d.field })),
    );
  };

  const availableFor = (d: Dossier, def: ProcessDefinition, caller: Caller): Action[] =>
    (AVAILABLE_ACTIONS[d.status] as readonly Action[]).filter(
      (a) =>
        (!isStepAction(a) || (def.steps[d.step]?.actions as readonly string[] | undefined)?.includes(a)) && isActionUseful(d, a) && mayAct(d, a, def, caller),
    );

  const trackingUrl = (code: string, secret: string) => `${ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(code)}?k=${secret}`;

  async function definition(q: Queryable, procedureCode: string, version: number): Promise<ProcessDefinition> {
    const key = `${procedureCode}@${version}`;
    let def = defs.get(key);
    if (!def) {
      const stored = await store.getDefinition(q, procedureCode, version);
      if (!stored) throw problems.notFound(`quy trình ${key}`, 'process-definition-not-found');
      def = stored;
      defs.set(key, def);
    }
    return def;
  }

  /**
   * The API view. Inside a transaction pass `cal` (read before opening it): on PGlite's single connection
   * another module's query made while the transaction is open would wait for it forever.
   */
  async function view(d: Dossier, secret: string, caller: Caller, q: Queryable = db, cal?: WorkingCalendar): Promise<DossierView> {
    const def = await definition(q, d.procedureCode, d.processVersion);
    return toView(d, def, { now: now(), cal: cal ?? (await calendar()), availableActions: availableFor(d, def, caller), trackingUrl: trackingUrl(d.code, secret) });
  }

  /** The electronic identifier of a receiving unit; outside production, demo values are assigned on first use. */
  async function identifierFor(unitCode: string, provinceCode: string): Promise<string> {
    const cached = identifiers.get(unitCode);
    if (cached) return cached;
    let row = await store.getIdentifier(db, unitCode);
    if (!row && !ctx.config.production) {
      await seedDemoIdentifiers(provinceCode);
      row = await store.getIdentifier(db, unitCode);
    }
    if (!row)
      throw problems.unprocessable('agency-identifier-missing', `Chưa cấu hình mã định danh điện tử (Quyết định 20/2020/QĐ-TTg) cho đơn vị ${unitCode}.`);
    identifiers.set(unitCode, row.identifier);
    return row.identifier;
  }

  async function seedDemoIdentifiers(provinceCode: string): Promise<number> {
    const units = ports().units;
    const [communes, agencies] = await Promise.all([units.listCommunes(provinceCode), units.listAgencies(provinceCode)]);
    const ids = demoIdentifiers(
      provinceCode,
      agencies.map((a) => a.code),
      communes.map((c) => c.code),
    );
    return store.insertIdentifiers(
      db,
      [...ids].map(([unitCode, identifier]) => ({ unitCode, provinceCode, identifier, demo: true })),
    );
  }

  async function deploymentProvince(): Promise<string> {
    const env = process.env.PROVINCE_CODE;
    if (env && /^\d{2}$/.test(env)) return env;
    const r = await db.query<{ province_code: string }>(
      'SELECT province_code FROM dossiers.agency_identifier GROUP BY province_code ORDER BY count(*) DESC LIMIT 1',
    );
    return r.rows[0]?.province_code ?? '25';
  }

  /** The latest definition of a procedure, storing the catalogue-derived default as version 1 on first use. */
  async function ensureDefinition(procedureCode: string, level: 'commune' | 'province', channel: Channel): Promise<ProcessDefinition> {
    const hit = latestDefs.get(procedureCode);
    if (hit && Date.now() - hit.at < (opts.referenceTtlMs ?? 30_000)) return hit.def;
    const latest = await store.latestDefinition(db, procedureCode);
    if (latest) {
      defs.set(`${procedureCode}@${latest.version}`, latest);
      latestDefs.set(procedureCode, { at: Date.now(), def: latest });
      return latest;
    }
    const def = await derivedDefault(procedureCode, level, channel);
    await store.insertDefinition(db, def, null);
    const stored = (await store.latestDefinition(db, procedureCode))!;
    defs.set(`${procedureCode}@${stored.version}`, stored);
    return stored;
  }

  async function derivedDefault(procedureCode: string, level: 'commune' | 'province', channel: Channel = 'counter'): Promise<ProcessDefinition> {
    const proc = await ports().catalog?.getProcedure(procedureCode);
    const want = CHANNEL_INFO[channel].online ? 'online' : channel === 'post' ? 'post' : 'in_person';
    const options = proc?.channel_options ?? [];
    const option = options.find((o) => o.channel === want && o.processing_time.value) ?? options.find((o) => o.processing_time.value);
    const { limit } = toTimeLimit(option?.processing_time);
    return defaultProcess(procedureCode, level, limit);
  }

  async function writeSideEffects(
    tx: Queryable,
    d: Dossier,
    record: TransitionRecord,
    notify: NotificationTemplate[],
    actor: Actor,
    caller: Caller,
    before: Pick<Dossier, 'status' | 'step' | 'version'> | null,
  ): Promise<void> {
    await ports().audit?.append(tx, {
      actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
      actingUnit: actor.unitCode ?? null,
      action: `dossiers.dossier.${record.action}`,
      target: `dossier:${d.code}`,
      ip: caller.ip ?? null,
      requestId: caller.requestId ?? null,
      before,
      after: { status: d.status, step: d.step, version: d.version },
      meta: { from: record.fromStatus, to: record.toStatus, step: d.step, unit: d.currentUnit },
    });
    await emitEvent(tx, {
      type: `dossiers.dossier.${record.action}`,
      aggregateType: 'dossier',
      aggregateId: d.code,
      payload: {
        code: d.code,
        action: record.action,
        version: d.version,
        fromStatus: record.fromStatus,
        toStatus: record.toStatus,
        nationalStatus: STATUS_INFO[d.status].national,
        kenhThucHien: CHANNEL_INFO[d.channel].kenhThucHien,
        procedureCode: d.procedureCode,
        provinceCode: d.provinceCode,
        step: d.step,
        fromUnit: record.fromUnit,
        unit: d.currentUnit,
        dueAt: d.clock.dueAt?.toISOString() ?? null,
        stepResult: record.stepResult,
        notify,
      },
    });
    const n = ports().notifications;
    if (n && notify.length) {
      // keys of the notification templates (src/modules/notifications/domain/templates.ts)
      const data: Record<string, unknown> = {
        dossierCode: d.code,
        procedureName: d.procedureName,
        appointmentAt: d.clock.dueAt?.toISOString() ?? null,
        items: d.supplement?.items ?? [],
        reason: d.apology?.reason ?? d.supplement?.reason ?? null,
        newAppointmentAt: d.apology?.newDueAt.toISOString() ?? null,
        returnPlace: RETURN_METHOD_LABELS[d.returnMethod],
        amount: d.fee.paidAmount ?? d.fee.amount,
        paidAt: d.fee.paidAt?.toISOString() ?? null,
        feeName: `Phí, lệ phí: ${d.procedureName}`,
        trackingUrl: `${ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(d.code)}`,
      };
      for (const template of notify) {
        if (d.applicant.email) await n.enqueue(tx, { channel: 'email', to: d.applicant.email, template, data, dossierCode: d.code, unitCode: d.receivingUnit });
        if (d.applicant.phone) await n.enqueue(tx, { channel: 'sms', to: d.applicant.phone, template, data, dossierCode: d.code, unitCode: d.receivingUnit });
      }
    }
  }

  /** Decides and saves one transition on a dossier already loaded in `tx`. */
  async function applyInTx(
    tx: Queryable,
    d: Dossier,
    action: Action,
    input: unknown,
    caller: Caller,
    at: Date,
    cal: WorkingCalendar,
  ): Promise<Decision> {
    const def = await definition(tx, d.procedureCode, d.processVersion);
    const actor = actorOf(caller);
    const decision = decide(d, action, input as never, { def, cal, actor, at });
    const saved = await store.saveTransition(tx, decision.next, d.version, decision.record, actor, at);
    if (!saved) throw versionConflict();
    await writeSideEffects(tx, decision.next, decision.record, decision.notify, actor, caller, { status: d.status, step: d.step, version: d.version });
    return decision;
  }

  function parseInput(action: Action, raw: unknown): unknown {
    const parsed = ACTION_INPUT[action].safeParse(raw ?? {});
    if (!parsed.success)
      throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
    return parsed.data;
  }

  async function loadVisible(q: Queryable, code: string, caller: Caller) {
    const stored = await store.loadDossier(q, code);
    if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
    if (!caller.principal) throw problems.unauthenticated();
    if (!mayRead(stored.dossier, caller)) throw problems.forbidden('Hồ sơ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.');
    return stored;
  }

  // ------------------------------------------------------------------ use cases

  const service = {
    /** Submits a dossier online (citizen, API client) or at the counter (receiving officer; received at once by default). */
    async create(raw: CreateDossierInput, caller: Caller, o: { idempotencyKey?: string } = {}): Promise<{ dossier: DossierView; created: boolean }> {
      const p = caller.principal;
      if (!p) throw problems.unauthenticated();
      const parsedInput = CreateDossierSchema.safeParse(raw);
      if (!parsedInput.success)
        throw problems.validation(parsedInput.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const input = parsedInput.data;
      const { units, catalog } = ports();
      if (!catalog) throw problems.unavailable('Danh mục thủ tục hành chính chưa sẵn sàng.');

      const proc = await catalog.getProcedure(input.procedureCode);
      if (!proc) throw problems.unprocessable('procedure-unknown', `Không có thủ tục ${input.procedureCode} trong danh mục.`);

      const isCitizen = p.kind === 'citizen';
      const isOfficial = p.kind === 'official';
      const official = isOfficial ? await units.resolveOrgUnit(input.receivingUnit ?? p.unitCode ?? '') : null;
      if (isOfficial && !official) throw problems.badRequest('receiving-unit-unknown', 'Không xác định được đơn vị tiếp nhận hồ sơ.');
      const channel: Channel = input.channel ?? (isOfficial ? 'counter' : isCitizen ? 'province_portal' : 'national_portal');
      if (isCitizen && !CHANNEL_INFO[channel].online) throw problems.badRequest('channel-invalid', 'Người dân nộp hồ sơ trực tuyến (province_portal hoặc national_portal).');
      if (isOfficial && CHANNEL_INFO[channel].online) throw problems.badRequest('channel-invalid', 'Hồ sơ tiếp nhận tại quầy có kênh counter hoặc post.');

      const commune = input.communeCode ? await units.resolveOrgUnit(input.communeCode) : official?.kind === 'commune' ? official : null;
      if (input.communeCode && (!commune || commune.kind !== 'commune')) throw problems.unprocessable('commune-unknown', `Không có xã, phường mã ${input.communeCode}.`);
      const provinceCode = official?.provinceCode ?? commune?.provinceCode ?? input.provinceCode ?? (await deploymentProvince());

      // Routing: which unit decides, and whether the province may handle it at all
      const where = await catalog.whereOffered(provinceCode, proc.code);
      const levels = proc.levels;
      let level: 'commune' | 'province' | null = where
        ? where.offering.scope === 'agency'
          ? 'province'
          : 'commune'
        : levels.includes('commune')
          ? 'commune'
          : levels.includes('province')
            ? 'province'
            : null;
      const offering = where
        ? { scope: where.offering.scope, communes: where.offering.commune_codes, agencyCode: where.offering.agency_code }
        : level === 'commune'
          ? { scope: 'all_communes' as const }
          : null;
      const competence = decideCompetence({ level, provinceCode, offering, commune: commune ? { code: commune.code, provinceCode: commune.provinceCode } : null });
      if (!competence.ok) throw problems.unprocessable('outside-competence', competence.reason, { reason: competence.reason });
      level = level!;

      // Where it is received and returned
      let receivingUnit: string;
      if (official) {
        receivingUnit = official.code;
        if (official.provinceCode !== provinceCode) throw problems.unprocessable('outside-province', 'Đơn vị tiếp nhận không thuộc tỉnh giải quyết hồ sơ.');
        if (!caller.can('dossiers.receive', { unitCode: receivingUnit, field: proc.field }))
          throw problems.forbidden('Bạn không được tiếp nhận hồ sơ lĩnh vực này tại đơn vị này.');
      } else if (level === 'commune') receivingUnit = competence.decidingUnit;
      else {
        const center = await units.resolveOrgUnit(`${provinceCode}.TTPVHCC`);
        receivingUnit = center?.code ?? competence.decidingUnit;
      }
      let returningUnit = receivingUnit;
      if (input.returnUnit) {
        const r = await units.resolveOrgUnit(input.returnUnit);
        if (!r || r.provinceCode !== provinceCode) throw problems.unprocessable('return-unit-invalid', 'Nơi trả kết quả phải là một đơn vị của tỉnh.');
        returningUnit = r.code;
      }
      const returnMethod = input.returnMethod ?? (CHANNEL_INFO[channel].online ? 'online' : 'counter');

      const def = await ensureDefinition(proc.code, level, channel);
      const fee = await catalog.effectiveFee(provinceCode, proc.code, CHANNEL_INFO[channel].online ? 'online' : channel === 'post' ? 'post' : 'in_person').catch(() => null);
      const feeAmount = fee?.amount_vnd && fee.amount_vnd > 0 ? Math.round(fee.amount_vnd) : 0;
      const identifier = await identifierFor(receivingUnit, provinceCode);
      const cal = await calendar();
      const at = now();
      const requestHash = crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const applicantSubject = isCitizen ? p.subject : (input.applicant.idNumber ?? null);
      const draft = isCitizen && input.draft;

      return db.transaction(async (tx) => {
        if (o.idempotencyKey) {
          const claim = await store.claimIdempotencyKey(tx, `${p.kind}:${p.id}`, o.idempotencyKey, requestHash);
          if (!claim.claimed) {
            if (claim.hash !== requestHash)
              throw problems.unprocessable('idempotency-key-reused', 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.');
            const prev = claim.dossierCode ? await store.loadDossier(tx, claim.dossierCode) : null;
            if (!prev) throw problems.conflict('idempotency-in-progress', 'Yêu cầu với khóa này đang được xử lý.');
            return { dossier: await view(prev.dossier, prev.trackingSecret, caller, tx, cal), created: false };
          }
        }
        const running = await store.nextRunningNumber(tx, identifier, vnDate(at));
        if (running > 9999) throw problems.unavailable('Đã hết số thứ tự hồ sơ trong ngày của đơn vị tiếp nhận (9999).');
        const code = formatDossierCode(identifier, at, running);
        const secret = crypto.randomBytes(12).toString('base64url');
        const created = newDossier(
          {
            code,
            draft,
            procedureCode: proc.code,
            procedureName: proc.name,
            field: proc.field,
            provinceCode,
            channel,
            source: input.source ?? null,
            receivingUnit,
            decidingUnit: competence.decidingUnit,
            returningUnit,
            returnMethod,
            applicant: input.applicant,
            applicantSubject,
            applicantVerified: isCitizen && p.via !== 'password',
            request: input.request ?? null,
            documents: input.documents,
            feeAmount,
            at,
          },
          def,
          cal,
        );
        const actor = actorOf(caller);
        await store.insertDossier(tx, created.dossier, secret, at);
        await store.insertTransition(tx, code, 1, created.record, actor, at);
        await writeSideEffects(tx, created.dossier, created.record, [], actor, caller, null);
        let d = created.dossier;
        if (isOfficial && input.receive) {
          d = (await applyInTx(tx, d, 'receive', parseInput('receive', { digitised: input.digitised }), caller, at, cal)).next;
        }
        if (o.idempotencyKey) await store.completeIdempotencyKey(tx, `${p.kind}:${p.id}`, o.idempotencyKey, code);
        return { dossier: await view(d, secret, caller, tx, cal), created: true };
      });
    },

    /** Performs an action (`If-Match` = the version the caller saw). One of two concurrent actors gets 409. */
    async act(code: string, action: string, rawInput: unknown, caller: Caller, o: { ifMatch?: number } = {}): Promise<DossierView> {
      if (!isAction(action)) throw problems.notFound(`thao tác ${action}`, 'action-unknown');
      if (!caller.principal) throw problems.unauthenticated();
      const input = parseInput(action, rawInput);
      if (action === 'request_consultation') {
        const u = await ports().units.resolveOrgUnit((input as { unitCode: string }).unitCode);
        if (!u) throw problems.unprocessable('unit-unknown', 'Không có đơn vị được xin ý kiến.');
      }
      const cal = await calendar();
      const at = now();
      return db.transaction(async (tx) => {
        const stored = await store.loadDossier(tx, code);
        if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
        const d = stored.dossier;
        const def = await definition(tx, d.procedureCode, d.processVersion);
        if (!mayAct(d, action, def, caller)) {
          if (!mayRead(d, caller)) throw problems.forbidden('Hồ sơ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.');
          throw problems.forbidden('Bạn không có vai trò thực hiện thao tác này ở bước hiện tại của hồ sơ.');
        }
        if (o.ifMatch !== undefined && o.ifMatch !== d.version) throw versionConflict(d.version);
        const decision = await applyInTx(tx, d, action, input, caller, at, cal);
        return view(decision.next, stored.trackingSecret, caller, tx, cal);
      });
    },

    async get(code: string, caller: Caller): Promise<DossierView> {
      const { dossier, trackingSecret } = await loadVisible(db, code, caller);
      return view(dossier, trackingSecret, caller);
    },

    /** The raw aggregate (for papers and other modules), after the same read check. */
    async load(code: string, caller: Caller): Promise<{ dossier: Dossier; def: ProcessDefinition; trackingSecret: string }> {
      const { dossier, trackingSecret } = await loadVisible(db, code, caller);
      return { dossier, def: await definition(db, dossier.procedureCode, dossier.processVersion), trackingSecret };
    },

    async timeline(code: string, caller: Caller): Promise<TimelineEntry[]> {
      const { dossier } = await loadVisible(db, code, caller);
      const def = await definition(db, dossier.procedureCode, dossier.processVersion);
      return toTimeline(await store.listTransitions(db, code), def);
    },

    /** An official's inbox (their units and fields), or a citizen's own dossiers, with counts. */
    async list(
      f: { unit?: string; field?: string; state?: string; due?: 'soon' | 'overdue'; procedure?: string; q?: string; limit: number; offset: number },
      caller: Caller,
    ): Promise<Inbox> {
      const p = caller.principal;
      if (!p) throw problems.unauthenticated();
      let scope: store.InboxQuery['scope'];
      if (p.kind === 'citizen') scope = { applicant: p.subject };
      else if (p.kind === 'system') scope = [{ kind: 'all', code: '*', fields: '*' }];
      else
        scope = p.grants
          .filter((g) => readRoles.has(g.role) && g.role !== 'citizen')
          .map((g) => ({ kind: g.unitCode === '*' ? 'all' : /^\d{2}$/.test(g.unitCode) ? 'province' : 'unit', code: g.unitCode, fields: g.fields }) as store.ScopeGrant);
      if (f.unit && p.kind !== 'citizen' && p.kind !== 'system' && !caller.can('dossiers.read', { unitCode: f.unit }))
        throw problems.forbidden('Bạn không phụ trách đơn vị này.');
      const statuses = parseStates(f.state);
      const cal = await calendar();
      const t = now();
      const r = await store.inbox(db, { scope, unit: f.unit, field: f.field, statuses, due: f.due, procedure: f.procedure, q: f.q, now: t, soon: cal.addWorkingHours(t, 8), limit: f.limit, offset: f.offset });
      const items = [];
      for (const row of r.rows) {
        const d = store.reviveDossier(row.data);
        const def = await definition(db, d.procedureCode, d.processVersion).catch(() => null);
        items.push(toSummary(d, def, t, cal));
      }
      return { items, total: r.total, limit: f.limit, offset: f.offset, counts: r.counts };
    },

    /** Public tracking: status and due date; details with the receipt's secret or the applicant's sign-in. */
    async track(code: string, o: { secret?: string; principal?: Principal | null }): Promise<TrackView> {
      const stored = await store.loadDossier(db, code);
      if (!stored || stored.dossier.status === 'draft') throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
      const d = stored.dossier;
      const bySecret =
        !!o.secret &&
        o.secret.length === stored.trackingSecret.length &&
        crypto.timingSafeEqual(Buffer.from(o.secret), Buffer.from(stored.trackingSecret));
      const details = bySecret || isOwner(o.principal ?? null, d);
      return toTrack(d, now(), details, details ? await store.listTransitions(db, code) : null);
    },

    // -------------------------------------------------------------- process definitions

    async getProcessDefinition(procedureCode: string): Promise<ProcessDefinition & { versions: { version: number; source: string; createdAt: string }[] }> {
      const latest = await store.latestDefinition(db, procedureCode);
      const versions = (await store.listDefinitionVersions(db, procedureCode)).map((v) => ({ version: v.version, source: v.source, createdAt: new Date(v.created_at).toISOString() }));
      if (latest) return { ...latest, versions };
      const proc = await ports().catalog?.getProcedure(procedureCode);
      if (!proc) throw problems.notFound(`thủ tục ${procedureCode}`, 'procedure-unknown');
      const level = proc.levels.includes('commune') ? 'commune' : 'province';
      return { ...(await derivedDefault(procedureCode, level)), versions };
    },

    /** A province administrator replaces the process of a procedure: a new version; running dossiers keep theirs. */
    async putProcessDefinition(procedureCode: string, body: ProcessBody, caller: Caller): Promise<ProcessDefinition> {
      const parsed = ProcessBodySchema.safeParse(body);
      if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const proc = await ports().catalog?.getProcedure(procedureCode);
      if (!proc) throw problems.notFound(`thủ tục ${procedureCode}`, 'procedure-unknown');
      const actor = actorOf(caller);
      return db.transaction(async (tx) => {
        const latest = await store.latestDefinition(tx, procedureCode);
        const def: ProcessDefinition = { ...parsed.data, procedureCode, version: (latest?.version ?? 0) + 1, source: 'custom' };
        if (!(await store.insertDefinition(tx, def, actor.id))) throw problems.conflict('version-conflict', 'Quy trình vừa được người khác cập nhật; hãy tải lại.');
        await ports().audit?.append(tx, {
          actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
          actingUnit: actor.unitCode ?? null,
          action: 'dossiers.process_definition.update',
          target: `process:${procedureCode}@${def.version}`,
          ip: caller.ip ?? null,
          requestId: caller.requestId ?? null,
          before: latest,
          after: def,
        });
        await emitEvent(tx, { type: 'dossiers.process_definition.changed', aggregateType: 'process_definition', aggregateId: procedureCode, payload: { procedureCode, version: def.version } });
        defs.set(`${procedureCode}@${def.version}`, def);
        latestDefs.delete(procedureCode);
        return def;
      });
    },

    // -------------------------------------------------------------- identifiers

    async listIdentifiers(provinceCode?: string) {
      return store.listIdentifiers(db, provinceCode);
    },

    async setIdentifier(unitCode: string, identifier: string, caller: Caller): Promise<void> {
      if (!isAgencyIdentifier(identifier)) throw problems.badRequest('identifier-invalid', 'Mã định danh điện tử gồm tối đa 35 ký tự 0–9, A–Z và dấu chấm, bắt đầu bằng một chữ cái và hai chữ số (ví dụ H25.01).');
      const unit = await ports().units.resolveOrgUnit(unitCode);
      if (!unit) throw problems.notFound(`đơn vị ${unitCode}`, 'unit-unknown');
      const actor = actorOf(caller);
      await db.transaction(async (tx) => {
        const dup = await tx.query<{ unit_code: string }>('SELECT unit_code FROM dossiers.agency_identifier WHERE identifier = $1 AND unit_code <> $2', [identifier, unitCode]);
        if (dup.rows[0]) throw problems.conflict('identifier-taken', `Mã ${identifier} đã được gán cho đơn vị ${dup.rows[0].unit_code}.`);
        await store.putIdentifier(tx, unitCode, unit.provinceCode, identifier);
        await ports().audit?.append(tx, {
          actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
          action: 'dossiers.identifier.update',
          target: `unit:${unitCode}`,
          after: { identifier },
        });
      });
      identifiers.delete(unitCode);
    },

    seedDemoIdentifiers,

    // -------------------------------------------------------------- payments

    // -------------------------------------------------------------- register and index facts

    /** The electronic register (form 06) of a receiving unit for a field and period. */
    async register(f: { unit: string; field?: string; from: Date; to: Date }, caller: Caller) {
      const p = caller.principal;
      if (!p) throw problems.unauthenticated();
      if (p.kind !== 'system' && (p.kind === 'citizen' || !caller.can('dossiers.read', { unitCode: f.unit, field: f.field })))
        throw problems.forbidden('Bạn không phụ trách sổ theo dõi hồ sơ của đơn vị hoặc lĩnh vực này.');
      const units = ports().units;
      const names = new Map<string, string>();
      const nameOf = async (code: string) => {
        if (!names.has(code)) names.set(code, (await units.resolveOrgUnit(code).catch(() => null))?.name ?? code);
        return names.get(code)!;
      };
      const rows = [];
      for (const raw of await store.receivedAt(db, f)) {
        const d = store.reviveDossier(raw);
        if (!d.receivedAt || !d.clock.dueAt) continue;
        rows.push({
          dossierCode: d.code,
          procedureName: d.procedureName,
          applicantName: d.applicant.organisation || d.applicant.fullName,
          applicantAddress: d.applicant.address ?? undefined,
          applicantPhone: d.applicant.phone ?? undefined,
          decidingBody: await nameOf(d.decidingUnit),
          receivedAt: d.receivedAt,
          appointmentAt: d.clock.dueAt,
          returnedAt: d.returnedAt,
          returnMethod: d.returnedVia ? RETURN_METHOD_LABELS[d.returnedVia] : undefined,
          note: d.returnedVia === 'online' ? 'Trả kết quả điện tử' : d.status === 'returned' ? 'Đã trả kết quả' : STATUS_INFO[d.status].label,
        });
      }
      return { unitName: await nameOf(f.unit), rows };
    },

    /**
     * What the national service index (Quyết định 766/QĐ-TTg) needs from each dossier changed since a
     * moment: channel, received / appointment / end times, supplements and waiting time, electronic result,
     * fee due and paid online, digitised, applicant verified, synced to DVCQG, rating.
     */
    async indexFacts(provinceCode: string, since: Date, limit = 5000) {
      return (await store.changedSince(db, provinceCode, since, limit)).map((raw) => {
        const d = store.reviveDossier(raw);
        return {
          code: d.code,
          procedureCode: d.procedureCode,
          field: d.field,
          status: d.status,
          nationalStatus: STATUS_INFO[d.status].national,
          receivingUnit: d.receivingUnit,
          decidingUnit: d.decidingUnit,
          channel: d.channel,
          kenhThucHien: CHANNEL_INFO[d.channel].kenhThucHien,
          online: CHANNEL_INFO[d.channel].online,
          receivedAt: d.receivedAt,
          appointmentAt: d.clock.dueAt,
          finishedAt: d.finishedAt,
          returnedAt: d.returnedAt,
          onTime: d.finishedAt && d.clock.dueAt ? d.finishedAt.getTime() <= d.clock.dueAt.getTime() : null,
          supplementRequests: d.supplement ? 1 : 0,
          supplementWaitingHours: d.supplement?.waitingHours ?? null,
          pausedHours: d.clock.pausedHours,
          apology: !!d.apology,
          resultElectronic: d.result.electronic,
          feeDue: d.fee.amount,
          feePaidOnline: !!d.fee.paidAt && d.fee.online,
          digitised: d.digitised,
          applicantVerified: d.applicantVerified,
          syncedToNational: d.syncedToNational,
          rating: d.rating?.score ?? null,
        };
      });
    },

    // -------------------------------------------------------------- attachments

    /**
     * Attaches a document (type checked by content, size limited, SHA-256 recorded, stored in the file
     * store). `digitised` marks a paper scanned at the counter: the dossier counts as digitised.
     */
    async attach(
      code: string,
      file: { bytes: Uint8Array; filename?: string; name?: string; digitised: boolean; kind: 'document' | 'result' },
      caller: Caller,
      files: FileStore,
      check: (bytes: Uint8Array, o: { filename?: string }) => Promise<{ mime: string; size: number; sha256: string }>,
    ) {
      const { dossier: d0 } = await loadVisible(db, code, caller);
      const p = caller.principal!;
      const owner = isOwner(p, d0);
      const units = store.unitsOf(d0);
      const official = (perm: string, us = units) => p.kind === 'system' || (p.kind !== 'citizen' && us.some((u) => caller.can(perm, { unitCode: u, field: d0.field })));
      const allowed =
        file.kind === 'result'
          ? official('dossiers.issue', [d0.decidingUnit]) || official('dossiers.approve', [d0.decidingUnit])
          : (owner && !STATUS_INFO[d0.status].terminal) || official('dossiers.receive') || official('dossiers.process');
      if (!allowed) throw problems.forbidden('Bạn không được đính kèm tệp vào hồ sơ này.');
      if (STATUS_INFO[d0.status].terminal && file.kind === 'document') throw problems.conflict('dossier-closed', 'Hồ sơ đã kết thúc, không đính kèm thêm giấy tờ.');
      const checked = await check(file.bytes, { filename: file.filename });
      const saved = await files.put(file.bytes, { contentType: checked.mime, filename: file.filename });
      const actor = actorOf(caller);
      const at = now();
      const row: store.AttachmentRow = {
        id: crypto.randomUUID(),
        dossier_code: code,
        kind: file.kind,
        name: (file.name ?? file.filename ?? 'Tệp đính kèm').slice(0, 300),
        filename: file.filename ?? null,
        content_type: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
        file_key: saved.key,
        digitised: file.digitised,
        uploaded_by: actor.id,
        uploaded_at: at,
      };
      try {
        await db.transaction(async (tx) => {
          const stored = await store.loadDossier(tx, code);
          const d = stored!.dossier;
          await store.insertAttachment(tx, row);
          const next: Dossier = {
            ...d,
            version: d.version + 1,
            digitised: d.digitised || file.digitised,
            result: file.kind === 'result' ? { ...d.result, electronic: true } : d.result,
          };
          const record: TransitionRecord = {
            action: 'attach',
            fromStatus: d.status,
            toStatus: d.status,
            fromStep: d.step,
            toStep: d.step,
            fromUnit: d.currentUnit,
            toUnit: d.currentUnit,
            note: row.name,
            stepResult: null,
            data: { attachmentId: row.id, sha256: row.sha256, size: row.size, contentType: row.content_type, digitised: row.digitised, kind: row.kind },
          };
          if (!(await store.saveTransition(tx, next, d.version, record, actor, at))) throw versionConflict();
          await writeSideEffects(tx, next, record, [], actor, caller, { status: d.status, step: d.step, version: d.version });
        });
      } catch (err) {
        await files.delete(saved.key).catch(() => false);
        throw err;
      }
      return attachmentView(row);
    },

    async attachments(code: string, caller: Caller) {
      await loadVisible(db, code, caller);
      return (await store.listAttachments(db, code)).map(attachmentView);
    },

    async download(code: string, id: string, caller: Caller, files: FileStore) {
      await loadVisible(db, code, caller);
      const row = await store.getAttachment(db, code, id);
      if (!row) throw problems.notFound(`tệp ${id}`, 'attachment-not-found');
      const f = await files.get(row.file_key);
      if (!f) throw problems.notFound(`nội dung tệp ${id}`, 'attachment-not-found');
      return { row, body: f.body };
    },

    /** True when a payment notification event was processed before (the webhook's replay check). */
    paymentEventSeen: (eventId: string) => store.paymentEventSeen(db, eventId),

    /**
     * A bank confirmed a transfer (signature already verified): finds the dossier the description pays,
     * records the notification once (a replay of the same event is refused) and the payment on the dossier.
     */
    async recordBankPayment(n: { eventId: string; transactionId: string; amount: number; description: string; raw: unknown }): Promise<{ outcome: PaymentOutcome; code: string | null }> {
      const cal = await calendar();
      const at = now();
      const caller = systemCaller('Cổng thanh toán (VietQR)', 'payment-gateway');
      return db.transaction(async (tx) => {
        const fresh = await store.recordPaymentNotification(tx, { eventId: n.eventId, transactionId: n.transactionId, dossierCode: null, amount: n.amount, outcome: 'received', payload: n.raw });
        if (!fresh) return { outcome: 'duplicate' as const, code: null };
        const written = findDossierCode(n.description);
        const code = (written && (await store.loadDossier(tx, written)) ? written : null) ?? (await store.findPayableDossier(tx, n.description));
        const mark = async (outcome: PaymentOutcome) => {
          await store.setPaymentOutcome(tx, n.eventId, code, outcome);
          return { outcome, code };
        };
        const stored = code ? await store.loadDossier(tx, code) : null;
        if (!stored) return mark('unknown-dossier');
        const d = stored.dossier;
        if (d.fee.paidAt || !(AVAILABLE_ACTIONS[d.status] as readonly string[]).includes('record_payment')) return mark('not-payable');
        if (n.amount < d.fee.amount) return mark('amount-mismatch');
        await applyInTx(tx, d, 'record_payment', { amount: n.amount, method: 'vietqr', reference: n.transactionId }, caller, at, cal);
        return mark('paid');
      });
    },

    now,
    calendar,
    ports,
    definition: (procedureCode: string, version: number) => definition(db, procedureCode, version),
    trackingUrl,
  };
  return service;
}

export type DossiersService = ReturnType<typeof createDossiersService>;

function attachmentView(r: store.AttachmentRow) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    digitised: r.digitised,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  };
}

function versionConflict(current?: number) {
  return problems.conflict(
    'version-conflict',
    current !== undefined
      ? `Hồ sơ đã được cập nhật (phiên bản hiện tại ${current}); hãy tải lại hồ sơ rồi thực hiện lại.`
      : 'Hồ sơ vừa được người khác cập nhật; hãy tải lại hồ sơ rồi thực hiện lại.',
  );
}

const GROUPS: Record<string, DossierStatus[]> = Object.fromEntries(
  (['new', 'in_progress', 'waiting_applicant', 'done'] as const).map((g) => [g, DOSSIER_STATUSES.filter((s) => STATUS_INFO[s].inbox === g)]),
);

function parseStates(state: string | undefined): DossierStatus[] | undefined {
  if (!state) return undefined;
  const out = new Set<DossierStatus>();
  for (const part of state.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (GROUPS[part]) GROUPS[part]!.forEach((s) => out.add(s));
    else if (isStatus(part)) out.add(part);
    else throw problems.badRequest('state-unknown', `Trạng thái không hợp lệ: ${part}.`);
  }
  return [...out];
}

/** The dossier code inside a transfer note (banks upper-case and may strip the dashes' spacing). */
export function findDossierCode(content: string): string | null {
  const m = /([A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*)[-\s]?([0-9]{6})[-\s]?([0-9]{4})/.exec(content.toUpperCase());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
