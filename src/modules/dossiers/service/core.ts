import type { AccessTarget, Principal } from '../../../platform/access.ts';
import type { Db, Queryable, Tx } from '../../../platform/db.ts';
import { problems } from '../../../platform/errors.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { authoritiesFor } from '../domain/authority.ts';
import type { WorkingCalendar } from '../domain/time-limit.ts';
import { ACTION_INPUT } from '../domain/commands.ts';
import { decide, type Decision } from '../domain/decide.ts';
import { indexFactsOf } from '../domain/index-facts.ts';
import { papersIssuedBy } from '../domain/papers.ts';
import type { Actor, Dossier, NotificationTemplate, TransitionRecord } from '../domain/model.ts';
import { isStepAction, type ProcessDefinition } from '../domain/process.ts';
import { isActionUseful, separationOfDutiesConflict } from '../domain/rules.ts';
import { AVAILABLE_ACTIONS, CHANNEL_INFO, STATUS_INFO, type Action } from '../domain/states.ts';
import { cachedPorts, resolvePorts, type Ports } from '../ports.ts';
import type { DossierView } from '../schemas.ts';
import * as store from '../store.ts';
import { toView } from '../views.ts';

/**
 * What every part of the dossier service shares: the clock, the ports to other modules, the read and
 * act checks, the process-definition cache, and the one way a transition is saved (save + audit record +
 * domain event in the caller's transaction; applicants are notified by the event's subscriber, notices.ts). The use cases live beside this file:
 * queries.ts, commands.ts, papers.ts, payments.ts, configuration.ts.
 */

/** Who is calling and what the policy lets them do (request.principal + the policy's `can`). */
export interface Caller {
  principal: Principal | null;
  can(permission: string, target?: AccessTarget): boolean;
  ip?: string | null;
  requestId?: string | null;
  /** The official's position (chức vụ) when known: a signature reads it ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). */
  position?: string | null;
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
  /** Notify applicants of transitions (default true). The demo's applicants are fictitious: it passes false. */
  notifyApplicants?: boolean;
}

/** A Db whose transactions run inside an already open transaction (for batches such as the demo). */
export function boundToTransaction(tx: Tx, base: Db): Db {
  return { engine: base.engine, query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), transaction: (fn) => fn(tx), close: async () => undefined };
}

/**
 * What a recorded read was: the dossier, its timeline, a paper (`paper:<form>`), the list of attachments, one
 * attachment, the fee, a row of the register (form 06), or a release to another agency (`release:<dataset>`).
 */
export type ReadWhat = 'detail' | 'lookup' | 'comments' | 'timeline' | `paper:${string}` | 'attachments' | `attachment:${string}` | 'payment' | 'register' | `release:${string}`;

export function versionConflict(current?: number) {
  return problems.conflict(
    'version-conflict',
    current !== undefined
      ? `Hồ sơ đã được cập nhật (phiên bản hiện tại ${current}); hãy tải lại hồ sơ rồi thực hiện lại.`
      : 'Hồ sơ vừa được người khác cập nhật; hãy tải lại hồ sơ rồi thực hiện lại.',
  );
}

export type DossiersCore = ReturnType<typeof createDossiersCore>;

