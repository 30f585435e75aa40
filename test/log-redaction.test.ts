import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { buildApp, openRuntime } from '../src/main.ts';
import { modules } from '../src/modules/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger, redactUrl, safeError } from '../src/platform/logger.ts';
import type { AppModule } from '../src/platform/modules.ts';
import { freshDb } from './helpers/db.ts';

/**
 * Personal data never leaves through the logs. The whole platform runs with its real logger writing into a
 * captured stream; error paths carrying personal data are driven through it, and the captured log is then
 * searched for the values themselves.
 */
const CITIZEN_ID = '025085012345';
const PHONE = '0912345678';
const PASSWORD = 'Bi mat 2025 cua toi';
const TRACKING_SECRET = 'Zq8kT3xWmR7vLp2N';
const OIDC_CODE = 'oidc-code-9f8e7d6c5b4a';

/** A module that writes a citizen's id and phone into a table whose constraint refuses the second write. */
const probeModule: AppModule = {
  name: 'log-probe',
  routes(app, ctx) {
    app.post(
      '/test/probe-insert',
      { config: { access: { public: 'kiểm thử nhật ký' } }, schema: { body: z.object({ citizenId: z.string(), phone: z.string() }) } },
      async (request) => {
        await ctx.db.exec('CREATE TABLE IF NOT EXISTS public.log_probe (citizen_id text PRIMARY KEY, phone text)');
        await ctx.db.query('INSERT INTO public.log_probe (citizen_id, phone) VALUES ($1, $2)', [request.body.citizenId, request.body.phone]);
        return { ok: true };
      },
    );
    app.get('/test/probe-cast', { config: { access: { public: 'kiểm thử nhật ký' } } }, async () => {
      await ctx.db.query('SELECT $1::uuid', [PHONE]);
      return { ok: true };
    });
  },
};

describe('logs carry no personal data and no secrets', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const { db, drop } = await freshDb();
  const config = loadConfig({ DATA_DIR: './tmp/test-data', LOG_LEVEL: 'info' });
  const all = [...modules.slice(0, -1), probeModule, modules[modules.length - 1]!];
  const rt = await openRuntime(config, { db, log: createLogger('debug', stream), modules: all });
  const app = await buildApp(rt);
  after(async () => {
    await app.close();
    await rt.close();
    await drop();
  });

  it('drives error paths with personal data through the real app', async () => {
    const first = await app.inject({ method: 'POST', url: '/test/probe-insert', payload: { citizenId: CITIZEN_ID, phone: PHONE } });
    assert.equal(first.statusCode, 200, first.body);
    // the same id again: the primary key refuses the write, the error handler logs the database error
    const dup = await app.inject({ method: 'POST', url: '/test/probe-insert', payload: { citizenId: CITIZEN_ID, phone: PHONE } });
    assert.equal(dup.statusCode, 500);
    const cast = await app.inject('/test/probe-cast');
    assert.equal(cast.statusCode, 500);
    // a tracking link and an OIDC callback with their secrets in the query string
    await app.inject(`/api/v1/track/G01.22.25-251125-0001?k=${TRACKING_SECRET}`);
    await app.inject(`/tra-cuu/G01.22.25-251125-0001?k=${TRACKING_SECRET}`);
    await app.inject(`/api/v1/auth/citizen/callback?code=${OIDC_CODE}&state=${OIDC_CODE}`);
    // sign-ins with bad bodies: personal data in the username, a password, NUL bytes, broken JSON
    for (const payload of [
      { username: CITIZEN_ID, password: PASSWORD },
      { username: `${CITIZEN_ID}\u0000`, password: PASSWORD },
      { username: 'tn.viettri', password: `${PASSWORD}\u0000` },
      { username: ['x'], password: PASSWORD, phone: PHONE },
    ]) {
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress: '192.0.2.10' });
    }
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"${CITIZEN_ID}","password":"${PASSWORD}"` });

    const log = lines.join('');
    assert.ok(lines.length > 10, 'the log was captured');
    assert.match(log, /"code":"23505"/, 'the failed write was logged (with its SQLSTATE)');
    assert.match(log, /"constraint":"log_probe_pkey"/, 'the failed write was logged (with its constraint)');
    for (const [what, value] of [
      ['citizen id', CITIZEN_ID],
      ['phone number', PHONE],
      ['password', PASSWORD],
      ['tracking secret', TRACKING_SECRET],
      ['OIDC code', OIDC_CODE],
    ] as const) {
      const at = lines.find((l) => l.includes(value));
      assert.equal(at, undefined, `the ${what} is in the log: ${at}`);
    }
  });

  it('strips secret query parameters from logged URLs and keeps the others', () => {
    assert.equal(redactUrl('/tra-cuu/G01?k=abc&page=2'), '/tra-cuu/G01?k=[redacted]&page=2');
    assert.equal(redactUrl('/cb?code=x&state=y&iss=z'), '/cb?code=[redacted]&state=[redacted]&iss=z');
    assert.equal(redactUrl('/a?%6B=abc'), '/a?%6B=[redacted]');
    assert.equal(redactUrl('/a'), '/a');
  });

  it('logs an error through an allow-list of fields', () => {
    const e = Object.assign(new Error('invalid input syntax for type uuid: "0912345678"'), {
      severity: 'ERROR', code: '22P02', where: "unnamed portal parameter $2 = '0912345678'", params: ['025085012345'], detail: 'Key (id)=(025085012345)', query: 'INSERT …',
    });
    const s = safeError(Object.assign(new Error('outer'), { cause: e })) as Record<string, unknown>;
    const text = JSON.stringify(s);
    assert.doesNotMatch(text, /0912345678|025085012345|params|detail|where/);
    assert.equal((s.cause as Record<string, unknown>).code, '22P02');
  });
});
