import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { catalogueRoutes } from '../src/modules/identity/route-catalogue.ts';
import { seedDemoDossiers } from '../src/modules/dossiers/demo.ts';
import { ensureDemoWebhookSecret } from '../src/platform/payments/index.ts';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { freePort } from './helpers/server-process.ts';

/**
 * The bad-input corpus, generated from /openapi.json: for every operation, every parameter and every body
 * field (nested ones too), it sends NUL bytes, lone surrogates, bidi overrides, 1 MB strings, wrong types,
 * negative and huge numbers, missing and extra fields — plus whole-body oddities (no body, a JSON array,
 * prototype-poisoning keys, deep nesting, another media type) — and asserts that the platform never
 * answers 5xx and that every 4xx is an RFC 9457 problem.
 *
 * Each operation is called by a caller that passes its access check (anonymous for public routes, else a
 * demo official — or citizen, or a client system — whose role holds the permission), with every other field set to a valid
 * sample, so that the bad value reaches validation and, when validation lets it through, the handler.
 * Protected operations also get their path and query mutations anonymously (they must answer 401, not 500).
 * A new route is covered without touching this file.
 */

// ------------------------------------------------------------------ JSON Schema (as the OpenAPI document has it)
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: Schema;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

/** The forms the OpenAPI document cannot describe (multipart uploads): their text fields. */
const MULTIPART_FIELDS: Record<string, string[]> = {
  'POST /api/v1/dossiers/{code}/attachments': ['name', 'digitised', 'kind'],
};

const MB = 1_000_000;
const UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

function variant(s: Schema): Schema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return variant(alts.find((a) => typeOf(a) !== 'null' && a.type !== 'null') ?? alts[0]!);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map(variant)) as Schema;
  return s;
}

function matches(s: Schema, v: string): boolean {
  if (s.minLength !== undefined && [...v].length < s.minLength) return false;
  if (s.maxLength !== undefined && [...v].length > s.maxLength) return false;
  if (s.pattern) {
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = new RegExp(s.pattern);
    }
    if (!re.test(v)) return false;
  }
  return true;
}

