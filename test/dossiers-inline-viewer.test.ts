import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { authzFixture } from './helpers/authz-fixture.ts';

/** The viewer beside the dossier: an attachment served inline with a policy letting only this site frame it. */
describe('attachments shown inline beside the dossier', async () => {
  const f = await authzFixture();
  after(() => f.app.close());
  const url = `/api/v1/dossiers/${f.dossier.code}/attachments/${f.dossier.attachmentId}`;

  it('serves an image inline, with its type, framed by this site only, no scripts', async () => {
    const r = await f.app.inject({ url: `${url}?inline=1`, headers: (await f.as('cv.hotich.viettri')).headers });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'image/png');
    assert.match(String(r.headers['content-disposition']), /^inline;/);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });

  it('keeps the download (attachment, framed by nobody) without the switch', async () => {
    const r = await f.app.inject({ url, headers: (await f.as('cv.hotich.viettri')).headers });
    assert.match(String(r.headers['content-disposition']), /^attachment;/);
    assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  it('is still a read of the dossier: refused outside its unit and field', async () => {
    const r = await f.app.inject({ url: `${url}?inline=1`, headers: (await f.as('cv.hotich.vanphu')).headers });
    assert.equal(r.statusCode, 403);
  });
});
