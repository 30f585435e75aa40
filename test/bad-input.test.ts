import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { findInvalidText } from '../src/platform/input-text.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * Bad input gets a clear 4xx RFC 9457 problem in Vietnamese — never a 500, never Fastify's English JSON —
 * whether it is refused by a route's schema, by the platform's text check, by Fastify's parsers or by
 * Node's HTTP parser. (test/bad-input-corpus.test.ts sends the same kinds of input to every operation.)
 */
type Res = { statusCode: number; headers: Record<string, unknown>; body: string };

function assertProblem(r: Res, status: number, code: string, what: string) {
  assert.equal(r.statusCode, status, `${what}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/, `${what}: content-type ${r.headers['content-type']}`);
  const p = JSON.parse(r.body);
  assert.equal(p.code, code, `${what}: ${r.body.slice(0, 300)}`);
  assert.equal(p.status, status, what);
  assert.equal(p.type, `https://lienthong.gov.vn/problems/${code}`, what);
  // Vietnamese for people: the title and the detail carry Vietnamese letters
  assert.match(`${p.title} ${p.detail}`, /[àáảãạăâđêôơưạ-ỹ]/i, `${what}: not Vietnamese: ${p.title} / ${p.detail}`);
}

describe('bad input is refused with a Vietnamese problem, never a 500', async () => {
  const { app } = await testRuntime({ reference: false });
  let n = 0;
  const login = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: payload as string, headers, remoteAddress: `192.0.2.${(n++ % 250) + 1}` });

  it('finds NUL and lone surrogates in values and keys, and accepts paired surrogates', () => {
    assert.deepEqual(findInvalidText({ a: 'ok 😀', b: ['x', 'y\u0000'], c: { d: '\ud800' }, ['k\udc00']: 1, e: 'a\udbffz' }, 'body'), ['body.b.1', 'body.c.d', 'body.k\ufffd', 'body.e']);
    assert.deepEqual(findInvalidText({ a: 'Nguyễn 😀 \u202e' }, 'body'), []);
  });

  it('refuses NUL bytes and lone surrogates in a JSON body, anonymously (the sign-in username)', async () => {
    assertProblem(await login({ username: 'tn.viettri\u0000', password: 'x' }), 400, 'invalid-characters', 'NUL in username');
    assertProblem(await login({ username: 'tn.viettri', password: 'x\u0000' }), 400, 'invalid-characters', 'NUL in password');
    // a lone surrogate can only be sent escaped: JSON.stringify of a lone surrogate writes the escape
    assertProblem(await login('{"username":"ab\\ud800","password":"x"}', { 'content-type': 'application/json' }), 400, 'invalid-characters', 'lone high surrogate');
    assertProblem(await login('{"username":"ab\\udc00cd","password":"x"}', { 'content-type': 'application/json' }), 400, 'invalid-characters', 'lone low surrogate');
    const r = await login({ username: 'tn.viettri\u0000', password: 'x' });
    assert.deepEqual(r.json().errors, [{ path: 'body.username', message: 'chứa ký tự không hợp lệ' }]);
  });

  it('refuses them in the query string and in path parameters', async () => {
    assertProblem(await app.inject('/api/v1/procedures?q=a%00b'), 400, 'invalid-characters', 'NUL in query');
    assertProblem(await app.inject('/api/v1/track/G01%00'), 400, 'invalid-characters', 'NUL in path parameter');
    assertProblem(await app.inject('/api/v1/calendar/due?from=%00&amount=1&unit=working_days'), 400, 'invalid-characters', 'NUL in a query of a schema route');
  });

  it('answers Fastify’s own client errors as problems: malformed URL, too long parameter, bad JSON, media type, size', async () => {
    assertProblem(await app.inject('/api/v1/track/%E0%A4%A'), 400, 'bad-url', 'malformed percent-encoding');
    assertProblem(await app.inject('/api/v1/track/%ED%A0%80'), 400, 'bad-url', 'percent-encoded lone surrogate');
    // a path parameter over the router's length limit matches no route: a 404 problem that does not echo it all
    const long = await app.inject(`/api/v1/track/${'A'.repeat(5000)}`);
    assertProblem(long, 404, 'route-not-found', 'a path parameter over the length limit');
    assert.ok(long.body.length < 1000, 'the problem does not echo a 5,000-character path');
    assertProblem(await login('{"username":', { 'content-type': 'application/json' }), 400, 'invalid-json', 'broken JSON');
    assertProblem(await login('username=a', { 'content-type': 'application/x-unknown' }), 415, 'unsupported-media-type', 'unknown media type');
    assertProblem(await login(JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' }), 413, 'payload-too-large', 'a 2 MB body');
  });

  it('answers errors of the HTTP parser (headers too large, a malformed request) as problems', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = (request: string) =>
      new Promise<Res>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
        let data = '';
        socket.on('data', (d) => (data += d));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head = '', body = ''] = data.split('\r\n\r\n');
          const [status = '', ...lines] = head.split('\r\n');
          const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
          resolve({ statusCode: Number(status.split(' ')[1]), headers, body });
        });
      });
    assertProblem(await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`), 431, 'headers-too-large', 'headers too large');
    assertProblem(await raw('GARBAGE\r\n\r\n'), 400, 'bad-request', 'a malformed request line');
  });
});

describe('multipart forms read by a route get the same checks', async () => {
  const { buildHttp, assertValidText, multipartProblem } = await import('../src/platform/http.ts');
  const { denyAll } = await import('../src/platform/access.ts');
  const multipart = (await import('@fastify/multipart')).default;
  const app = await buildHttp({ logLevel: 'silent', access: denyAll, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }) });
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 1000, files: 1 } });
    scope.post('/upload', { config: { access: { public: 'kiểm thử tải lên' } } }, async (request) => {
      const part = await request.file().catch((err: unknown) => {
        throw multipartProblem(err);
      });
      const bytes = await part!.toBuffer().catch((err: unknown) => {
        throw multipartProblem(err);
      });
      const name = (part!.fields.name as { value?: string } | undefined)?.value;
      assertValidText({ filename: part!.filename, name });
      return { size: bytes.length };
    });
  });
  await app.ready();
  after(() => app.close());
  const B = 'b0undary';
  const form = (name: string, filename = 'a.pdf') =>
    `--${B}\r\ncontent-disposition: form-data; name="name"\r\n\r\n${name}\r\n--${B}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\r\n--${B}--\r\n`;
  const post = (payload: string) => app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': `multipart/form-data; boundary=${B}` }, payload });

  it('refuses NUL in a field or in the file name, and a truncated stream, with problems', async () => {
    assert.equal((await post(form('Giấy khai sinh'))).statusCode, 200);
    assertProblem(await post(form('a\u0000b')), 400, 'invalid-characters', 'NUL in a multipart field');
    assertProblem(await post(form('a', 'x\u0000.pdf')), 400, 'invalid-characters', 'NUL in the file name');
    assertProblem(await post(form('a').slice(0, 90)), 400, 'invalid-multipart', 'a truncated multipart stream');
  });
});
