import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { testRuntime } from './helpers/runtime.ts';
import { signIn } from './helpers/auth.ts';
import { identityModule } from '../src/modules/identity/index.ts';
import { auditCommands } from '../src/modules/audit/cli.ts';
import { registerAuditHooks } from '../src/modules/audit/http.ts';
import { buildHttp } from '../src/platform/http.ts';
import type { AccessControl, Principal } from '../src/platform/access.ts';

/** Runs `lienthong audit …` against this test's database and returns what it printed and its exit code. */
async function runAuditCli(ctx: Parameters<typeof auditCommands>[1] extends () => Promise<infer C> ? C : never, args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command().exitOverride();
  let out = '';
  auditCommands(program, async () => ctx, { write: (text: string) => (out += text) });
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'lienthong', 'audit', ...args]);
    return { out, code: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
  }
}

describe('audit trail (service)', async () => {
  const { rt, app } = await testRuntime({ reference: false });
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

  it('records every successful state-changing request that did not audit itself (request-level hook)', async () => {
    const official: Principal = { kind: 'official', id: 'o-9', subject: 'cv.test', displayName: 'Thử', unitCode: '07918', grants: [], via: 'session' };
    const access: AccessControl = { authenticate: async (req) => (req.headers['x-test-user'] ? official : null), can: () => true };
    const mini = await buildHttp({ logLevel: 'silent', access, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }) });
    registerAuditHooks(mini, audit, rt.ctx);
    const pub = { config: { access: { public: 'kiểm thử' } } };
    mini.post('/quen-ghi/:id', pub, async () => ({ ok: true }));
    mini.post('/tu-ghi', pub, async () => {
      await db.transaction((tx) => audit.append(tx, { action: 'test.self.audited', target: 'self' }));
      return { ok: true };
    });
    mini.post('/that-bai', pub, async (_req, reply) => reply.status(422).send({ ok: false }));
    mini.get('/chi-doc', pub, async () => ({ ok: true }));
    await mini.ready();
    const count = async (where: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.record WHERE ${where}`)).rows[0]!.n;

    const r = await mini.inject({ method: 'POST', url: '/quen-ghi/025190001234', headers: { 'x-test-user': '1', 'x-request-id': 'req-hook-1' }, payload: { note: 'x' } });
    assert.equal(r.statusCode, 200);
    const rec = await db.query<{ action: string; target: string; actor_id: string; acting_unit: string; request_id: string; after_digest: string; meta: { status: number; route: string; params: { id: string } } }>(
      `SELECT action, target, actor_id, acting_unit, request_id, after_digest, meta FROM audit.record WHERE request_id = 'req-hook-1'`,
    );
    assert.equal(rec.rows.length, 1);
    const g = rec.rows[0]!;
    assert.deepEqual([g.action, g.target, g.actor_id, g.acting_unit], ['http.post', 'POST /quen-ghi/:id', 'o-9', '07918']);
    assert.equal(g.meta.status, 200);
    assert.equal(g.meta.params.id, '025******234', 'identification numbers in parameters are masked');
    assert.match(g.after_digest, /^[0-9a-f]{64}$/);

    await mini.inject({ method: 'POST', url: '/tu-ghi', headers: { 'x-request-id': 'req-hook-2' } });
    assert.equal(await count(`request_id = 'req-hook-2'`), 1, 'a request that audited itself gets no generic record');
    assert.equal(await count(`request_id = 'req-hook-2' AND action = 'test.self.audited'`), 1, 'the service record carries the request id');
    await mini.inject({ method: 'POST', url: '/that-bai', headers: { 'x-request-id': 'req-hook-3' } });
    await mini.inject({ method: 'GET', url: '/chi-doc', headers: { 'x-request-id': 'req-hook-4' } });
    assert.equal(await count(`request_id IN ('req-hook-3', 'req-hook-4')`), 0);
    await mini.close();
  });

  it('serves the trail to the security officer only, with filters, pages and clear problems', async () => {
    await identityModule.seedDemo!(rt.ctx);
    const sec = await signIn(app, 'at.tinh');
    const page = await app.inject({ method: 'GET', url: '/api/v1/audit/records?action=test.bulk&limit=5', headers: sec.headers });
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().items.length, 5);
    assert.ok(page.json().nextCursor);
    const next = await app.inject({ method: 'GET', url: `/api/v1/audit/records?action=test.bulk&limit=5&cursor=${page.json().nextCursor}`, headers: sec.headers });
    assert.ok(Number(next.json().items[0].id) < Number(page.json().items[4].id));
    const signIns = await app.inject({ method: 'GET', url: '/api/v1/audit/records?action=identity.sign-in*', headers: sec.headers });
    assert.ok(signIns.json().items.some((i: { actor: { subject: string } }) => i.actor.subject === 'at.tinh'));
    for (const bad of ['limit=0', 'cursor=abc', 'from=hôm-qua', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z']) {
      const r = await app.inject({ method: 'GET', url: `/api/v1/audit/records?${bad}`, headers: sec.headers });
      assert.equal(r.statusCode, 400, bad);
    }
    const officer = await signIn(app, 'tn.viettri');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/audit/records', headers: officer.headers })).statusCode, 403);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: officer.headers })).statusCode, 403);

    const v = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: sec.headers });
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().ok, true);
    assert.equal(v.json().unsealed, 0);
    assert.ok(v.json().sealed > 0, 'verifying seals what was pending first');
    const anchored = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: sec.headers, payload: { anchor: v.json().head } });
    assert.equal(anchored.json().ok, true);
    const badAnchor = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: sec.headers, payload: { anchor: { seq: 1, hash: 'xyz' } } });
    assert.equal(badAnchor.statusCode, 400);
    assert.equal(await (async () => (await db.query(`SELECT 1 FROM audit.record WHERE action = 'audit.chain.verify'`)).rows.length)(), 2);
  });

  it('lienthong audit verify says the chain is intact and prints the anchor', async () => {
    const r = await runAuditCli(rt.ctx, ['verify']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Chuỗi nhật ký kiểm toán nguyên vẹn: đã kiểm tra \d+ bản ghi/);
    assert.match(r.out, /--anchor\): \d+:[0-9a-f]{64}/);
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
    // the command exits with 1 and names the first broken link
    const cli = await runAuditCli(rt.ctx, ['verify', '--no-seal']);
    assert.equal(cli.code, 1);
    assert.match(cli.out, /CHUỖI BỊ PHÁ VỠ tại mắt xích số 5/);
    assert.match(cli.out, /bị xoá/);
  });
});