// ------------------------------------------------------------------ the corpus
describe('bad-input corpus generated from /openapi.json: no 5xx, a problem on every 4xx', { timeout: 900_000 }, async () => {
  // the platform listens on a real port named by PUBLIC_URL, so that the citizen sign-in reaches its
  // (development) identity provider as in production; the corpus itself is sent with app.inject
  const port = await freePort();
  const catalogue = catalogueRoutes();
  const { app, rt } = await testRuntime({ demo: false, env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
  catalogue.stop();
  await app.listen({ port, host: '127.0.0.1' });
  // the demo people and the province's offering, and a few dossiers driven through the real workflow
  // (the full demo's 240 would only make the set-up slower)
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  await seedDemoDossiers(rt.ctx, { count: 24 });
  // the bank webhook is off without a secret (503): give it the demo's, so that the corpus reaches its checks
  ensureDemoWebhookSecret(rt.ctx.config.dataDir);

  const doc = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
  const accessOf = new Map(catalogue.routes.map((r) => [`${r.method} ${r.url}`, r.access]));
  const permissions = rt.ctx.permissions;

  // callers, by role: demo officials of Phường Việt Trì and of the province, and a citizen
  const OFFICIALS: [string, string][] = [
    ['receiving_officer', 'tn.viettri'],
    ['specialist', 'cv.hotich.viettri'],
    ['leader', 'ld.viettri'],
    ['clerk', 'vt.viettri'],
    ['province_admin', 'qtv.tinh'],
    ['data_steward', 'dl.tinh'],
    ['security_officer', 'at.tinh'],
  ];
  const sessions = new Map<string, TestSession>();
  for (const [, username] of OFFICIALS) sessions.set(username, await signIn(app, username));
  const identity = rt.ctx.services.identity!;
  const citizenSignIn = async () => {
    const s = await identity.citizenSignIn({ issuer: 'test', subject: 'corpus', personalId: '025085012345', displayName: 'Nguyễn Văn An' }, { ip: null, userAgent: null });
    return { cookie: `lt_session=${s.sessionToken}`, 'x-csrf-token': s.csrfToken };
  };
  const citizenHeaders = await citizenSignIn();
  // a client system holding every scope open to clients (permissions only `api_client` holds), with limits
  // the corpus cannot reach
  const integration = rt.ctx.services.integration!;
  const allClientScopes = Object.entries(permissions).filter(([, roles]) => roles.includes('api_client')).map(([p]) => p);
  const client = await integration.clients.register(
    { kind: 'system', id: 'corpus', subject: 'corpus', displayName: 'Bộ kiểm thử', grants: [], via: 'system' },
    { id: 'bo-kiem-thu', name: 'Bộ kiểm thử dữ liệu xấu', agencyName: 'Bộ kiểm thử', scopes: allClientScopes, ratePerMinute: 100_000, dailyQuota: 10_000_000 },
  );
  const clientHeaders = { authorization: `Bearer ${(await integration.clients.issueToken('bo-kiem-thu', client.secret, undefined)).access_token}` };

  // samples from the running system: a dossier each caller can see, a procedure the province offers
  const dossierOf = new Map<string, string>();
  for (const [username, s] of sessions) {
    const r = await app.inject({ url: '/api/v1/dossiers?limit=1', headers: s.headers });
    if (r.statusCode === 200) {
      const code = (r.json() as { items: { code: string }[] }).items[0]?.code;
      if (code) dossierOf.set(username, code);
    }
  }
  const anyDossier = (await rt.ctx.db.query<{ code: string }>('SELECT code FROM dossiers.dossier ORDER BY code LIMIT 1')).rows[0]?.code;
  assert.ok(anyDossier, 'the set-up made dossiers');
  const procedureCode = '1.001193';

  let addressCounter = 0;
  /** Every request from its own address: the per-address rate limits must not hide what the handler does. */
  const nextAddress = () => {
    const n = ++addressCounter;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };

  // ---------------------------------------------------------------- valid samples
  const stringCandidates = (name: string, path: string, username: string | null): string[] => {
    const n = name.toLowerCase();
    const dossier = (username && dossierOf.get(username)) ?? anyDossier;
    const out: string[] = [];
    if (n === 'code') {
      if (/dossiers|track/.test(path)) out.push(dossier);
      if (/procedures|offerings/.test(path)) out.push(procedureCode);
      if (/agencies/.test(path)) out.push('25.STP');
    }
    if (/procedure/.test(n)) out.push(procedureCode);
    if (/province/.test(n)) out.push('25');
    if (/unit|commune/.test(n)) out.push('07900');
    if (/username/.test(n)) out.push(path.endsWith('/login') ? 'khong.ton.tai' : 'cv.hotich.viettri');
    if (n === 'password') out.push('Sai mat khau 2025');
    if (/name$/.test(n)) out.push('Nguyễn Văn An');
    if (n === 'field') out.push('Hộ tịch');
    if (/idnumber|personalid/.test(n)) out.push('025085012345');
    if (/phone/.test(n)) out.push('0912345678');
    if (/email/.test(n)) out.push('an.nguyen@example.vn');
    if (/address/.test(n)) out.push('Số 12 đường Lê Lợi, Phường Việt Trì, Tỉnh Phú Thọ');
    if (n === 'amount') out.push('3');
    if (n === 'year') out.push('2026');
    if (n === 'date') out.push('2026-03-02');
    if (n === 'from') out.push('2026-01-05T09:00:00+07:00', '2026-01-05');
    if (n === 'to') out.push('2026-12-30T17:00:00+07:00', '2026-12-30');
    if (/at$/.test(n)) out.push('2026-03-02T09:00:00+07:00', '2026-03-02');
    if (n === 'state') out.push('new');
    if (/taxcode/.test(n)) out.push('0100109106');
    if (n === 'q') out.push('khai sinh');
    if (n === 'id' || /id$/.test(n)) out.push(UUID);
    if (n === 'cursor') out.push('1');
    if (n === 'dossier') out.push(dossier);
    // anything else: the first that fits the schema
    out.push('07900', dossier, procedureCode, '25', '25.STP', '2026-03-02', '2026-03-02T09:00:00+07:00', UUID, '1', 'Hộ tịch', 'abc', 'cv.hotich.viettri');
    return out;
  };

  const sample = (schema: Schema, name: string, path: string, username: string | null, depth = 0): unknown => {
    const s = variant(schema);
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) return s.enum[0];
    switch (typeOf(s)) {
      case 'string': {
        if (s.format === 'date-time') return '2030-03-04T09:00:00+07:00';
        if (s.format === 'date') return '2026-03-02';
        if (s.format === 'email') return 'an.nguyen@example.vn';
        if (s.format === 'uuid') return UUID;
        if (s.format === 'uri') return 'https://example.vn/';
        const fit = stringCandidates(name, path, username).find((c) => matches(s, c));
        return fit ?? 'a'.repeat(Math.max(1, s.minLength ?? 1));
      }
      case 'integer':
      case 'number': {
        let v = 1;
        if (s.minimum !== undefined && v < s.minimum) v = s.minimum;
        if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) v = s.exclusiveMinimum + 1;
        if (s.maximum !== undefined && v > s.maximum) v = s.maximum;
        return v;
      }
      case 'boolean':
        return false;
      case 'array':
        return depth > 4 || !s.items ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items!, name, path, username, depth + 1));
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, p] of Object.entries(s.properties ?? {})) if (depth < 5) out[k] = sample(p, k, path, username, depth + 1);
        return out;
      }
      default:
        return 'abc';
    }
  };

  // ---------------------------------------------------------------- mutations
  type Mutation = [label: string, value: unknown];
  const stringMutations = (v: string): Mutation[] => [
    ['NUL inside', `${v}\u0000x`],
    ['NUL alone', '\u0000'],
    ['lone high surrogate', `${v}\ud800`],
    ['lone low surrogate', `\udc00${v}`],
    ['bidi override', `\u202e${v}\u202c`],
    ['1 MB string', 'a'.repeat(MB)],
    ['1 MB of multi-byte text', 'ệ'.repeat(MB / 3)],
    ['empty', ''],
    ['blank', '   '],
    ['number', 12345],
    ['negative number', -1],
    ['huge number', 1e308],
    ['boolean', true],
    ['null', null],
    ['object', { a: v }],
    ['array', [v]],
  ];
  const numberMutations: Mutation[] = [
    ['string', 'abc'],
    ['numeric string', '5'],
    ['negative', -1],
    ['negative huge', -1e308],
    ['huge', 1e308],
    ['2^63', 9223372036854775808],
    ['beyond safe integer', 9007199254740993],
    ['fraction', 1.5],
    ['zero', 0],
    ['NUL string', '\u0000'],
    ['null', null],
    ['array', [1]],
    ['object', {}],
    ['boolean', true],
  ];
  const booleanMutations: Mutation[] = [
    ['string', 'true'],
    ['number', 1],
    ['NUL string', '\u0000'],
    ['null', null],
    ['object', {}],
  ];
  const arrayMutations = (v: unknown[]): Mutation[] => [
    ['empty array', []],
    ['10,000 items', Array.from({ length: 10_000 }, () => v[0] ?? 'x')],
    ['string', 'x'],
    ['NUL item', ['\u0000']],
    ['null', null],
    ['object', {}],
  ];
  const objectMutations = (v: Record<string, unknown>): Mutation[] => [
    ['string', 'x'],
    ['null', null],
    ['array', [v]],
    ['empty object', {}],
    ['extra field', { ...v, __extra: 'x' }],
    ['NUL in a key', { ...v, 'k\u0000': 'x' }],
  ];
  const mutationsOf = (schema: Schema, v: unknown): Mutation[] => {
    const t = typeOf(variant(schema));
    if (t === 'integer' || t === 'number') return numberMutations;
    if (t === 'boolean') return booleanMutations;
    if (t === 'array') return arrayMutations(v as unknown[]);
    if (t === 'object') return objectMutations((v ?? {}) as Record<string, unknown>);
    return stringMutations(typeof v === 'string' ? v : 'abc');
  };
  // what a URL can carry (already percent-encoded where needed)
  const urlMutations = (v: string): [string, string][] => [
    ['NUL', '%00'],
    ['NUL inside', `${encodeURIComponent(v)}%00x`],
    ['overlong NUL', '%C0%80'],
    ['encoded lone surrogate', '%ED%A0%80'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['bidi override', `%E2%80%AE${encodeURIComponent(v)}`],
    ['1 MB string', 'a'.repeat(MB)],
    ['empty', ''],
    ['letters', 'abc'],
    ['negative', '-1'],
    ['negative huge', '-99999999999999999999999'],
    ['huge', '99999999999999999999999'],
    ['exponent', '1e308'],
    ['fraction', '1.5'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
  ];

  // ---------------------------------------------------------------- running the cases
  let cases = 0;
  const statusCounts = new Map<string, number>();
  const failures: string[] = [];
  const fiveXX: string[] = [];

  interface Req {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string | Buffer;
  }
  const send = async (label: string, req: Req) => {
    cases++;
    let res;
    try {
      res = await app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, payload: req.payload, remoteAddress: nextAddress() });
    } catch (err) {
      failures.push(`${label}: the request threw ${(err as Error).message}`);
      return;
    }
    const bucket = `${Math.floor(res.statusCode / 100)}xx`;
    statusCounts.set(bucket, (statusCounts.get(bucket) ?? 0) + 1);
    const where = `${label} → ${res.statusCode}`;
    if (res.statusCode >= 500) {
      fiveXX.push(`${where}: ${res.body.slice(0, 200)}`);
      return;
    }
    if (res.statusCode >= 400) {
      const ct = String(res.headers['content-type'] ?? '');
      if (!ct.startsWith('application/problem+json')) {
        failures.push(`${where}: content-type ${ct}: ${res.body.slice(0, 160)}`);
        return;
      }
      let p: Record<string, unknown>;
      try {
        p = res.json();
      } catch {
        failures.push(`${where}: the problem is not JSON`);
        return;
      }
      if (p.status !== res.statusCode || typeof p.code !== 'string' || typeof p.title !== 'string' || typeof p.type !== 'string') failures.push(`${where}: not a problem: ${res.body.slice(0, 160)}`);
    }
  };

  const setAt = (obj: unknown, path: (string | number)[], value: unknown, remove = false): unknown => {
    if (!path.length) return value;
    const copy: unknown = Array.isArray(obj) ? [...obj] : { ...(obj as Record<string, unknown>) };
    const [head, ...rest] = path;
    const c = copy as Record<string | number, unknown>;
    if (!rest.length && remove) delete c[head!];
    else c[head!] = setAt(c[head!], rest, value, remove);
    return copy;
  };

  /** Every field of a body schema with its path (objects' properties and the first item of arrays). */
  const fieldsOf = (schema: Schema, value: unknown, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: Schema; value: unknown; required: boolean }[] => {
    const s = variant(schema);
    const out: { path: (string | number)[]; schema: Schema; value: unknown; required: boolean }[] = [];
    if (depth > 5) return out;
    if (typeOf(s) === 'object' && s.properties) {
      for (const [k, p] of Object.entries(s.properties)) {
        const v = (value as Record<string, unknown> | undefined)?.[k];
        out.push({ path: [...path, k], schema: p, value: v, required: s.required?.includes(k) ?? false });
        out.push(...fieldsOf(p, v, [...path, k], depth + 1));
      }
    } else if (typeOf(s) === 'array' && s.items && Array.isArray(value) && value.length) {
      out.push(...fieldsOf(s.items, value[0], [...path, 0], depth + 1));
    }
    return out;
  };

  let operations = 0;
  const reachedHandler: string[] = [];
  const refusedSamples: string[] = [];

  it('sends the corpus to every operation', async () => {
    const entries = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
    // the operation that ends the caller's session runs with sessions of its own (below)
    for (const { path, method, op } of entries) {
      operations++;
      const routeUrl = path.replace(/\{(\w+)\}/g, ':$1');
      const access = accessOf.get(`${method} ${routeUrl}`);
      assert.ok(access, `${method} ${path}: not in the route catalogue`);
      let username: string | null = null;
      let authHeaders: () => Promise<Record<string, string>> = async () => ({});
      if ('permission' in access) {
        const holders = new Set(permissions[access.permission] ?? []);
        const official = OFFICIALS.find(([role]) => holders.has(role));
        if (official) {
          username = official[1];
          const s = sessions.get(username)!;
          authHeaders = async () => ({ ...s.headers });
        } else if (holders.has('citizen')) {
          authHeaders = async () => ({ ...citizenHeaders });
        } else if (holders.has('api_client')) {
          authHeaders = async () => ({ ...clientHeaders });
        } else {
          assert.fail(`${method} ${path}: no demo caller holds ${access.permission}`);
        }
      }
      // logging out ends the session the request carries: give each such call a session of its own
      if (path === '/api/v1/auth/logout') authHeaders = async () => ({ ...(await signIn(app, 'tn.viettri')).headers });

      const params = op.parameters ?? [];
      const pathValues: Record<string, string> = {};
      const queryValues: Record<string, string> = {};
      const headerValues: Record<string, string> = {};
      for (const p of params) {
        const v = sample(p.schema, p.name, path, username);
        if (p.in === 'path') pathValues[p.name] = String(v);
        else if (p.in === 'query' && (p.required || p.schema.default === undefined)) queryValues[p.name] = String(v);
        else if (p.in === 'header' && p.required) headerValues[p.name] = String(v);
      }
      const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
      const body = jsonSchema ? sample(jsonSchema, 'body', path, username) : undefined;

      const build = (o: { path?: Record<string, string>; query?: Record<string, string>; rawQuery?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string | Buffer; contentType?: string; noBody?: boolean }) => {
        const pv = { ...pathValues, ...o.path };
        const url = path.replace(/\{(\w+)\}/g, (_m, n: string) => (o.path && n in o.path ? pv[n]! : encodeURIComponent(pv[n] ?? 'x')));
        const q = o.rawQuery ?? new URLSearchParams({ ...queryValues, ...o.query }).toString();
        const headers: Record<string, string> = { ...headerValues, ...o.headers };
        let payload: string | Buffer | undefined;
        if (!o.noBody && (o.rawBody !== undefined || o.body !== undefined || body !== undefined)) {
          payload = o.rawBody ?? JSON.stringify(o.body !== undefined ? o.body : body);
          headers['content-type'] = o.contentType ?? 'application/json';
        }
        return { url: q ? `${url}?${q}` : url, headers, payload };
      };
      const run = async (label: string, o: Parameters<typeof build>[0], anonymous = false) => {
        const r = build(o);
        const auth = anonymous ? {} : await authHeaders();
        await send(`${method} ${path} [${anonymous ? 'anonymous, ' : ''}${label}]`, { method, url: r.url, headers: { ...r.headers, ...auth }, payload: r.payload });
      };

      // the valid baseline: does it reach the handler?
      {
        const r = build({});
        cases++;
        const res = await app.inject({ method: method as 'GET', url: r.url, headers: { ...r.headers, ...(await authHeaders()) }, payload: r.payload, remoteAddress: nextAddress() });
        if (res.statusCode >= 500) fiveXX.push(`${method} ${path} [valid sample] → ${res.statusCode}: ${res.body.slice(0, 200)}`);
        else if (res.statusCode !== 400) reachedHandler.push(`${method} ${path}`);
        else refusedSamples.push(`${method} ${path} (${(res.json() as { errors?: { path: string }[] }).errors?.map((e) => e.path).join(', ') ?? res.json().code})`);
      }

      const isProtected = 'permission' in access;
      for (const p of params) {
        const value = p.in === 'path' ? pathValues[p.name]! : String(sample(p.schema, p.name, path, username));
        if (p.in === 'path') {
          for (const [label, raw] of urlMutations(value)) {
            await run(`path ${p.name}: ${label}`, { path: { [p.name]: raw } });
            if (isProtected && label !== '1 MB string') await run(`path ${p.name}: ${label}`, { path: { [p.name]: raw } }, true);
          }
        } else if (p.in === 'query') {
          const others = new URLSearchParams(Object.entries(queryValues).filter(([k]) => k !== p.name)).toString();
          const withRaw = (raw: string) => [others, `${encodeURIComponent(p.name)}=${raw}`].filter(Boolean).join('&');
          for (const [label, raw] of urlMutations(value)) {
            await run(`query ${p.name}: ${label}`, { rawQuery: withRaw(raw) });
            if (isProtected && label !== '1 MB string') await run(`query ${p.name}: ${label}`, { rawQuery: withRaw(raw) }, true);
          }
          await run(`query ${p.name}: repeated`, { rawQuery: [others, `${p.name}=${encodeURIComponent(value)}&${p.name}=${encodeURIComponent(value)}`].filter(Boolean).join('&') });
          await run(`query ${p.name}: bracket syntax`, { rawQuery: withRaw('1').replace(`${encodeURIComponent(p.name)}=`, `${encodeURIComponent(p.name)}[a]=`) });
          if (p.required) await run(`query ${p.name}: missing`, { rawQuery: others });
        } else if (p.in === 'header') {
          for (const [label, raw] of [['8 KB', 'a'.repeat(8192)], ['letters', 'abc'], ['negative', '-1'], ['quoted', 'W/"x"'], ['blank', ' ']] as const) {
            await run(`header ${p.name}: ${label}`, { headers: { [p.name]: raw } });
          }
        }
      }
      await run('extra query parameter', { rawQuery: [new URLSearchParams(queryValues).toString(), '__extra=1'].filter(Boolean).join('&') });

      if (jsonSchema) {
        for (const f of fieldsOf(jsonSchema, body)) {
          const name = f.path.join('.');
          for (const [label, v] of mutationsOf(f.schema, f.value)) await run(`body ${name}: ${label}`, { body: setAt(body, f.path, v) });
          if (f.value !== undefined) await run(`body ${name}: missing${f.required ? ' (required)' : ''}`, { body: setAt(body, f.path, undefined, true) });
        }
      }
      const MULTIPART = MULTIPART_FIELDS[`${method} ${path}`];
      if (MULTIPART) {
        const boundary = `----corpus${crypto.randomBytes(6).toString('hex')}`;
        const form = (fields: Record<string, string | Buffer>, file: { filename: string; bytes: Buffer } | null) => {
          const parts: Buffer[] = [];
          for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n`), Buffer.from(v), Buffer.from('\r\n'));
          if (file) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.filename}"\r\ncontent-type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
          parts.push(Buffer.from(`--${boundary}--\r\n`));
          return Buffer.concat(parts);
        };
        const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
        const ct = `multipart/form-data; boundary=${boundary}`;
        const good = { name: 'Giấy khai sinh', digitised: 'false', kind: 'document' };
        for (const field of MULTIPART) {
          for (const [label, v] of [
            ['NUL inside', 'a\u0000b'],
            ['invalid UTF-8', Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62])],
            ['bidi override', '\u202egpj.exe'],
            ['1 MB string', 'a'.repeat(MB)],
            ['empty', ''],
          ] as const) {
            await run(`multipart ${field}: ${label}`, { rawBody: form({ ...good, [field]: v }, { filename: 'a.pdf', bytes: pdf }), contentType: ct });
          }
        }
        for (const [label, filename] of [['NUL in the file name', 'a\u0000.pdf'], ['bidi in the file name', '\u202efdp.exe'], ['1,000-character file name', `${'a'.repeat(1000)}.pdf`]] as const) {
          await run(`multipart file: ${label}`, { rawBody: form(good, { filename, bytes: pdf }), contentType: ct });
        }
        await run('multipart file: empty file', { rawBody: form(good, { filename: 'a.pdf', bytes: Buffer.alloc(0) }), contentType: ct });
        await run('multipart file: missing', { rawBody: form(good, null), contentType: ct });
        await run('multipart: truncated stream', { rawBody: form(good, { filename: 'a.pdf', bytes: pdf }).subarray(0, 200), contentType: ct });
      }
      if (method !== 'GET' && method !== 'HEAD') {
        const base = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
        for (const [label, raw] of [
          ['JSON null', 'null'],
          ['JSON array', '[]'],
          ['JSON string', '"x"'],
          ['JSON number', '123'],
          ['broken JSON', '{"a":'],
          ['prototype poisoning', '{"__proto__":{"polluted":1}}'],
          ['constructor poisoning', '{"constructor":{"prototype":{"polluted":1}}}'],
          ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
          ['extra top-level field', JSON.stringify({ ...base, __extra: 'x' })],
          ['lone surrogate escape in a key', `{"\\ud800":1}`],
        ] as const) {
          await run(`body: ${label}`, { rawBody: raw });
        }
        await run('body: none', { noBody: true });
        await run('body: text/plain', { rawBody: 'hello', contentType: 'text/plain' });
        await run('body: unknown media type', { rawBody: 'hello', contentType: 'application/x-corpus' });
      }
    }
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false, 'prototype pollution');
  });

  it('answered no 5xx, and a problem on every 4xx', () => {
    const counts = [...statusCounts.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
    console.log(`# bad-input corpus: ${cases} cases on ${operations} operations (${counts}); 5xx: ${fiveXX.length}; valid samples reaching their handler: ${reachedHandler.length}/${operations}`);
    if (refusedSamples.length) console.log(`# valid samples refused by validation (their mutations stop there): ${refusedSamples.join('; ')}`);
    assert.ok(cases > 1000, `only ${cases} cases`);
    assert.deepEqual(fiveXX, [], `${fiveXX.length} answers were 5xx`);
    assert.deepEqual(failures, [], `${failures.length} 4xx answers were not problems`);
  });
});
