import type { Db } from '../../../platform/db.ts';

/**
 * Storage of the development identity provider's protocol state (sessions, interactions, codes, grants,
 * tokens) in the table identity.oidc_payload, following oidc-provider's adapter contract. Kept in the
 * database rather than in memory so that a restart or a second server process does not lose sign-ins.
 */
export function dbAdapterClass(db: Db) {
  return class DbAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await db.query(
        `INSERT INTO identity.oidc_payload (model, id, payload, grant_id, user_code, uid, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
           uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt],
      );
    }

    private async findBy(column: 'id' | 'user_code' | 'uid', value: string): Promise<Record<string, unknown> | undefined> {
      const r = await db.query<{ payload: Record<string, unknown>; consumed_at: Date | null }>(
        `SELECT payload, consumed_at FROM identity.oidc_payload WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [this.model, value],
      );
      const row = r.rows[0];
      if (!row) return undefined;
      return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
    }

    find(id: string) {
      return this.findBy('id', id);
    }

    findByUserCode(userCode: string) {
      return this.findBy('user_code', userCode);
    }

    findByUid(uid: string) {
      return this.findBy('uid', uid);
    }

    async consume(id: string): Promise<void> {
      await db.query(`UPDATE identity.oidc_payload SET consumed_at = now() WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async destroy(id: string): Promise<void> {
      await db.query(`DELETE FROM identity.oidc_payload WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query(`DELETE FROM identity.oidc_payload WHERE grant_id = $1`, [grantId]);
    }
  };
}

/** Deletes expired protocol state (called by the module's background job). */
export async function purgeExpired(db: Db): Promise<number> {
  const r = await db.query(`DELETE FROM identity.oidc_payload WHERE expires_at < now() - interval '1 hour'`);
  return r.rowCount;
}
