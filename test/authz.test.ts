import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authzFixture, CITIZEN_A, CITIZEN_B } from './helpers/authz-fixture.ts';

/**
 * Authorization by relationship and by province, on the real platform (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): citizens read only their own dossiers; a province administrator configures only
 * their province's units (learnt from the units module, with its validity periods); lists and single
 * reads come from one policy point and never disagree; every refusal is recorded for the security officer.
 */
describe('authorization: relationships, provinces, one policy point for reads and lists, refusals', async () => {
  // two communes of the units module, written before anyone signs in (the policy learns provinces at sign-in):
  // one in force in Phú Thọ since the merger, one whose validity ended yesterday
  const f = await authzFixture();
  const { app, rt, as, citizen, dossier } = f;
  const yesterday = new Date(Date.now() + 7 * 3600_000 - 86400_000).toISOString().slice(0, 10);
  await rt.ctx.db.query(
    `INSERT INTO units.unit (code, level, generation, valid_from, valid_to, name, short_name, type, parent_code, province_code, search_plain, search_tone)
     VALUES ('99991', 'commune', 2, '2025-07-01', NULL, 'Xã Thử Nghiệm', 'Thử Nghiệm', 'Xã', '25', '25', 'thunghiem', 'thu nghiem'),
            ('99992', 'commune', 2, '2025-07-01', $1, 'Xã Đã Sáp Nhập', 'Đã Sáp Nhập', 'Xã', '25', '25', 'dasapnhap', 'da sap nhap')`,
    [yesterday],
  );
  const get = async (headers: Record<string, string>, url: string) => app.inject({ method: 'GET', url, headers });
  const owner = await citizen(CITIZEN_A);
  const other = await citizen(CITIZEN_B);
  const code = dossier.code;
  const READS = [
    `/api/v1/dossiers/${code}`,
    `/api/v1/dossiers/${code}/timeline`,
    `/api/v1/dossiers/${code}/payment`,
    `/api/v1/dossiers/${code}/papers/receipt.pdf`,
    `/api/v1/dossiers/${code}/papers/control-sheet.pdf`,
    `/api/v1/dossiers/${code}/papers/result.pdf`,
    `/api/v1/dossiers/${code}/attachments`,
    `/api/v1/dossiers/${code}/attachments/${dossier.attachmentId}`,
  ];

  it('lets a citizen read their own dossier, its papers and files — and refuses every other citizen', async () => {
    for (const url of READS) {
      const mine = await get(owner.headers, url);
      assert.equal(mine.statusCode, 200, `owner ${url}: ${mine.body.slice(0, 200)}`);
      const theirs = await get(other.headers, url);
      assert.ok([403, 404].includes(theirs.statusCode), `another citizen ${url}: ${theirs.statusCode} ${theirs.body.slice(0, 200)}`);
    }
    const acted = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions/rate`, headers: other.headers, payload: { score: 1 } });
    assert.ok([403, 404].includes(acted.statusCode), `another citizen acts: ${acted.statusCode}`);
  });

  it('makes a counter dossier its applicant\'s by the identification number typed, nobody else\'s', async () => {
    const counter = await f.counterDossier({ idNumber: CITIZEN_B });
    assert.equal((await get(other.headers, `/api/v1/dossiers/${counter}`)).statusCode, 200);
    assert.equal((await get(owner.headers, `/api/v1/dossiers/${counter}`)).statusCode, 403);
    const nobody = await f.counterDossier({ idNumber: null });
    for (const c of [owner, other]) assert.equal((await get(c.headers, `/api/v1/dossiers/${nobody}`)).statusCode, 403);
  });

  it('never lets a citizen through an official\'s check, whatever grant their principal carries', () => {
    const identity = rt.ctx.services.identity!;
    const legacy = { kind: 'citizen' as const, id: 'c', subject: CITIZEN_B, displayName: 'C', via: 'oidc', grants: [{ role: 'citizen', unitCode: '*', fields: '*' as const }] };
    assert.equal(identity.can(legacy, 'dossiers.read', { unitCode: '07900', field: 'Hộ tịch' }), false);
    assert.equal(identity.can(legacy, 'dossiers.read', { unitCode: '07900', field: 'Hộ tịch', owner: CITIZEN_A }), false);
    assert.equal(identity.can(legacy, 'dossiers.read', { unitCode: '07900', field: 'Hộ tịch', owner: CITIZEN_B }), true);
  });

  it('scopes the dossier identifiers to the administrator\'s province, with communes learnt from the units module', async () => {
    const admin = await as('qtv.tinh');
    const put = (unit: string, identifier: string) =>
      app.inject({ method: 'PUT', url: `/api/v1/dossier-identifiers/${unit}`, headers: admin.headers, payload: { identifier } });
    assert.equal((await put('00004', 'H01.99.01')).statusCode, 403, 'a Hà Nội ward');
    assert.equal((await put('01.STP', 'H01.99.02')).statusCode, 403, 'another province\'s department');
    assert.equal((await put('07918', 'H25.99.01')).statusCode, 204, 'a ward of Phú Thọ');
    assert.equal((await put('04795', 'H25.99.02')).statusCode, 204, 'a ward that came from Hòa Bình (17) in the 2025 merger: Phú Thọ\'s today');
    assert.equal((await put('99991', 'H25.99.03')).statusCode, 204, 'a commune the units module lists for Phú Thọ (absent from any shipped file)');
    assert.equal((await put('99992', 'H25.99.04')).statusCode, 403, 'a commune whose validity ended yesterday belongs to no province today');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/dossier-identifiers?province=01', headers: admin.headers })).statusCode, 403);
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/dossier-identifiers', headers: admin.headers })).json() as { unit_code: string; province_code: string }[];
    assert.ok(mine.length > 0 && mine.every((r) => r.province_code === '25'));
  });

  it('lists exactly the dossiers each person may open: one policy point for lists and reads', async () => {
    await f.counterDossier({ receiver: 'tn.vanphu', idNumber: CITIZEN_A });
    await f.counterDossier({ receiver: 'tn.viettri', procedureCode: '1.012784', idNumber: CITIZEN_B }); // a land procedure, decided by 25.SNNMT
    await f.submitOnline(CITIZEN_B);
    const all = (await rt.ctx.db.query<{ code: string }>(`SELECT code FROM dossiers.dossier WHERE status <> 'draft' ORDER BY code`)).rows.map((r) => r.code);
    assert.ok(all.length >= 4, `${all.length} dossiers`);
    const people: [string, Record<string, string>][] = [
      ['citizen A', owner.headers],
      ['citizen B', other.headers],
      ...(await Promise.all(['tn.viettri', 'cv.hotich.viettri', 'cv.datdai.viettri', 'ld.viettri', 'tn.vanphu', 'qtv.tinh', 'ld.snnmt', 'at.tinh'].map(async (u) => [u, (await as(u)).headers] as [string, Record<string, string>]))),
    ];
    let pairs = 0;
    for (const [who, headers] of people) {
      const list = await get(headers, '/api/v1/dossiers?limit=200');
      const listed = new Set(list.statusCode === 200 ? (list.json().items as { code: string }[]).map((i) => i.code) : []);
      for (const c of all) {
        const one = await get(headers, `/api/v1/dossiers/${c}`);
        assert.equal(listed.has(c), one.statusCode === 200, `${who} ${c}: listed ${listed.has(c)}, read ${one.statusCode}`);
        pairs++;
      }
    }
    assert.ok(pairs >= 60);
  });

  it('records refused attempts for the security officer: who, when, which route and path', async () => {
    assert.equal((await get(other.headers, `/api/v1/dossiers/${code}/timeline?k=secret-in-query`)).statusCode, 403);
    assert.equal((await get(other.headers, '/api/v1/audit/records')).statusCode, 403, 'refused at the route level');
    const tn = await as('tn.viettri');
    assert.equal((await get(tn.headers, '/api/v1/identity/refused-requests')).statusCode, 403, 'only the security officer reads it');
    const at = await as('at.tinh');
    const r = await get(at.headers, '/api/v1/identity/refused-requests?limit=10');
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json().items as { id: string; at: string; actor: { kind: string; subject: string; id: string } | null; method: string; route: string; path: string; code: string }[];
    const [mine, audit, timeline] = items;
    assert.equal(mine!.route, '/api/v1/identity/refused-requests');
    assert.equal(mine!.actor!.subject, 'tn.viettri');
    assert.equal(audit!.route, '/api/v1/audit/records');
    assert.equal(audit!.actor!.kind, 'citizen');
    assert.equal(timeline!.route, '/api/v1/dossiers/:code/timeline');
    assert.equal(timeline!.path, `/api/v1/dossiers/${code}/timeline`, 'no query string (it may carry a tracking secret)');
    assert.equal(timeline!.method, 'GET');
    assert.equal(timeline!.code, 'forbidden');
    assert.equal(timeline!.actor!.subject, `${CITIZEN_B.slice(0, 3)}******${CITIZEN_B.slice(-3)}`, 'the identification number is masked');
    assert.ok(Date.now() - Date.parse(timeline!.at) < 60_000);
    const stored = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM identity.refused_request WHERE actor_subject LIKE $1`, [`%${CITIZEN_B}%`]);
    assert.equal(stored.rows[0]!.n, 0, 'no identification number in clear');
    const ids = items.map((i) => Number(i.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first, by number');
    const page2 = (await get(at.headers, `/api/v1/identity/refused-requests?limit=2&cursor=${items[1]!.id}`)).json() as { items: { id: string }[] };
    assert.deepEqual(page2.items.map((i) => i.id), items.slice(2, 4).map((i) => i.id), 'the cursor continues where the page ended');
  });
});
