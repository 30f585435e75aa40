import { z } from 'zod';
import { emptyCounts, type IndexCounts } from './indicators.ts';
import type { IndexSettings } from './settings.ts';

/**
 * One dossier as the projection keeps it: the `facts` a dossier event carries (src/modules/dossiers/domain/
 * index-facts.ts), plus the identifiers of the event. The projection keeps the latest version of each dossier,
 * so the order events arrive in does not matter and seeing one twice changes nothing (idempotent).
 */
export interface DossierFact {
  code: string;
  version: number;
  provinceCode: string;
  procedureCode: string;
  field: string;
  level: 'commune' | 'province';
  receivingUnit: string;
  decidingUnit: string;
  online: boolean;
  status: string;
  terminal: boolean;
  waitingApplicant: boolean;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  endedAt: Date | null;
  lateSince: Date | null;
  supplementRequests: number;
  resultElectronic: boolean;
  feeDue: boolean;
  feePaidOnline: boolean;
  digitised: boolean;
  verified: boolean;
  synced: boolean;
  rating: number | null;
  assignee: string | null;
  /** When the event that produced this version occurred. */
  updatedAt: Date;
}

const date = z.string().datetime({ offset: true }).nullable().transform((s) => (s ? new Date(s) : null));
const FactsPayload = z.object({
  code: z.string().min(1),
  version: z.number().int().nonnegative().max(2_147_483_647),
  procedureCode: z.string(),
  provinceCode: z.string(),
  facts: z.object({
    field: z.string(),
    level: z.enum(['commune', 'province']),
    receivingUnit: z.string(),
    decidingUnit: z.string(),
    online: z.boolean(),
    status: z.string(),
    terminal: z.boolean(),
    waitingApplicant: z.boolean(),
    receivedAt: date,
    dueAt: date,
    finishedAt: date,
    returnedAt: date,
    endedAt: date,
    lateSince: date,
    supplementRequests: z.number().int().nonnegative(),
    resultElectronic: z.boolean(),
    feeDue: z.boolean(),
    feePaidOnline: z.boolean(),
    digitised: z.boolean(),
    applicantVerified: z.boolean(),
    syncedToNational: z.boolean(),
    rating: z.number().int().nullable(),
    assignee: z.string().nullable(),
  }),
});

/** The fact of a dossier event's payload, or null when the event carries none (events from before the facts were added). */
export function factFromEvent(payload: unknown, occurredAt: Date): DossierFact | null {
  const p = FactsPayload.safeParse(payload);
  if (!p.success) return null;
  const { facts: f, ...e } = p.data;
  return {
    code: e.code, version: e.version, provinceCode: e.provinceCode, procedureCode: e.procedureCode,
    field: f.field, level: f.level, receivingUnit: f.receivingUnit, decidingUnit: f.decidingUnit, online: f.online,
    status: f.status, terminal: f.terminal, waitingApplicant: f.waitingApplicant,
    receivedAt: f.receivedAt, dueAt: f.dueAt, finishedAt: f.finishedAt, returnedAt: f.returnedAt, endedAt: f.endedAt, lateSince: f.lateSince,
    supplementRequests: f.supplementRequests, resultElectronic: f.resultElectronic, feeDue: f.feeDue, feePaidOnline: f.feePaidOnline,
    digitised: f.digitised, verified: f.applicantVerified, synced: f.syncedToNational, rating: f.rating, assignee: f.assignee,
    updatedAt: occurredAt,
  };
}

/**
 * For each dossier among `events` (any order), the fact the live projection ends with: that of its newest
 * event whose facts it accepts — the highest version, at equal versions the first written (lowest seq), as
 * events applied in order with `newerFact` give. `skipped`: the seqs of newer events it refused instead.
 */
export function newestValidFacts(events: readonly { seq: number; aggregateId: string; payload: unknown; occurredAt: Date }[]): { facts: DossierFact[]; skipped: number[] } {
  const versionOf = (p: unknown) => {
    const v = (p as { version?: unknown } | null)?.version;
    return typeof v === 'number' && Number.isInteger(v) ? v : -1;
  };
  const ranked = [...events].sort((a, b) => (a.aggregateId < b.aggregateId ? -1 : a.aggregateId > b.aggregateId ? 1 : versionOf(b.payload) - versionOf(a.payload) || a.seq - b.seq));
  const facts: DossierFact[] = [];
  const skipped: number[] = [];
  let done: string | null = null;
  for (const e of ranked) {
    if (e.aggregateId === done) continue;
    const f = factFromEvent(e.payload, e.occurredAt);
    if (f) {
      facts.push(f);
      done = e.aggregateId;
    } else if (versionOf(e.payload) >= 0) skipped.push(e.seq);
  }
  return { facts, skipped: skipped.sort((a, b) => a - b) };
}

