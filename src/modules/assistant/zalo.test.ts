import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyZalo, zaloMac, zaloSession } from './zalo.ts';

const s = { appId: '1234567890', secret: 'oa-secret-for-tests', apiUrl: 'http://127.0.0.1:1', accessToken: null };
const now = new Date('2026-12-02T10:00:00Z');
const body = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ app_id: s.appId, event_name: 'user_send_text', timestamp: String(now.getTime()), sender: { id: 'u1' }, message: { text: 'làm căn cước' }, ...over });
const sign = (raw: string) => `mac=${zaloMac(s.appId, raw, String(JSON.parse(raw).timestamp), s.secret)}`;

describe('Zalo OA signature', () => {
  it('accepts the signature Zalo computes: sha256(appId + body + timestamp + secret)', () => {
    const raw = body();
    const r = verifyZalo(raw, sign(raw), s, now);
    assert.ok(r.ok);
    assert.equal(r.ok && r.event.message?.text, 'làm căn cước');
  });

  it('refuses a changed body, another secret, another app, a stale event and bad JSON', () => {
    const raw = body();
    assert.deepEqual(verifyZalo(raw.replace('căn cước', 'hộ chiếu'), sign(raw), s, now), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyZalo(raw, `mac=${zaloMac(s.appId, raw, String(now.getTime()), 'other-secret')}`, s, now), { ok: false, reason: 'bad-signature' });
    assert.deepEqual(verifyZalo(raw, undefined, s, now), { ok: false, reason: 'bad-signature' });
    const other = body({ app_id: '999' });
    assert.deepEqual(verifyZalo(other, sign(other), s, now), { ok: false, reason: 'wrong-app' });
    const old = body({ timestamp: String(now.getTime() - 60 * 60_000) });
    assert.deepEqual(verifyZalo(old, sign(old), s, now), { ok: false, reason: 'stale' });
    assert.deepEqual(verifyZalo('{not json', 'mac=00', s, now), { ok: false, reason: 'bad-body' });
  });

  it('derives a stable session per user that does not reveal the user id', () => {
    assert.equal(zaloSession(s.secret, 'u1'), zaloSession(s.secret, 'u1'));
    assert.notEqual(zaloSession(s.secret, 'u1'), zaloSession(s.secret, 'u2'));
    assert.ok(!zaloSession(s.secret, 'u1').includes('u1'));
    assert.match(zaloSession(s.secret, 'u1'), /^[A-Za-z0-9_-]{8,64}$/);
  });
});
