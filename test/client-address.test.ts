import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildHttp } from '../src/platform/http.ts';
import { denyAll } from '../src/platform/access.ts';
import { ConfigError, loadConfig } from '../src/platform/config.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The client's address decides rate limits, the audit trail and the sign-in log. It is the TCP peer's unless
 * the peer is a reverse proxy named in TRUST_PROXY: a client that sends its own X-Forwarded-For changes nothing.
 */
describe('client address: X-Forwarded-For is believed only from configured proxies', () => {
  it('validates TRUST_PROXY as a list of addresses and CIDR ranges, empty by default', () => {
    assert.deepEqual(loadConfig({}).trustProxy, []);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8 ,::1' }).trustProxy, ['10.0.0.5', '192.168.0.0/16', 'fd00::/8', '::1']);
    for (const bad of ['true', '*', '10.0.0.0/33', '10.0.0', 'fd00::/129', '10.0.0.1/8/8', 'proxy.example.vn']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), (err: unknown) => err instanceof ConfigError && /TRUST_PROXY/.test(err.message), bad);
    }
  });

  const echoServer = async (trustProxy?: string[]) => {
    const app = await buildHttp({ logLevel: 'silent', access: denyAll, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }), trustProxy });
    app.get('/ip', { config: { access: { public: 'kiểm thử địa chỉ' } } }, async (request) => ({ ip: request.ip }));
    await app.ready();
    after(() => app.close());
    return app;
  };

  it('ignores X-Forwarded-For when no proxy is configured', async () => {
    const app = await echoServer();
    const r = await app.inject({ url: '/ip', remoteAddress: '203.0.113.7', headers: { 'x-forwarded-for': '1.2.3.4' } });
    assert.equal(r.json().ip, '203.0.113.7');
  });

  it('believes X-Forwarded-For from a configured proxy only', async () => {
    const app = await echoServer(['10.0.0.0/8']);
    const viaProxy = await app.inject({ url: '/ip', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(viaProxy.json().ip, '198.51.100.9');
    const direct = await app.inject({ url: '/ip', remoteAddress: '203.0.113.7', headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(direct.json().ip, '203.0.113.7');
  });

  describe('on the real sign-in route', async () => {
    const { app, rt } = await testRuntime({ reference: false });

    it('throttles a caller that rotates X-Forwarded-For, and logs its real address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 35; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '203.0.113.50',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
          payload: { username: 'gia.mao', password: 'sai mat khau 2025' },
        });
        statuses.push(r.statusCode);
      }
      assert.ok(statuses.includes(429), `never throttled: ${statuses.join(',')}`);
      const log = await rt.ctx.services.identity!.signInAttempts({ username: 'gia.mao', limit: 100 });
      assert.ok(log.items.length > 0);
      for (const a of log.items) assert.equal(a.ip, '203.0.113.50', 'the sign-in log holds the spoofed address');
    });
  });
});
