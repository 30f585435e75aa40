import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalogueRoutes } from '../src/modules/identity/route-catalogue.ts';
import { apiToken } from './helpers/auth.ts';
import { authzFixture, CITIZEN_A, CITIZEN_B, DOSSIER_UNIT, multipartPng, ONLINE_FORM } from './helpers/authz-fixture.ts';

/**
 * The authorization matrix: every operation of /openapi.json, called by ten callers, compared with the
 * expected outcome kept in test/authz-matrix.expected.json (one line per operation: its permission, whose
 * API tokens are used, and the status each caller gets). A new operation without a line fails, as does a
 * line for an operation that no longer exists, and any outcome that changed.
 *
 * Callers (the dossier used is citizen A's, at Phường Việt Trì 07900, field Hộ tịch):
 *   anonymous; owner (citizen A); otherCitizen (citizen B); sameUnitField (cv.hotich.viettri, specialist of
 *   07900 for Hộ tịch); sameUnitOtherField (cv.datdai.viettri, specialist of 07900 for Đất đai); otherUnit
 *   (cv.hotich.vanphu, specialist of 07918 for Hộ tịch); provinceAdmin (qtv.tinh); securityOfficer
 *   (at.tinh); tokenWithScope / tokenWithoutScope (an API token of the first of TOKEN_OWNERS who holds the
 *   operation's permission, carrying that permission / carrying only identity.session.read).
 * Besides the table, invariants that hold whatever the table says: no 5xx; on every protected operation
 * anonymous → 401 and the token without the scope → 403; nobody but a holder of the dossier's unit and
 * field (or its owner) reads a dossier.
 * Note what the token columns show: a token carries permission names, and the dossier actions check the
 * step's own permission (dossiers.process, .approve…) beside the route's dossiers.act — a token scoped to
 * dossiers.act alone is refused on the dossier (403), as a token for counter submission needs
 * dossiers.receive beside dossiers.submit.
 *
 * To write the table after an intended change: AUTHZ_MATRIX_UPDATE=1 node scripts/test.mjs authz-matrix,
 * then review the diff line by line — the table is the reviewed statement of who may do what.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const TABLE = path.join(here, 'authz-matrix.expected.json');

const CALLERS = ['anonymous', 'owner', 'otherCitizen', 'sameUnitField', 'sameUnitOtherField', 'otherUnit', 'provinceAdmin', 'securityOfficer', 'tokenWithScope', 'tokenWithoutScope'] as const;
type CallerName = (typeof CALLERS)[number];
const OFFICIALS: Partial<Record<CallerName, string>> = {
  sameUnitField: 'cv.hotich.viettri',
  sameUnitOtherField: 'cv.datdai.viettri',
  otherUnit: 'cv.hotich.vanphu',
  provinceAdmin: 'qtv.tinh',
  securityOfficer: 'at.tinh',
};
/** Whose token carries an operation's permission: the first of these who holds it. */
const TOKEN_OWNERS = ['cv.hotich.viettri', 'tn.viettri', 'ld.viettri', 'vt.viettri', 'qtv.tinh', 'dl.tinh', 'at.tinh'];

interface Row {
  permission: string | null;
  tokenOwner: string | null;
  outcomes: Record<CallerName, number>;
}

interface Request {
  url: string;
  remoteAddress?: string;
  payload?: string | Buffer | object;
  headers?: Record<string, string>;
}