/** Keeps the newer of two versions of a dossier (the projection's only merge rule). */
export function newerFact(current: DossierFact | undefined, next: DossierFact): DossierFact {
  return !current || next.version > current.version ? next : current;
}

/**
 * When a dossier's processing ended, as the index reads it: "processed" (result issued) first, then
 * "returned", then stopped / refused / withdrawn.
 */
export function endOf(f: Pick<DossierFact, 'finishedAt' | 'returnedAt' | 'endedAt'>): Date | null {
  return f.finishedAt ?? f.returnedAt ?? f.endedAt;
}

/**
 * On time in the sense of the index, looked at on `asOf` (the end of the period, or now when the period is
 * running): end (or asOf when not ended by then) ≤ appointment; never on time after more than one supplement
 * request or once a due date was missed before that end. A dossier with no time limit is on time.
 */
export function onTimeAt(f: Pick<DossierFact, 'finishedAt' | 'returnedAt' | 'endedAt' | 'dueAt' | 'lateSince' | 'supplementRequests'>, asOf: Date): boolean {
  if (f.supplementRequests > 1) return false;
  const ended = endOf(f);
  const end = ended && ended.getTime() <= asOf.getTime() ? ended : asOf;
  if (f.lateSince && f.lateSince.getTime() < end.getTime()) return false;
  if (!f.dueAt) return true;
  return end.getTime() <= f.dueAt.getTime();
}

/** The unit a dossier is counted for (settings.attributeTo). */
export function unitOf(f: Pick<DossierFact, 'decidingUnit' | 'receivingUnit'>, settings: Pick<IndexSettings, 'attributeTo'>): string {
  return settings.attributeTo === 'receiving' ? f.receivingUnit : f.decidingUnit;
}

/** A dossier is in a period [from, to) when it was received then (and by asOf). */
export function inPeriod(f: Pick<DossierFact, 'receivedAt'>, from: Date, to: Date, asOf: Date): boolean {
  const r = f.receivedAt?.getTime();
  return r !== undefined && r >= from.getTime() && r < to.getTime() && r <= asOf.getTime();
}

/**
 * The counts of the index over some dossiers (already filtered to one scope) for the period [from, to),
 * looked at on asOf. The reference implementation: the SQL of the store computes the same (a test compares).
 */
export function countFacts(facts: Iterable<DossierFact>, from: Date, to: Date, asOf: Date, settings: Pick<IndexSettings, 'dislikeAtOrBelow'>): IndexCounts {
  const c = emptyCounts();
  const procs = new Set<string>();
  const procsVerified = new Set<string>();
  for (const f of facts) {
    if (!inPeriod(f, from, to, asOf)) continue;
    c.received++;
    if (f.synced) c.synced++;
    if (onTimeAt(f, asOf)) c.onTime++;
    else c.late++;
    if (f.online) c.online++;
    if (f.feeDue) {
      c.feeDue++;
      if (f.feePaidOnline) c.feePaidOnline++;
    }
    if (f.finishedAt && f.finishedAt.getTime() <= asOf.getTime()) {
      c.withResult++;
      if (f.resultElectronic) c.resultElectronic++;
      c.resolved++;
      c.resolvedHoursSum += (f.finishedAt.getTime() - f.receivedAt!.getTime()) / 3_600_000;
    }
    if (f.digitised) c.digitised++;
    if (f.verified) {
      c.verified++;
      procsVerified.add(f.procedureCode);
    }
    if (f.rating !== null && f.rating <= settings.dislikeAtOrBelow) c.disliked++;
    procs.add(f.procedureCode);
  }
  c.procedures = procs.size;
  c.proceduresVerified = procsVerified.size;
  c.resolvedHoursSum = Math.round(c.resolvedHoursSum * 100) / 100;
  return c;
}
