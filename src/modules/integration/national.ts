import type { PlatformContext } from '../../platform/modules.ts';
import type { StoredEvent } from '../../platform/outbox.ts';
import type { Caller, NationalSyncAction } from '../dossiers/index.ts';
import { acknowledgesReceipt, pushedByLocalCode } from './domain/national-sync.ts';
import type { DvcqgAdapter, NationalDossier } from './adapters/dvcqg.ts';
import type { PopulationAdapter } from './adapters/population.ts';

/** The dossiers module's version that records the portal's confirmation: never sent back to the portal. */
const NATIONAL_SYNC_ACTION: NationalSyncAction = 'confirm_national_sync';

/**
 * DVCQG intake and status sync, and checks against the population database (issue 10 §4).
 *
 * Intake: the dossiers submitted on the national portal for the province are created in the one-stop
 * system through the dossiers module's own `create` (channel national_portal, source "dvcqg:<id>", an
 * idempotency key per national id, so a dossier pulled twice is created once), linked to their national id
 * here, acknowledged to the portal with the local code, and the applicant is checked against the
 * population database. Status sync: a subscriber of the dossier events sends every status change of a
 * linked dossier with its national code; a refusal throws, so the event stream retries it until the
 * portal accepts; each accepted event is remembered (idempotent on the event id) and the dossier's sync
 * state (synced / pending / failing) is kept for the back office.
 */
export interface SyncView {
  /** The portal's id of a dossier taken in from it; null for a dossier of the province, known by its code. */
  nationalId: string | null;
  /** The portal acknowledged the dossier with its receipt (the dossier counts as synchronised, ADR 0135). */
  confirmedAt: string | null;
  state: 'pending' | 'synced' | 'failing';
  syncedVersion: number;
  syncedStatus: number | null;
  syncedAt: string | null;
  attempts: number;
  lastError: string | null;
}

export interface PopulationCheckView {
  stage: 'submission' | 'counter';
  result: 'match' | 'mismatch' | 'not_found' | 'unavailable';
  mismatched: string[];
  source: string;
  checkedAt: string;
}

export const DVCQG_CALLER_ID = 'dvcqg';

/** What the status sync reads of a dossier event (ids, statuses, moments: no personal data). */
interface SyncedEventPayload {
  code?: string;
  action?: string;
  version?: number;
  provinceCode?: string;
  procedureCode?: string;
  toStatus?: string;
  nationalStatus?: number;
  kenhThucHien?: number;
  dueAt?: string | null;
  facts?: { receivedAt?: string | null; receivingUnit?: string; status?: string; channel?: string };
}

export function dvcqgCaller(): Caller {
  return { principal: { kind: 'system', id: DVCQG_CALLER_ID, subject: DVCQG_CALLER_ID, displayName: 'Cổng Dịch vụ công quốc gia', grants: [], via: 'system' }, can: () => true };
}

interface LinkRow {
  dossier_code: string;
  national_id: string | null;
  confirmed_at: Date | null;
  sync_state: SyncView['state'];
  synced_version: number;
  synced_status: number | null;
  synced_at: Date | null;
  attempts: number;
  last_error: string | null;
}

const syncView = (r: LinkRow): SyncView => ({
  nationalId: r.national_id,
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
  state: r.sync_state,
  syncedVersion: r.synced_version,
  syncedStatus: r.synced_status,
  syncedAt: r.synced_at ? new Date(r.synced_at).toISOString() : null,
  attempts: r.attempts,
  lastError: r.last_error,
});

