// The assistant's back-office pages in Chromium (issue 14, "officials manage the FAQ and vocabulary and see
// unanswered questions"), against the platform started as the README starts it; every page checked with
// axe-core. Questions citizens asked reach the "questions" page; one click turns one into a FAQ draft, which
// is approved (then the assistant answers with it), edited and retired; another becomes a vocabulary entry
// the engine uses at once, edited and turned off. A leader sees the questions but cannot manage. The
// procedure page, rendered on the server, lists the related procedures of the same life event. The chat
// widget on a citizen page is used from the keyboard only, with a follow-up question.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { vo } from '../../web/src/i18n/assistant-office.ts';
import { va } from '../../web/src/i18n/assistant.ts';
import { browserSkipReason, checkA11y } from './browser.ts';
import { browserSuite, signInOfficial } from './flows.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('assistant back office and chat widget in Chromium', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  const e2e = browserSuite({ pageErrors: 'fail' });
  const { person, session } = e2e;
  const ask = async (question: string) => {
    const r = await fetch(`${e2e.base}/api/v1/assistant/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    assert.equal(r.status, 200, await r.clone().text());
    return (await r.json()) as { intent: string; answer: string; procedures: { code: string }[]; confidence: number };
  };

  it('a data steward turns unanswered questions into a FAQ entry and a vocabulary entry', async () => {
    const saturday = 'bộ phận một cửa có làm việc thứ bảy không';
    const pink = 'làm giấy hồng cho bé';
    assert.notEqual((await ask(saturday)).intent, 'faq');
    assert.notEqual((await ask(pink)).procedures[0]?.code, '1.001193');

    const s = await session();
    const { page } = s;
    await signInOfficial(s, person('dl.tinh'), { form: false });
    await page.goto('/can-bo');
    await page.getByRole('link', { name: vo.nav }).click();
    await page.getByRole('heading', { level: 1, name: vo.questions.title }).waitFor();
    await page.getByRole('cell', { name: saturday, exact: true }).waitFor();
    await checkA11y(page, 'assistant-questions');

    // one click: the FAQ form, with the question filled in
    await page.getByRole('link', { name: `${vo.questions.toFaq}: ${saturday}` }).click();
    await page.getByRole('heading', { level: 1, name: vo.faq.title }).waitFor();
    assert.equal(await page.getByLabel(vo.faq.question, { exact: true }).inputValue(), saturday);
    // nothing half-written: an empty answer is refused beside the field
    await page.getByRole('button', { name: vo.faq.create }).click();
    await page.getByRole('alert').getByText(vo.faq.required.answer).waitFor();
    await checkA11y(page, 'assistant-faq-form-errors');
    await page.getByLabel(vo.faq.answer, { exact: true }).fill('Có, sáng thứ bảy từ 7 giờ 30 đến 11 giờ 30.');
    await page.getByRole('button', { name: vo.faq.create }).click();
    await page.getByRole('status').getByText(vo.faq.created).waitFor();
    const row = page.locator('tr', { has: page.getByRole('cell', { name: saturday, exact: true }) });
    await row.locator('.tag', { hasText: vo.faq.statuses.draft! }).waitFor();
    assert.notEqual((await ask(saturday)).intent, 'faq', 'a draft does not answer');

    await page.getByRole('button', { name: `${vo.faq.approve}: ${saturday}` }).click();
    await row.locator('.tag', { hasText: vo.faq.statuses.approved! }).waitFor();
    await checkA11y(page, 'assistant-faq');
    const answered = await ask('bo phan mot cua co lam viec thu bay khong');
    assert.equal(answered.intent, 'faq');
    assert.match(answered.answer, /sáng thứ bảy/);

    await page.getByRole('button', { name: `${vo.faq.editButton}: ${saturday}` }).click();
    await page.getByRole('heading', { level: 2, name: /Sửa câu hỏi số/ }).waitFor();
    await page.getByLabel(vo.faq.answer, { exact: true }).fill('Có, sáng thứ bảy từ 8 giờ đến 11 giờ 30.');
    await page.getByRole('button', { name: vo.faq.save, exact: true }).click();
    await page.getByRole('status').getByText(vo.faq.saved).waitFor();
    assert.match((await ask(saturday)).answer, /8 giờ đến 11 giờ 30/);
    await page.getByRole('button', { name: `${vo.faq.retire}: ${saturday}` }).click();
    await row.locator('.tag', { hasText: vo.faq.statuses.retired! }).waitFor();
    assert.notEqual((await ask(saturday)).intent, 'faq', 'a retired entry no longer answers');

    // the vocabulary, from the questions page (every question, not only the weak ones)
    await page.getByRole('navigation', { name: vo.sectionsLabel }).getByRole('link', { name: vo.sections.questions }).click();
    await page.getByLabel(vo.questions.all, { exact: true }).check();
    await page.getByRole('link', { name: `${vo.questions.toVocabulary}: ${pink}` }).click();
    await page.getByRole('heading', { level: 1, name: vo.vocabulary.title }).waitFor();
    assert.equal(await page.getByLabel(vo.vocabulary.phrase, { exact: true }).inputValue(), pink);
    await page.getByLabel(vo.vocabulary.phrase, { exact: true }).fill('giấy hồng');
    await page.getByLabel(vo.vocabulary.target, { exact: true }).fill('đăng ký khai sinh');
    await checkA11y(page, 'assistant-vocabulary-form');
    await page.getByRole('button', { name: vo.vocabulary.save }).click();
    await page.getByRole('status').getByText(vo.vocabulary.saved).waitFor();
    assert.equal((await ask(pink)).procedures[0]?.code, '1.001193', 'the engine uses the new words at once');

    await page.getByRole('button', { name: `${vo.vocabulary.editButton}: giấy hồng` }).click();
    await page.getByLabel(vo.vocabulary.phrase, { exact: true }).fill('tờ hồng');
    await page.getByRole('button', { name: vo.vocabulary.save }).click();
    await page.getByRole('cell', { name: 'tờ hồng', exact: true }).waitFor();
    assert.equal((await ask('làm tờ hồng cho bé')).procedures[0]?.code, '1.001193');
    await page.getByRole('button', { name: `${vo.vocabulary.off}: tờ hồng` }).click();
    await page.getByRole('button', { name: `${vo.vocabulary.on}: tờ hồng` }).waitFor();
    assert.notEqual((await ask('làm tờ hồng cho bé')).procedures[0]?.code, '1.001193');

    // a trigger phrase goes to a life event chosen from a list
    await page.getByRole('button', { name: vo.vocabulary.add }).click();
    await page.getByLabel(vo.vocabulary.kinds.event!, { exact: true }).check();
    await page.getByLabel(vo.vocabulary.phrase, { exact: true }).fill('đón em bé');
    await page.getByLabel(vo.vocabulary.event, { exact: true }).selectOption({ label: 'Sinh con' });
    await page.getByRole('button', { name: vo.vocabulary.save }).click();
    await page.getByRole('cell', { name: 'đón em bé', exact: true }).waitFor();
    await checkA11y(page, 'assistant-vocabulary');
  });

  it('a leader sees the questions but not the FAQ and vocabulary tools', async () => {
    const s = await session();
    const { page } = s;
    await signInOfficial(s, person('ld.viettri'), { form: false });
    await page.goto('/can-bo/tro-ly');
    await page.getByRole('heading', { level: 1, name: vo.questions.title }).waitFor();
    await page.getByRole('status').waitFor();
    assert.equal(await page.getByRole('link', { name: vo.sections.faq }).count(), 0);
    assert.equal(await page.getByRole('link', { name: new RegExp(vo.questions.toFaq) }).count(), 0);
    await checkA11y(page, 'assistant-questions-leader');
    // the unit's QR posters, one A4 page per procedure it receives
    const href = await page.getByRole('link', { name: vo.posters }).getAttribute('href');
    assert.match(href ?? '', /^\/api\/v1\/assistant\/posters\?unit=\w+/);
    const pdf = await s.ctx.request.get(href!, { timeout: 120_000 });
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.ok((await PDFDocument.load(await pdf.body())).getPageCount() > 1);
  });

  it('a receiving officer finds the same posters on the counter page', async () => {
    const s = await session();
    await signInOfficial(s, person('tn.viettri'), { form: false });
    await s.page.goto('/can-bo/tiep-nhan');
    // the same unit's posters as the leader's (read above): the link is enough here
    assert.equal(await s.page.getByRole('link', { name: vo.posters }).getAttribute('href'), '/api/v1/assistant/posters?unit=07900&limit=50');
  });

  it('the chat widget on a citizen page works from the keyboard, keeps the conversation and lets go with Escape', async () => {
    const s = await session();
    const { page } = s;
    await page.goto('/thu-tuc/1.004222');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const open = page.getByRole('button', { name: va.open });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: va.title });
    await dialog.waitFor();
    const field = dialog.getByRole('textbox', { name: va.label });
    await field.waitFor();
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'the focus is in the question field');
    await page.keyboard.type('lam giay khai sinh cho con');
    await page.keyboard.press('Enter');
    const bot = dialog.getByRole('log').locator('.chat-bot');
    await bot.nth(1).waitFor();
    assert.match(await bot.nth(1).innerText(), /1\.001193/);
    assert.match(await bot.nth(1).innerText(), /Nguồn:/);
    // a follow-up about the same procedure (the session travels with the question)
    await page.keyboard.type('phí bao nhiêu?');
    await page.keyboard.press('Enter');
    await bot.nth(2).waitFor();
    assert.match(await bot.nth(2).innerText(), /khai sinh/i);
    assert.match(await bot.nth(2).innerText(), /phí/i);
    await checkA11y(page, 'chat-widget');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await open.evaluate((el) => el === document.activeElement), 'the focus returns to the button');
  });

  it('the procedure page, rendered on the server, lists the related procedures of the same life event; the search helps narrow', async () => {
    const html = await (await fetch(`${e2e.base}/thu-tuc/1.001193`)).text();
    assert.ok(html.includes(va.related.title), 'the related procedures are in the server-rendered page');
    assert.match(html, /href="\/thu-tuc\/2\.000986"/);
    // the search says what it corrected, and how to narrow a long list
    const typo = await (await fetch(`${e2e.base}/thu-tuc?q=${encodeURIComponent('dang ky khai sihn')}`)).text();
    assert.match(typo, /Đã sửa lỗi gõ, tìm theo: “[^”]*khai sinh”/, 'the corrected words are said');
    const many = await (await fetch(`${e2e.base}/thu-tuc?q=${encodeURIComponent('đăng ký')}`)).text();
    assert.ok(many.includes('Để thu hẹp, chọn lĩnh vực'), 'a long list says how to narrow it');
  });
});
