// The kiosk and the counter screen in Chromium started in kiosk mode (--kiosk), against the platform started
// as the README starts it: finder (engine ranking), assistant, queue number, counter call, inactivity reset.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserSkipReason, checkA11y, newContext } from './browser.ts';
import { browserSuite } from './flows.ts';
import { va } from '../../web/src/i18n/assistant.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('kiosk in Chromium kiosk mode', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  const e2e = browserSuite({ browserArgs: ['--kiosk'] });

  it('finds a procedure, answers a question, gives a queue number the counter calls, and resets when idle', async () => {
    const ctx = await newContext(e2e.browser, { baseURL: e2e.base });
    const page = await ctx.newPage();
    await page.goto('/kiosk?unit=07900&idle=25');
    await page.getByRole('heading', { level: 1, name: va.kiosk.title }).waitFor();
    await checkA11y(page, 'kiosk');
    // large touch targets
    const box = await page.getByRole('button', { name: va.kiosk.find }).boundingBox();
    assert.ok(box && box.height >= 100, 'the menu buttons are large');

    // finder: citizens' words, ranked by the engine
    await page.getByRole('button', { name: va.kiosk.find }).click();
    await page.getByLabel(va.kiosk.searchLabel).fill('lam giay khai sinh cho con');
    await page.getByRole('button', { name: va.kiosk.search, exact: true }).click();
    const first = page.locator('.kiosk-results li').first();
    await first.waitFor();
    assert.match(await first.innerText(), /1\.001193/);
    assert.equal(await first.getByRole('link', { name: va.kiosk.print }).getAttribute('href'), '/api/v1/assistant/posters/1.001193');

    // assistant
    await page.getByRole('button', { name: va.kiosk.home }).click();
    await page.getByRole('button', { name: va.kiosk.ask }).click();
    await page.getByLabel(va.label).fill('mất căn cước làm lại thế nào');
    await page.keyboard.press('Enter');
    await page.locator('.chat-bot').nth(1).waitFor();
    assert.match(await page.locator('.chat-bot').nth(1).innerText(), /căn cước/i);
    await checkA11y(page, 'kiosk-assistant');

    // queue number, then the counter calls it
    await page.getByRole('button', { name: va.kiosk.home }).click();
    await page.getByRole('button', { name: va.kiosk.queue }).click();
    await page.getByRole('button', { name: va.kiosk.counters[0]! }).click();
    const number = Number(await page.getByTestId('ticket').innerText());
    assert.ok(number >= 1);

    const officer = await newContext(e2e.browser, { baseURL: e2e.base });
    const r = await officer.request.post('/api/v1/auth/login', { data: { username: 'tn.viettri', password: 'LienThong@2025' } });
    assert.equal(r.status(), 200);
    const csrf = (await r.json()).csrfToken as string;
    const counter = await officer.newPage();
    await counter.setExtraHTTPHeaders({ 'x-csrf-token': csrf });
    await counter.goto('/kiosk/quay?unit=07900');
    await counter.getByRole('button', { name: va.counter.next }).click();
    await counter.waitForFunction((n) => document.querySelector('[data-testid="calling"]')?.textContent === String(n), number);
    await checkA11y(counter, 'counter-screen');

    // nobody touches the kiosk: it returns to its home screen
    await page.waitForFunction(() => document.querySelector('main.kiosk')?.getAttribute('data-screen') === 'home', undefined, { timeout: 90_000 });
    await page.getByRole('button', { name: va.kiosk.queue }).waitFor();
    await ctx.close();
    await officer.close();
  });
});
