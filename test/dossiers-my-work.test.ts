import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { authzFixture, CITIZEN_A, CITIZEN_B } from './helpers/authz-fixture.ts';

/**
 * "Việc của tôi" (GET /api/v1/dossiers?mine=step|assigned) and the lookup by a person's identification
 * number (?idNumber=…): both through the policy point's SQL filter; each dossier a lookup finds is recorded
 * as a read of that person's data.
 */
describe("officials' own work and the lookup by identification number", async () => {
  const f = await authzFixture();
  after(() => f.app.close());
  const list = async (who: string, query: string) => {
    const r = await f.app.inject({ url: `/api/v1/dossiers?${query}`, headers: (await f.as(who)).headers });
    assert.equal(r.statusCode, 200, r.body);
    return (r.json() as { items: { code: string }[]; total: number }).items.map((d) => d.code);
  };
  const submitted = await f.submitOnline(CITIZEN_A);

  it('puts a submitted dossier in the receiving officer\'s "waiting for my step", not in the specialist\'s', async () => {
    assert.ok((await list('tn.viettri', 'mine=step&limit=200')).includes(submitted));
    assert.ok(!(await list('cv.hotich.viettri', 'mine=step&limit=200')).includes(submitted));
    assert.ok(!(await list('tn.vanphu', 'mine=step&limit=200')).includes(submitted), 'another unit never sees it');
    // the finished fixture dossier waits for nobody
    assert.ok(!(await list('tn.viettri', 'mine=step&limit=200')).includes(f.dossier.code));
  });

  it('lists the dossiers assigned to me, apart from the unit\'s list', async () => {
    assert.deepEqual(await list('cv.hotich.viettri', 'mine=assigned'), []);
    const h = (await f.as('tn.viettri')).headers;
    for (const action of ['receive', 'forward']) {
      const r = await f.app.inject({ method: 'POST', url: `/api/v1/dossiers/${submitted}/actions/${action}`, headers: h, payload: {} });
      assert.ok(r.statusCode < 300, r.body);
    }
    const assign = await f.app.inject({ method: 'POST', url: `/api/v1/dossiers/${submitted}/actions/assign`, headers: (await f.as('ld.viettri')).headers, payload: { assignee: 'cv.hotich.viettri' } });
    assert.ok(assign.statusCode < 300, assign.body);
    assert.deepEqual(await list('cv.hotich.viettri', 'mine=assigned'), [submitted]);
    assert.ok((await list('cv.hotich.viettri', 'mine=step&limit=200')).includes(submitted));
    assert.deepEqual(await list('cv.datdai.viettri', 'mine=assigned'), []);
  });

  it('hands a received dossier over to the official chosen at the counter: it is theirs at the next step', async () => {
    const code = await f.counterDossier({ idNumber: CITIZEN_A });
    const h = (await f.as('tn.viettri')).headers;
    const bad = await f.app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions/forward`, headers: h, payload: { assignee: 'Không Hợp Lệ!' } });
    assert.equal(bad.statusCode, 400, bad.body);
    const r = await f.app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions/forward`, headers: h, payload: { assignee: 'cv.hotich.viettri' } });
    assert.ok(r.statusCode < 300, r.body);
    assert.equal((r.json() as { assignee: string | null }).assignee, 'cv.hotich.viettri');
    assert.ok((await list('cv.hotich.viettri', 'mine=assigned')).includes(code));
  });

  it('finds a person\'s dossiers by their identification number within my reach, and records the read', async () => {
    const counter = await f.counterDossier({ idNumber: CITIZEN_B });
    assert.deepEqual(await list('tn.viettri', `idNumber=${CITIZEN_B}`), [counter]);
    assert.ok((await list('tn.viettri', `idNumber=${CITIZEN_A}&limit=200`)).includes(f.dossier.code));
    assert.deepEqual(await list('cv.hotich.vanphu', `idNumber=${CITIZEN_B}`), [], 'outside the official\'s units: nothing');
    const reads = await f.app.inject({ url: `/api/v1/dossiers/${counter}/reads`, headers: (await f.citizen(CITIZEN_B)).headers });
    assert.ok((reads.json() as { what: string; reader: { name: string } }[]).some((r) => r.what === 'lookup'), reads.body);
  });

  it('keeps these to officials and refuses a malformed number', async () => {
    const c = await f.app.inject({ url: '/api/v1/dossiers?mine=step', headers: (await f.citizen(CITIZEN_A)).headers });
    assert.equal(c.statusCode, 403);
    const bad = await f.app.inject({ url: '/api/v1/dossiers?idNumber=12345', headers: (await f.as('tn.viettri')).headers });
    assert.equal(bad.statusCode, 400);
  });
});
