import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { signIn } from './helpers/auth.ts';

/**
 * The forms API on a real database: the public form of a procedure (written, generic, a stored version),
 * checking answers, prefilling from the signed-in citizen, publishing a new version, and who may do what.
 */
describe('forms API', async () => {
  const { rt, app } = await testRuntime();
  for (const m of rt.modules) if (m.name === 'identity') await m.seedDemo?.(rt.ctx);
  const identity = rt.ctx.services.identity!;
  const c = await identity.citizenSignIn({ issuer: 'test', subject: 'c1', personalId: '025194001234', displayName: 'Trần Thị Hồng Nhung' }, { ip: null, userAgent: null });
  const citizen = { cookie: `lt_session=${c.sessionToken}`, 'x-csrf-token': c.csrfToken };
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: Record<string, string>) => app.inject({ method: 'POST', url, payload, headers });

  it('serves the written birth registration form to anyone, with its conditional documents', async () => {
    const r = await get('/api/v1/procedures/1.001193/form');
    assert.equal(r.statusCode, 200, r.body);
    const f = r.json();
    assert.equal(f.source, 'builtin');
    assert.equal(f.version, 1);
    assert.equal(f.result.kind, 'birth-extract');
    assert.ok(f.sections.some((s: { fields: { key: string }[] }) => s.fields.some((x) => x.key === 'child.fullName')));
    const abandoned = f.documents.find((d: { key: string }) => d.key === 'abandonedRecord');
    assert.deepEqual(abandoned.when, { field: 'birth.case', equals: 'abandoned' });
    assert.equal((await get('/api/v1/procedures/1.001193/form?version=1')).json().version, 1);
    assert.equal((await get('/api/v1/procedures/1.001193/form?version=7')).statusCode, 404);
  });

  it('gives every other procedure the generic form, without notes among its documents', async () => {
    const r = await get('/api/v1/procedures/1.003197/form');
    assert.equal(r.statusCode, 200, r.body);
    const f = r.json();
    assert.equal(f.source, 'generic');
    assert.equal(f.version, 0);
    assert.deepEqual(f.sections, []);
    for (const d of f.documents) assert.doesNotMatch(d.name, /^Lưu ý/);
    assert.equal((await get('/api/v1/procedures/9.999999/form')).statusCode, 404);
    assert.equal((await get('/api/v1/procedures/abc/form')).statusCode, 400);
  });

  it('describes the form in the OpenAPI document', async () => {
    const r = await get('/openapi.json');
    assert.equal(r.statusCode, 200);
    assert.ok(r.json().paths['/api/v1/procedures/{code}/form']);
  });

  it('checks answers for a signed-in citizen: Vietnamese messages per field and the documents that apply', async () => {
    assert.equal((await post('/api/v1/procedures/1.001193/form/check', { answers: {} }, {})).statusCode, 401);
    const r = await post('/api/v1/procedures/1.001193/form/check', { answers: { 'birth.case': 'abandoned', 'child.fullName': 'An' }, channel: 'online' }, citizen);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.deepEqual(body.errors[0], { field: 'applicant.role', message: 'Chọn quan hệ của bạn với trẻ' });
    assert.ok(body.errors.some((e: { field: string }) => e.field === 'abandoned.foundAt'));
    assert.ok(!body.errors.some((e: { field: string }) => e.field.startsWith('mother.')));
    assert.deepEqual(
      body.documents.map((d: { key: string }) => d.key),
      ['residenceProof', 'abandonedRecord'],
    );
  });

  it("prefills the citizen's own particulars", async () => {
    const r = await get('/api/v1/procedures/1.004873/form/prefill', citizen);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['cache-control'], 'private, no-store');
    assert.deepEqual(r.json().answers, {});
    const self = await get('/api/v1/procedures/1.010041/form/prefill', citizen);
    assert.deepEqual(self.json().answers, {}, 'prefill waits for the relation: nothing is assumed');
  });

  it('lets the province administrator publish a new version, refusing an inconsistent one; others may not', async () => {
    const admin = await signIn(app, 'qtv.tinh');
    const current = (await get('/api/v1/procedures/1.001193/form')).json();
    const { source: _s, version: _v, ...body } = current;
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/procedures/1.001193/form', headers: admin.headers, payload: { ...body, documents: [...body.documents, { key: 'x', name: 'X', kind: 'submit', when: { field: 'nowhere', equals: 'a' } }] } });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().code, 'form-definition-inconsistent');
    const r = await app.inject({ method: 'PUT', url: '/api/v1/procedures/1.001193/form', headers: admin.headers, payload: { ...body, intro: 'Phiên bản của tỉnh.' } });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().version, 2);
    assert.equal(r.json().source, 'custom');
    assert.equal((await get('/api/v1/procedures/1.001193/form')).json().intro, 'Phiên bản của tỉnh.');
    assert.equal((await get('/api/v1/procedures/1.001193/form?version=1')).json().source, 'builtin', 'the old version is kept');
    const officer = await signIn(app, 'tn.viettri');
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/procedures/1.001193/form', headers: officer.headers, payload: body })).statusCode, 403);
  });
});