export function createDossiersCore(ctx: PlatformContext, opts: DossiersServiceOptions = {}) {
  const db = opts.db ?? ctx.db;
  const now = opts.now ?? (() => new Date());
  const referenceTtlMs = opts.referenceTtlMs ?? 30_000;
  let portsCache: Ports | null = opts.ports ?? null;
  const ports = () => (portsCache ??= cachedPorts(resolvePorts(ctx), referenceTtlMs));
  /** Process definitions by `procedure@version` (a stored version never changes). */
  const defs = new Map<string, ProcessDefinition>();

  const calendar = (): Promise<WorkingCalendar> => ports().calendar.calendar();

  const actorOf = (caller: Caller): Actor => {
    const p = caller.principal;
    if (!p) throw problems.unauthenticated();
    return { kind: p.kind, id: p.id, name: p.displayName || p.subject, unitCode: p.unitCode ?? null, position: caller.position ?? null };
  };

  /**
   * The relationship: the dossier is the caller's own (they are its applicant). Decided by the policy point
   * (`owner` in the target: identity's ownsResource), never by a role — a citizen's grant on a unit cannot
   * make anyone the owner, and an official is never one.
   */
  const isOwner = (p: Principal | null, d: Dossier) => !!p && p.kind === 'citizen' && !!ctx.services.identity?.can(p, 'dossiers.read', { owner: d.applicantSubject ?? null });

  const mayRead = (d: Dossier, caller: Caller) => {
    const p = caller.principal;
    if (!p) return false;
    if (p.kind === 'system' || isOwner(p, d)) return true;
    return store.unitsOf(d).some((u) => caller.can('dossiers.read', { unitCode: u, field: d.field }));
  };

  /**
   * Another module's relationship that lets an official read one dossier outside their units — a member
   * of the dossier's open case team (module tasks registers it, ADR 0093). Reading only: acting stays with
   * the units (mayAct), and every such read is recorded like any official's. The grant runs on the caller's
   * connection `q` (inside its transaction when there is one: the embedded database has a single connection).
   */
  type ReadGrant = (q: Queryable, code: string, official: Principal) => Promise<boolean>;
  let readGrant: ReadGrant | null = null;
  const useReadGrant = (grant: ReadGrant | null) => {
    readGrant = grant;
  };
  const mayReadNow = async (q: Queryable, d: Dossier, caller: Caller) =>
    mayRead(d, caller) || (caller.principal?.kind === 'official' && !!readGrant && (await readGrant(q, d.code, caller.principal)));

  const mayAct = (d: Dossier, action: Action, def: ProcessDefinition, caller: Caller) => {
    const p = caller.principal;
    if (!p) return false;
    if (p.kind === 'system') return true;
    return authoritiesFor(d, action, def).some((a) =>
      a.kind === 'applicant' ? isOwner(p, d) : p.kind !== 'citizen' && a.units.some((u) => caller.can(a.permission, { unitCode: u, field: d.field })),
    );
  };

  /** The actions offered to a caller: allowed by the table and the step, useful now, and neither the policy nor a rule would refuse them. */
  const availableFor = (d: Dossier, def: ProcessDefinition, caller: Caller): Action[] =>
    (AVAILABLE_ACTIONS[d.status] as readonly Action[]).filter(
      (a) =>
        (!isStepAction(a) || (def.steps[d.step]?.actions as readonly string[] | undefined)?.includes(a)) &&
        isActionUseful(d, a) &&
        mayAct(d, a, def, caller) &&
        !separationOfDutiesConflict(d, caller.principal?.id ?? '', a),
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

  async function writeSideEffects(
    tx: Queryable,
    d: Dossier,
    record: TransitionRecord,
    notify: NotificationTemplate[],
    actor: Actor,
    caller: Caller,
    before: Pick<Dossier, 'status' | 'step' | 'version'> | null,
  ): Promise<void> {
    await ports().audit.append(tx, {
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
        // the notices the applicant is sent (template names; none when this service does not notify)
        notify: opts.notifyApplicants === false ? [] : notify,
        // what the service index and the leaders' dashboard read (ids, statuses, flags, moments; no personal data)
        facts: indexFactsOf(d),
      },
    });
    // the applicant is told by the subscriber of this event (service/notices.ts), after the commit
  }

  /** Decides and saves one transition on a dossier already loaded in `tx`. */
  async function applyInTx(tx: Queryable, d: Dossier, action: Action, input: unknown, caller: Caller, at: Date, cal: WorkingCalendar): Promise<Decision> {
    const def = await definition(tx, d.procedureCode, d.processVersion);
    const actor = actorOf(caller);
    const decision = decide(d, action, input as never, { def, cal, actor, at });
    const saved = await store.saveTransition(tx, decision.next, d.version, decision.record, actor, at);
    if (!saved) throw versionConflict();
    // an issued paper is a record: what the dossier says now is what that paper will always say
    for (const form of papersIssuedBy(action, d, decision.next))
      await store.insertIssuedPaper(tx, { code: d.code, form, dossierVersion: decision.next.version, issuedAt: at, snapshot: decision.next });
    await writeSideEffects(tx, decision.next, decision.record, decision.notify, actor, caller, { status: d.status, step: d.step, version: d.version });
    return decision;
  }

  function parseInput(action: Action, raw: unknown): unknown {
    const parsed = ACTION_INPUT[action].safeParse(raw ?? {});
    if (!parsed.success)
      throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
    return parsed.data;
  }

  /**
   * Loads a dossier the caller may read. With `read` (what is being read), the read is recorded when the
   * reader is not the applicant (an official, an API client, the system): the applicant sees who looked.
   */
  async function loadVisible(q: Queryable, code: string, caller: Caller, read?: ReadWhat) {
    const stored = await store.loadDossier(q, code);
    if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
    if (!caller.principal) throw problems.unauthenticated();
    if (!(await mayReadNow(q, stored.dossier, caller))) throw problems.forbidden('Hồ sơ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.');
    if (read) await recordRead(q, stored.dossier.code, caller, read);
    return stored;
  }

  async function recordRead(q: Queryable, code: string, caller: Caller, what: ReadWhat): Promise<void> {
    const p = caller.principal;
    if (!p || p.kind === 'citizen') return;
    await store.insertRead(q, { code, at: now(), kind: p.kind, id: p.id, name: p.displayName || p.subject, unit: p.unitCode ?? null, what, requestId: caller.requestId ?? null });
  }

  return {
    ctx,
    db,
    now,
    referenceTtlMs,
    ports,
    defs,
    calendar,
    actorOf,
    isOwner,
    mayRead,
    mayReadNow,
    useReadGrant,
    mayAct,
    availableFor,
    trackingUrl,
    definition,
    view,
    writeSideEffects,
    applyInTx,
    parseInput,
    loadVisible,
    recordRead,
  };
}
