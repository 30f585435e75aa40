import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { testRuntime } from './helpers/runtime.ts';
import { DEMO_PASSWORD, signIn } from './helpers/auth.ts';
import { identityCommands } from '../src/modules/identity/cli.ts';

/**
 * Abuse of the officials' sign-in (issue 8 §2) on a server that is NOT the demo (SEED_DEMO=false) but holds
 * the demo people, as a server promoted from a demonstration would: the published demo password, weak
 * passwords, locking officials out from elsewhere, login CSRF, and the order of the security officer's log.
 */
describe('sign-in abuse', async () => {
  const { app, rt } = await testRuntime({ demo: true, env: { SEED_DEMO: 'false' } });
  const db = rt.ctx.db;
  const NEW_PASSWORD = 'Trâu ăn cỏ bờ sông Lô';
  const login = (username: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress, headers });
  const reasons = async (username: string) => (await db.query<{ reason: string; ip: string }>(`SELECT reason, ip FROM identity.sign_in_attempt WHERE username = $1 ORDER BY id`, [username])).rows;
  /** The clock is the database's: instead of sleeping, move an account's last failures back in time. */
  const waitOut = (username: string) =>
    db.query(`UPDATE identity.sign_in_throttle SET last_failed_at = last_failed_at - interval '2 minutes' WHERE account = (SELECT 'official:' || id FROM identity.official WHERE username = $1)`, [username]);
  /** Runs `lienthong identity set-password <username>` with the password on standard input. */
  async function setPasswordCli(username: string, password: string): Promise<string> {
    const program = new Command().exitOverride();
    let out = '';
    identityCommands(program, async () => rt.ctx, { write: (text: string) => (out += text), readSecret: async () => password });
    await program.parseAsync(['node', 'lienthong', 'identity', 'set-password', username]);
    return out;
  }

  describe('the published demo password', () => {
    it('does not open a demo account outside the demo', async () => {
      const r = await login('cv.stp', DEMO_PASSWORD, '198.51.100.1');
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().code, 'demo-password-refused');
      assert.match(r.json().detail, /mật khẩu chung của bản demo/i);
      assert.equal(r.headers['set-cookie'], undefined);
      assert.equal((await reasons('cv.stp')).at(-1)!.reason, 'demo-password');
    });

    it('cannot be set again through the command line; a strong password can, and then opens the account', async () => {
      await assert.rejects(setPasswordCli('cv.stp', DEMO_PASSWORD), /mật khẩu chung của bản demo/);
      await assert.rejects(setPasswordCli('cv.stp', 'Password123!'), /quá dễ đoán/);
      await assert.rejects(setPasswordCli('khong.ai', NEW_PASSWORD), /Không tìm thấy cán bộ/);
      assert.match(await setPasswordCli('cv.stp', NEW_PASSWORD), /Đã đặt mật khẩu mới cho cv\.stp/);
      assert.equal((await login('cv.stp', NEW_PASSWORD, '198.51.100.1')).statusCode, 200);
      const audited = await db.query(`SELECT 1 FROM audit.record WHERE action = 'identity.official.password-set'`);
      assert.equal(audited.rows.length, 1);
    });
  });

  describe('passwords set through the API', () => {
    it('refuses common passwords, their variants and the demo password, which a length rule let through', async () => {
      for (const u of ['qtv.tinh', 'ld.stp', 'tn.viettri', 'ld.viettri']) assert.match(await setPasswordCli(u, NEW_PASSWORD), /Đã đặt/);
      const admin = await signIn(app, 'qtv.tinh', NEW_PASSWORD);
      const create = (username: string, password: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/identity/officials',
          headers: admin.headers,
          payload: { username, displayName: 'Hà Thị Thu Trang', unitCode: '07900', password, grants: [{ role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] }] },
        });
      for (const password of ['Password123!', 'P@ssw0rd2024', 'Qwerty123456', 'anhyeuem123', 'HaThiThuTrang1990', DEMO_PASSWORD]) {
        const r = await create('cv.moi.viettri', password);
        assert.equal(r.statusCode, 422, `${password}: ${r.body}`);
        assert.equal(r.json().code, 'weak-password');
        assert.equal(r.json().errors[0].path, 'body.password');
      }
      const ok = await create('cv.moi.viettri', 'Ca phe sua da sang thu hai');
      assert.equal(ok.statusCode, 201, ok.body);
    });
  });

  describe('throttling by account and address', () => {
    it('lets the official in from their own address while an attacker who locked "their" address waits', async () => {
      const attacker = '203.0.113.66';
      for (let i = 1; i <= 10; i++) {
        if (i > 5) await waitOut('tn.viettri');
        const r = await login('tn.viettri', `doan-mo-${i}`, attacker);
        assert.equal(r.statusCode, i < 10 ? 401 : 423, `attempt ${i}: ${r.body}`);
      }
      await waitOut('tn.viettri');
      const stillLocked = await login('tn.viettri', NEW_PASSWORD, attacker);
      assert.equal(stillLocked.statusCode, 423, 'the attacker’s address stays blocked, even with the right password');
      assert.equal(stillLocked.json().code, 'account-locked');
      assert.ok(Number(stillLocked.headers['retry-after']) > 60);
      // the official, from the office, is not locked out
      const official = await login('tn.viettri', NEW_PASSWORD, '198.51.100.10');
      assert.equal(official.statusCode, 200, official.body);
      // the admin sees the block and can lift it
      const admin = await signIn(app, 'qtv.tinh', NEW_PASSWORD);
      const listed = await app.inject({ method: 'GET', url: '/api/v1/identity/officials?unitCode=07900', headers: admin.headers });
      assert.equal(listed.json().items.find((o: { username: string }) => o.username === 'tn.viettri').locked, true);
      const unlocked = await app.inject({ method: 'POST', url: '/api/v1/identity/officials/tn.viettri/unlock', headers: admin.headers });
      assert.equal(unlocked.json().locked, false);
      const log = await reasons('tn.viettri');
      assert.deepEqual(
        log.filter((a) => a.ip === attacker).map((a) => a.reason),
        [...Array(9).fill('wrong-password'), 'wrong-password-locked', 'locked'],
      );
      assert.deepEqual(log.filter((a) => a.ip === '198.51.100.10').map((a) => a.reason), ['ok']);
    });

    it('slows a guessing campaign spread over many addresses, but not the official at a known address', async () => {
      const known = '198.51.100.20';
      assert.equal((await login('ld.stp', NEW_PASSWORD, known)).statusCode, 200);
      for (let i = 1; i <= 20; i++) {
        const r = await login('ld.stp', `doan-mo-${i}`, `203.0.113.${100 + i}`);
        assert.equal(r.statusCode, 401, `attempt ${i} from a fresh address: ${r.body}`);
      }
      const wide = await db.query<{ failed_count: number }>(`SELECT failed_count FROM identity.sign_in_throttle WHERE address = '*' AND account = (SELECT 'official:' || id FROM identity.official WHERE username = 'ld.stp')`);
      assert.equal(wide.rows[0]!.failed_count, 20, 'failures from every address count for the account');
      // as if six more had just come in (the delay doubles with each: 2^(26−20) = 64 s)
      await db.query(`UPDATE identity.sign_in_throttle SET failed_count = 26, last_failed_at = now() WHERE address = '*' AND account = (SELECT 'official:' || id FROM identity.official WHERE username = 'ld.stp')`);
      const fresh = await login('ld.stp', NEW_PASSWORD, '203.0.113.200');
      assert.equal(fresh.statusCode, 429, 'an unknown address waits, even with the right password');
      assert.equal(fresh.json().code, 'sign-in-throttled');
      assert.match(fresh.json().detail, /từ nhiều nơi/);
      assert.ok(Number(fresh.headers['retry-after']) > 30);
      const official = await login('ld.stp', NEW_PASSWORD, known);
      assert.equal(official.statusCode, 200, 'the official at the address they signed in from before gets in');
      assert.equal((await reasons('ld.stp')).filter((a) => a.reason === 'throttled-account').length, 1);
    });
  });

  describe('login CSRF', () => {
    const form = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/dang-nhap',
        remoteAddress: '198.51.100.30',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams({ username: 'ld.viettri', password: NEW_PASSWORD }).toString(),
      });

    it('refuses the sign-in form posted from another site, with a Vietnamese page and no session', async () => {
      const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { referer: 'https://evil.example/win-a-prize.html' }, { 'sec-fetch-site': 'cross-site' }];
      for (const headers of crossSite) {
        const r = await form(headers);
        assert.equal(r.statusCode, 403, JSON.stringify(headers));
        assert.match(r.headers['content-type'] as string, /text\/html/);
        assert.match(r.body, /Yêu cầu đến từ trang khác/);
        assert.equal(r.headers['set-cookie'], undefined, JSON.stringify(headers));
      }
    });

    it('accepts the form from our own pages: the public URL or the address the request was sent to', async () => {
      assert.equal((await form({ origin: 'http://localhost:3000' })).statusCode, 303, 'PUBLIC_URL');
      assert.equal((await form({ host: 'dichvucong.example', origin: 'http://dichvucong.example' })).statusCode, 303, 'the request’s own origin');
      assert.equal((await form({ referer: 'http://localhost:3000/dang-nhap' })).statusCode, 303);
      assert.equal((await form({})).statusCode, 303, 'no browser header: not a victim’s browser');
    });

    it('refuses the JSON sign-in from another site with a problem', async () => {
      const r = await login('ld.viettri', NEW_PASSWORD, '198.51.100.31', { origin: 'https://evil.example' });
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().code, 'cross-site-request');
      assert.match(r.json().detail, /trang khác/);
      assert.equal(r.headers['set-cookie'], undefined);
      assert.equal((await login('ld.viettri', NEW_PASSWORD, '198.51.100.31', { origin: 'http://localhost:3000' })).statusCode, 200);
    });
  });

  describe('the security officer’s sign-in log', () => {
    it('is sorted by number, newest first, and pages without overlaps or gaps', async () => {
      await db.query(
        `INSERT INTO identity.sign_in_attempt (method, username, success, reason, ip) SELECT 'password', 'khach' || g, false, 'unknown-user', '192.0.2.1' FROM generate_series(1, 150) g`,
      );
      const all = (await db.query<{ id: string }>(`SELECT a.id::text AS id FROM identity.sign_in_attempt a ORDER BY a.id DESC`)).rows.map((r) => r.id);
      assert.ok(all.some((id) => id.length === 2) && all.some((id) => id.length === 3), 'ids of two and three digits');
      await setPasswordCli('at.tinh', NEW_PASSWORD);
      const sec = await signIn(app, 'at.tinh', NEW_PASSWORD);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r: { statusCode: number; body: string; json(): unknown } = await app.inject({ method: 'GET', url: `/api/v1/identity/sign-in-attempts?limit=17${cursor ? `&cursor=${cursor}` : ''}`, headers: sec.headers });
        assert.equal(r.statusCode, 200, r.body);
        const body = r.json() as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      const expected = (await db.query<{ id: string }>(`SELECT a.id::text AS id FROM identity.sign_in_attempt a ORDER BY a.id DESC`)).rows.map((r) => r.id);
      // the officer's own sign-in came after `all` was read
      assert.deepEqual(seen, expected);
      for (let i = 1; i < seen.length; i++) assert.ok(BigInt(seen[i - 1]!) > BigInt(seen[i]!), `${seen[i - 1]} before ${seen[i]}`);
    });
  });
});
