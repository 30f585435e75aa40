import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authzFixture } from './helpers/authz-fixture.ts';

/**
 * A case team for a dossier (issue 12 §1, ADR 0093): the members from other units read the dossier, its
 * documents and its timeline while the team is open — recorded as reads like any official's — but never act
 * on it; officials outside the team still cannot read it; once the team is dissolved the members' reading
 * ends.
 */
describe('case team for a dossier', async () => {
  const f = await authzFixture();
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) => f.app.inject({ method, url, payload: payload as string, headers: (await f.as(who)).headers });
  const code = await f.counterDossier();

  it('members of other units read the dossier while the team is open, never act on it, and stop when it dissolves', async () => {
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/dossiers/${code}`)).statusCode, 403, 'another unit, before the team');
    const sxd = await f.as('cv.sxd');
    const t = await call('ld.viettri', 'POST', '/api/v1/case-teams', { caseKind: 'dossier', caseRef: code, name: `Tổ công tác hồ sơ ${code}`, memberIds: [sxd.principal.id] });
    assert.equal(t.statusCode, 201, t.body);
    const team = t.json();

    const d = await call('cv.sxd', 'GET', `/api/v1/dossiers/${code}`);
    assert.equal(d.statusCode, 200, d.body);
    assert.deepEqual(d.json().availableActions, [], 'reading only: acting stays with the units');
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/dossiers/${code}/attachments`)).statusCode, 200);
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/dossiers/${code}/timeline`)).statusCode, 200);
    const reads = await f.rt.ctx.db.query<{ reader_unit: string }>(`SELECT reader_unit FROM dossiers.read_log WHERE dossier_code = $1 AND reader_id = $2`, [code, sxd.principal.id]);
    assert.ok(reads.rows.length >= 1 && reads.rows.every((r) => r.reader_unit === '25.SXD'), 'the reads are recorded for the applicant to see');
    assert.equal((await call('cv.hotich.vanphu', 'GET', `/api/v1/dossiers/${code}`)).statusCode, 403, 'not a member');

    assert.equal((await call('ld.viettri', 'POST', `/api/v1/case-teams/${team.id}/dissolve`, { reason: 'Đã thống nhất hướng xử lý.' })).statusCode, 200);
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/dossiers/${code}`)).statusCode, 403, 'the team dissolved: reading ends');
  });
});
