import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { signIn } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';
import { asker, fakeZalo } from './helpers/assistant.ts';

/**
 * Feedback from the assistant, Zalo and the hotline (issue 12 §2, issue 14's call center): a person who
 * reports a problem to the assistant is asked for the commune and a contact, shown where it will go and
 * the report is filed through the feedback module only after "đồng ý" (channel 'assistant' or 'zalo');
 * "hủy" or another question files nothing. The hotline operator turns a call into a report (channel
 * 'phone') in one click.
 */
describe('feedback from the assistant, Zalo and the call center', async () => {
  const zalo = await fakeZalo();
  const { rt, app } = await testRuntime({ demo: true, env: zalo.env });
  const ask = asker(app);
  const reports = async (channel: string) => (await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback.report WHERE channel = $1`, [channel])).rows[0]!.n;

  it('asks for the commune and a contact, shows where it goes, and files only after "đồng ý"', async () => {
    const a1 = await ask('đèn đường ở thôn 3 bị hỏng mấy hôm nay');
    assert.equal(a1.intent, 'report');
    assert.match(a1.answer, /Điện, nước, hạ tầng/);
    assert.match(a1.answer, /xã, phường nào/);
    const a2 = await ask('xã Hy Cương', a1.session);
    assert.equal(a2.intent, 'report');
    assert.match(a2.answer, /thôn 3, Xã Hy Cương/);
    assert.match(a2.answer, /số điện thoại hoặc thư điện tử/);
    const a3 = await ask('sđt của tôi là 0912 345 678', a1.session);
    assert.match(a3.answer, /tới .*Hy Cương/);
    assert.match(a3.answer, /«đồng ý»/);
    assert.equal(await reports('assistant'), 0, 'nothing is filed before the person confirms');
    const a4 = await ask('đồng ý', a1.session);
    assert.equal(a4.intent, 'report');
    const m = a4.answer.match(/Đã gửi phản ánh (PA\d{2}-\d{6})[^]*\/phan-anh\/PA\d{2}-\d{6}\?k=([A-Za-z0-9_-]+)/);
    assert.ok(m, a4.answer);
    const t = await app.inject(`/api/v1/feedback/${m[1]}/track?k=${m[2]}`);
    assert.equal(t.statusCode, 200, t.body);
    const r = t.json();
    assert.equal(r.channel, 'assistant');
    assert.equal(r.category, 'dien_nuoc');
    assert.equal(r.place.communeCode, '08515');
    assert.equal(r.unit.code, '08515');
    assert.equal(r.textPublic, false, 'the text is published only when the person chooses it on the portal');
    assert.doesNotMatch(r.text, /0912/);
    const row = (await rt.ctx.db.query<{ contact_phone: string }>(`SELECT contact_phone FROM feedback.report WHERE code = $1`, [m[1]])).rows[0]!;
    assert.equal(row.contact_phone, '0912345678');
    assert.equal(await reports('assistant'), 1);
    // the confirmation is not repeated by a second "đồng ý"
    assert.notEqual((await ask('đồng ý', a1.session)).intent, 'report');
    assert.equal(await reports('assistant'), 1);
  });

  it('"hủy" or another question files nothing; procedure questions are not reports', async () => {
    const a1 = await ask('phản ánh rác thải tồn đọng ở tổ 5, phường Việt Trì, sđt 0987654321');
    assert.match(a1.answer, /Phường Việt Trì/);
    assert.match(a1.answer, /«đồng ý»/);
    assert.match(a1.answer, /\/phan-anh\/gui\?category=moi_truong/);
    assert.match((await ask('hủy', a1.session)).answer, /chưa được gửi/);
    assert.notEqual((await ask('đồng ý', a1.session)).intent, 'report');
    const b1 = await ask('phản ánh rác thải tồn đọng ở tổ 5, phường Việt Trì, sđt 0987654321');
    assert.notEqual((await ask('làm giấy khai sinh cho con', b1.session)).intent, 'report');
    assert.notEqual((await ask('đồng ý', b1.session)).intent, 'report');
    assert.equal(await reports('assistant'), 1);
    assert.equal((await ask('cấp lại thẻ bảo hiểm y tế bị hỏng')).intent === 'report', false);
    const bare = await ask('tôi muốn gửi phản ánh');
    assert.match(bare.answer, /Bạn muốn phản ánh việc gì/);
    assert.match((await ask('cống thoát nước ở ngõ 7 bị tắc, nước tràn ra đường', bare.session)).answer, /ngõ 7/);
  });

  it('Zalo: the same conversation, recorded as coming from Zalo', async () => {
    const say = async (text: string, n: number) => {
      const r = await zalo.deliver(app, zalo.event('zuser-fb', text, `fb${n}`));
      assert.equal(r.statusCode, 200, r.body);
      return zalo.sent.at(-1)!.body.message.text;
    };
    assert.match(await say('mặt đường ở đầu làng Hy Cương có nhiều ổ gà rất nguy hiểm', 1), /Giao thông/);
    assert.match(await say('thôn 2, xã Hy Cương, số điện thoại 0912000111', 2), /«đồng ý»/);
    assert.match(await say('đồng ý', 3), /Đã gửi phản ánh PA\d{2}-\d{6}/);
    const r = (await rt.ctx.db.query<{ channel: string; unit_code: string; category: string }>(`SELECT channel, unit_code, category FROM feedback.report WHERE channel = 'zalo'`)).rows;
    assert.deepEqual(r, [{ channel: 'zalo', unit_code: '08515', category: 'giao_thong' }]);
  });

  it('the hotline operator turns a call into a report in one click, with the caller’s contact', async () => {
    const tn = await signIn(app, 'tn.viettri');
    const body = {
      topic: 'complaint',
      note: 'Người gọi phản ánh nước thải',
      feedback: { category: 'moi_truong', text: 'Nước thải từ xưởng chế biến chảy ra mương tưới ở tổ 5.', address: 'tổ 5, phường Việt Trì', contact: { name: 'Trần Văn An', phone: '0913222333' } },
    };
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', payload: body })).statusCode, 401);
    const r = await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: body });
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json();
    assert.match(c.feedback_code, /^PA\d{2}-\d{6}$/);
    assert.equal(c.feedback.code, c.feedback_code);
    assert.match(c.feedback.unitName, /Việt Trì/);
    const d = (await app.inject({ url: `/api/v1/feedback/${c.feedback_code}`, headers: tn.headers })).json();
    assert.equal(d.channel, 'phone');
    assert.equal(d.reporter.phone, '0913222333');
    assert.equal(d.reporter.name, 'Trần Văn An');
    const msgs = await rt.ctx.services.notifications!.list({ limit: 50 });
    assert.ok(msgs.some((m) => m.template === 'feedback_received' && m.channel === 'sms'), 'the caller gets the receipt with the tracking link');
    // a report belongs to a complaint call; bad input is refused and nothing is written
    const before = await reports('phone');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: { ...body, topic: 'procedure' } })).statusCode, 422);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: { ...body, feedback: { ...body.feedback, category: 'khong_co' } } })).statusCode, 422);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: { ...body, feedback: { ...body.feedback, contact: {} } } })).statusCode, 422);
    assert.equal(await reports('phone'), before);
    const calls = (await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assistant.call_log WHERE feedback_code IS NOT NULL`)).rows[0]!.n;
    assert.equal(calls, 1);
  });

  it('a report not taken up within 2 working days alerts its unit once (the sweep)', async () => {
    const tn = await signIn(app, 'tn.viettri');
    const code = (await rt.ctx.db.query<{ code: string }>(`SELECT code FROM feedback.report WHERE channel = 'phone' AND unit_code = '07900'`)).rows[0]!.code;
    const later = new Date(Date.now() + 6 * 86400_000);
    const first = await rt.ctx.services.feedback!.sweep(later);
    assert.ok(first.acceptLate >= 1, JSON.stringify(first));
    assert.equal((await rt.ctx.services.feedback!.sweep(later)).acceptLate, 0, 'once');
    const d = (await app.inject({ url: `/api/v1/feedback/${code}`, headers: tn.headers })).json();
    assert.ok(d.timeline.some((e: { action: string; label: string }) => e.action === 'accept_overdue' && /quá 2 ngày làm việc/.test(e.label)), JSON.stringify(d.timeline));
    // accepting it ends the alert; the answer is not late yet
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/feedback/${code}/actions/accept`, headers: tn.headers, payload: {} })).statusCode, 200);
    assert.equal((await rt.ctx.services.feedback!.sweep(new Date(Date.now() + 7 * 86400_000))).acceptLate, 0);
  });
});
