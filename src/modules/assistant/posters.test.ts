import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { HAS_PDFTOPPM, readQrOnPage } from '../../../test/helpers/pdf-qr.ts';
import type { ProcedureFacts } from './domain/intents.ts';
import { postersPdf } from './posters.ts';

const facts = (code: string, name: string): ProcedureFacts => ({
  code,
  name,
  field: 'Hộ tịch',
  levels: ['commune'],
  channels: [{ channel: 'in_person', time: '03 ngày làm việc', fee: { status: 'free', amount_vnd: null, description: null } }],
  provinceFee: null,
  documents: ['Tờ khai theo mẫu', 'Giấy chứng sinh'],
  where: { scope: 'all_communes', units: [] },
  online: true,
  url: `https://dichvucong.phutho.gov.vn/thu-tuc/${code}`,
  applyUrl: null,
});

describe('QR posters', () => {
  it('prints one A4 page per procedure whose QR code, read off the rendered page, is the stable procedure URL', async (t) => {
    const list = [facts('1.001193', 'Thủ tục đăng ký khai sinh'), facts('1.000656', 'Thủ tục đăng ký khai tử'), facts('2.000908', 'Thủ tục chứng thực bản sao từ bản chính')];
    const pdf = await postersPdf(list, { province: 'Tỉnh Phú Thọ', title: 'Thủ tục tiếp nhận tại xã Việt Trì' });
    const doc = await PDFDocument.load(pdf);
    assert.equal(doc.getPageCount(), 3);
    assert.deepEqual(doc.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]), [[595, 842], [595, 842], [595, 842]]);
    if (!HAS_PDFTOPPM) return t.skip('pdftoppm (poppler-utils) chưa được cài: bỏ qua bước đọc mã QR');
    assert.equal(readQrOnPage(pdf, 1), list[0]!.url);
    assert.equal(readQrOnPage(pdf, 3), list[2]!.url);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-poster-'));
    fs.writeFileSync(path.join(dir, 'p.pdf'), pdf);
    const text = spawnSync('pdftotext', ['-f', '2', '-l', '2', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).stdout;
    fs.rmSync(dir, { recursive: true, force: true });
    assert.match(text, /Đăng ký khai tử/);
    assert.match(text, /Miễn phí/);
    assert.match(text, /03 ngày làm việc/);
  });
});
