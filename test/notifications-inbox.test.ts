import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { authzFixture, CITIZEN_A, CITIZEN_B } from './helpers/authz-fixture.ts';

/**
 * The citizen's inbox (GET /api/v1/me/notifications): what the platform sent by e-mail and SMS about a
 * citizen's dossiers, readable in the portal — their own messages only (a relationship, through the policy
 * point's SQL filter), never an official's business.
 */
describe('citizen inbox of notifications', async () => {
  const f = await authzFixture();
  after(() => f.app.close());
  const inbox = async (headers: Record<string, string>) => f.app.inject({ url: '/api/v1/me/notifications', headers });
  // a counter dossier of citizen B (phone 0912345678), received: B is sent an SMS
  const codeB = await f.counterDossier({ idNumber: CITIZEN_B });
  await f.rt.ctx.events.drain(); // notices are sent by the subscriber of the dossier events

  it("shows the owner the words sent about their dossier, recipient masked", async () => {
    const r = await inbox((await f.citizen(CITIZEN_A)).headers);
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'private, no-store');
    const items = r.json().items as { dossierCode: string; channel: string; recipient: string; subject: string; text: string }[];
    const mine = items.filter((m) => m.dossierCode === f.dossier.code);
    assert.ok(mine.length >= 2, 'received and result-ready e-mails of the fixture dossier');
    assert.ok(mine.every((m) => m.channel === 'email' && !m.recipient.includes('duc@example.vn')));
    assert.ok(mine.some((m) => m.subject.includes('đã được tiếp nhận') && m.text.includes(f.dossier.code)));
    assert.ok(!items.some((m) => m.dossierCode === codeB), "nothing of another citizen's dossier");
  });

  it("gives another citizen their own messages and none of the first one's", async () => {
    const items = (await inbox((await f.citizen(CITIZEN_B)).headers)).json().items as { dossierCode: string; channel: string; recipient: string }[];
    assert.ok(items.some((m) => m.dossierCode === codeB && m.channel === 'sms' && m.recipient !== '0912345678'));
    assert.ok(!items.some((m) => m.dossierCode === f.dossier.code));
  });

  it('is refused to officials, even those who read the notification log, and to anonymous callers', async () => {
    assert.equal((await inbox((await f.as('tn.viettri')).headers)).statusCode, 403);
    assert.equal((await inbox((await f.as('at.tinh')).headers)).statusCode, 403);
    assert.equal((await inbox({})).statusCode, 401);
  });
});
