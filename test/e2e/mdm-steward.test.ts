// The data steward's journey in a real browser, as the README tells it: the demo legacy sources are merged
// by `lienthong mdm run` (the YAML run file), then `dl.tinh` opens /can-bo/du-lieu, reads a doubtful pair
// side by side with its match weights explained, merges it, undoes the merge, merges again, opens the golden
// record with the lineage of each value, splits a source record off and undoes the split, and marks another
// pair as two different people; the golden records are exported with lineage, and a counter official finds
// a citizen's golden record while receiving a dossier. Each screen is checked with axe.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { vi } from '../../web/src/i18n/vi.ts';
import { browserSkipReason, checkA11y, launchBrowser, root, seededDataDir, startPlatform, type Platform } from './browser.ts';
import { demoPeople, openSession, signInOfficial, type Session } from './flows.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** `lienthong …` on a data folder of its own, before the server opens it (PGlite is one process). */
function cli(dataDir: string, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/lienthong.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  });
  assert.equal(r.status, 0, `lienthong ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function status(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

describe('the data steward reviews, merges, splits and undoes, in Chromium', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  let platform: Platform;
  let browser: Browser;
  let s: Session;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-e2e-mdm-'));

  before(async () => {
    fs.cpSync(seededDataDir(true), dataDir, { recursive: true }); // what `lienthong seed` makes, made once per run
    const out = cli(dataDir, ['mdm', 'run', '--config', 'examples/mdm/mdm-run.yaml']);
    assert.match(out, /cặp chờ xem xét: [1-9]/, out);
    platform = await startPlatform({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    s = await openSession(browser, platform.url);
    const steward = demoPeople().find((p) => p.username === 'dl.tinh');
    assert.ok(steward, 'the demo data steward dl.tinh');
    await signInOfficial(s, steward, { form: false });
  });

  after(async () => {
    if (s?.errors.length) console.log(`# lỗi trang: ${s.errors.join(' | ')}`);
    await s?.ctx.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a doubtful pair side by side with its weights explained; merge, undo, merge; the golden record with lineage; split and undo; distinct', async () => {
    const { page } = s;
    await page.goto('/can-bo/du-lieu');
    await page.getByRole('heading', { level: 1, name: 'Dữ liệu chủ: công dân' }).waitFor();

    // the pair: both records' values in one table, and why the model hesitates
    const pair = page.getByRole('heading', { level: 3, name: /^Cặp 1 \/ \d+ · Công dân · Khả năng là một người: \d+,\d%$/ });
    await pair.waitFor();
    const total = Number(/\/ (\d+)/.exec((await pair.textContent())!)![1]);
    assert.ok(total >= 1);
    const table = page.getByRole('table', { name: 'Các cặp cần xem xét' });
    assert.equal(await table.getByRole('columnheader', { name: /^Bản ghi thứ nhất / }).count(), 1);
    assert.equal(await table.getByRole('columnheader', { name: /^Bản ghi thứ hai / }).count(), 1);
    const nameRow = await table.getByRole('row', { name: /^Họ tên/ }).textContent();
    assert.ok(nameRow && nameRow.length > 10, `the two names side by side: ${nameRow}`);
    const weights = page.getByRole('list', { name: 'Vì sao (trọng số so khớp, log₂)' }).getByRole('listitem');
    assert.ok((await weights.count()) >= 3);
    for (const w of await weights.allTextContents()) assert.match(w, /^(Họ tên|Ngày sinh|Số giấy tờ|Điện thoại|Xã\/phường|Giới tính): .+ — [+-]?\d+(\.\d+)?/, w);
    const firstPair = await pair.textContent();
    await checkA11y(page, 'dữ liệu chủ: cặp cần xem xét');

    // merge, then undo: the pair is back at the head of the queue
    await page.getByRole('button', { name: 'Cùng một người — hợp nhất' }).click();
    await status(page, 'Đã hợp nhất hai bản ghi.');
    await page.getByRole('button', { name: 'Hoàn tác' }).click();
    await status(page, 'Đã hoàn tác.');
    await page.getByRole('heading', { level: 3, name: firstPair! }).waitFor();

    // merge again and open the golden record the two now share
    await page.getByRole('button', { name: 'Cùng một người — hợp nhất' }).click();
    await status(page, 'Đã hợp nhất hai bản ghi.');
    await page.getByRole('button', { name: 'Xem bản ghi gốc' }).click();
    const golden = page.getByRole('heading', { level: 3, name: /^Bản ghi gốc: / });
    await golden.waitFor();
    const section = page.locator('section', { has: golden });
    const lineage = await section.getByRole('table').getByRole('row', { name: /^Họ tên/ }).textContent();
    assert.match(lineage!, /[a-z0-9-]+:[^ ]+ \((giá trị duy nhất|các nguồn thống nhất|giá trị hợp lệ hơn|đầy đủ hơn|nhiều nguồn cùng giá trị|nguồn tin cậy hơn|cập nhật gần nhất|cán bộ quyết định)\)/, lineage!);
    const splits = section.getByRole('button', { name: /^Tách .+ khỏi bản ghi gốc$/ });
    const before = await splits.count();
    assert.ok(before >= 2, `the merged golden record has ${before} source records`);
    await checkA11y(page, 'dữ liệu chủ: bản ghi gốc');

    // split the last source record off, then undo the split
    const last = (await splits.nth(before - 1).getAttribute('aria-label'))!;
    await splits.nth(before - 1).click();
    await section.getByRole('status').filter({ hasText: 'Đã tách bản ghi nguồn thành một bản ghi gốc riêng.' }).waitFor();
    await page.waitForFunction(([n]) => document.querySelectorAll('section button[aria-label^="Tách "]').length === n, [before - 1] as const);
    assert.equal(await section.getByRole('button', { name: last }).count(), 0);
    await section.getByRole('button', { name: 'Hoàn tác' }).click();
    await section.getByRole('status').filter({ hasText: 'Đã hoàn tác.' }).waitFor();
    await section.getByRole('button', { name: last }).waitFor();
    assert.equal(await splits.count(), before);

    // the next pair: two different people
    if (total > 1) {
      const next = page.getByRole('heading', { level: 3, name: /^Cặp 1 \/ \d+ · / });
      await next.waitFor();
      await page.getByRole('button', { name: 'Hai người khác nhau' }).click();
      await status(page, 'Đã ghi nhận là hai bản ghi khác nhau.');
    }

    // the same golden record is found by name in the search
    const name = (await golden.textContent())!.replace(/^Bản ghi gốc: /, '');
    await page.getByLabel('Tìm bản ghi gốc (họ tên có dấu hoặc số định danh)').fill(name);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().waitFor();
    await checkA11y(page, 'dữ liệu chủ: tìm bản ghi gốc');
    assert.deepEqual(s.errors, []);
  });

  it('the golden records export with lineage, and a counter official finds a citizen\'s golden record while receiving', async () => {
    const csv = await s.ctx.request.get('/api/v1/mdm/export.csv');
    assert.equal(csv.status(), 200);
    const lines = (await csv.text()).split('\n');
    const header = lines[0]!.split(',');
    assert.ok(header.includes('lineage_full_name'));
    const col = (row: string[], name: string) => row[header.indexOf(name)]!;
    // a golden record with a personal id and a plain name (no comma or quote in the CSV line)
    const row = lines
      .slice(1)
      .map((l) => l.split(','))
      .find((r) => r.length === header.length && /^\d{12}$/.test(col(r, 'personal_id')) && col(r, 'full_name').length > 5)!;
    assert.ok(row, 'a golden record with a personal id');
    const [fullName, personalId] = [col(row, 'full_name'), col(row, 'personal_id')];

    const counter = await openSession(browser, platform.url);
    try {
      const officer = demoPeople().find((p) => p.username === 'tn.viettri')!;
      await signInOfficial(counter, officer, { form: false });
      const { page } = counter;
      await page.goto('/can-bo/tiep-nhan');
      await page.getByRole('heading', { level: 1, name: vi.office.counterTitle }).waitFor();
      await page.getByLabel(vi.office.counterProcedure).fill('đăng ký khai sinh');
      await page.locator('li', { hasText: '1.001193' }).getByRole('button').click();
      // what the citizen says: the name without diacritics and the id
      await page.getByLabel(vi.apply.fullName).fill(fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd'));
      await page.getByLabel(new RegExp(vi.apply.idNumber)).fill(personalId);
      await page.getByRole('button', { name: 'Tìm trong dữ liệu công dân của tỉnh' }).click();
      const found = page.getByRole('list', { name: 'Tìm trong dữ liệu công dân của tỉnh' }).getByRole('listitem').filter({ hasText: personalId });
      await found.first().waitFor();
      await checkA11y(page, 'quầy: tìm bản ghi gốc');
      await found.first().getByRole('button', { name: 'Dùng thông tin này' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã điền thông tin người nộp từ bản ghi gốc.' }).waitFor();
      assert.equal(await page.getByLabel(vi.apply.fullName).inputValue(), fullName, 'the applicant takes the golden name, with its diacritics');
      assert.equal(await page.getByLabel(new RegExp(vi.apply.idNumber)).inputValue(), personalId);
      assert.deepEqual(counter.errors, []);
    } finally {
      await counter.ctx.close();
    }
  });
});