export function createNational(ctx: PlatformContext, adapters: { dvcqg: () => DvcqgAdapter | null; population: () => PopulationAdapter | null }) {
  const db = ctx.db;
  const province = () => ctx.config.provinceCode ?? '25';

  async function verifyApplicant(code: string, q: { idNumber?: string | null; fullName: string; dateOfBirth?: string | null }, stage: 'submission' | 'counter', by: string | null): Promise<PopulationCheckView> {
    const adapter = adapters.population();
    let result: PopulationCheckView['result'] = 'unavailable';
    let mismatched: string[] = [];
    const source = adapter?.source ?? 'chưa kết nối CSDLQG về dân cư';
    if (adapter && q.idNumber && q.dateOfBirth) {
      try {
        const r = await adapter.verify({ idNumber: q.idNumber, fullName: q.fullName, dateOfBirth: q.dateOfBirth });
        result = r.result;
        if (r.result === 'mismatch') mismatched = r.mismatched;
      } catch (err) {
        ctx.log.warn({ err: (err as Error).message, dossier: code }, 'population database check failed');
      }
    }
    const r = await db.query<{ checked_at: Date }>(
      `INSERT INTO integration.population_check (dossier_code, stage, result, mismatched, source, checked_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING checked_at`,
      [code, stage, result, mismatched, source, by],
    );
    return { stage, result, mismatched, source, checkedAt: new Date(r.rows[0]!.checked_at).toISOString() };
  }

  async function intakeOne(d: NationalDossier): Promise<{ code: string; created: boolean }> {
    const dvcqg = adapters.dvcqg()!;
    const known = await db.query<{ dossier_code: string }>(`SELECT dossier_code FROM integration.national_dossier WHERE national_id = $1`, [d.nationalId]);
    let code = known.rows[0]?.dossier_code;
    let created = false;
    if (!code) {
      const { fullName, idNumber, phone, email, address } = d.applicant;
      const r = await ctx.services.dossiers!.create(
        {
          procedureCode: d.procedureCode,
          communeCode: d.communeCode,
          channel: 'national_portal',
          source: `dvcqg:${d.nationalId}`,
          applicant: { fullName, ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(address ? { address } : {}) },
          ...(d.request ? { request: d.request } : {}),
          ...(d.answers ? { answers: d.answers } : {}),
          documents: d.documents ?? [],
        },
        dvcqgCaller(),
        { idempotencyKey: `dvcqg:${d.nationalId}` },
      );
      code = r.dossier.code;
      // the submission itself is status 1, which the portal set: synced at the version just created
      const ins = await db.query(
        `INSERT INTO integration.national_dossier (dossier_code, national_id, sync_state, synced_version, synced_status, synced_at) VALUES ($1,$2,'synced',$3,$4,now()) ON CONFLICT DO NOTHING`,
        [code, d.nationalId, r.dossier.version, r.dossier.nationalStatus.code],
      );
      created = ins.rowCount > 0;
      if (created) await verifyApplicant(code, d.applicant, 'submission', null);
    }
    await dvcqg.acknowledge(d.nationalId, code);
    return { code, created };
  }

  /** Sends one status and records it as accepted; a refusal is recorded on the link and thrown (the event stream retries). */
  async function send(link: LinkRow, p: SyncedEventPayload, version: number, event: StoredEvent): Promise<void> {
    const code = link.dossier_code;
    const dvcqg = adapters.dvcqg();
    try {
      if (!dvcqg) throw new Error('Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (DVCQG_URL).');
      await db.query(`UPDATE integration.national_dossier SET sync_state = CASE WHEN synced_version < $2 THEN 'pending' ELSE sync_state END, pending_version = GREATEST(COALESCE(pending_version, 0), $2) WHERE dossier_code = $1`, [code, version]);
      await dvcqg.sendStatus({
        nationalId: link.national_id,
        localCode: code,
        procedureCode: p.procedureCode ?? '',
        receivingUnit: p.facts?.receivingUnit ?? null,
        receivedAt: p.facts?.receivedAt ?? null,
        statusCode: p.nationalStatus!,
        kenhThucHien: p.kenhThucHien ?? 2,
        version,
        at: new Date(event.occurredAt).toISOString(),
        dueAt: p.dueAt ?? null,
      });
    } catch (err) {
      await db.query(`UPDATE integration.national_dossier SET sync_state = 'failing', attempts = attempts + 1, last_error = $2 WHERE dossier_code = $1`, [code, (err as Error).message.slice(0, 500)]);
      throw err;
    }
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO integration.status_sync (event_id, dossier_code, version, national_status) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, [event.eventId, code, version, p.nationalStatus]);
      await tx.query(
        `UPDATE integration.national_dossier SET
           synced_status = CASE WHEN $2 >= synced_version THEN $3 ELSE synced_status END,
           synced_version = GREATEST(synced_version, $2), synced_at = now(), attempts = 0, last_error = NULL,
           sync_state = CASE WHEN GREATEST(synced_version, $2) >= COALESCE(pending_version, 0) THEN 'synced' ELSE 'pending' END
         WHERE dossier_code = $1`,
        [code, version, p.nationalStatus],
      );
    });
  }

  /**
   * The portal holds the dossier with its receipt: the dossiers module records it on the dossier (a version of
   * its own and a dossier event whose facts carry syncedToNational), then the link remembers it. A failure
   * throws: the event is delivered again, the status is not sent twice, the confirmation is tried again.
   */
  async function confirm(link: LinkRow, version: number): Promise<void> {
    await ctx.services.dossiers!.confirmNationalSync(link.dossier_code, { version, at: new Date(), nationalId: link.national_id }, dvcqgCaller());
    await db.query(`UPDATE integration.national_dossier SET confirmed_at = now() WHERE dossier_code = $1 AND confirmed_at IS NULL`, [link.dossier_code]);
  }

  return {
    enabled: () => adapters.dvcqg() !== null,

    /** Pulls the portal's new dossiers into the inboxes; one failing dossier does not stop the others. */
    async intake(): Promise<{ received: { nationalId: string; code: string }[]; failed: { nationalId: string; error: string }[] }> {
      const dvcqg = adapters.dvcqg();
      if (!dvcqg) return { received: [], failed: [] };
      const received: { nationalId: string; code: string }[] = [];
      const failed: { nationalId: string; error: string }[] = [];
      for (const d of await dvcqg.pending(province())) {
        try {
          const r = await intakeOne(d);
          received.push({ nationalId: d.nationalId, code: r.code });
        } catch (err) {
          const e = err as { code?: string; detail?: string; message?: string };
          failed.push({ nationalId: d.nationalId, error: e.detail ?? e.message ?? String(err) });
          ctx.log.warn({ nationalId: d.nationalId, code: e.code }, 'DVCQG dossier not taken in');
        }
      }
      return { received, failed };
    },

    /**
     * The event subscriber: sends one dossier event's status to the portal (idempotent on the event id) — a
     * dossier taken in from the portal by its national id, any other dossier of the province by its local code
     * (ADR 0135; drafts are never sent) — and, once the portal has acknowledged a status carrying the dossier's
     * receipt, has the dossiers module confirm the dossier as synchronised (its own version and event).
     */
    async syncEvent(event: StoredEvent): Promise<void> {
      const p = event.payload as SyncedEventPayload;
      if (!p.code || typeof p.nationalStatus !== 'number') return;
      // the portal's own confirmation changes no status: nothing to send
      if (p.action === NATIONAL_SYNC_ACTION) return;
      const dvcqg = adapters.dvcqg();
      let link = (await db.query<LinkRow>(`SELECT * FROM integration.national_dossier WHERE dossier_code = $1`, [p.code])).rows[0];
      if (!link) {
        // a dossier of the province the portal did not hand over: synchronised once a portal is connected
        if (!dvcqg || p.provinceCode !== province() || !pushedByLocalCode(p)) return;
        await db.query(`INSERT INTO integration.national_dossier (dossier_code, national_id, sync_state, synced_version) VALUES ($1, NULL, 'pending', 0) ON CONFLICT DO NOTHING`, [p.code]);
        link = (await db.query<LinkRow>(`SELECT * FROM integration.national_dossier WHERE dossier_code = $1`, [p.code])).rows[0]!;
      }
      const version = p.version ?? 0;
      // already reflected: the portal has this version or a later one (the intake's own submission, a redelivery)
      const sent = version <= link.synced_version || (await db.query(`SELECT 1 FROM integration.status_sync WHERE event_id = $1`, [event.eventId])).rows.length > 0;
      if (!sent) await send(link, p, version, event);
      if (link.confirmed_at === null && acknowledgesReceipt(p)) await confirm(link, version);
    },

    async dossierLink(code: string): Promise<SyncView | null> {
      const r = await db.query<LinkRow>(`SELECT * FROM integration.national_dossier WHERE dossier_code = $1`, [code]);
      return r.rows[0] ? syncView(r.rows[0]) : null;
    },

    async populationChecks(code: string): Promise<PopulationCheckView[]> {
      const r = await db.query<{ stage: PopulationCheckView['stage']; result: PopulationCheckView['result']; mismatched: string[]; source: string; checked_at: Date }>(
        `SELECT stage, result, mismatched, source, checked_at FROM integration.population_check WHERE dossier_code = $1 ORDER BY id DESC LIMIT 50`,
        [code],
      );
      return r.rows.map((x) => ({ stage: x.stage, result: x.result, mismatched: x.mismatched, source: x.source, checkedAt: new Date(x.checked_at).toISOString() }));
    },

    verifyApplicant,
  };
}

export type National = ReturnType<typeof createNational>;
