import crypto from 'node:crypto';
import type { PlatformContext } from '../../../platform/modules.ts';
import { hashPassword } from '../passwords.ts';
import * as store from '../store.ts';
import { DEMO_PASSWORD, demoPeople } from './people.ts';

/**
 * Seeds the demo people (idempotent): officials that do not exist yet are created with their grants, and
 * demo citizens get an account at the development identity provider. Existing accounts are left exactly as
 * they are (a password changed or a lock set since is kept), so seeding twice changes nothing.
 */
export async function seedDemoPeople(ctx: PlatformContext): Promise<{ officials: number; citizens: number }> {
  const { officials, citizens } = demoPeople();
  const haveOfficials = await store.existingUsernames(ctx.db, officials.map((o) => o.username));
  const haveCitizens = await store.existingDevAccounts(ctx.db, citizens.map((c) => c.personalId));
  const newOfficials = officials.filter((o) => !haveOfficials.has(o.username));
  const newCitizens = citizens.filter((c) => !haveCitizens.has(c.personalId));
  if (!newOfficials.length && !newCitizens.length) return { officials: 0, citizens: 0 };
  // one Argon2id hash per account (each with its own salt), computed on libuv's thread pool in parallel
  const hashes = await Promise.all([...newOfficials, ...newCitizens].map(() => hashPassword(DEMO_PASSWORD)));
  let created = { officials: 0, citizens: 0 };
  await ctx.db.transaction(async (tx) => {
    let i = 0;
    for (const o of newOfficials) {
      const id = crypto.randomUUID();
      const inserted = await store.insertOfficial(tx, { id, username: o.username, displayName: o.displayName, unitCode: o.unitCode, position: o.position, passwordHash: hashes[i++]!, demo: true });
      if (!inserted) continue;
      await store.insertGrants(tx, id, o.grants.map((g) => ({ id: crypto.randomUUID(), role: g.role, unitCode: g.unitCode, fields: g.fields === '*' ? null : g.fields })));
      created.officials++;
    }
    for (const c of newCitizens) {
      if (await store.insertDevAccount(tx, { personalId: c.personalId, displayName: c.displayName, birthDate: c.birthDate, gender: c.sex, passwordHash: hashes[i++]! })) created.citizens++;
    }
    await ctx.services.audit?.append(tx, { actor: null, action: 'identity.demo.seed', target: 'demo:people', after: { officials: newOfficials.map((o) => o.username), citizens: newCitizens.length } });
  });
  return created;
}
