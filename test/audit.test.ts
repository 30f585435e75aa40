import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';

describe('audit trail (service)', async () => {
  const { rt } = await testRuntime({ reference: false });
  const db = rt.ctx.db;
  const audit = rt.ctx.services.audit!;
  const actor = { kind: 'official' as const, id: 'o-1', subject: 'tn.viettri' };

  it('appends inside the caller transaction: a rolled-back change leaves no record', async () => {
    await db.transaction(async (tx) => audit.append(tx, { actor, actingUnit: '07900', action: 'test.thing.create', target: 'thing:1', after: { a: 1 } }));
    await assert.rejects(
      db.transaction(async (tx) => {
        await audit.append(tx, { actor, action: 'test.thing.create', target: 'thing:2' });
        throw new Error('rollback');
      }),
    );
    const r = await db.query<{ action: string; target: string; after_digest: string }>(`SELECT action, target, after_digest FROM audit.record WHERE action = 'test.thing.create'`);
    assert.deepEqual(r.rows.map((x) => x.target), ['thing:1']);
    assert.match(r.rows[0]!.after_digest, /^[0-9a-f]{64}$/);
  });

  it('masks a citizen actor\'s identification number and ids inside targets', async () => {
    await audit.append(db, { actor: { kind: 'citizen', id: 'c-1', subject: '025190000123' }, action: 'test.citizen.thing', target: 'citizen:025190000123' });
    const r = await db.query<{ actor_subject: string; target: string }>(`SELECT actor_subject, target FROM audit.record WHERE action = 'test.citizen.thing'`);
    assert.equal(r.rows[0]!.actor_subject, '025******123');
    assert.doesNotMatch(r.rows[0]!.target, /025190000123/);
  });

  it('seals pending records into a chain that verifies, and reports nothing unsealed', async () => {
    for (let i = 0; i < 25; i++) await audit.append(db, { actor, action: 'test.bulk', target: `b:${i}` });
    const before = await audit.verify();
    assert.ok(before.unsealed >= 25);
    const s = await audit.seal({ batchSize: 10 });
    assert.equal(s.sealed, before.unsealed);
    const v = await audit.verify({ pageSize: 7 });
    assert.equal(v.ok, true);
    assert.equal(v.unsealed, 0);
    assert.equal(v.checked, s.head!.seq);
    assert.deepEqual(v.head, s.head);
    assert.equal((await audit.seal()).sealed, 0);
  });

  it('concurrent writers all land in the chain with gap-free seq numbers', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => db.transaction((tx) => audit.append(tx, { actor, action: 'test.concurrent', target: `c:${i}` }))));
    await Promise.all([audit.seal({ batchSize: 7 }), audit.seal({ batchSize: 5 })]);
    const v = await audit.verify();
    assert.equal(v.ok, true);
    assert.equal(v.unsealed, 0);
    const r = await db.query<{ n: number; max: number }>(`SELECT count(*)::int AS n, max(seq)::int AS max FROM audit.record`);
    assert.equal(r.rows[0]!.n, r.rows[0]!.max);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through its trigger', async () => {
    await assert.rejects(db.query(`UPDATE audit.record SET action = 'forged' WHERE seq = 1`), /sealed/);
    await assert.rejects(db.query(`DELETE FROM audit.record WHERE seq = 1`), /append-only/);
    await assert.rejects(db.query(`TRUNCATE audit.record`), /append-only/);
    await audit.append(db, { actor, action: 'test.unsealed' });
    await assert.rejects(db.query(`UPDATE audit.record SET action = 'forged' WHERE action = 'test.unsealed'`), /only be sealed/);
    await audit.seal();
  });

  it('lists records newest first with filters and a cursor', async () => {
    const page1 = await audit.list({ action: 'test.bulk', limit: 10 });
    assert.equal(page1.items.length, 10);
    assert.equal(page1.items[0]!.target, 'b:24');
    assert.ok(page1.nextCursor);
    const page2 = await audit.list({ action: 'test.bulk', limit: 10, before: page1.nextCursor! });
    assert.equal(page2.items[0]!.target, 'b:14');
    const prefixed = await audit.list({ action: 'test.c*', limit: 200 });
    assert.ok(prefixed.items.every((i) => i.action.startsWith('test.c')));
    assert.equal(prefixed.items.filter((i) => i.action === 'test.concurrent').length, 40);
    const byUnit = await audit.list({ actingUnit: '07900', limit: 5 });
    assert.deepEqual(byUnit.items.map((i) => i.target), ['thing:1']);
  });

  it('catches a record edited directly in the database, at its seq, and an anchor catches a cut tail', async () => {
    const head = (await audit.verify()).head!;
    // a superuser can drop the guard; the chain must still tell
    await db.query(`ALTER TABLE audit.record DISABLE TRIGGER record_append_only`);
    const victim = await db.query<{ seq: string }>(`SELECT seq::text AS seq FROM audit.record WHERE target = 'b:3'`);
    await db.query(`UPDATE audit.record SET target = 'b:3-forged' WHERE target = 'b:3'`);
    const v = await audit.verify();
    assert.equal(v.ok, false);
    assert.equal(v.broken!.seq, Number(victim.rows[0]!.seq));
    assert.equal(v.broken!.reason, 'hash-mismatch');
    assert.equal(v.checked, Number(victim.rows[0]!.seq) - 1);
    await db.query(`UPDATE audit.record SET target = 'b:3' WHERE target = 'b:3-forged'`);
    assert.equal((await audit.verify()).ok, true);
    // deleting the newest record leaves a consistent, shorter chain: only the anchor reveals it
    await db.query(`DELETE FROM audit.record WHERE seq = $1`, [head.seq]);
    assert.equal((await audit.verify()).ok, true);
    const anchored = await audit.verify({ anchor: head });
    assert.equal(anchored.ok, false);
    assert.equal(anchored.broken!.reason, 'anchor-mismatch');
    // deleting a record in the middle breaks the chain right there
    await db.query(`DELETE FROM audit.record WHERE seq = 5`);
    const d = await audit.verify();
    assert.equal(d.ok, false);
    assert.deepEqual([d.broken!.seq, d.broken!.reason], [5, 'missing-link']);
  });
});
