import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { createRephraser } from '../src/modules/assistant/llm.ts';
import { createAssistantService } from '../src/modules/assistant/service.ts';
import { signIn } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';
import { asker, fakeChatModel, fakeZalo } from './helpers/assistant.ts';

/**
 * The assistant on the whole platform (real catalogue, demo province): the portal search ranks through the
 * engine, POST /api/v1/assistant/ask answers from facts with follow-ups and refusals, officials manage the
 * FAQ (audited) and see the weak questions, and the LLM connector is guarded (a local fake server).
 */
describe('assistant API', async () => {
  const zalo = await fakeZalo();
  const { rt, app } = await testRuntime({ demo: true, env: zalo.env });
  const ask = asker(app);

  it('the portal search uses the engine and keeps its response shape', async () => {
    const r = await app.inject(`/api/v1/procedures?q=${encodeURIComponent('lam giay khai sinh cho con')}&page_size=5`);
    assert.equal(r.statusCode, 200);
    const b = r.json();
    assert.equal(b.items[0].code, '1.001193');
    assert.ok(b.total >= 1 && b.facets.level.length > 0 && b.page === 1 && b.page_size === 5);
    const so = (await app.inject(`/api/v1/procedures?q=${encodeURIComponent('cấp sổ đỏ')}`)).json();
    assert.match(so.items[0].name, /Giấy chứng nhận quyền sử dụng đất/);
    // the catalogue's own search still answers codes and browsing
    assert.equal((await app.inject('/api/v1/procedures?q=1.004222')).json().items[0].code, '1.004222');
    assert.equal((await app.inject('/api/v1/procedures?page_size=3')).json().match, 'all');
    // filters apply to the engine's results
    const lv = (await app.inject(`/api/v1/procedures?q=${encodeURIComponent('hộ chiếu')}&level=ministry`)).json();
    assert.ok(lv.items.every((i: { levels: string[] }) => i.levels.includes('ministry')));
  });

  it('answers a procedure question with facts, then a follow-up on the same procedure', async () => {
    const a = await ask('làm giấy khai sinh cho con');
    assert.equal(a.intent, 'find');
    assert.equal(a.procedures[0]!.code, '1.001193');
    assert.ok(a.confidence >= 0.5);
    assert.match(a.answer, /1\.001193/);
    assert.match(a.answer, /\/thu-tuc\/1\.001193/);
    const b = await ask('phí bao nhiêu?', a.session);
    assert.equal(b.intent, 'property');
    assert.equal(b.session, a.session);
    assert.equal(b.procedures[0]!.code, '1.001193');
    assert.match(b.answer, /phí/i);
    const c = await ask('cần giấy tờ gì', a.session);
    assert.match(c.answer, /hồ sơ gồm|không liệt kê/);
  });

  it('keeps the conversation in the database: a follow-up answered by another process, forgotten after 30 minutes', async () => {
    // a second assistant on the same database stands for a second process behind the load balancer
    const other = createAssistantService(rt.ctx);
    const a = await ask('làm giấy khai sinh cho con');
    const b = await other.ask({ question: 'phí bao nhiêu?', session: a.session });
    assert.equal(b.intent, 'property');
    assert.equal(b.procedures[0]!.code, '1.001193');
    // choices offered by one process, picked at the other
    const vague = await other.ask({ question: 'đăng ký' });
    assert.ok(vague.confidence < 0.5 && vague.procedures.length >= 2);
    const picked = await ask('số 2', vague.session);
    assert.equal(picked.procedures[0]!.code, vague.procedures[1]!.code);
    // a greeting keeps nothing; an unused conversation is forgotten, then purged
    const hello = await ask('xin chào');
    assert.equal((await rt.ctx.db.query('SELECT 1 FROM assistant.session WHERE id = $1', [hello.session])).rows.length, 0);
    await rt.ctx.db.query(`UPDATE assistant.session SET updated_at = now() - interval '31 minutes' WHERE id = $1`, [a.session]);
    const c = await ask('phí bao nhiêu?', a.session);
    assert.notEqual(c.intent, 'property');
    await rt.ctx.db.query(`UPDATE assistant.session SET updated_at = now() - interval '31 minutes' WHERE id = $1`, [a.session]);
    assert.ok((await other.purgeSessions()) >= 1);
    assert.equal((await rt.ctx.db.query('SELECT 1 FROM assistant.session WHERE id = $1', [a.session])).rows.length, 0);
  });

  it('offers choices or the hotline instead of guessing, and keeps those questions for officials', async () => {
    const vague = await ask('đăng ký');
    assert.ok(vague.confidence < 0.5);
    assert.match(vague.answer, /1\)/);
    const out = await ask('kể chuyện cười đi');
    assert.equal(out.intent, 'out_of_scope');
    assert.equal(out.procedures.length, 0);
    assert.match(out.answer, /1900 0000/); // the demo's hotline, from the contact facts
    const greet = await ask('xin chào');
    assert.equal(greet.intent, 'greeting');

    const admin = await signIn(app, 'qtv.tinh');
    const top = await app.inject({ url: '/api/v1/assistant/questions/top', headers: admin.headers });
    assert.equal(top.statusCode, 200);
    assert.ok(top.json().some((q: { folded: string; unanswered: number }) => q.folded === 'ke chuyen cuoi di' && q.unanswered >= 1));
    assert.equal((await app.inject('/api/v1/assistant/questions/top')).statusCode, 401);
  });

  it('tracks a dossier by code with the public check (no personal data)', async () => {
    const row = (await rt.ctx.db.query<{ code: string }>(`SELECT code FROM dossiers.dossier WHERE status <> 'draft' ORDER BY code LIMIT 1`)).rows[0];
    assert.ok(row);
    const t = await ask(`tra cứu hồ sơ ${row.code}`);
    assert.equal(t.intent, 'track');
    assert.match(t.answer, new RegExp(row.code.replace(/\./g, '\\.')));
    // the public tracking view names the procedure by code, so the tracking page lists its related procedures
    const view = (await app.inject(`/api/v1/track/${encodeURIComponent(row.code)}`)).json() as { procedureCode: string; details: unknown };
    assert.match(view.procedureCode, /^\d\.\d{6}$/);
    assert.equal(view.details, null);
    assert.equal((await app.inject(`/api/v1/assistant/related/${view.procedureCode}`)).statusCode, 200);
    const missing = await ask('hồ sơ H25.99-260101-9999 đến đâu rồi');
    assert.match(missing.answer, /Không tìm thấy hồ sơ/);
  });

  it('officials create, approve and retire FAQ entries (audited); approved ones answer', async () => {
    const admin = await signIn(app, 'qtv.tinh');
    const c = await app.inject({ method: 'POST', url: '/api/v1/assistant/faq', headers: admin.headers, payload: { question: 'Bộ phận một cửa có làm việc thứ bảy không?', answer: 'Có, sáng thứ bảy từ 7 giờ 30 đến 11 giờ 30.' } });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id;
    assert.notEqual((await ask('bộ phận một cửa có làm việc thứ bảy không')).intent, 'faq'); // a draft does not answer
    const ap = await app.inject({ method: 'PATCH', url: `/api/v1/assistant/faq/${id}`, headers: admin.headers, payload: { status: 'approved' } });
    assert.equal(ap.statusCode, 200);
    const f = await ask('bo phan mot cua co lam viec thu bay khong');
    assert.equal(f.intent, 'faq');
    assert.match(f.answer, /sáng thứ bảy/);
    await app.inject({ method: 'PATCH', url: `/api/v1/assistant/faq/${id}`, headers: admin.headers, payload: { status: 'retired' } });
    assert.notEqual((await ask('bộ phận một cửa có làm việc thứ bảy không')).intent, 'faq');
    const audit = await rt.ctx.db.query<{ action: string }>(`SELECT action FROM audit.record WHERE target = $1 ORDER BY id`, [`faq:${id}`]);
    assert.deepEqual(audit.rows.map((r) => r.action), ['assistant.faq.create', 'assistant.faq.approve', 'assistant.faq.retire']);
    const citizenTry = await app.inject({ method: 'POST', url: '/api/v1/assistant/faq', payload: { question: 'abc?', answer: 'def' } });
    assert.equal(citizenTry.statusCode, 401);
  });

  it('officials extend the vocabulary and the engine uses it', async () => {
    const admin = await signIn(app, 'qtv.tinh');
    assert.notEqual((await ask('làm giấy hồng cho bé')).procedures[0]?.code, '1.001193');
    const v = await app.inject({ method: 'POST', url: '/api/v1/assistant/vocabulary', headers: admin.headers, payload: { kind: 'rewrite', phrase: 'giấy hồng', target: 'đăng ký khai sinh' } });
    assert.equal(v.statusCode, 201, v.body);
    assert.equal((await ask('làm giấy hồng cho bé')).procedures[0]?.code, '1.001193');
    // edited (the words, then off), every change audited
    const id = v.json().id as number;
    const ed = await app.inject({ method: 'PATCH', url: `/api/v1/assistant/vocabulary/${id}`, headers: admin.headers, payload: { phrase: 'tờ hồng' } });
    assert.equal(ed.statusCode, 204, ed.body);
    assert.equal((await ask('làm tờ hồng cho bé')).procedures[0]?.code, '1.001193');
    assert.equal((await app.inject({ method: 'PATCH', url: `/api/v1/assistant/vocabulary/${id}`, headers: admin.headers, payload: { target: '' } })).statusCode, 422);
    assert.equal((await app.inject({ method: 'PATCH', url: `/api/v1/assistant/vocabulary/${id}`, headers: admin.headers, payload: {} })).statusCode, 400);
    assert.equal((await app.inject({ method: 'PATCH', url: `/api/v1/assistant/vocabulary/${id}`, headers: admin.headers, payload: { active: false } })).statusCode, 204);
    assert.notEqual((await ask('làm tờ hồng cho bé')).procedures[0]?.code, '1.001193');
    const list = (await app.inject({ url: '/api/v1/assistant/vocabulary', headers: admin.headers })).json() as { id: number; phrase: string; active: boolean }[];
    assert.deepEqual(list.filter((x) => x.id === id).map((x) => [x.phrase, x.active]), [['tờ hồng', false]]);
    const audit = await rt.ctx.db.query<{ action: string }>(`SELECT action FROM audit.record WHERE target = $1 ORDER BY id`, [`vocabulary:${id}`]);
    assert.deepEqual(audit.rows.map((r) => r.action), ['assistant.vocabulary.create', 'assistant.vocabulary.update', 'assistant.vocabulary.retire']);
    // a trigger phrase goes to a life event the engine knows
    const events = (await app.inject({ url: '/api/v1/assistant/life-events', headers: admin.headers })).json() as { id: string; procedures: { code: string }[] }[];
    assert.ok(events.find((e) => e.id === 'birth')?.procedures.some((p) => p.code === '1.001193'));
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/vocabulary', headers: admin.headers, payload: { kind: 'event', phrase: 'đón em bé', target: 'wedding' } })).statusCode, 422);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/vocabulary', headers: admin.headers, payload: { kind: 'event', phrase: 'đón em bé', target: 'birth' } })).statusCode, 201);
  });

  it('rejects bad input with 400, never 500', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/ask', payload: { question: '' } })).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/ask', payload: { question: 'a', session: 'x' } })).statusCode, 400);
    assert.equal((await app.inject('/api/v1/assistant/related/abc')).statusCode, 400);
    const rel = (await app.inject('/api/v1/assistant/related/1.001193')).json();
    assert.ok(rel.some((e: { procedures: { code: string }[] }) => e.procedures.some((p) => p.code === '2.000986')));
  });

  it('the LLM connector may only rephrase: invented numbers are refused (local fake server)', async () => {
    const model = await fakeChatModel();
    const rp = createRephraser({ url: model.url, model: 'x', apiKey: null, timeoutMs: 3000 });
    const answer = 'Thủ tục đăng ký khai sinh (mã 1.001193): miễn phí, giải quyết ngay trong ngày.';
    model.reply = 'Khai sinh (1.001193) được miễn phí và làm ngay trong ngày bạn nhé.';
    assert.deepEqual(await rp.rephrase('q', answer, answer), { text: model.reply, used: true, refused: [] });
    model.reply = 'Khai sinh (1.001193) mất 50.000 đồng, 3 ngày.';
    const refused = await rp.rephrase('q', answer, answer);
    assert.equal(refused.used, false);
    assert.equal(refused.text, answer);
    assert.deepEqual(refused.refused.sort(), ['3', '50000']);
    // the chat completions API, with the instructions and the question
    assert.deepEqual(
      model.calls.map((c) => [c.url, c.messages.length]),
      [
        ['/v1/chat/completions', 2],
        ['/v1/chat/completions', 2],
      ],
    );
    // unreachable model: the composed answer stands
    const down = createRephraser({ url: 'http://127.0.0.1:9/v1', model: 'x', apiKey: null, timeoutMs: 500 });
    assert.equal((await down.rephrase('q', 'Câu trả lời 1.', 'Câu trả lời 1.')).used, false);
  });

  it('with ASSISTANT_LLM_URL set, ask lets the model only reword: invented numbers are refused (local fake server)', async () => {
    const model = await fakeChatModel();
    const user = (i: number) => model.calls[i]!.messages[1]!.content;
    // the same platform with the model configured (a second assistant over the same database)
    const withModel = createAssistantService({ ...rt.ctx, config: { ...rt.ctx.config, env: { ...rt.ctx.config.env, ASSISTANT_LLM_URL: model.url, ASSISTANT_LLM_API_KEY: 'k-test' } } });
    const plain = await ask('làm giấy khai sinh cho con');
    model.reply = 'Bạn cần làm thủ tục đăng ký khai sinh (mã 1.001193) tại xã, phường nơi cư trú.';
    const reworded = await withModel.ask({ question: 'làm giấy khai sinh cho con' });
    assert.equal(reworded.answer, model.reply);
    assert.equal(model.calls.length, 1);
    assert.equal(model.calls[0]!.authorization, 'Bearer k-test');
    assert.ok(user(0).includes(plain.answer), 'the model receives the composed answer');
    assert.match(user(0), /Dữ kiện: .*1\.001193/s);
    model.reply = 'Đăng ký khai sinh (mã 1.001193) mất 50.000 đồng và 3 ngày.';
    const guarded = await withModel.ask({ question: 'làm giấy khai sinh cho con' });
    assert.equal(guarded.answer, plain.answer, 'an invented fee or time limit is refused: the composed answer stands');
    assert.match(guarded.answer, /Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính/);
    // nothing is sent to the model when the assistant is unsure or out of scope
    await withModel.ask({ question: 'kể chuyện cười đi' });
    assert.equal(model.calls.length, 2);
  });

  it('answers a Zalo message whose signature verifies, through the OA API; refuses a forged one', async () => {
    const message = zalo.event('zuser-1', 'lam giay khai sinh cho con', 'm1');
    const forged = await zalo.deliver(app, { ...message, headers: { ...message.headers, 'x-zevent-signature': `mac=${'0'.repeat(64)}` } });
    assert.equal(forged.statusCode, 401);
    assert.equal(zalo.sent.length, 0);
    const ok = await zalo.deliver(app, message);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { ok: true, replied: true });
    assert.equal(zalo.sent.length, 1);
    assert.equal(zalo.sent[0]!.token, 'oa-token');
    assert.equal(zalo.sent[0]!.body.recipient.user_id, 'zuser-1');
    assert.match(zalo.sent[0]!.body.message.text, /1\.001193/);
    // the same signed message delivered again (a retry, a replay): not answered twice
    const again = await zalo.deliver(app, message);
    assert.deepEqual(again.json(), { ok: true, replied: false });
    assert.equal(zalo.sent.length, 1);
    // a follow-up from the same user continues the conversation
    await zalo.deliver(app, zalo.event('zuser-1', 'phí bao nhiêu', 'm2'));
    assert.equal(zalo.sent.length, 2);
    assert.match(zalo.sent[1]!.body.message.text, /khai sinh/i);
    assert.match(zalo.sent[1]!.body.message.text, /phí/i);
  });

  it('prints an A4 poster per procedure and a batch per service center', async () => {
    const one = await app.inject('/api/v1/assistant/posters/1.001193');
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(one.rawPayload);
    assert.equal(doc.getPageCount(), 1);
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    assert.deepEqual([Math.round(w), Math.round(h)], [595, 842]);
    assert.equal((await app.inject('/api/v1/assistant/posters/9.999999')).statusCode, 404);
    assert.equal((await app.inject('/api/v1/assistant/posters?unit=07900')).statusCode, 401);
    const tn = await signIn(app, 'tn.viettri');
    const batch = await app.inject({ url: '/api/v1/assistant/posters?unit=07900&limit=3', headers: tn.headers });
    assert.equal(batch.statusCode, 200, batch.body.slice(0, 300));
    assert.equal((await PDFDocument.load(batch.rawPayload)).getPageCount(), 3);
  });

  it('issues queue numbers at a kiosk and lets the unit\u2019s receiving officer call the next', async () => {
    const take = (counter: number) => app.inject({ method: 'POST', url: '/api/v1/assistant/queue/07900/tickets', payload: { counter } });
    const a = (await take(0)).json();
    const b = (await take(1)).json();
    assert.equal(b.number, a.number + 1);
    assert.equal(b.waiting, a.waiting + 1);
    assert.equal((await take(12)).statusCode, 400);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/queue/07900/call' })).statusCode, 401);
    const other = await signIn(app, 'tn.snnmt');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/queue/07900/call', headers: other.headers })).statusCode, 403);
    const tn = await signIn(app, 'tn.viettri');
    const called = await app.inject({ method: 'POST', url: '/api/v1/assistant/queue/07900/call', headers: tn.headers });
    assert.equal(called.statusCode, 200, called.body);
    assert.deepEqual(called.json(), { number: a.number, counter: 0 });
    const state = (await app.inject('/api/v1/assistant/queue/07900')).json();
    assert.equal(state.calling, a.number);
    assert.equal(state.waiting, 1);
  });

  it('logs a hotline call in one click (officials only, audited)', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', payload: { topic: 'procedure' } })).statusCode, 401);
    const tn = await signIn(app, 'tn.viettri');
    const r = await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: { topic: 'dossier', dossier_code: 'H25.01-261125-0001', note: 'Hỏi hạn trả kết quả' } });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().topic, 'dossier');
    const audit = await rt.ctx.db.query<{ action: string }>(`SELECT action FROM audit.record WHERE target = $1`, [`call:${r.json().id}`]);
    assert.deepEqual(audit.rows.map((x) => x.action), ['assistant.call.log']);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/assistant/calls', headers: tn.headers, payload: { topic: 'x' } })).statusCode, 400);
  });

  it('keeps a logged question for ASSISTANT_QUESTION_LOG_DAYS (180 by default), then deletes it', async () => {
    await ask('xin cấp giấy phép nuôi rồng ở ao làng');
    const logged = await rt.ctx.db.query<{ id: string }>(`SELECT id FROM assistant.question_log WHERE question LIKE '%nuôi rồng%'`);
    assert.equal(logged.rows.length, 1, 'the weak question is logged');
    const purge = (at: Date) => rt.ctx.services.assistant!.purge(at);
    const day = 86_400_000;
    assert.equal((await purge(new Date(Date.now() + 179 * day))).questions, 0, 'kept for 179 days');
    const all = (await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assistant.question_log`)).rows[0]!.n;
    assert.equal((await purge(new Date(Date.now() + 181 * day))).questions, all, 'every question older than 180 days is deleted');
    assert.equal((await rt.ctx.db.query(`SELECT 1 FROM assistant.question_log`)).rows.length, 0);
  });
});
