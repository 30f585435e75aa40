import { z } from 'zod';
import type { Dossier } from './domain/model.ts';
import { CHANNELS, DOSSIER_STATUSES, RETURN_METHODS } from './domain/states.ts';
import { TIME_UNITS } from './domain/time-limit.ts';

/**
 * The dossier as stored (JSONB `dossiers.dossier.data`), parsed with a schema instead of a hand-written
 * list of date fields. The stored JSON carries `schemaVersion`; older versions are migrated step by step
 * when read (MIGRATIONS), then parsed with the current schema. A field added to `Dossier` and forgotten
 * here fails to compile (the parsed type must be a Dossier) and fails stored-dossier.test.ts (round trip).
 * ADR 0044.
 */
export const STORED_DOSSIER_VERSION = 2;

const instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v));
const maybeInstant = instant.nullable();
const isoString = z.iso.datetime({ offset: true });
const nullableString = z.string().nullable();
const limit = z.strictObject({ amount: z.number().positive(), unit: z.enum(TIME_UNITS) });
const pause = z.strictObject({ from: isoString, to: isoString.nullable(), reason: z.string().optional() });

/** The calendar module's DueClockState (version 1). */
const dueClockState = z.strictObject({
  version: z.literal(1),
  limit,
  receivedAt: isoString,
  startedAt: isoString,
  pauses: z.array(pause),
  restarts: z.array(z.strictObject({ at: isoString, previousDue: isoString.nullable(), pauses: z.array(pause) })),
  extension: z.strictObject({ at: isoString, previousDue: isoString, newDue: isoString, extraMs: z.number() }).nullable(),
  extensionUsed: z.boolean(),
});

const status = z.enum(DOSSIER_STATUSES);

