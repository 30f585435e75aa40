import crypto from 'node:crypto';
import type { Principal } from '../../../platform/access.ts';
import { problems } from '../../../platform/errors.ts';
import { CHANNEL_INFO, DOSSIER_STATUSES, RETURN_METHOD_LABELS, STATUS_INFO, isStatus, type DossierStatus } from '../domain/states.ts';
import type { Inbox, ReadEntry, TimelineEntry, TrackView, DossierView } from '../schemas.ts';
import type { PaperForm } from '../domain/papers.ts';
import { PAPER_LABELS } from '../papers-map.ts';
import type { Dossier } from '../domain/model.ts';
import { isStepAction, type ProcessDefinition } from '../domain/process.ts';
import type { WorkingCalendar } from '../domain/time-limit.ts';
import { finishedOnTime } from '../domain/rules.ts';
import * as store from '../store.ts';
import { readLabel, toSummary, toTimeline, toTrack } from '../views.ts';
import type { Caller, DossiersCore, ReadWhat } from './core.ts';

/**
 * The read side: one dossier (after the read check), its timeline, an official's inbox or a citizen's own
 * dossiers, public tracking, the electronic register (form 06) and the facts of the national service index.
 */
export function createQueries(core: DossiersCore) {
  const { ctx, db, now, calendar, ports, definition, view, loadVisible, isOwner } = core;

  /** How many unfinished dossiers "waiting for my step" examines at most (the official's reach, due first). */
  const STEP_CANDIDATES = 500;

  /**
   * "Waiting for my step": unfinished dossiers the official may read, not assigned to someone else, on which
   * the platform offers them an action of the current step now — the same decision as the buttons of the
   * dossier page (core.availableFor: the status table, the step's actions, the policy, separation of
   * duties); actions open at any step (stop, withdraw, apologize…) do not make a dossier "mine".
   */
  async function waitingForMyStep(base: Omit<store.InboxQuery, 'limit' | 'offset'>, f: { limit: number; offset: number }, caller: Caller, cal: WorkingCalendar): Promise<Inbox> {
    const p = caller.principal!;
    const r = await store.inbox(db, { ...base, openFor: p.subject, limit: STEP_CANDIDATES, offset: 0 });
    const mine = [];
    for (const row of r.rows) {
      const d = store.reviveDossier(row.data);
      const def = await definition(db, d.procedureCode, d.processVersion).catch(() => null);
      if (def && core.availableFor(d, def, caller).some(isStepAction)) mine.push(toSummary(d, def, base.now, cal));
    }
    return { items: mine.slice(f.offset, f.offset + f.limit), total: mine.length, limit: f.limit, offset: f.offset, counts: r.counts };
  }

  return {
    /** One dossier (`read`: what the caller is reading it for, recorded for the applicant to see). */
    async get(code: string, caller: Caller, read: ReadWhat = 'detail'): Promise<DossierView> {
      const { dossier, trackingSecret } = await loadVisible(db, code, caller, read);
      return view(dossier, trackingSecret, caller);
    },

    /** May the caller read this dossier? (The same check as `get`, without recording a read; 404 when it does not exist.) */
    async canRead(code: string, caller: Caller): Promise<boolean> {
      const stored = await store.loadDossier(db, code);
      if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
      return core.mayReadNow(db, stored.dossier, caller);
    },

    /**
     * A dossier released to another agency's client system under a data-sharing grant (integration module):
     * the grant, checked by the caller, is the authority; the release is recorded as a read by that agency
     * (`release:<dataset>`), so that the applicant sees it in "Ai đã xem hồ sơ của tôi".
     */
    async release(code: string, to: { clientId: string; agencyName: string; dataset: string; requestId?: string | null }): Promise<DossierView | null> {
      const stored = await store.loadDossier(db, code);
      if (!stored || stored.dossier.status === 'draft') return null;
      const caller: Caller = { principal: { kind: 'api_client', id: to.clientId, subject: to.clientId, displayName: to.agencyName, grants: [], via: 'client_credentials' }, can: () => false, requestId: to.requestId ?? null };
      await core.recordRead(db, code, caller, `release:${to.dataset}`);
      return view(stored.dossier, stored.trackingSecret, caller);
    },

    /** The raw aggregate (for papers and other modules), after the same read check. */
    async load(code: string, caller: Caller): Promise<{ dossier: Dossier; def: ProcessDefinition; trackingSecret: string }> {
      const { dossier, trackingSecret } = await loadVisible(db, code, caller, 'detail');
      return { dossier, def: await definition(db, dossier.procedureCode, dossier.processVersion), trackingSecret };
    },

    async timeline(code: string, caller: Caller): Promise<TimelineEntry[]> {
      const { dossier } = await loadVisible(db, code, caller, 'timeline');
      const def = await definition(db, dossier.procedureCode, dossier.processVersion);
      return toTimeline(await store.listTransitions(db, code), def);
    },

    /** An official's inbox (their units and fields), or a citizen's own dossiers, with counts. */
    async list(
      f: { unit?: string; field?: string; state?: string; due?: 'soon' | 'overdue'; procedure?: string; q?: string; mine?: 'assigned' | 'step'; idNumber?: string; limit: number; offset: number },
      caller: Caller,
    ): Promise<Inbox> {
      const p = caller.principal;
      if (!p) throw problems.unauthenticated();
      // one policy point for lists too: the same decision as the read check, as a SQL filter
      const identity = ctx.services.identity;
      if (p.kind !== 'system' && !identity) throw problems.unavailable('Chưa có mô-đun định danh để xác định hồ sơ bạn được xem.');
      const scope = p.kind === 'system' ? () => 'true' : identity!.visibleWhere(p, 'dossiers.read', store.DOSSIER_ACCESS_COLUMNS);
      if (f.unit && p.kind !== 'citizen' && p.kind !== 'system' && !caller.can('dossiers.read', { unitCode: f.unit }))
        throw problems.forbidden('Bạn không phụ trách đơn vị này.');
      if ((f.mine || f.idNumber) && p.kind !== 'official') throw problems.forbidden('Chỉ cán bộ dùng được "Việc của tôi" và tra cứu theo số định danh.');
      const statuses = parseStates(f.state);
      const cal = await calendar();
      const t = now();
      const base = { scope, hideDrafts: p.kind !== 'citizen', unit: f.unit, field: f.field, statuses, due: f.due, procedure: f.procedure, q: f.q, idNumber: f.idNumber, now: t, soon: cal.addWorkingHours(t, 8) };
      if (f.mine === 'step') return waitingForMyStep(base, f, caller, cal);
      const r = await store.inbox(db, { ...base, assignee: f.mine === 'assigned' ? p.subject : undefined, limit: f.limit, offset: f.offset });
      const items = [];
      for (const row of r.rows) {
        const d = store.reviveDossier(row.data);
        const def = await definition(db, d.procedureCode, d.processVersion).catch(() => null);
        items.push(toSummary(d, def, t, cal));
      }
      // a lookup by a person's identification number reads their personal data: recorded on each dossier found
      if (f.idNumber) for (const d of items) await core.recordRead(db, d.code, caller, 'lookup');
      return { items, total: r.total, limit: f.limit, offset: f.offset, counts: r.counts };
    },

    /**
     * Who read the caller's own dossier (officials, API clients, the system: who, when, what), newest first.
     * Only the applicant sees it.
     */
    async reads(code: string, caller: Caller, limit = 200): Promise<ReadEntry[]> {
      const stored = await store.loadDossier(db, code);
      if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
      if (!caller.principal) throw problems.unauthenticated();
      if (!isOwner(caller.principal, stored.dossier)) throw problems.forbidden('Chỉ người nộp hồ sơ xem được danh sách những ai đã xem hồ sơ của mình.');
      const rows = await store.listReads(db, code, limit);
      const attachments = new Map((await store.listAttachments(db, code)).map((a) => [a.id, a.name]));
      const unitNames = new Map<string, string>();
      for (const u of new Set(rows.map((r) => r.reader_unit).filter((u): u is string => !!u)))
        unitNames.set(u, (await ports().units.resolveOrgUnit(u).catch(() => null))?.name ?? u);
      const names = { paper: (f: string) => PAPER_LABELS[f as PaperForm], attachment: (id: string) => attachments.get(id) };
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        reader: {
          kind: r.reader_kind as ReadEntry['reader']['kind'],
          name: r.reader_name,
          unit: r.reader_unit ? { code: r.reader_unit, name: unitNames.get(r.reader_unit) ?? r.reader_unit } : null,
        },
        what: r.what,
        label: readLabel(r.what, names),
      }));
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
        await core.recordRead(db, d.code, caller, 'register');
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
          onTime: finishedOnTime(d),
          lateHours: d.lateness?.hours ?? 0,
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

  };
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

