import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { sealKeyFrom, unseal } from '../src/platform/seal.ts';
import { authzFixture } from './helpers/authz-fixture.ts';

/**
 * Webhooks with a real local receiver: signed per Standard Webhooks, CloudEvents with ids and statuses
 * only, and a receiver that is down, then answers 500, then is too slow, loses nothing and then receives
 * every event in per-dossier order.
 */
type Mode = 'ok' | 'down' | '500' | 'slow';

async function receiver() {
  let mode: Mode = 'ok';
  let secret = '';
  const accepted: { id: string; subject: string; seq: number; version: number; body: string }[] = [];
  const seen = new Set<string>();
  let arrivals = 0;
  let badSignatures = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      arrivals++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (mode === '500') return void res.writeHead(500).end('lỗi');
      if (mode === 'slow') return void setTimeout(() => res.writeHead(200).end(), 1500).unref();
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
      } catch {
        badSignatures++;
        return void res.writeHead(401).end();
      }
      const ce = JSON.parse(body);
      // a receiver de-duplicates by webhook-id (delivery is at least once)
      if (!seen.has(String(req.headers['webhook-id']))) {
        seen.add(String(req.headers['webhook-id']));
        accepted.push({ id: ce.id, subject: ce.subject, seq: Number(ce.lienthongseq), version: ce.data.version, body });
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/lienthong`,
    accepted,
    get arrivals() {
      return arrivals;
    },
    get badSignatures() {
      return badSignatures;
    },
    setSecret: (s: string) => void (secret = s),
    async set(m: Mode) {
      if (m === 'down' && mode !== 'down') await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
      if (m !== 'down' && mode === 'down') await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      mode = m;
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('webhook subscriptions', async () => {
  const f = await authzFixture({ WEBHOOKS_TIMEOUT_MS: '300', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
  after(() => f.app.close());
  const rx = await receiver();
  after(() => rx.close().catch(() => undefined));
  const admin = await f.as('qtv.tinh');
  const post = async (headers: Record<string, string>, url: string, payload: unknown) => f.app.inject({ method: 'POST', url, headers, payload: payload as object });
  // what happened before the subscription is not sent
  await f.rt.ctx.events.drain();

  let hookId = '';
  let hookSecret = '';
  it('is created by a province administrator with a signing secret shown once', async () => {
    const r = await post(admin.headers, '/api/v1/webhooks', { url: rx.url, types: ['dossiers.dossier.*'], description: 'Hệ thống cũ của Sở' });
    assert.equal(r.statusCode, 201, r.body);
    const w = r.json();
    assert.match(w.secret, /^whsec_/);
    rx.setSecret(w.secret);
    hookId = w.id;
    hookSecret = w.secret;
    const list = (await f.app.inject({ url: '/api/v1/webhooks', headers: admin.headers })).json().items;
    assert.ok(list.some((x: { id: string; secret?: string }) => x.id === hookId && x.secret === undefined), 'the secret is not listed');
  });

  it('refuses types that never leave the platform, bad schemes, and officials without the permission', async () => {
    const bad = await post(admin.headers, '/api/v1/webhooks', { url: rx.url, types: ['notifications.*'] });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().code, 'webhook-type-not-public');
    const scheme = await post(admin.headers, '/api/v1/webhooks', { url: 'ftp://example.vn/x', types: ['dossiers.dossier.*'] });
    assert.equal(scheme.json().code, 'webhook-target-scheme');
    const officer = await f.as('tn.viettri');
    assert.equal((await post(officer.headers, '/api/v1/webhooks', { url: rx.url, types: ['dossiers.dossier.*'] })).statusCode, 403);
  });

  it('a receiver down, then answering 500, then too slow loses nothing, and then gets every event in per-dossier order', async () => {
    await rx.set('down');
    const codes = [await f.submitOnline(), await f.counterDossier(), await f.submitOnline()];
    await f.rt.ctx.events.drain();
    await rx.set('500');
    await f.rt.ctx.events.drain({ retryNow: true });
    for (const code of codes.slice(1)) await post((await f.as('tn.viettri')).headers, `/api/v1/dossiers/${code}/actions/receive`, {});
    await f.rt.ctx.events.drain({ retryNow: true });
    await rx.set('slow');
    await f.rt.ctx.events.drain({ retryNow: true });
    assert.equal(rx.accepted.length, 0, 'nothing accepted while the receiver failed');
    assert.ok(rx.arrivals > 0);
    const status = (await f.rt.ctx.events.status()).find((s) => s.name === `webhook:${hookId}`)!;
    assert.ok(status.retrying >= 1 && status.waiting >= 1, 'events retried and held behind them, per dossier');
    await rx.set('ok');
    await f.rt.ctx.events.drain({ retryNow: true });
    const expected = await f.rt.ctx.db.query<{ event_id: string; aggregate_id: string; seq: string }>(
      `SELECT event_id, aggregate_id, seq FROM platform.outbox_event WHERE type LIKE 'dossiers.dossier.%' AND aggregate_id = ANY($1) ORDER BY seq`,
      [codes],
    );
    assert.deepEqual(new Set(rx.accepted.map((a) => a.id)), new Set(expected.rows.map((e) => e.event_id)), 'every event, once');
    for (const code of codes)
      assert.deepEqual(
        rx.accepted.filter((a) => a.subject === `dossier/${code}`).map((a) => a.seq),
        expected.rows.filter((e) => e.aggregate_id === code).map((e) => Number(e.seq)),
        `${code}: in order`,
      );
    assert.equal(rx.badSignatures, 0);
  });

  it('sends CloudEvents with ids and statuses, never personal data', () => {
    const ce = JSON.parse(rx.accepted[0]!.body);
    assert.equal(ce.specversion, '1.0');
    assert.match(ce.type, /^vn\.lienthong\.dossiers\.dossier\./);
    assert.ok(ce.data.code && ce.data.toStatus && ce.data.nationalStatus !== undefined);
    for (const a of rx.accepted)
      for (const personal of ['Hoàng Minh Đức', 'duc@example.vn', 'Nguyễn Thị Hồng Nhung', '0912345678', 'Tổ 5', '025192004567', 'notify', 'facts'])
        assert.ok(!a.body.includes(personal), `no "${personal}" in ${a.body.slice(0, 200)}`);
  });

  it('a forged or altered body fails verification at the receiver', () => {
    const a = rx.accepted[0]!;
    const wh = new Webhook('whsec_' + Buffer.alloc(32, 7).toString('base64'));
    const headers = { 'webhook-id': a.id, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': wh.sign(a.id, new Date(), a.body) };
    assert.ok(wh.verify(a.body, headers));
    assert.throws(() => wh.verify(a.body.replace('"1.0"', '"1.1"'), headers));
  });

  it('keeps the signing secret encrypted at rest; a secret stored in clear before still signs, and is sealed at start', async () => {
    const stored = async () => (await f.rt.ctx.db.query<{ secret: string | null; secret_sealed: string | null }>(`SELECT secret, secret_sealed FROM events.webhook_subscription WHERE id = $1`, [hookId])).rows[0]!;
    const row = await stored();
    assert.equal(row.secret, null, 'no secret in clear');
    assert.ok(row.secret_sealed && !row.secret_sealed.includes(hookSecret.slice('whsec_'.length)));
    // the key is outside the database (generated into DATA_DIR/secrets/webhooks.json), and the value is bound to its row
    const key = sealKeyFrom({}, 'WEBHOOKS_ENCRYPTION_KEY', f.rt.ctx.config.dataDir, 'webhooks.json');
    assert.equal(unseal(key, row.secret_sealed!, hookId), hookSecret);
    assert.throws(() => unseal(key, row.secret_sealed!, crypto.randomUUID()));
    assert.throws(() => unseal(crypto.randomBytes(32), row.secret_sealed!, hookId));

    // a subscription written before migration 002 kept its secret in clear: it keeps signing with it
    const clear = `whsec_${crypto.randomBytes(32).toString('base64')}`;
    await f.rt.ctx.db.query(`UPDATE events.webhook_subscription SET secret = $2, secret_sealed = NULL WHERE id = $1`, [hookId, clear]);
    rx.setSecret(clear);
    const before = rx.accepted.length;
    await f.submitOnline();
    await f.rt.ctx.events.drain();
    assert.ok(rx.accepted.length > before, 'delivered, signed with the clear secret');
    // the module's start seals it; deliveries go on with the same secret
    const stop = await f.rt.modules.find((m) => m.name === 'events')!.start!(f.rt.ctx);
    await stop();
    const sealed = await stored();
    assert.equal(sealed.secret, null);
    assert.equal(unseal(key, sealed.secret_sealed!, hookId), clear);
    const next = rx.accepted.length;
    await f.submitOnline();
    await f.rt.ctx.events.drain();
    assert.ok(rx.accepted.length > next, 'delivered, signed with the unsealed secret');
    assert.equal(rx.badSignatures, 0);
  });

  it('is deleted with its delivery state', async () => {
    const r = await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers: admin.headers });
    assert.equal(r.statusCode, 204);
    assert.ok(!(await f.rt.ctx.events.status()).some((s) => s.name === `webhook:${hookId}` && s.registered));
    assert.equal((await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hookId}`, headers: admin.headers })).statusCode, 404);
  });
});
