import type { Queryable } from '../../platform/db.ts';
import type { ActiveDelegation, AssignedGrant } from './policy/resolve-grants/resolve-grants.ts';

/** SQL for the identity module's tables (schema `identity`). */

export interface OfficialRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  position: string | null;
  password_hash: string | null;
  active: boolean;
  demo: boolean;
}

const OFFICIAL_COLS = `o.id, o.username, o.display_name, o.unit_code, o.position, o.password_hash, o.active, o.demo`;

export async function officialByUsername(q: Queryable, username: string, forUpdate = false): Promise<OfficialRow | null> {
  const r = await q.query<OfficialRow>(`SELECT ${OFFICIAL_COLS} FROM identity.official o WHERE o.username = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [username]);
  return r.rows[0] ?? null;
}

export async function officialById(q: Queryable, id: string): Promise<OfficialRow | null> {
  const r = await q.query<OfficialRow>(`SELECT ${OFFICIAL_COLS} FROM identity.official o WHERE o.id = $1`, [id]);
  return r.rows[0] ?? null;
}

/**
 * The display names of the officials named in `refs` by username or by id, keyed by the ref as given
 * (refs matching no official are absent).
 */
export async function officialNames(q: Queryable, refs: readonly string[]): Promise<Map<string, string>> {
  const all = [...new Set(refs)];
  if (!all.length) return new Map();
  const uuids = all.filter((x) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(x));
  const r = await q.query<{ id: string; username: string; display_name: string }>(
    `SELECT id::text AS id, username, display_name FROM identity.official WHERE username = ANY($1::text[]) OR id = ANY($2::uuid[])`,
    [all, uuids],
  );
  const out = new Map<string, string>();
  for (const o of r.rows) {
    if (all.includes(o.username)) out.set(o.username, o.display_name);
    const id = uuids.find((x) => x.toLowerCase() === o.id);
    if (id) out.set(id, o.display_name);
  }
  return out;
}

export async function setPasswordHash(q: Queryable, id: string, passwordHash: string): Promise<void> {
  await q.query(`UPDATE identity.official SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
}

interface GrantJson {
  role: string;
  unitCode: string;
  fields: string[] | null;
}
interface DelegationJson {
  id: string;
  role: string;
  unitCode: string;
  field: string;
  expiresAt: string | null;
}

/** An official with the grants and active delegations they act with, in one round trip. */
export async function officialWithGrants(
  q: Queryable,
  officialId: string,
): Promise<{ official: OfficialRow; assigned: AssignedGrant[]; delegations: ActiveDelegation[] } | null> {
  const r = await q.query<OfficialRow & { grants: GrantJson[] | null; delegations: DelegationJson[] | null }>(
    `SELECT ${OFFICIAL_COLS},
       (SELECT json_agg(json_build_object('role', g.role, 'unitCode', g.unit_code, 'fields', g.fields) ORDER BY g.created_at, g.id)
          FROM identity.role_grant g WHERE g.official_id = o.id AND g.revoked_at IS NULL) AS grants,
       (SELECT json_agg(json_build_object('id', d.id, 'role', d.role, 'unitCode', d.unit_code, 'field', d.field, 'expiresAt', d.expires_at) ORDER BY d.created_at, d.id)
          FROM identity.delegation d WHERE d.delegate_id = o.id AND d.revoked_at IS NULL AND (d.expires_at IS NULL OR d.expires_at > now())) AS delegations
     FROM identity.official o WHERE o.id = $1`,
    [officialId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    official: row,
    assigned: (row.grants ?? []).map((g) => ({ role: g.role, unitCode: g.unitCode, fields: g.fields })),
    delegations: (row.delegations ?? []).map((d) => ({ id: d.id, role: d.role, unitCode: d.unitCode, field: d.field, expiresAt: d.expiresAt ? new Date(d.expiresAt) : null, revokedAt: null })),
  };
}

// ---- sessions ----

export interface SessionRow {
  id: string;
  official_id: string | null;
  citizen_id: string | null;
  via: string;
  expires_at: Date;
  last_seen_at: Date;
}

export async function insertSession(
  q: Queryable,
  s: { id: string; tokenHash: string; officialId: string | null; citizenId: string | null; via: string; ip: string | null; userAgent: string | null; expiresAt: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO identity.session (id, token_hash, official_id, citizen_id, via, ip, user_agent, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [s.id, s.tokenHash, s.officialId, s.citizenId, s.via, s.ip, s.userAgent?.slice(0, 300) ?? null, s.expiresAt],
  );
}

export async function liveSessionByHash(q: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const r = await q.query<SessionRow>(
    `SELECT id, official_id, citizen_id, via, expires_at, last_seen_at FROM identity.session
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
    [tokenHash],
  );
  return r.rows[0] ?? null;
}

export async function touchSession(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE identity.session SET last_seen_at = now() WHERE id = $1`, [id]);
}

export async function revokeSession(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`UPDATE identity.session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  return r.rowCount > 0;
}

// ---- citizens ----

export interface CitizenRow {
  id: string;
  personal_id: string;
  display_name: string;
  issuer: string;
  subject: string;
}

export async function citizenById(q: Queryable, id: string): Promise<CitizenRow | null> {
  const r = await q.query<CitizenRow>(`SELECT id, personal_id, display_name, issuer, subject FROM identity.citizen WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

/** Finds the citizen by (issuer, subject), else by identification number, and records the sign-in. */
export async function upsertCitizen(q: Queryable, c: { id: string; personalId: string; displayName: string; issuer: string; subject: string }): Promise<CitizenRow> {
  const r = await q.query<CitizenRow>(
    `INSERT INTO identity.citizen (id, personal_id, display_name, issuer, subject, last_sign_in_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (personal_id) DO UPDATE SET display_name = EXCLUDED.display_name, issuer = EXCLUDED.issuer, subject = EXCLUDED.subject, last_sign_in_at = now()
     RETURNING id, personal_id, display_name, issuer, subject`,
    [c.id, c.personalId, c.displayName, c.issuer, c.subject],
  );
  return r.rows[0]!;
}

// ---- API tokens ----

export interface TokenRow {
  id: string;
  official_id: string;
  name: string;
  token_hint: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const TOKEN_COLS = `id, official_id, name, token_hint, scopes, created_at, expires_at, last_used_at, revoked_at`;

export async function insertToken(q: Queryable, t: { id: string; officialId: string; name: string; tokenHash: string; tokenHint: string; scopes: string[]; expiresAt: Date }): Promise<TokenRow> {
  const r = await q.query<TokenRow>(
    `INSERT INTO identity.api_token (id, official_id, name, token_hash, token_hint, scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${TOKEN_COLS}`,
    [t.id, t.officialId, t.name, t.tokenHash, t.tokenHint, t.scopes, t.expiresAt],
  );
  return r.rows[0]!;
}

export async function liveTokenByHash(q: Queryable, tokenHash: string): Promise<TokenRow | null> {
  const r = await q.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM identity.api_token WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`, [tokenHash]);
  return r.rows[0] ?? null;
}

export async function touchToken(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE identity.api_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
}

export async function tokensOf(q: Queryable, officialId: string): Promise<TokenRow[]> {
  const r = await q.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM identity.api_token WHERE official_id = $1 ORDER BY created_at DESC, id`, [officialId]);
  return r.rows;
}

export async function tokenOf(q: Queryable, officialId: string, id: string): Promise<TokenRow | null> {
  const r = await q.query<TokenRow>(`SELECT ${TOKEN_COLS} FROM identity.api_token WHERE official_id = $1 AND id = $2 FOR UPDATE`, [officialId, id]);
  return r.rows[0] ?? null;
}

export async function revokeToken(q: Queryable, id: string): Promise<void> {
  await q.query(`UPDATE identity.api_token SET revoked_at = now() WHERE id = $1`, [id]);
}

// ---- sign-in throttle (ADR 0026) ----

export interface ThrottleRow {
  failed_count: number;
  last_failed_at: Date | null;
  blocked_until: Date | null;
  last_success_at: Date | null;
}
/** The address of the row that counts an account's failures from every address. */
export const ACCOUNT_WIDE = '*';

/**
 * The counters of one account seen from one address, and the account's own, locked until the end of the
 * transaction (rows are created on first use so that concurrent attempts queue on them).
 */
export async function throttleRowsForUpdate(q: Queryable, account: string, address: string): Promise<{ address: ThrottleRow; account: ThrottleRow }> {
  await q.query(`INSERT INTO identity.sign_in_throttle (account, address) VALUES ($1, $2), ($1, $3) ON CONFLICT DO NOTHING`, [account, address, ACCOUNT_WIDE]);
  const r = await q.query<ThrottleRow & { address: string }>(
    `SELECT address, failed_count, last_failed_at, blocked_until, last_success_at FROM identity.sign_in_throttle
      WHERE account = $1 AND address IN ($2, $3) ORDER BY address = $3 FOR UPDATE`,
    [account, address, ACCOUNT_WIDE],
  );
  const of = (a: string) => r.rows.find((x) => x.address === a)!;
  return { address: of(address), account: of(ACCOUNT_WIDE) };
}

export async function saveThrottleRow(q: Queryable, account: string, address: string, t: ThrottleRow): Promise<void> {
  await q.query(
    `UPDATE identity.sign_in_throttle SET failed_count = $3, last_failed_at = $4, blocked_until = $5, last_success_at = $6 WHERE account = $1 AND address = $2`,
    [account, address, t.failed_count, t.last_failed_at, t.blocked_until, t.last_success_at],
  );
}

/** Forgets an account's failures and blocks at every address (an administrator's unlock); known addresses stay known. */
export async function clearThrottle(q: Queryable, account: string): Promise<{ blocked: number; failures: number }> {
  const r = await q.query<{ blocked: number; failures: number }>(
    `WITH old AS (SELECT address, failed_count, blocked_until FROM identity.sign_in_throttle WHERE account = $1 FOR UPDATE),
          upd AS (UPDATE identity.sign_in_throttle t SET failed_count = 0, last_failed_at = NULL, blocked_until = NULL FROM old WHERE t.account = $1 AND t.address = old.address)
     SELECT count(*) FILTER (WHERE blocked_until > now())::int AS blocked, coalesce(sum(failed_count) FILTER (WHERE address = $2), 0)::int AS failures FROM old`,
    [account, ACCOUNT_WIDE],
  );
  return r.rows[0] ?? { blocked: 0, failures: 0 };
}

/** Which of these accounts are blocked now from at least one address. */
export async function blockedAccounts(q: Queryable, accounts: string[]): Promise<Set<string>> {
  if (!accounts.length) return new Set();
  const r = await q.query<{ account: string }>(
    `SELECT DISTINCT account FROM identity.sign_in_throttle WHERE account = ANY($1::text[]) AND blocked_until > now()`,
    [accounts],
  );
  return new Set(r.rows.map((x) => x.account));
}

/** Drops counters with nothing left to remember (no live failure, block or recent success). */
export async function purgeStaleThrottle(q: Queryable, knownAddressDays: number, windowHours: number): Promise<number> {
  const r = await q.query(
    `DELETE FROM identity.sign_in_throttle
      WHERE (blocked_until IS NULL OR blocked_until < now())
        AND (last_failed_at IS NULL OR last_failed_at < now() - make_interval(hours => $2))
        AND (last_success_at IS NULL OR last_success_at < now() - make_interval(days => $1))`,
    [knownAddressDays, windowHours],
  );
  return r.rowCount;
}

// ---- sign-in attempts ----

export async function recordAttempt(
  q: Queryable,
  a: { method: string; username: string | null; officialId: string | null; citizenId: string | null; success: boolean; reason: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await q.query(
    `INSERT INTO identity.sign_in_attempt (method, username, official_id, citizen_id, success, reason, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.method, a.username, a.officialId, a.citizenId, a.success, a.reason, a.ip, a.userAgent?.slice(0, 300) ?? null],
  );
}

export interface AttemptRow {
  id: string;
  at: Date;
  method: string;
  username: string | null;
  official_id: string | null;
  citizen_id: string | null;
  success: boolean;
  reason: string;
  ip: string | null;
}

export async function listAttempts(q: Queryable, f: { username?: string; success?: boolean; before?: string; limit: number }): Promise<AttemptRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.username) where.push(`a.username = $${params.push(f.username)}`);
  if (f.success !== undefined) where.push(`a.success = $${params.push(f.success)}`);
  if (f.before) where.push(`a.id < $${params.push(f.before)}::bigint`);
  params.push(f.limit);
  // newest first by the numeric id (the insertion order; unique, so pages never overlap or skip). The
  // output column is text, so the ORDER BY must name the table's column (a.id), not the output's.
  const r = await q.query<AttemptRow>(
    `SELECT a.id::text AS id, a.at, a.method, a.username, a.official_id, a.citizen_id, a.success, a.reason, a.ip FROM identity.sign_in_attempt a
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}

// ---- delegations ----

export interface DelegationRow {
  id: string;
  delegator_id: string;
  delegator_username: string;
  delegate_id: string;
  delegate_username: string;
  delegate_name: string;
  role: string;
  unit_code: string;
  field: string;
  reason: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const DELEGATION_SELECT = `SELECT d.id, d.delegator_id, a.username AS delegator_username, d.delegate_id, b.username AS delegate_username,
    b.display_name AS delegate_name, d.role, d.unit_code, d.field, d.reason, d.created_at, d.expires_at, d.revoked_at
  FROM identity.delegation d JOIN identity.official a ON a.id = d.delegator_id JOIN identity.official b ON b.id = d.delegate_id`;

export async function insertDelegation(
  q: Queryable,
  d: { id: string; delegatorId: string; delegateId: string; role: string; unitCode: string; field: string; reason: string | null; expiresAt: Date | null },
): Promise<DelegationRow> {
  await q.query(
    `INSERT INTO identity.delegation (id, delegator_id, delegate_id, role, unit_code, field, reason, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [d.id, d.delegatorId, d.delegateId, d.role, d.unitCode, d.field, d.reason, d.expiresAt],
  );
  return (await delegationById(q, d.id))!;
}

export async function delegationById(q: Queryable, id: string): Promise<DelegationRow | null> {
  const r = await q.query<DelegationRow>(`${DELEGATION_SELECT} WHERE d.id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function activeDelegationExists(q: Queryable, d: { delegateId: string; role: string; unitCode: string; field: string }): Promise<boolean> {
  const r = await q.query(
    `SELECT 1 FROM identity.delegation WHERE delegate_id = $1 AND role = $2 AND unit_code = $3 AND field = $4
        AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [d.delegateId, d.role, d.unitCode, d.field],
  );
  return r.rows.length > 0;
}

export async function delegationsOfUnits(q: Queryable, unitCodes: string[], activeOnly: boolean): Promise<DelegationRow[]> {
  const r = await q.query<DelegationRow>(
    `${DELEGATION_SELECT} WHERE d.unit_code = ANY($1::text[]) ${activeOnly ? 'AND d.revoked_at IS NULL AND (d.expires_at IS NULL OR d.expires_at > now())' : ''}
      ORDER BY d.created_at DESC, d.id LIMIT 1000`,
    [unitCodes],
  );
  return r.rows;
}

export async function revokeDelegation(q: Queryable, id: string, by: string): Promise<void> {
  await q.query(`UPDATE identity.delegation SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [id, by]);
}

// ---- officials (administration) ----

export async function insertOfficial(
  q: Queryable,
  o: { id: string; username: string; displayName: string; unitCode: string; position: string | null; passwordHash: string | null; demo: boolean },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO identity.official (id, username, display_name, unit_code, position, password_hash, demo) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (username) DO NOTHING`,
    [o.id, o.username, o.displayName, o.unitCode, o.position, o.passwordHash, o.demo],
  );
  return r.rowCount > 0;
}

export async function insertGrants(q: Queryable, officialId: string, grants: { id: string; role: string; unitCode: string; fields: string[] | null }[]): Promise<void> {
  if (!grants.length) return;
  await q.query(
    `INSERT INTO identity.role_grant (id, official_id, role, unit_code, fields)
     SELECT g.id, $1, g.role, g.unit_code, CASE WHEN g.fields IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(g.fields)) END
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::json[]) AS g(id, role, unit_code, fields)`,
    [officialId, grants.map((g) => g.id), grants.map((g) => g.role), grants.map((g) => g.unitCode), grants.map((g) => (g.fields ? JSON.stringify(g.fields) : null))],
  );
}

export interface OfficialListRow extends OfficialRow {
  grants: GrantJson[] | null;
}

export async function listOfficials(q: Queryable, f: { unitCodes?: string[]; provinceWide?: boolean; limit: number }): Promise<OfficialListRow[]> {
  const r = await q.query<OfficialListRow>(
    `SELECT ${OFFICIAL_COLS},
        (SELECT json_agg(json_build_object('role', g.role, 'unitCode', g.unit_code, 'fields', g.fields) ORDER BY g.created_at, g.id)
           FROM identity.role_grant g WHERE g.official_id = o.id AND g.revoked_at IS NULL) AS grants
       FROM identity.official o
      ${f.unitCodes ? 'WHERE o.unit_code = ANY($2::text[])' : ''}
      ORDER BY o.unit_code, o.username LIMIT $1`,
    f.unitCodes ? [f.limit, f.unitCodes] : [f.limit],
  );
  return r.rows;
}

/** Officials of a unit with their grants and active delegations (for "who handles field F in unit U"). */
export async function officialsOfUnit(q: Queryable, unitCode: string): Promise<{ official: OfficialRow; assigned: AssignedGrant[]; delegations: ActiveDelegation[] }[]> {
  const r = await q.query<{ id: string }>(
    `SELECT DISTINCT o.id FROM identity.official o
       LEFT JOIN identity.role_grant g ON g.official_id = o.id AND g.revoked_at IS NULL
       LEFT JOIN identity.delegation d ON d.delegate_id = o.id AND d.revoked_at IS NULL
      WHERE o.active AND (o.unit_code = $1 OR g.unit_code = $1 OR d.unit_code = $1)`,
    [unitCode],
  );
  const out = [];
  for (const row of r.rows) {
    const o = await officialWithGrants(q, row.id);
    if (o) out.push(o);
  }
  return out;
}

// ---- the development identity provider ----

export interface DevAccountRow {
  personal_id: string;
  display_name: string;
  birth_date: string | null;
  gender: string | null;
  password_hash: string;
}

export async function devAccount(q: Queryable, personalId: string): Promise<DevAccountRow | null> {
  const r = await q.query<DevAccountRow>(`SELECT personal_id, display_name, birth_date, gender, password_hash FROM identity.dev_idp_account WHERE personal_id = $1`, [personalId]);
  return r.rows[0] ?? null;
}

export async function insertDevAccount(q: Queryable, a: { personalId: string; displayName: string; birthDate: string | null; gender: string | null; passwordHash: string }): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO identity.dev_idp_account (personal_id, display_name, birth_date, gender, password_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (personal_id) DO NOTHING`,
    [a.personalId, a.displayName, a.birthDate, a.gender, a.passwordHash],
  );
  return r.rowCount > 0;
}

export async function existingUsernames(q: Queryable, usernames: string[]): Promise<Set<string>> {
  const r = await q.query<{ username: string }>(`SELECT username FROM identity.official WHERE username = ANY($1::text[])`, [usernames]);
  return new Set(r.rows.map((x) => x.username));
}

export async function existingDevAccounts(q: Queryable, ids: string[]): Promise<Set<string>> {
  const r = await q.query<{ personal_id: string }>(`SELECT personal_id FROM identity.dev_idp_account WHERE personal_id = ANY($1::text[])`, [ids]);
  return new Set(r.rows.map((x) => x.personal_id));
}
