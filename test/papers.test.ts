import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { readQrOnPage } from './helpers/pdf-qr.ts';
import {
  REGISTER_COLUMNS,
  renderApology,
  renderFeeReceipt,
  renderProcessControlSheet,
  renderReceipt,
  renderRefusal,
  renderRegisterCsv,
  renderRegisterXlsx,
  renderResultDocument,
  renderSupplementRequest,
  trackingQrPayload,
} from '../src/modules/dossiers/papers/index.ts';
import { SAMPLE_DOSSIER_CODE, samplePapers } from '../src/modules/dossiers/papers/samples.ts';

/**
 * Every paper is rendered and read back with a real PDF reader (poppler's pdftotext), so the test sees
 * what a person sees: Vietnamese text with its diacritics, the dossier code, the dates and amounts.
 */
const has = (cmd: string) => spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
const PDFTOTEXT = has('pdftotext');
const PDFTOPPM = has('pdftoppm');
const NO_POPPLER = 'pdftotext (poppler-utils) chưa được cài: apt-get install poppler-utils';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-papers-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
/** The text of a PDF as pdftotext reads it, in NFC with runs of white space collapsed. */
function textOf(bytes: Uint8Array, name: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', write(name, bytes), '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.normalize('NFC').replace(/\s+/g, ' ');
}
function assertContains(text: string, parts: string[]) {
  for (const p of parts) assert.ok(text.includes(p), `PDF text lacks «${p}»\n--- text ---\n${text.slice(0, 3000)}`);
}
async function pageInfo(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  return { pages: doc.getPageCount(), size: doc.getPage(0).getSize() };
}
const A5 = { width: 419.53, height: 595.28 };

