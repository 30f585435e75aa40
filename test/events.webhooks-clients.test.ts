import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { authzFixture } from './helpers/authz-fixture.ts';

/** Webhook subscriptions of client systems (OAuth client credentials): a relationship on the client id, not a role. */
describe('webhook subscriptions of client systems (a relationship on the client id)', async () => {
  const f = await authzFixture({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
  after(() => f.app.close());
  const admin = await f.as('qtv.tinh');
  const register = async (id: string, scopes: string[]) => {
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: admin.headers, payload: { id, name: `Hệ thống ${id}`, agencyName: `Cơ quan ${id}`, scopes } });
    assert.equal(r.statusCode, 201, r.body);
    const secret = r.json().clientSecret as string;
    const t = await f.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }).toString() });
    assert.equal(t.statusCode, 200, t.body);
    return { authorization: `Bearer ${t.json().access_token as string}` };
  };
  const a = await register('so-xay-dung', ['events.webhooks.manage', 'dossiers.read']);
  const b = await register('so-cong-thuong', ['events.webhooks.manage', 'dossiers.read']);
  const noRead = await register('so-van-hoa', ['events.webhooks.manage']);
  const hook = (headers: Record<string, string>, payload: unknown) => f.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload: payload as object });

  it('a client creates subscriptions for itself only, and sees, replays and deletes only its own', async () => {
    const mine = await hook(a, { url: 'https://so-xay-dung.example.vn/hooks', types: ['dossiers.dossier.*'] });
    assert.equal(mine.statusCode, 201, mine.body);
    assert.equal(mine.json().clientId, 'so-xay-dung');
    const forOther = await hook(a, { url: 'https://so-xay-dung.example.vn/hooks', types: ['dossiers.dossier.*'], clientId: 'so-cong-thuong' });
    assert.equal(forOther.statusCode, 403);
    const theirs = await hook(b, { url: 'https://so-cong-thuong.example.vn/hooks', types: ['dossiers.dossier.received'] });
    assert.equal(theirs.statusCode, 201);
    const listA = (await f.app.inject({ url: '/api/v1/webhooks', headers: a })).json().items as { id: string }[];
    assert.deepEqual(listA.map((x) => x.id), [mine.json().id]);
    const all = (await f.app.inject({ url: '/api/v1/webhooks', headers: admin.headers })).json().items as { id: string }[];
    assert.ok(all.length >= 2, 'the province administrator sees every subscription');
    assert.equal((await f.app.inject({ method: 'POST', url: `/api/v1/webhooks/${theirs.json().id}/replay`, headers: a })).statusCode, 404);
    assert.equal((await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${theirs.json().id}`, headers: a })).statusCode, 404);
    assert.equal((await f.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${mine.json().id}`, headers: a })).statusCode, 204);
  });

  it('a client must hold the read scope of the events it subscribes to', async () => {
    const r = await hook(noRead, { url: 'https://so-van-hoa.example.vn/hooks', types: ['dossiers.dossier.*'] });
    assert.equal(r.statusCode, 403);
  });

  it('the event back office is not for client systems', async () => {
    assert.equal((await f.app.inject({ url: '/api/v1/events/subscribers', headers: a })).statusCode, 403);
  });
});
