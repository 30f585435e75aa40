import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { Problem } from '../errors.ts';
import { LocalFileStore, isFileKey } from './files.ts';
import { checkUpload, DEFAULT_UPLOAD_POLICY } from './upload.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-files-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function realPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Hello', { x: 20, y: 100 });
  return doc.save();
}
const realPng = () => QRCode.toBuffer('https://example.vn', { type: 'png', width: 64 });
async function realXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('A').getCell('A1').value = 'Mã hồ sơ';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
/** A minimal Windows executable header ("MZ" … "PE\0\0"), as a .exe starts. */
function exeBytes(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
}
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

async function rejects(p: Promise<unknown>, status: number, code: string): Promise<Problem> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Problem, `expected a Problem, got ${String(err)}`);
    assert.equal(err.status, status);
    assert.equal(err.code, code);
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('local file store', () => {
  const store = new LocalFileStore(root);

  it('stores a buffer with its SHA-256 and size, reads it back, deletes it', async () => {
    const pdf = await realPdf();
    const info = await store.put(pdf, { contentType: 'application/pdf', filename: '../../to-khai.pdf' });
    assert.ok(isFileKey(info.key));
    assert.equal(info.sha256, sha(pdf));
    assert.equal(info.size, pdf.length);
    assert.equal(info.filename, 'to-khai.pdf', 'only the base name of an uploaded name is kept');
    const got = await store.get(info.key);
    assert.ok(got && Buffer.from(pdf).equals(got.body));
    assert.equal(got.info.contentType, 'application/pdf');
    const opened = await store.open(info.key);
    const chunks: Buffer[] = [];
    for await (const c of opened!.stream) chunks.push(c as Buffer);
    assert.equal(sha(Buffer.concat(chunks)), info.sha256);
    assert.equal(await store.delete(info.key), true);
    assert.equal(await store.get(info.key), null);
    assert.equal(await store.delete(info.key), false);
  });

  it('stores a stream and leaves no temporary file behind', async () => {
    const parts = [Buffer.from('phần 1 '), Buffer.from('phần 2')];
    const info = await store.put(Readable.from(parts));
    assert.equal(info.sha256, sha(Buffer.concat(parts)));
    assert.deepEqual(fs.readdirSync(path.join(root, '.tmp')), []);
  });

  it('refuses a stream over the limit and keeps nothing of it', async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await rejects(store.put(big, {}, { maxBytes: 1000 }), 413, 'file-too-large');
    assert.deepEqual(fs.readdirSync(path.join(root, '.tmp')), []);
  });

  it('never turns a key into a path outside the store', async () => {
    for (const key of ['../../etc/passwd', '2026/10/../../x', '', '2026/10/not-a-uuid']) {
      assert.equal(isFileKey(key), false);
      assert.equal(await store.get(key), null);
      assert.equal(await store.delete(key), false);
    }
  });
});

describe('upload checker (type by content, not by name)', () => {
  it('accepts a real PDF, PNG and XLSX and records their SHA-256', async () => {
    const pdf = await realPdf();
    const r = await checkUpload(pdf, { filename: 'giay-chung-sinh.pdf' });
    assert.deepEqual(r, { type: 'pdf', mime: 'application/pdf', size: pdf.length, sha256: sha(pdf) });
    assert.equal((await checkUpload(await realPng(), { filename: 'anh.png' })).type, 'png');
    assert.equal((await checkUpload(await realXlsx(), { filename: 'bang-ke.xlsx' })).type, 'xlsx');
  });

  it('rejects an executable renamed to .pdf, in Vietnamese', async () => {
    const p = await rejects(checkUpload(exeBytes(), { filename: 'to-khai.pdf' }), 415, 'file-type-not-allowed');
    assert.match(p.detail!, /Hồ sơ chỉ nhận tệp PDF, JPEG, PNG/);
    assert.match(p.detail!, /EXE/);
    const elf = fs.readFileSync(process.execPath).subarray(0, 4096);
    await rejects(checkUpload(elf, { filename: 'scan.pdf' }), 415, 'file-type-not-allowed');
  });

  it('rejects unknown content, empty files, files over the limit and a name that lies about a known type', async () => {
    await rejects(checkUpload(Buffer.from('chỉ là văn bản'), { filename: 'a.pdf' }), 415, 'file-type-not-allowed');
    await rejects(checkUpload(new Uint8Array(0)), 400, 'file-empty');
    const pdf = await realPdf();
    const tooBig = await rejects(checkUpload(pdf, { policy: { ...DEFAULT_UPLOAD_POLICY, maxBytes: 100 } }), 413, 'file-too-large');
    assert.match(tooBig.detail!, /tối đa 100 byte/);
    const m = await rejects(checkUpload(await realPng(), { filename: 'anh.pdf' }), 415, 'file-extension-mismatch');
    assert.match(m.detail!, /đuôi \.pdf nhưng nội dung là PNG/);
    // a name without a known extension is fine: the content decides
    assert.equal((await checkUpload(await realPng(), { filename: 'anh-chup' })).type, 'png');
  });

  it('honours a narrower policy, and names what the file is for', async () => {
    await rejects(checkUpload(await realXlsx(), { policy: { allowed: ['pdf'], maxBytes: 1e6 } }), 415, 'file-type-not-allowed');
    const photo = await rejects(checkUpload(await realPdf(), { policy: { allowed: ['jpg', 'png'], maxBytes: 1e6, subject: 'Ảnh phản ánh' } }), 415, 'file-type-not-allowed');
    assert.match(photo.detail!, /^Ảnh phản ánh chỉ nhận tệp JPEG, PNG \(tệp có nội dung định dạng PDF\)\.$/);
  });
});
