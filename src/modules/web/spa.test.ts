import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsHtml, resolveWebPath } from './spa.ts';

const files = new Set(['favicon.svg', 'robots.txt', 'index.html', 'app.html', 'office.html']);

describe('resolveWebPath', () => {
  it('serves the prerendered home page at /', () => {
    assert.deepEqual(resolveWebPath('/', files, true), { kind: 'page', file: 'index.html', status: 200 });
    assert.deepEqual(resolveWebPath('/', files, false), { kind: 'page', file: 'index.html', status: 200 });
  });

  it('serves the citizen frame for citizen pages and the bare document for the back office', () => {
    for (const p of ['/thu-tuc', '/thu-tuc/1.001193', '/thu-tuc/1.001193/nop', '/tra-cuu/H25-260915-0001', '/dang-nhap', '/ho-so', '/ho-so/X/thanh-toan']) {
      assert.deepEqual(resolveWebPath(p, files, true), { kind: 'page', file: 'app.html', status: 200 }, p);
    }
    assert.deepEqual(resolveWebPath('/can-bo', files, true), { kind: 'page', file: 'office.html', status: 200 });
    assert.deepEqual(resolveWebPath('/can-bo/ho-so/X', files, false), { kind: 'page', file: 'office.html', status: 200 });
  });

  it('leaves every /api path to the platform (problem+json)', () => {
    assert.deepEqual(resolveWebPath('/api/v1/khong-co', files, true), { kind: 'not-found' });
    assert.deepEqual(resolveWebPath('/api', files, true), { kind: 'not-found' });
  });

  it('answers unknown paths with the web 404 page to a browser and problem+json to others', () => {
    assert.deepEqual(resolveWebPath('/khong-co', files, true), { kind: 'page', file: 'app.html', status: 404 });
    assert.deepEqual(resolveWebPath('/khong-co', files, false), { kind: 'not-found' });
  });

  it('serves only files that exist at the root, never HTML by name or a path outside', () => {
    assert.deepEqual(resolveWebPath('/favicon.svg', files, true), { kind: 'file', file: 'favicon.svg' });
    assert.deepEqual(resolveWebPath('/robots.txt', files, false), { kind: 'file', file: 'robots.txt' });
    assert.deepEqual(resolveWebPath('/missing.png', files, true), { kind: 'not-found' });
    assert.deepEqual(resolveWebPath('/..%2fpackage.json', files, true), { kind: 'page', file: 'app.html', status: 404 });
    assert.deepEqual(resolveWebPath('/.build-stamp', files, false), { kind: 'not-found' });
  });
});

describe('acceptsHtml', () => {
  it('recognises a browser', () => {
    assert.equal(acceptsHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), true);
    assert.equal(acceptsHtml('application/json'), false);
    assert.equal(acceptsHtml('*/*'), false);
    assert.equal(acceptsHtml(undefined), false);
  });
});
