import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { testRuntime } from './helpers/runtime.ts';
import { apiToken, DEMO_PASSWORD, signIn } from './helpers/auth.ts';
import { seed } from '../src/main.ts';
import { identityCommands } from '../src/modules/identity/cli.ts';

/**
 * The identity module through its HTTP API on the demo province: officials' sign-in and sessions, lockout,
 * CSRF, API tokens, delegations, account administration, the web pages, and idempotent demo seeding.
 */
describe('identity', async () => {
  const { app, rt } = await testRuntime({ demo: true });
  const db = rt.ctx.db;
  const identity = rt.ctx.services.identity!;
  const cookieOf = (r: { headers: Record<string, unknown> }) => ([] as string[]).concat((r.headers['set-cookie'] as string[] | string | undefined) ?? []);

  describe('official sign-in', () => {
    it('signs in with the demo password and sets a secure, HTTP-only session cookie', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tn.viettri', password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 200, r.body);
      const cookie = cookieOf(r).find((c) => c.startsWith('lt_session='))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      assert.match(cookie, /Expires=/);
      const body = r.json();
      assert.equal(body.principal.subject, 'tn.viettri');
      assert.equal(body.principal.unitCode, '07900');
      assert.equal(body.principal.unitName, 'Phường Việt Trì');
      assert.deepEqual(body.principal.grants.map((g: { role: string; unitCode: string }) => [g.role, g.unitCode]), [['receiving_officer', '07900']]);
      assert.ok(body.principal.grants[0].fields.includes('Hộ tịch'));
      assert.ok(body.csrfToken.length > 20);
    });

    it('accepts the username in any case and with surrounding spaces', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '  LD.VietTri ', password: DEMO_PASSWORD } });
      assert.equal(r.statusCode, 200, r.body);
    });

    it('answers the same 401 for a wrong password and an unknown user', async () => {
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cv.stp', password: 'sai-mat-khau-123' } });
      const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khong.ton.tai', password: 'sai-mat-khau-123' } });
      for (const r of [wrong, unknown]) {
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().code, 'invalid-credentials');
        assert.equal(r.json().detail, 'Tên đăng nhập hoặc mật khẩu không đúng.');
        assert.equal(cookieOf(r).length, 0);
      }
    });

    it('gives a clear problem for bad input', async () => {
      const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tn.viettri' } });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().code, 'validation-failed');
      assert.ok(missing.json().errors.some((e: { path: string }) => e.path.includes('password')));
      const tooLong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x'.repeat(65), password: 'p' } });
      assert.equal(tooLong.statusCode, 400);
      const notJson = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
      assert.equal(notJson.statusCode, 400);
      assert.equal(notJson.json().code, 'invalid-json');
    });

    it('limits sign-in attempts per address with a 429 problem', async () => {
      const attempt = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khach', password: 'x' }, remoteAddress: '192.0.2.77' });
      const codes: number[] = [];
      for (let i = 0; i < 32; i++) codes.push((await attempt()).statusCode);
      assert.ok(codes.slice(0, 30).every((c) => c === 401), codes.join());
      const limited = await attempt();
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().code, 'rate-limited');
      assert.ok(limited.headers['retry-after']);
      const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khach', password: 'x' }, remoteAddress: '192.0.2.78' });
      assert.equal(elsewhere.statusCode, 401);
    });

    it('records every attempt without the password, and audits sign-ins and failures', async () => {
      const attempts = await db.query<{ username: string; success: boolean; reason: string }>(`SELECT username, success, reason FROM identity.sign_in_attempt ORDER BY id`);
      assert.ok(attempts.rows.some((a) => a.username === 'tn.viettri' && a.success));
      assert.ok(attempts.rows.some((a) => a.username === 'cv.stp' && !a.success && a.reason === 'wrong-password'));
      assert.ok(attempts.rows.some((a) => a.username === 'khong.ton.tai' && a.reason === 'unknown-user'));
      const all = JSON.stringify((await db.query(`SELECT * FROM identity.sign_in_attempt`)).rows) + JSON.stringify((await db.query(`SELECT * FROM audit.record`)).rows);
      assert.doesNotMatch(all, /sai-mat-khau-123|LienThong@2025/);
      const audited = await db.query<{ action: string }>(`SELECT action FROM audit.record WHERE action LIKE 'identity.sign-in%'`);
      assert.ok(audited.rows.some((a) => a.action === 'identity.sign-in'));
      assert.ok(audited.rows.some((a) => a.action === 'identity.sign-in.fail'));
    });

    it('slows down after 5 failures, locks after 10, and a province administrator can unlock', async () => {
      const login = (password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'cv.syt', password } });
      // the clock is the database's: instead of sleeping, move the last failure back in time
      const waitOut = () =>
        db.query(`UPDATE identity.sign_in_throttle SET last_failed_at = last_failed_at - interval '2 minutes' WHERE account = (SELECT 'official:' || id FROM identity.official WHERE username = 'cv.syt')`);
      for (let i = 1; i <= 5; i++) assert.equal((await login('sai-mat-khau-00')).statusCode, 401, `attempt ${i}`);
      const throttled = await login(DEMO_PASSWORD);
      assert.equal(throttled.statusCode, 429);
      assert.equal(throttled.json().code, 'sign-in-throttled');
      assert.ok(Number(throttled.headers['retry-after']) >= 1);
      for (let i = 6; i <= 9; i++) {
        await waitOut();
        assert.equal((await login('sai-mat-khau-00')).statusCode, 401, `attempt ${i}`);
      }
      await waitOut();
      const locking = await login('sai-mat-khau-00');
      assert.equal(locking.statusCode, 423);
      assert.equal(locking.json().code, 'account-locked');
      await waitOut();
      const stillLocked = await login(DEMO_PASSWORD);
      assert.equal(stillLocked.statusCode, 423, 'the right password does not open a locked account');
      assert.ok(Number(stillLocked.headers['retry-after']) > 60);

      const admin = await signIn(app, 'qtv.tinh');
      const unlocked = await app.inject({ method: 'POST', url: '/api/v1/identity/officials/cv.syt/unlock', headers: admin.headers });
      assert.equal(unlocked.statusCode, 200, unlocked.body);
      assert.equal(unlocked.json().locked, false);
      assert.equal((await login(DEMO_PASSWORD)).statusCode, 200);
      const reasons = await db.query<{ reason: string }>(`SELECT reason FROM identity.sign_in_attempt WHERE username = 'cv.syt' ORDER BY id`);
      assert.deepEqual(
        reasons.rows.map((r) => r.reason),
        [...Array(5).fill('wrong-password'), 'throttled', ...Array(4).fill('wrong-password'), 'wrong-password-locked', 'locked', 'ok'],
      );
    });
  });

  describe('sessions, CSRF and sign-out', () => {
    it('tells who is signed in, and 401 to a stranger', async () => {
      const s = await signIn(app, 'cv.hotich.viettri');
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().csrfToken, s.csrfToken);
      assert.ok(me.json().permissions.includes('identity.tokens.manage'));
      const anon = await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().code, 'unauthenticated');
      const forged = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'lt_session=forged-value' } });
      assert.equal(forged.statusCode, 401);
    });

    it('refuses a state-changing request made with the cookie but without the CSRF token', async () => {
      const s = await signIn(app, 'cv.hotich.viettri');
      const payload = { name: 'kịch bản', scopes: ['identity.session.read'] };
      const none = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie: s.cookie }, payload });
      assert.equal(none.statusCode, 403);
      assert.equal(none.json().code, 'csrf-token-invalid');
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
      assert.equal(wrong.json().code, 'csrf-token-invalid');
      const other = await signIn(app, 'tn.vanphu');
      const stolen = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie: s.cookie, 'x-csrf-token': other.csrfToken }, payload });
      assert.equal(stolen.statusCode, 403, "another session's token does not fit");
      const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: s.headers, payload });
      assert.equal(ok.statusCode, 201, ok.body);
    });

    it('signs out: the session is revoked and the cookie cleared', async () => {
      const s = await signIn(app, 'vt.viettri');
      const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
      assert.equal(out.statusCode, 204);
      assert.match(cookieOf(out).join(), /lt_session=;/);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode, 401);
      const audited = await db.query(`SELECT 1 FROM audit.record WHERE action = 'identity.sign-out' AND actor_subject = 'vt.viettri'`);
      assert.equal(audited.rows.length, 1);
    });
  });

  describe('API tokens', () => {
    it('creates a token limited to scopes the official holds, shown once, usable as a bearer', async () => {
      const s = await signIn(app, 'ld.viettri');
      const t = await apiToken(app, s, ['identity.session.read', 'identity.delegations.manage']);
      assert.match(t.token, /^lt_[A-Za-z0-9_-]{43}$/);
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: t.headers });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().via, 'token');
      assert.equal(me.json().csrfToken, null);
      assert.deepEqual(me.json().permissions, ['identity.delegations.manage', 'identity.session.read']);
      // bearer requests need no CSRF token
      const list = await app.inject({ method: 'GET', url: '/api/v1/identity/delegations', headers: t.headers });
      assert.equal(list.statusCode, 200);
      // outside its scopes: refused although the official holds the permission
      const outside = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: t.headers });
      assert.equal(outside.statusCode, 403);
      const listed = await app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: s.headers });
      const item = listed.json().items.find((i: { id: string }) => i.id === t.id);
      assert.ok(item);
      assert.equal(item.token, undefined);
      assert.equal(item.hint, `${t.token.slice(0, 7)}…`);
      const stored = await db.query<{ token_hash: string }>(`SELECT token_hash FROM identity.api_token WHERE id = $1`, [t.id]);
      assert.notEqual(stored.rows[0]!.token_hash, t.token);
    });

    it('refuses scopes the official does not hold or that do not exist, and tokens minted by tokens', async () => {
      const s = await signIn(app, 'tn.viettri');
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: s.headers, payload: { name: 'x', scopes: ['identity.users.manage', 'khong.co.quyen'] } });
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().code, 'scope-not-allowed');
      assert.deepEqual(r.json().notHeld, ['identity.users.manage']);
      assert.deepEqual(r.json().unknown, ['khong.co.quyen']);
      const empty = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: s.headers, payload: { name: 'x', scopes: [] } });
      assert.equal(empty.statusCode, 400);
      const t = await apiToken(app, s, ['identity.tokens.manage']);
      const minted = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: t.headers, payload: { name: 'y', scopes: ['identity.tokens.manage'] } });
      assert.equal(minted.statusCode, 403);
    });

    it('revokes a token: it stops working at once; others cannot see or revoke it', async () => {
      const s = await signIn(app, 'cv.datdai.vanphu');
      const t = await apiToken(app, s, ['identity.session.read']);
      const stranger = await signIn(app, 'cv.datdai.viettri');
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${t.id}`, headers: stranger.headers })).statusCode, 404);
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${t.id}`, headers: s.headers })).statusCode, 204);
      const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: t.headers });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().code, 'invalid-token');
      const again = await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${t.id}`, headers: s.headers });
      assert.equal(again.statusCode, 409);
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/auth/tokens/not-a-uuid', headers: s.headers })).statusCode, 400);
      const audited = await db.query(`SELECT action FROM audit.record WHERE target = $1 ORDER BY id`, [`api-token:${t.id}`]);
      assert.deepEqual(audited.rows.map((r) => r.action), ['identity.token.create', 'identity.token.revoke']);
    });
  });

  describe('delegations', () => {
    it('lets a leader hand a field of the unit to an officer, who then holds it; revoking takes it back', async () => {
      const leader = await signIn(app, 'ld.viettri');
      const holdsHoTich = (p: { grants: { role: string; unitCode: string; fields: string[] | '*' }[] }) =>
        p.grants.some((g) => g.role === 'specialist' && g.unitCode === '07900' && g.fields !== '*' && g.fields.includes('Hộ tịch'));
      const before = await signIn(app, 'cv.datdai.viettri');
      assert.equal(holdsHoTich(before.principal), false);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/identity/delegations',
        headers: leader.headers,
        payload: { delegateUsername: 'cv.datdai.viettri', unitCode: '07900', field: 'Hộ tịch', reason: 'Tổ giải quyết hồ sơ hộ tịch tồn đọng' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const d = created.json();
      assert.deepEqual([d.role, d.unitCode, d.field, d.active, d.delegator], ['specialist', '07900', 'Hộ tịch', true, 'ld.viettri']);

      const officer = await signIn(app, 'cv.datdai.viettri');
      assert.equal(holdsHoTich(officer.principal), true, JSON.stringify(officer.principal.grants));
      const handlers = await identity.officialsWith({ unitCode: '07900', role: 'specialist', field: 'Hộ tịch' });
      assert.deepEqual(handlers.map((o) => o.username), ['cv.datdai.viettri', 'cv.hotich.viettri']);

      const dup = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'cv.datdai.viettri', unitCode: '07900', field: 'Hộ tịch' } });
      assert.equal(dup.statusCode, 409);
      const listed = await app.inject({ method: 'GET', url: '/api/v1/identity/delegations', headers: leader.headers });
      assert.ok(listed.json().items.some((i: { id: string }) => i.id === d.id));

      const otherLeader = await signIn(app, 'ld.vanphu');
      assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/identity/delegations/${d.id}`, headers: otherLeader.headers })).statusCode, 404);
      const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/identity/delegations/${d.id}`, headers: leader.headers });
      assert.equal(revoked.statusCode, 200);
      assert.equal(revoked.json().active, false);
      assert.equal(holdsHoTich((await identity.officialPrincipal(officer.principal.id))!), false);
      const audited = await db.query<{ action: string; acting_unit: string; after_digest: string | null }>(`SELECT action, acting_unit, after_digest FROM audit.record WHERE target = $1 ORDER BY id`, [`delegation:${d.id}`]);
      assert.deepEqual(audited.rows.map((r) => [r.action, r.acting_unit]), [['identity.delegation.create', '07900'], ['identity.delegation.revoke', '07900']]);
      assert.match(audited.rows[0]!.after_digest!, /^[0-9a-f]{64}$/);
    });

    it('refuses a leader of another unit (403), an officer of another unit (422) and non-delegable roles (400)', async () => {
      const vanphu = await signIn(app, 'ld.vanphu');
      const foreign = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: vanphu.headers, payload: { delegateUsername: 'cv.datdai.viettri', unitCode: '07900', field: 'Hộ tịch' } });
      assert.equal(foreign.statusCode, 403);
      const leader = await signIn(app, 'ld.viettri');
      const otherUnit = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'cv.hotich.vanphu', unitCode: '07900', field: 'Hộ tịch' } });
      assert.equal(otherUnit.statusCode, 422);
      assert.equal(otherUnit.json().code, 'delegate-other-unit');
      const nobody = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'khong.ai', unitCode: '07900', field: 'Hộ tịch' } });
      assert.equal(nobody.statusCode, 404);
      const escalate = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'tn.viettri', unitCode: '07900', field: 'Hộ tịch', role: 'leader' } });
      assert.equal(escalate.statusCode, 400);
      const past = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'tn.viettri', unitCode: '07900', field: 'Hộ tịch', expiresAt: '2020-01-01T00:00:00Z' } });
      assert.equal(past.json().code, 'expiry-in-past');
      const badUnit = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: leader.headers, payload: { delegateUsername: 'tn.viettri', unitCode: 'xã 1', field: 'Hộ tịch' } });
      assert.equal(badUnit.statusCode, 400);
      const specialist = await signIn(app, 'cv.hotich.viettri');
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/identity/delegations', headers: specialist.headers })).statusCode, 403);
    });
  });

  describe('accounts administration', () => {
    it('lets the province administrator create an official with scoped roles, who can then sign in', async () => {
      const admin = await signIn(app, 'qtv.tinh');
      const payload = {
        username: 'cv.hotich.hoabinh',
        displayName: 'Đinh Thị Hồng Nhung',
        unitCode: '04795',
        position: 'Công chức Tư pháp - Hộ tịch',
        password: 'Mat khau dai du 2025',
        grants: [{ role: 'specialist', unitCode: '04795', fields: ['Hộ tịch'] }],
      };
      const r = await app.inject({ method: 'POST', url: '/api/v1/identity/officials', headers: admin.headers, payload });
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(r.json().grants, [{ role: 'specialist', unitCode: '04795', fields: ['Hộ tịch'] }]);
      const s = await signIn(app, 'cv.hotich.hoabinh', 'Mat khau dai du 2025');
      assert.equal(s.principal.unitCode, '04795');
      assert.equal((await app.inject({ method: 'POST', url: '/api/v1/identity/officials', headers: admin.headers, payload })).json().code, 'username-taken');
      const weak = await app.inject({ method: 'POST', url: '/api/v1/identity/officials', headers: admin.headers, payload: { ...payload, username: 'cv.moi', password: 'ngan' } });
      assert.equal(weak.statusCode, 422);
      assert.equal(weak.json().code, 'weak-password');
      const badRole = await app.inject({ method: 'POST', url: '/api/v1/identity/officials', headers: admin.headers, payload: { ...payload, username: 'cv.moi', grants: [{ role: 'citizen', unitCode: '04795', fields: '*' }] } });
      assert.equal(badRole.statusCode, 400);
      const otherProvince = await app.inject({ method: 'POST', url: '/api/v1/identity/officials', headers: admin.headers, payload: { ...payload, username: 'cv.hanoi', unitCode: '00004', grants: [{ role: 'specialist', unitCode: '00004', fields: '*' }] } });
      assert.equal(otherProvince.statusCode, 403, 'a province administrator manages only the province');
      const list = await app.inject({ method: 'GET', url: '/api/v1/identity/officials?unitCode=04795', headers: admin.headers });
      assert.deepEqual(list.json().items.map((o: { username: string }) => o.username).sort(), ['cv.hotich.hoabinh', 'ld.hoabinh', 'tn.hoabinh', 'vt.hoabinh']);
      const leader = await signIn(app, 'ld.viettri');
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/identity/officials', headers: leader.headers })).statusCode, 403);
    });

    it('shows the sign-in log to the security officer only', async () => {
      const sec = await signIn(app, 'at.tinh');
      const r = await app.inject({ method: 'GET', url: '/api/v1/identity/sign-in-attempts?success=false&limit=3', headers: sec.headers });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().items.length, 3);
      assert.ok(r.json().items.every((a: { success: boolean }) => !a.success));
      assert.ok(r.json().nextCursor);
      const other = await signIn(app, 'qtv.tinh');
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/identity/sign-in-attempts', headers: other.headers })).statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/identity/sign-in-attempts?limit=0', headers: sec.headers })).statusCode, 400);
    });

    it('publishes the roles and the permission of every module', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/v1/identity/roles' });
      assert.equal(r.statusCode, 200);
      const roles = r.json().roles.map((x: { role: string }) => x.role);
      assert.deepEqual(roles, ['receiving_officer', 'specialist', 'leader', 'clerk', 'province_admin', 'data_steward', 'security_officer', 'citizen']);
      const perms = r.json().permissions.map((x: { permission: string }) => x.permission);
      for (const p of ['audit.read', 'audit.verify', 'identity.users.manage', 'identity.delegations.manage']) assert.ok(perms.includes(p), p);
    });
  });

  describe('web pages', () => {
    it('shows the sign-in page with labelled fields and the citizen link', async () => {
      const r = await app.inject({ method: 'GET', url: '/dang-nhap' });
      assert.equal(r.statusCode, 200);
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.match(r.body, /<html lang="vi">/);
      assert.match(r.body, /<label for="username">Tên đăng nhập<\/label>/);
      assert.match(r.body, /<label for="password">Mật khẩu<\/label>/);
      assert.match(r.body, /href="\/api\/v1\/auth\/citizen\/login">Đăng nhập bằng VNeID/);
      assert.doesNotMatch(r.body, /<script/);
    });

    it('signs an official in with the form, shows the account page, and signs out with the form', async () => {
      const bad = await app.inject({ method: 'POST', url: '/dang-nhap', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=&password=' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Có lỗi cần sửa/);
      assert.match(bad.body, /Nhập tên đăng nhập/);
      const wrong = await app.inject({ method: 'POST', url: '/dang-nhap', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=tn.vanphu&password=sai' });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /không đúng/);

      const form = new URLSearchParams({ username: 'tn.vanphu', password: DEMO_PASSWORD }).toString();
      const ok = await app.inject({ method: 'POST', url: '/dang-nhap', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/tai-khoan');
      const cookie = cookieOf(ok).find((c) => c.startsWith('lt_session='))!.split(';')[0]!;
      const account = await app.inject({ method: 'GET', url: '/tai-khoan', headers: { cookie } });
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Phường Vân Phú/);
      assert.match(account.body, /Công chức tiếp nhận và trả kết quả/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(account.body)![1]!;

      const forged = await app.inject({ method: 'POST', url: '/dang-xuat', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=forged' });
      assert.equal(forged.statusCode, 403);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 200, 'a forged form does not sign out');
      const out = await app.inject({ method: 'POST', url: '/dang-xuat', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
      assert.equal(out.statusCode, 303);
      assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 401);
      const anonymous = await app.inject({ method: 'GET', url: '/tai-khoan' });
      assert.match(anonymous.body, /Bạn chưa đăng nhập/);
    });
  });

  describe('demo people', () => {
    it('seeds officials for several communes and departments, and seeding twice changes nothing', async () => {
      const snapshot = async () =>
        JSON.stringify(
          (await db.query(`SELECT o.username, o.password_hash, o.unit_code, (SELECT count(*)::int FROM identity.role_grant g WHERE g.official_id = o.id) AS grants FROM identity.official o WHERE demo ORDER BY username`)).rows,
        ) + JSON.stringify((await db.query(`SELECT personal_id, password_hash FROM identity.dev_idp_account ORDER BY 1`)).rows);
      const before = await snapshot();
      await seed(rt, { demo: true });
      assert.equal(await snapshot(), before);
      const units = await db.query<{ unit_code: string }>(`SELECT DISTINCT unit_code FROM identity.official WHERE demo ORDER BY 1`);
      for (const u of ['07900', '07918', '08707', '25.SNNMT', '25.STP', '25.VPUBND', '25.TTPVHCC']) assert.ok(units.rows.some((r) => r.unit_code === u), u);
      const roles = await db.query<{ role: string }>(`SELECT DISTINCT role FROM identity.role_grant ORDER BY 1`);
      assert.deepEqual(roles.rows.map((r) => r.role), ['clerk', 'data_steward', 'leader', 'province_admin', 'receiving_officer', 'security_officer', 'specialist']);
    });

    it('prints the demo users as JSON for scripts', async () => {
      const program = new Command().exitOverride();
      let out = '';
      identityCommands(program, undefined, { write: (text: string) => (out += text) });
      await program.parseAsync(['node', 'lienthong', 'demo', 'users', '--json']);
      const rows = JSON.parse(out) as { kind: string; username: string; password: string; role: string; unit: string | null; fields: unknown }[];
      const tn = rows.find((r) => r.username === 'tn.viettri')!;
      assert.deepEqual([tn.kind, tn.role, tn.unit, tn.password], ['official', 'receiving_officer', '07900', DEMO_PASSWORD]);
      const citizens = rows.filter((r) => r.kind === 'citizen');
      assert.ok(citizens.length >= 4);
      assert.ok(citizens.every((c) => /^(025|026|017)\d{9}$/.test(c.username)));
      // every printed official can actually sign in
      for (const r of rows.filter((x) => x.kind === 'official').slice(0, 3)) await signIn(app, r.username, r.password);
    });
  });
});
