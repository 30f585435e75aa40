import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { authzFixture, CITIZEN_A } from './helpers/authz-fixture.ts';

/**
 * Internal comments between officials on a dossier: officials who may read the dossier read and write them;
 * its applicant never sees them; reading them is recorded like other reads; writing is audited.
 */
describe('internal comments between officials', async () => {
  const f = await authzFixture();
  after(() => f.app.close());
  const url = `/api/v1/dossiers/${f.dossier.code}/comments`;
  const post = async (headers: Record<string, string>, body: unknown) => f.app.inject({ method: 'POST', url, headers, payload: body as object });

  it('lets an official of the dossier write one and another official of it read it', async () => {
    const w = await post((await f.as('tn.viettri')).headers, { body: 'Giấy chứng sinh bản gốc đã đối chiếu, chuyển chuyên viên.' });
    assert.equal(w.statusCode, 201, w.body);
    const r = await f.app.inject({ url, headers: (await f.as('cv.hotich.viettri')).headers });
    assert.equal(r.statusCode, 200);
    const list = r.json() as { body: string; author: { name: string }; mine: boolean }[];
    assert.equal(list.length, 1);
    assert.equal(list[0]!.body, 'Giấy chứng sinh bản gốc đã đối chiếu, chuyển chuyên viên.');
    assert.equal(list[0]!.mine, false);
  });

  it('never shows them to the applicant, and refuses officials outside the dossier', async () => {
    const owner = (await f.citizen(CITIZEN_A)).headers;
    assert.equal((await f.app.inject({ url, headers: owner })).statusCode, 403);
    assert.equal((await post(owner, { body: 'xin chào' })).statusCode, 403);
    assert.equal((await f.app.inject({ url, headers: (await f.as('cv.hotich.vanphu')).headers })).statusCode, 403);
    assert.equal((await f.app.inject({ url, headers: (await f.as('cv.datdai.viettri')).headers })).statusCode, 403);
    const detail = await f.app.inject({ url: `/api/v1/dossiers/${f.dossier.code}`, headers: owner });
    assert.doesNotMatch(detail.body, /đã đối chiếu, chuyển chuyên viên/);
  });

  it('refuses an empty comment with a 400 and writes nothing', async () => {
    const before = ((await f.app.inject({ url, headers: (await f.as('tn.viettri')).headers })).json() as unknown[]).length;
    assert.equal((await post((await f.as('tn.viettri')).headers, { body: '   ' })).statusCode, 400);
    const afterN = ((await f.app.inject({ url, headers: (await f.as('tn.viettri')).headers })).json() as unknown[]).length;
    assert.equal(afterN, before);
  });

  it('records the read on the dossier, so the applicant sees that officials discussed it', async () => {
    const reads = await f.app.inject({ url: `/api/v1/dossiers/${f.dossier.code}/reads`, headers: (await f.citizen(CITIZEN_A)).headers });
    assert.ok((reads.json() as { what: string }[]).some((r) => r.what === 'comments'));
  });
});
