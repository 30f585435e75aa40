// A counter reception in a real browser: the official converts the applicant's old address, takes in a
// birth registration whose documents depend on the declaration (only the documents that apply are asked
// and listed), receives it, and form 01 (the receipt paper), read with a real PDF reader (pdftotext), lists
// only the documents received. Also "Việc của tôi" and the internal comments on the dossier page.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { vi } from '../../web/src/i18n/vi.ts';
import { browserSkipReason, checkA11y } from './browser.ts';
import { browserSuite, fillForm, official, signInOfficial, type Session } from './flows.ts';

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
const skip = browserSkipReason() ?? (pdftotext ? null : 'pdftotext (poppler-utils) không có: bỏ qua kiểm thử quầy tiếp nhận');
if (skip) console.log(`# ${skip}`);

const ABANDONED = 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập';
const SURROGACY = 'Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ';
const CERTIFICATE = 'Giấy chứng sinh';

describe('counter reception with conditional documents, in Chromium', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  const e2e = browserSuite();
  let s: Session;

  before(async () => {
    s = await e2e.session();
    await signInOfficial(s, official(e2e.people, 'receiving_officer', '07900', 'Hộ tịch'), { form: false });
  });

  it('receives a birth registration asking only for the documents its declaration calls for; form 01 lists only those received', async () => {
    const { page } = s;
    await page.goto('/can-bo/tiep-nhan');
    await page.getByRole('heading', { level: 1, name: vi.office.counterTitle }).waitFor();
    await page.getByLabel(vi.office.counterProcedure).fill('đăng ký khai sinh');
    await page.locator('li', { hasText: '1.001193' }).getByRole('button').click();
    await page.getByLabel(vi.apply.fullName).fill('Trần Thị Hồng Nhung');
    await page.getByLabel(new RegExp(vi.apply.idNumber)).fill('025192004567');

    // the old address, converted like the portal does, then used
    await page.getByLabel(new RegExp(`^${vi.apply.address}`)).fill('Số 12 đường Lê Lợi, phường Tiên Cát, TP Việt Trì, Phú Thọ');
    await page.getByRole('button', { name: vi.office.counterConvert }).click();
    const use = page.getByRole('button', { name: new RegExp(`^${vi.office.counterUseAddress('').trim()}`) });
    await use.waitFor();
    await use.click();
    const address = await page.getByLabel(new RegExp(`^${vi.apply.address}`)).inputValue();
    assert.match(address, /Lê Lợi, .+, Tỉnh Phú Thọ$/, `the address field now holds the new address: ${address}`);
    assert.doesNotMatch(address, /TP Việt Trì/);

    // paper only: the cases are apart, and "all documents" never ticks a case not declared
    await page.getByRole('button', { name: vi.office.counterAll }).click();
    assert.equal(await page.getByLabel(ABANDONED, { exact: true }).isChecked(), false);
    assert.equal(await page.getByLabel(CERTIFICATE, { exact: true }).isChecked(), false, 'a document of some cases only is not ticked for everyone');

    // the declaration typed in: the checklist is exactly what its answers call for
    await page.getByLabel(vi.forms.counterFormOpen).check();
    await fillForm(page, '1.001193');
    await page.getByLabel(CERTIFICATE, { exact: true }).waitFor();
    assert.equal(await page.getByLabel(ABANDONED, { exact: true }).count(), 0, 'the abandoned-child record is not asked');
    assert.equal(await page.getByLabel(SURROGACY, { exact: true }).count(), 0, 'the surrogacy letter is not asked');
    await page.getByRole('button', { name: vi.office.counterAll }).click();
    assert.equal(await page.getByLabel(CERTIFICATE, { exact: true }).isChecked(), true);
    await checkA11y(page, 'quầy: khai sinh có tờ khai');

    await page.getByRole('button', { name: vi.office.counterReceive }).click();
    await page.getByRole('heading', { level: 1, name: vi.office.counterReceived }).waitFor();
    const code = (await page.locator('.panel .code').textContent())!.trim();
    const receipt = page.getByRole('link', { name: vi.office.print(vi.papers.receipt!) });
    const pdf = await page.request.get((await receipt.getAttribute('href'))!);
    assert.equal(pdf.status(), 200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-form01-')), 'mau-01.pdf');
    fs.writeFileSync(file, await pdf.body());
    const text = spawnSync(pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    assert.match(text, new RegExp(code.replace(/[.]/g, '\\.')), 'form 01 carries the dossier code');
    assert.match(text, /Giấy chứng sinh/, 'the document received is listed');
    assert.doesNotMatch(text, /bỏ rơi/, 'a document of a case not declared is not listed');
    assert.doesNotMatch(text, /mang thai hộ/);

    // the dossier page: a comment between officials, readable after a reload
    await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    await page.getByRole('heading', { name: vi.office.comments.title }).waitFor();
    await page.getByLabel(vi.office.comments.label).fill('Đã đối chiếu bản gốc giấy chứng sinh.');
    await page.getByRole('button', { name: vi.office.comments.send }).click();
    await page.getByText('Đã đối chiếu bản gốc giấy chứng sinh.').waitFor();
    await checkA11y(page, 'hồ sơ: trao đổi nội bộ');

    // "Việc của tôi": the dossier just received waits for the officer's next step (forward)
    await page.goto('/can-bo/viec-cua-toi');
    await page.getByRole('heading', { level: 2, name: new RegExp(vi.office.mine.step) }).waitFor();
    await page.getByRole('link', { name: code }).first().waitFor();
    await checkA11y(page, 'việc của tôi');
  });
});