describe('authorization matrix generated from /openapi.json', async () => {
  const catalogue = catalogueRoutes();
  // the citizens' identity provider at an address where nothing listens: its sign-in answers 503 the same way on every machine
  const f = await authzFixture({ PUBLIC_URL: 'http://127.0.0.1:9' });
  catalogue.stop();
  const { app, rt, as, citizen, dossier } = f;
  const permissions = rt.ctx.permissions;

  const spec = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(spec.paths)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    .filter((op) => !op.startsWith('HEAD '))
    // signing out ends the callers' sessions: last
    .sort((a, b) => Number(a === 'POST /api/v1/auth/logout') - Number(b === 'POST /api/v1/auth/logout'));
  const accessOf = (op: string) => {
    const [method, p] = op.split(' ') as [string, string];
    return catalogue.routes.find((r) => r.method === method && r.url.replace(/:(\w+)/g, '{$1}') === p)?.access;
  };

  // ------------------------------------------------------------------ fixtures shared by the samples
  const admin = await as('qtv.tinh');
  const open = await f.counterDossier({ idNumber: CITIZEN_A }); // received, not yet forwarded: attachments can be added
  const settings = (await app.inject({ url: '/api/v1/calendar/settings' })).json();
  const processDef = (await app.inject({ url: '/api/v1/process-definitions/1.012784', headers: admin.headers })).json() as Record<string, unknown>;
  let n = 0;
  const adminCall = async (method: 'PUT' | 'POST', url: string, payload: object) => {
    const r = await app.inject({ method, url, headers: admin.headers, payload });
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.body}`);
    return r.json();
  };

  /** A task of Phường Việt Trì handed down by its leader, and a case team on it (cv.hotich.viettri and cv.sxd are members). */
  let taskFixture: Promise<{ taskId: string; teamId: string }> | null = null;
  let progress = 0;
  const taskCase = () =>
    (taskFixture ??= (async () => {
      const ld = await as('ld.viettri');
      const r = await app.inject({ method: 'POST', url: '/api/v1/tasks', headers: ld.headers, payload: { title: 'Nhiệm vụ thử ma trận quyền', leadUnits: ['07900'], deadline: { workingDays: 10 } } });
      assert.equal(r.statusCode, 201, r.body);
      const taskId = r.json().tasks[0].id as string;
      const memberIds = [(await as('cv.hotich.viettri')).principal.id, (await as('cv.sxd')).principal.id];
      const t = await app.inject({ method: 'POST', url: '/api/v1/case-teams', headers: ld.headers, payload: { caseKind: 'task', caseRef: taskId, name: 'Tổ công tác thử', memberIds } });
      assert.equal(t.statusCode, 201, t.body);
      return { taskId, teamId: t.json().id as string };
    })());

  /** Citizens' reports routed to Phường Việt Trì (anonymous, with a contact): one to read, a fresh one for each handling call. */
  const newReport = async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/feedback', remoteAddress: `10.251.${++n % 250}.1`, payload: { category: 'moi_truong', text: 'Rác thải tồn đọng ở đầu ngõ nhiều ngày.', textPublic: false, communeCode: '07900', contact: { phone: '0912345678' } } });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { code: string; key: string };
  };
  let reportFixture: Promise<{ code: string; key: string }> | null = null;
  const report = () => (reportFixture ??= newReport());

  /** What each operation is called with; an operation without a sample gets its path filled from DEFAULTS. */
  const DEFAULTS: Record<string, string> = { code: dossier.code, id: dossier.attachmentId, province: '25', procedureCode: '1.001193', unitCode: '07918', form: 'receipt.pdf' };
  const SAMPLES: Record<string, () => Promise<Request> | Request> = {
    'GET /api/v1/units/{code}': () => ({ url: '/api/v1/units/07900' }),
    'POST /api/v1/units/convert': () => ({ url: '/api/v1/units/convert', payload: { address: 'Phường Việt Trì, Tỉnh Phú Thọ' } }),
    'POST /api/v1/units/convert/batch': () => ({ url: '/api/v1/units/convert/batch', payload: { addresses: ['Phường Việt Trì, Tỉnh Phú Thọ'] } }),
    'GET /api/v1/agencies/{code}': () => ({ url: '/api/v1/agencies/25.STP' }),
    'GET /api/v1/calendar/due': () => ({ url: '/api/v1/calendar/due?from=2026-01-05T09:00:00%2B07:00&amount=5&unit=working_days' }),
    'GET /api/v1/calendar/days': () => ({ url: '/api/v1/calendar/days?year=2026' }),
    'PUT /api/v1/calendar/days/{date}': () => ({ url: '/api/v1/calendar/days/2099-01-05', payload: { kind: 'holiday', name: 'Ngày nghỉ thử nghiệm' } }),
    'DELETE /api/v1/calendar/days/{date}': async () => {
      await adminCall('PUT', '/api/v1/calendar/days/2099-01-06', { kind: 'holiday', name: 'Ngày nghỉ để xoá' });
      return { url: '/api/v1/calendar/days/2099-01-06' };
    },
    'PUT /api/v1/calendar/settings': () => ({ url: '/api/v1/calendar/settings', payload: settings }),
    'GET /api/v1/procedures/{code}': () => ({ url: '/api/v1/procedures/1.001193' }),
    'PUT /api/v1/provinces/{province}/offerings/{procedureCode}': () => ({ url: '/api/v1/provinces/25/offerings/1.000894', payload: { scope: 'all_communes' } }),
    'DELETE /api/v1/provinces/{province}/offerings/{procedureCode}': async () => {
      await adminCall('PUT', '/api/v1/provinces/25/offerings/1.000894', { scope: 'all_communes' });
      return { url: '/api/v1/provinces/25/offerings/1.000894' };
    },
    'POST /api/v1/audit/verify': () => ({ url: '/api/v1/audit/verify', payload: { seal: false } }),
    // each attempt from its own address, so that sign-in throttling does not turn the answer into 429
    'POST /api/v1/auth/login': () => ({ url: '/api/v1/auth/login', payload: { username: 'khong.ton.tai', password: 'khong dung' }, remoteAddress: `10.250.0.${++n % 250}` }),
    'POST /api/v1/auth/tokens': () => ({ url: '/api/v1/auth/tokens', payload: { name: 'mã thử', scopes: ['identity.session.read'] } }),
    'DELETE /api/v1/auth/tokens/{id}': async () => ({ url: `/api/v1/auth/tokens/${(await apiToken(app, await as('cv.hotich.viettri'), ['identity.session.read'], `xoá ${++n}`)).id}` }),
    'POST /api/v1/identity/delegations': () => ({ url: '/api/v1/identity/delegations', payload: { delegateUsername: 'cv.datdai.viettri', unitCode: '07900', field: `Lĩnh vực thử ${++n}` } }),
    'DELETE /api/v1/identity/delegations/{id}': async () => {
      const ld = await as('ld.viettri');
      const r = await app.inject({ method: 'POST', url: '/api/v1/identity/delegations', headers: ld.headers, payload: { delegateUsername: 'cv.datdai.viettri', unitCode: '07900', field: `Lĩnh vực thu hồi ${++n}` } });
      assert.equal(r.statusCode, 201, r.body);
      return { url: `/api/v1/identity/delegations/${r.json().id}` };
    },
    'POST /api/v1/identity/officials': () => ({
      url: '/api/v1/identity/officials',
      payload: { username: `cv.moi${++n}.viettri`, displayName: 'Cán bộ mới', unitCode: '07900', password: 'Bầu trời xanh thẳm trên đồi chè 2025', grants: [{ role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] }] },
    }),
    'POST /api/v1/identity/officials/{username}/unlock': () => ({ url: '/api/v1/identity/officials/cv.hotich.viettri/unlock' }),
    'POST /api/v1/events/subscribers/{name}/replay': () => ({ url: '/api/v1/events/subscribers/dossiers.applicant-notices/replay', payload: {} }),
    'POST /api/v1/webhooks': () => ({ url: '/api/v1/webhooks', payload: { url: 'https://he-thong-cu.example.vn/hooks', types: ['dossiers.dossier.*'] } }),
    'DELETE /api/v1/webhooks/{id}': async () => {
      const qtv = await as('qtv.tinh');
      const r = await app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: qtv.headers, payload: { url: 'https://he-thong-cu.example.vn/hooks', types: ['dossiers.dossier.received'] } });
      assert.equal(r.statusCode, 201, r.body);
      return { url: `/api/v1/webhooks/${r.json().id}` };
    },
    'GET /api/v1/notifications': () => ({ url: `/api/v1/notifications?dossier=${encodeURIComponent(dossier.code)}` }),
    'POST /api/v1/dossiers': () => ({
      url: '/api/v1/dossiers',
      payload: { procedureCode: '1.001193', communeCode: DOSSIER_UNIT, applicant: { fullName: 'Hoàng Minh Đức' }, ...ONLINE_FORM },
    }),
    'POST /api/v1/dossiers/{code}/actions/{action}': async () => {
      // a fresh dossier of citizen A at its appraisal step, for every caller
      const code = await f.counterDossier({ idNumber: CITIZEN_A });
      const tn = await as('tn.viettri');
      const r = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/actions/forward`, headers: tn.headers, payload: {} });
      assert.equal(r.statusCode, 200, r.body);
      return { url: `/api/v1/dossiers/${code}/actions/appraise`, payload: { opinion: 'favourable', note: 'Hồ sơ đầy đủ' } };
    },
    'POST /api/v1/dossiers/{code}/attachments': () => {
      const m = multipartPng({ name: 'Giấy tờ bổ sung' });
      return { url: `/api/v1/dossiers/${open}/attachments`, payload: m.payload, headers: { 'content-type': m.contentType } };
    },
    'GET /api/v1/dossier-register/{format}': () => ({ url: `/api/v1/dossier-register/register.csv?unit=07900&field=${encodeURIComponent('Hộ tịch')}&from=2026-01-01&to=2026-12-31` }),
    'POST /api/v1/dossiers/{code}/comments': () => ({ url: `/api/v1/dossiers/${dossier.code}/comments`, payload: { body: 'Trao đổi nội bộ thử' } }),
    'POST /api/v1/payments/notify': () => ({ url: '/api/v1/payments/notify', payload: '{}', headers: { 'content-type': 'application/json' } }),
    'PUT /api/v1/process-definitions/{procedureCode}': () => {
      const { level, limit, steps, note } = processDef;
      return { url: '/api/v1/process-definitions/1.012784', payload: { level, limit, steps, ...(note ? { note } : {}) } };
    },
    'PUT /api/v1/analytics/thresholds/{unitCode}': () => ({ url: '/api/v1/analytics/thresholds/07918', payload: { thresholds: [{ kpi: 'overdue', limit: 5 }] } }),
    'PUT /api/v1/analytics/report-recipients/{unitCode}': () => ({ url: '/api/v1/analytics/report-recipients/07918', payload: { recipients: ['lanhdao.vanphu@example.vn'] } }),
    'PUT /api/v1/dossier-identifiers/{unitCode}': () => ({ url: '/api/v1/dossier-identifiers/07918', payload: { identifier: 'H25.98.01' } }),
    'GET /api/v1/auth/citizen/callback': () => ({ url: '/api/v1/auth/citizen/callback?error=access_denied' }),
    'GET /api/v1/tasks/{id}': async () => ({ url: `/api/v1/tasks/${(await taskCase()).taskId}` }),
    'POST /api/v1/tasks/{id}/actions/{action}': async () => ({ url: `/api/v1/tasks/${(await taskCase()).taskId}/actions/report_progress`, payload: { percent: Math.min(99, ++progress), text: 'Tiến độ thử' } }),
    'GET /api/v1/case-teams/{id}': async () => ({ url: `/api/v1/case-teams/${(await taskCase()).teamId}` }),
    'POST /api/v1/case-teams/{id}/messages': async () => ({ url: `/api/v1/case-teams/${(await taskCase()).teamId}/messages`, payload: { text: 'Trao đổi thử' } }),
    'POST /api/v1/feedback': () => ({ url: '/api/v1/feedback', remoteAddress: `10.252.${++n % 250}.1`, payload: { category: 'giao_thong', text: 'Đường ngập sâu sau mưa ở tổ dân phố 5.', textPublic: false, communeCode: '07900', contact: { phone: '0912345678' } } }),
    'GET /api/v1/feedback/{code}': async () => ({ url: `/api/v1/feedback/${(await report()).code}` }),
    'GET /api/v1/feedback/{code}/track': async () => ({ url: `/api/v1/feedback/${(await report()).code}/track?k=${(await report()).key}` }),
    'POST /api/v1/feedback/{code}/actions/{action}': async () => ({ url: `/api/v1/feedback/${(await newReport()).code}/actions/accept`, payload: {} }),
    'POST /api/v1/procedures/{code}/form/check': () => ({ url: '/api/v1/procedures/1.001193/form/check', payload: { answers: {} } }),
    // staged uploads and drafts belong to the account that made them (citizen A here): others find nothing
    'POST /api/v1/uploads': () => {
      const m = multipartPng();
      return { url: '/api/v1/uploads', payload: m.payload, headers: { 'content-type': m.contentType } };
    },
    'DELETE /api/v1/uploads/{id}': async () => {
      const m = multipartPng();
      const r = await app.inject({ method: 'POST', url: '/api/v1/uploads', payload: m.payload, headers: { ...(await citizen(CITIZEN_A)).headers, 'content-type': m.contentType } });
      assert.equal(r.statusCode, 201, r.body);
      return { url: `/api/v1/uploads/${r.json().id}` };
    },
    'PUT /api/v1/drafts/{procedureCode}': () => ({ url: '/api/v1/drafts/1.001193', payload: { state: { step: 1 } } }),
    'GET /api/v1/drafts/{procedureCode}': async () => {
      const r = await app.inject({ method: 'PUT', url: '/api/v1/drafts/1.001193', headers: (await citizen(CITIZEN_A)).headers, payload: { state: { step: 1 } } });
      assert.equal(r.statusCode, 200, r.body);
      return { url: '/api/v1/drafts/1.001193' };
    },
    'DELETE /api/v1/drafts/{procedureCode}': async () => {
      const r = await app.inject({ method: 'PUT', url: '/api/v1/drafts/1.001193', headers: (await citizen(CITIZEN_A)).headers, payload: { state: { step: 1 } } });
      assert.equal(r.statusCode, 200, r.body);
      return { url: '/api/v1/drafts/1.001193' };
    },
  };
  const sampleOf = async (op: string): Promise<Request> => {
    const [method, p] = op.split(' ') as [string, string];
    if (SAMPLES[op]) return SAMPLES[op]!();
    const procedure = p.startsWith('/api/v1/procedures/');
    const url = p.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(procedure && name === 'code' ? '1.001193' : (DEFAULTS[name] ?? 'x')));
    return { url, payload: method === 'POST' || method === 'PUT' ? {} : undefined };
  };

  // ------------------------------------------------------------------ callers
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string, scope: string) => {
    const key = `${username} ${scope}`;
    if (!tokens.has(key)) tokens.set(key, (await apiToken(app, await as(username), [scope], `ma trận ${scope}`)).token);
    return tokens.get(key)!;
  };
  const holds = async (username: string, permission: string) => {
    const roles = new Set(permissions[permission] ?? []);
    return (await as(username)).principal.grants.some((g) => roles.has(g.role));
  };
  const tokenOwnerOf = async (permission: string | null) => {
    if (permission) for (const u of TOKEN_OWNERS) if (await holds(u, permission)) return u;
    return null;
  };
  const headersOf = async (caller: CallerName, permission: string | null, tokenOwner: string | null): Promise<Record<string, string>> => {
    switch (caller) {
      case 'anonymous':
        return {};
      case 'owner':
        return (await citizen(CITIZEN_A)).headers;
      case 'otherCitizen':
        return (await citizen(CITIZEN_B)).headers;
      case 'tokenWithScope':
      case 'tokenWithoutScope': {
        const owner = tokenOwner ?? OFFICIALS.sameUnitField!;
        const other = permission === 'identity.session.read' ? 'identity.session.end' : 'identity.session.read';
        return { authorization: `Bearer ${await tokenOf(owner, caller === 'tokenWithScope' && permission && tokenOwner ? permission : other)}` };
      }
      default:
        return (await as(OFFICIALS[caller]!)).headers;
    }
  };

  // ------------------------------------------------------------------ the run
  const observed: Record<string, Row> = {};
  for (const op of operations) {
    const access = accessOf(op);
    const permission = access && 'permission' in access ? access.permission : null;
    const tokenOwner = await tokenOwnerOf(permission);
    const outcomes = {} as Record<CallerName, number>;
    for (const caller of CALLERS) {
      const req = await sampleOf(op);
      const method = op.split(' ')[0] as 'GET';
      const res = await app.inject({ method, url: req.url, payload: req.payload as string, remoteAddress: req.remoteAddress, headers: { ...(await headersOf(caller, permission, tokenOwner)), ...req.headers } });
      outcomes[caller] = res.statusCode;
    }
    observed[op] = { permission, tokenOwner, outcomes };
  }

  const format = (rows: Record<string, Row>) =>
    '{\n  "callers": ' +
    JSON.stringify(CALLERS) +
    ',\n  "operations": {\n' +
    Object.keys(rows)
      .sort()
      .map((op) => `    ${JSON.stringify(op)}: ${JSON.stringify({ permission: rows[op]!.permission, tokenOwner: rows[op]!.tokenOwner, ...rows[op]!.outcomes })}`)
      .join(',\n') +
    '\n  }\n}\n';
  if (process.env.AUTHZ_MATRIX_UPDATE === '1') fs.writeFileSync(TABLE, format(observed));
  const expectedFile = JSON.parse(fs.readFileSync(TABLE, 'utf8')) as { operations: Record<string, { permission: string | null; tokenOwner: string | null } & Record<CallerName, number>> };
  const calls = operations.length * CALLERS.length;
  const tally = new Map<number, number>();
  for (const r of Object.values(observed)) for (const s of Object.values(r.outcomes)) tally.set(s, (tally.get(s) ?? 0) + 1);
  console.log(
    `# authorization matrix: ${operations.length} operations × ${CALLERS.length} callers = ${calls} calls; outcomes ${[...tally]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}: ${c}`)
      .join(', ')}`,
  );

  it('covers every API route the server registers', () => {
    const documented = new Set(operations);
    const missing = catalogue.routes
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((op) => !documented.has(op));
    assert.deepEqual([...new Set(missing)], [], 'API routes missing from /openapi.json (hidden routes escape the matrix)');
    assert.ok(operations.length >= 50, `${operations.length} operations`);
  });

  it('has a row in the expected-outcome table for every operation, and none for operations that are gone', () => {
    const missing = operations.filter((op) => !expectedFile.operations[op]);
    assert.deepEqual(
      missing,
      [],
      `operations without a row in test/authz-matrix.expected.json — add (after checking each outcome):\n${missing.map((op) => `    ${JSON.stringify(op)}: ${JSON.stringify({ ...observed[op], outcomes: undefined, ...observed[op]!.outcomes })}`).join(',\n')}`,
    );
    const stale = Object.keys(expectedFile.operations).filter((op) => !observed[op]);
    assert.deepEqual(stale, [], 'rows for operations that no longer exist');
  });

  it('gives every caller the expected outcome on every operation', () => {
    const diffs: string[] = [];
    for (const op of operations) {
      const want = expectedFile.operations[op];
      if (!want) continue;
      const got = observed[op]!;
      if (want.permission !== got.permission) diffs.push(`${op}: permission ${want.permission} → ${got.permission}`);
      for (const c of CALLERS) if (want[c] !== got.outcomes[c]) diffs.push(`${op} as ${c}: expected ${want[c]}, got ${got.outcomes[c]}`);
    }
    assert.deepEqual(diffs, []);
  });

  /** dossiers.read routes that only the applicant may call (the citizen's "who looked at my file"). */
  const OWNER_ONLY_READS = new Set(['GET /api/v1/dossiers/{code}/reads']);
  /** dossiers.read routes between officials that the applicant never reads (internal comments). */
  const OFFICIALS_ONLY_READS = new Set(['GET /api/v1/dossiers/{code}/comments']);

  it('holds the invariants whatever the table says', () => {
    const broken: string[] = [];
    for (const [op, row] of Object.entries(observed)) {
      // 503 is a declared answer (a provider out of reach); anything else from 500 up is a fault
      for (const c of CALLERS) if (row.outcomes[c] >= 500 && row.outcomes[c] !== 503) broken.push(`${op} as ${c}: ${row.outcomes[c]}`);
      if (!row.permission) continue;
      if (row.outcomes.anonymous !== 401) broken.push(`${op}: anonymous got ${row.outcomes.anonymous}`);
      if (row.outcomes.tokenWithoutScope !== 403) broken.push(`${op}: a token without the scope got ${row.outcomes.tokenWithoutScope}`);
      if (/\{code\}/.test(op) && op.startsWith('GET /api/v1/dossiers/') && row.permission === 'dossiers.read') {
        for (const c of ['otherCitizen', 'sameUnitOtherField', 'otherUnit', 'securityOfficer'] as const) if (row.outcomes[c] < 400) broken.push(`${op}: ${c} got ${row.outcomes[c]}`);
        // the list of who read a dossier is the applicant's own (a relationship, not a role): only the owner
        const allowed = OWNER_ONLY_READS.has(op) ? (['owner'] as const) : OFFICIALS_ONLY_READS.has(op) ? (['sameUnitField', 'provinceAdmin'] as const) : (['owner', 'sameUnitField', 'provinceAdmin'] as const);
        if (OFFICIALS_ONLY_READS.has(op) && row.outcomes.owner < 400) broken.push(`${op}: the applicant got ${row.outcomes.owner}`);
        for (const c of allowed) if (row.outcomes[c] !== 200) broken.push(`${op}: ${c} got ${row.outcomes[c]}`);
        if (OWNER_ONLY_READS.has(op)) for (const c of ['sameUnitField', 'provinceAdmin'] as const) if (row.outcomes[c] < 400) broken.push(`${op}: ${c} got ${row.outcomes[c]}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