describe('papers rendered as PDF and read back by pdftotext', () => {
  const s = samplePapers();

  it('01 receipt: header, dossier code, applicant, documents, times; one A5 page', async (t) => {
    const pdf = await renderReceipt(s.receipt);
    const info = await pageInfo(pdf);
    assert.equal(info.pages, 1);
    assert.ok(Math.abs(info.size.width - A5.width) < 0.5 && Math.abs(info.size.height - A5.height) < 0.5, 'A5 portrait');
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    const text = textOf(pdf, 'receipt.pdf');
    assertContains(text, [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'TRUNG TÂM PHỤC VỤ HÀNH',
      'Số: 125/TTPVHCC',
      'Tân Lạc, ngày 08 tháng 10 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${SAMPLE_DOSSIER_CODE}`,
      'Nguyễn Thị Hồng Nhung',
      'Số định danh cá nhân: 017190001234',
      'Tờ khai đăng ký khai sinh theo mẫu',
      'Giấy chứng sinh do cơ sở y tế cấp',
      'Số lượng hồ sơ: 01 (bộ)',
      '03 ngày làm việc',
      'Thời gian nhận hồ sơ: 14 giờ 05 phút, ngày 08 tháng 10 năm 2026',
      '16 giờ 00 phút, ngày 13 tháng 10 năm 2026',
      'Quyển số: 01, Số thứ tự: 125',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Đức',
    ]);
  });

  it('01 receipt: the QR code decodes to the public tracking URL with the dossier code', async (t) => {
    const expected = trackingQrPayload(s.receipt.trackingUrl, s.receipt.dossierCode);
    assert.equal(expected, `https://dichvucong.phutho.gov.vn/tra-cuu/ho-so/${SAMPLE_DOSSIER_CODE}`);
    const pdf = await renderReceipt(s.receipt);
    if (!PDFTOPPM) return t.skip(NO_POPPLER);
    assert.equal(readQrOnPage(pdf, 1, 200), expected, 'the QR code on the page decodes to the tracking URL');
  });

  it('tracking QR payload: placeholder replaced and encoded, only http(s) accepted', () => {
    assert.equal(trackingQrPayload('https://x.vn/hs?ma={code}', 'A B'), 'https://x.vn/hs?ma=A%20B');
    assert.equal(trackingQrPayload('https://x.vn/tra-cuu', 'H15-261008-0001'), 'https://x.vn/tra-cuu');
    assert.throws(() => trackingQrPayload('javascript:alert(1)', 'x'), /http\(s\)/);
    assert.throws(() => trackingQrPayload('không phải url', 'x'), /URL hợp lệ/);
  });

  it('02 supplement request: numbered items, reason, contact', async (t) => {
    const pdf = await renderSupplementRequest(s.supplement);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    assertContains(textOf(pdf, 'supplement.pdf'), [
      'Số: 37/PBS',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
      '1. Bản chính Giấy chứng sinh',
      '2. Giấy tờ chứng minh nơi cư trú',
      'Lý do: Hồ sơ chưa đủ thành phần',
      'liên hệ với Trần Văn Đức, số điện thoại 0210 3851 234',
      'NGƯỜI HƯỚNG DẪN',
    ]);
    await assert.rejects(renderSupplementRequest({ ...s.supplement, items: [] }), /ít nhất một nội dung/);
  });

  it('03 refusal: reasons and signers', async (t) => {
    const pdf = await renderRefusal(s.refusal);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    assertContains(textOf(pdf, 'refusal.pdf'), [
      'Số: 12/PTC',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Mã hồ sơ: Chưa cấp',
      'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      '- Thửa đất đề nghị cấp phép nằm trong hành lang bảo vệ an toàn đường bộ',
      'Xin thông báo để Ông/Bà được biết và thực hiện./.',
    ]);
    await assert.rejects(renderRefusal({ ...s.refusal, reasons: [] }), /lý do/);
  });

  it('04 apology: promised and new appointment, reason, head of the body', async (t) => {
    const pdf = await renderApology(s.apology);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    assertContains(textOf(pdf, 'apology.pdf'), [
      'Số: 08/PXL',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Bà Nguyễn Thị Hồng Nhung',
      `Mã hồ sơ: ${SAMPLE_DOSSIER_CODE}`,
      '16 giờ 00 phút, ngày 13 tháng 10 năm 2026',
      'hẹn lại thời gian trả kết quả vào 16 giờ 00 phút, ngày 15 tháng 10 năm 2026',
      'cần xác minh thông tin nơi cư trú',
      'TM. ỦY BAN NHÂN DÂN',
      'Hoàng Văn Thắng',
    ]);
    await assert.rejects(renderApology({ ...s.apology, newAppointmentAt: s.apology.promisedAt }), /Ngày hẹn mới phải sau/);
  });

  it('05 process control sheet: one row per hand-over, early / on time / late', async (t) => {
    const pdf = await renderProcessControlSheet(s.controlSheet);
    const info = await pageInfo(pdf);
    assert.ok(info.size.width > info.size.height, 'A5 landscape for the table');
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    const text = textOf(pdf, 'control.pdf');
    assertContains(text, [
      'Số: 125/PKS',
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `(Kèm theo hồ sơ có mã số: ${SAMPLE_DOSSIER_CODE})`,
      'Cơ quan phối hợp giải quyết hồ sơ: Công an xã Tân Lạc',
      '1. Giao: Phòng Văn hóa - Xã hội',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Chờ xác minh',
    ]);
    // rows keep their order: early, on time, late
    assert.ok(text.indexOf('Trước hạn') < text.indexOf('Đúng hạn') && text.lastIndexOf('Đúng hạn') < text.lastIndexOf('Quá hạn'));
  });

  it('result document: facts and decision text, ready to be signed', async (t) => {
    const pdf = await renderResultDocument(s.result);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    assertContains(textOf(pdf, 'result.pdf'), [
      'ỦY BAN NHÂN DÂN XÃ TÂN LẠC',
      'Số: 125/TLKS-BS',
      'TRÍCH LỤC KHAI SINH',
      'Họ, chữ đệm, tên: Đinh Gia Hưng',
      'Nơi sinh: Trạm Y tế xã Tân Lạc, tỉnh Phú Thọ',
      'Đã đăng ký khai sinh tại Ủy ban nhân dân xã Tân Lạc',
      `Mã hồ sơ: ${SAMPLE_DOSSIER_CODE}`,
      '(Đã ký số)',
    ]);
  });

  it('electronic fee receipt: lines, total, amount in words', async (t) => {
    const pdf = await renderFeeReceipt(s.feeReceipt);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    assertContains(textOf(pdf, 'fee.pdf'), [
      'BIÊN LAI THU PHÍ, LỆ PHÍ',
      '(Biên lai điện tử)',
      'Ký hiệu: BL-26E',
      'Số: 0000125',
      'Lệ phí đăng ký khai sinh',
      '16.000 đ',
      '4.000 đ',
      'Tổng cộng',
      '20.000 đ',
      'Số tiền bằng chữ: Hai mươi nghìn đồng',
      'Chuyển khoản (VietQR)',
      `Mã hồ sơ: ${SAMPLE_DOSSIER_CODE}`,
    ]);
    await assert.rejects(renderFeeReceipt({ ...s.feeReceipt, items: [{ name: 'x', amount: 1.5 }] }), /số nguyên/);
  });

  it('wraps long Vietnamese text and continues on new pages with the page number', async (t) => {
    const longRequest = 'Đề nghị cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất do biến động ranh giới thửa đất sau khi sắp xếp đơn vị hành chính cấp xã năm 2025 '.repeat(4).trim();
    const documents = Array.from({ length: 45 }, (_, i) => ({ name: `Giấy tờ kèm theo số ${i + 1}: bản vẽ sơ đồ thửa đất và tài sản gắn liền với đất`, form: 'Bản sao', copies: 1 }));
    const pdf = await renderReceipt({ ...samplePapers().receipt, request: longRequest, documents });
    const info = await pageInfo(pdf);
    assert.ok(info.pages >= 2, `expected several pages, got ${info.pages}`);
    if (!PDFTOTEXT) return t.skip(NO_POPPLER);
    const text = textOf(pdf, 'long.pdf');
    assertContains(text, [longRequest.slice(0, 120), 'Giấy tờ kèm theo số 45:', `Trang 1/${info.pages}`, `Trang ${info.pages}/${info.pages}`]);
    // the table header is repeated on the next page
    assert.ok(text.split('Tên giấy tờ').length - 1 >= 2);
  });
});