export const StoredDossierSchema = z.strictObject({
  schemaVersion: z.literal(STORED_DOSSIER_VERSION),
  code: z.string(),
  status,
  version: z.number().int().positive(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  level: z.enum(['commune', 'province']),
  provinceCode: z.string(),
  channel: z.enum(CHANNELS),
  source: nullableString,
  receivingUnit: z.string(),
  decidingUnit: z.string(),
  returningUnit: z.string(),
  returnMethod: z.enum(RETURN_METHODS),
  processVersion: z.number().int(),
  step: z.number().int().min(0),
  currentUnit: z.string(),
  assignee: nullableString,
  stepEnteredAt: instant,
  stepDueAt: maybeInstant,
  applicant: z.strictObject({
    fullName: z.string(),
    idNumber: nullableString.optional(),
    organisation: nullableString.optional(),
    taxCode: nullableString.optional(),
    address: nullableString.optional(),
    phone: nullableString.optional(),
    email: nullableString.optional(),
    /** master-data golden record (module mdm) found at the counter; absent in dossiers stored before it existed */
    masterRecordId: nullableString.optional(),
  }),
  applicantSubject: nullableString,
  applicantVerified: z.boolean(),
  request: nullableString,
  documents: z.array(z.strictObject({ name: z.string(), copies: z.number(), key: z.string().optional(), kind: z.enum(['submit', 'present']).optional() })),
  form: z.strictObject({ version: z.number().int().min(0), answers: z.record(z.string(), z.union([z.string(), z.boolean()])) }).nullable().optional(),
  digitised: z.boolean(),
  createdAt: instant,
  submittedAt: maybeInstant,
  receivedAt: maybeInstant,
  receivedBy: nullableString,
  forwardBy: maybeInstant,
  clock: z.strictObject({
    limit,
    state: dueClockState.nullable(),
    startedAt: maybeInstant,
    dueAt: maybeInstant,
    pausedAt: maybeInstant,
    pausedHours: z.number(),
    restarts: z.number().int(),
    stoppedAt: maybeInstant,
  }),
  supplement: z
    .strictObject({
      requestedAt: instant,
      requestedBy: z.string(),
      items: z.array(z.string()),
      reason: z.string(),
      phase: z.enum(['reception', 'processing']),
      late: z.boolean(),
      suppliedAt: maybeInstant,
      acceptedAt: maybeInstant,
      waitingHours: z.number().nullable(),
      contact: z.strictObject({ name: z.string(), phone: z.string() }).nullable().optional(),
    })
    .nullable(),
  apology: z.strictObject({ issuedAt: instant, by: z.string(), reason: z.string(), previousDueAt: instant, newDueAt: instant }).nullable(),
  consultations: z.array(
    z.strictObject({
      id: z.number().int(),
      unitCode: z.string(),
      question: z.string(),
      requestedAt: instant,
      deadline: instant,
      reply: nullableString,
      repliedAt: maybeInstant,
      repliedBy: nullableString,
    }),
  ),
  fee: z.strictObject({
    amount: z.number(),
    paidAt: maybeInstant,
    paidAmount: z.number().nullable(),
    online: z.boolean(),
    method: nullableString,
    reference: nullableString,
    receiptNo: nullableString,
  }),
  paused: z.strictObject({ status, step: z.number().int(), reason: z.enum(['supplement', 'payment']) }).nullable(),
  appraisal: z.strictObject({ opinion: z.enum(['favourable', 'unfavourable']), note: z.string(), by: z.string(), at: instant }).nullable(),
  outcome: z.enum(['approved', 'refused']).nullable(),
  decidedAt: maybeInstant,
  decidedBy: nullableString,
  reason: nullableString,
  result: z.strictObject({
    signedAt: maybeInstant,
    signedBy: nullableString,
    signer: z.strictObject({ name: z.string(), position: nullableString }).nullable().optional(),
    signatureJob: nullableString,
    issuedAt: maybeInstant,
    electronic: z.boolean(),
    number: nullableString,
  }),
  lateness: z.strictObject({ firstMissedDueAt: instant, hours: z.number(), bankedHours: z.number(), asOf: instant }).nullable().optional(),
  finishedAt: maybeInstant,
  returnedAt: maybeInstant,
  returnedVia: z.enum(RETURN_METHODS).nullable(),
  endedAt: maybeInstant,
  syncedToNational: z.boolean(),
  rating: z.strictObject({ score: z.number().int(), comment: nullableString, at: instant }).nullable(),
});

type Parsed = Omit<z.output<typeof StoredDossierSchema>, 'schemaVersion'>;
/** Every property path of a type ('result.signer.position'…), optional ones included. */
type Paths<T> = T extends Date
  ? never
  : T extends readonly (infer U)[]
    ? Paths<U>
    : T extends object
      ? { [K in keyof T & string]-?: K | `${K}.${Paths<NonNullable<T[K]>>}` }[keyof T & string]
      : never;
/** Compile-time check that the schema and the aggregate describe the same thing: same types both ways, same paths. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const schemaMatchesDossier: Same<Parsed, Dossier> & Same<Paths<Parsed>, Paths<Dossier>> = true;
void schemaMatchesDossier;

type Raw = Record<string, unknown>;

/**
 * Migrations of the stored JSON, from version n to n + 1 (pure, no I/O). Version 1 (before ADR 0043, no
 * `schemaVersion`) kept a clock of its own; version 2 stores the calendar module's DueClock state. The
 * migrated clock starts at the stored start, keeps an open pause open and an apology as used; the stored
 * due date stays as printed until the next clock event recomputes it (pauses closed before the upgrade
 * are not in its history: they were only kept as a total, `pausedHours`, which stays).
 */
export const MIGRATIONS: Record<number, (raw: Raw) => Raw> = {
  1: (raw) => {
    const c = (raw.clock ?? {}) as Raw;
    const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
    const startedAt = iso(c.startedAt);
    const state = c.state !== undefined ? c.state : startedAt
      ? {
          version: 1,
          limit: c.limit,
          receivedAt: iso(raw.receivedAt) ?? startedAt,
          startedAt,
          pauses: c.pausedAt ? [{ from: iso(c.pausedAt), to: null }] : [],
          restarts: [],
          extension: null,
          extensionUsed: raw.apology != null,
        }
      : null;
    return { ...raw, schemaVersion: 2, clock: { ...c, state } };
  },
};

export class StoredDossierError extends Error {
  constructor(code: string, detail: string) {
    super(`Hồ sơ ${code} lưu trong cơ sở dữ liệu không đọc được: ${detail}`);
    this.name = 'StoredDossierError';
  }
}

/** The stored JSON → the aggregate: migrates older versions, then parses (throws StoredDossierError). */
export function parseStoredDossier(raw: Raw): Dossier {
  let data = raw;
  let v = typeof data.schemaVersion === 'number' ? data.schemaVersion : 1;
  if (v > STORED_DOSSIER_VERSION) throw new StoredDossierError(String(raw.code), `phiên bản lưu trữ ${v} mới hơn phiên bản phần mềm đọc được (${STORED_DOSSIER_VERSION}).`);
  while (v < STORED_DOSSIER_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) throw new StoredDossierError(String(raw.code), `không có cách chuyển từ phiên bản lưu trữ ${v}.`);
    data = step(data);
    v++;
  }
  const parsed = StoredDossierSchema.safeParse(data);
  if (!parsed.success) throw new StoredDossierError(String(raw.code), parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { schemaVersion: _v, ...dossier } = parsed.data;
  return dossier;
}

/** The aggregate → the JSON to store (with its schema version). */
export function toStoredDossier(d: Dossier): string {
  return JSON.stringify({ schemaVersion: STORED_DOSSIER_VERSION, ...d });
}