describe('electronic register (form 06) as CSV and XLSX', () => {
  const input = samplePapers().register;

  it('CSV: UTF-8 with BOM, the form columns, one row per dossier, formulas neutralised', () => {
    const csv = renderRegisterCsv(input);
    assert.ok(csv.startsWith('\uFEFF'));
    const rows = parse(csv.slice(1), { relax_column_count: false }) as string[][];
    assert.deepEqual(rows[0], [...REGISTER_COLUMNS]);
    assert.equal(rows.length, 1 + input.rows.length);
    assert.deepEqual(rows[1]!.slice(0, 4), ['1', SAMPLE_DOSSIER_CODE, 'Đăng ký khai sinh', 'Nguyễn Thị Hồng Nhung']);
    assert.equal(rows[1]![6], '14:05 08/10/2026');
    assert.equal(rows[1]![7], '13/10/2026');
    assert.equal(rows[2]![9], 'Bưu chính công ích');
    assert.equal(rows[3]![3], `'=HYPERLINK("http://x")`, 'a cell never starts a formula');
  });

  it('XLSX: read back with exceljs', async () => {
    const bytes = await renderRegisterXlsx(input);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.match(String(ws.getCell('A2').value), /SỔ THEO DÕI HỒ SƠ — Lĩnh vực: Hộ tịch — Tháng 10\/2026/);
    assert.deepEqual((ws.getRow(4).values as unknown[]).slice(1), [...REGISTER_COLUMNS]);
    assert.equal(ws.getCell('B5').value, SAMPLE_DOSSIER_CODE);
    assert.equal(ws.getCell('D5').value, 'Nguyễn Thị Hồng Nhung');
    assert.equal(ws.getCell('A7').value, 3);
    assert.equal(ws.getCell('D7').value, '=HYPERLINK("http://x")', 'stored as text, not as a formula');
    assert.equal(ws.getCell('D7').type, ExcelJS.ValueType.String);
    assert.equal(ws.pageSetup.orientation, 'landscape');
  });
});
