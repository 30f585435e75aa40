import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../errors.ts';
import { readUploadForm, type UploadPart } from './upload-form.ts';
import { storedFilename } from './upload.ts';

/** A file part as the multipart parser hands it over: chunks, and the parser's own `truncated` flag. */
function filePart(chunks: Buffer[], o: { truncated?: boolean; fieldname?: string; filename?: string } = {}): UploadPart {
  const file = Object.assign(
    (async function* () {
      for (const c of chunks) yield c;
    })(),
    { truncated: o.truncated ?? false },
  );
  return { type: 'file', fieldname: o.fieldname ?? 'file', filename: o.filename ?? 'scan.pdf', file };
}
const field = (fieldname: string, value: string, o: { valueTruncated?: boolean } = {}): UploadPart => ({ type: 'field', fieldname, value, valueTruncated: o.valueTruncated ?? false, fieldnameTruncated: false });
async function* parts(...list: (UploadPart | Error)[]): AsyncGenerator<UploadPart> {
  for (const p of list) {
    if (p instanceof Error) throw p;
    yield p;
  }
}
const spec = { maxBytes: 10, fields: { name: { maxChars: 5, label: 'Tên giấy tờ' }, digitised: { maxChars: 5, label: 'digitised' } } };
async function problem(list: (UploadPart | Error)[]): Promise<string> {
  try {
    await readUploadForm(parts(...list), spec);
  } catch (e) {
    assert.ok(e instanceof Problem, String(e));
    return `${e.status} ${e.code}`;
  }
  return 'ok';
}

describe('upload form: whole, in any order, nothing kept past a limit', () => {
  it('keeps the fields sent after the file as well as those before it', async () => {
    const form = await readUploadForm(parts(filePart([Buffer.from('abc'), Buffer.from('de')]), field('name', 'Ảnh'), field('digitised', 'true')), spec);
    assert.deepEqual(form, { file: { bytes: Buffer.from('abcde'), filename: 'scan.pdf' }, fields: { name: 'Ảnh', digitised: 'true' } });
  });

  it('refuses a file the parser cut at its limit (413), even when the parser raised nothing', async () => {
    assert.equal(await problem([filePart([Buffer.from('0123456789')], { truncated: true })]), '413 file-too-large');
    assert.equal(await problem([filePart([Buffer.from('0123456'), Buffer.from('7890')])]), '413 file-too-large', 'longer than the limit');
    assert.equal(await problem([filePart([Buffer.from('0123456789')])]), 'ok', 'exactly the limit');
  });

  it('refuses a second file, an unknown, repeated or too long field, and a form without a file', async () => {
    assert.equal(await problem([filePart([Buffer.from('a')]), filePart([Buffer.from('b')])]), '400 file-too-many');
    assert.equal(await problem([filePart([Buffer.from('a')], { fieldname: 'attachment' })]), '400 form-field-unknown');
    assert.equal(await problem([filePart([Buffer.from('a')]), field('owner', 'x')]), '400 form-field-unknown');
    assert.equal(await problem([field('__proto__', 'x'), filePart([Buffer.from('a')])]), '400 form-field-unknown');
    assert.equal(await problem([field('name', 'a'), field('name', 'b'), filePart([Buffer.from('a')])]), '400 form-field-repeated');
    assert.equal(await problem([filePart([Buffer.from('a')]), field('name', 'sáu ký')]), '400 form-field-too-long', '6 characters');
    assert.equal(await problem([filePart([Buffer.from('a')]), field('name', 'năm k')]), 'ok', '5 characters, counted as characters not bytes');
    assert.equal(await problem([filePart([Buffer.from('a')]), field('name', 'abc', { valueTruncated: true })]), '400 form-field-too-long');
    assert.equal(await problem([filePart([Buffer.from('a')]), field('name', 'a\u0000b')]), '400 invalid-characters');
    assert.equal(await problem([field('name', 'abc')]), '400 file-missing');
    const limit = Object.assign(new Error('reach files limit'), { code: 'FST_FILES_LIMIT' });
    assert.equal(await problem([filePart([Buffer.from('a')]), limit]), '400 file-too-many', 'the parser’s own limits become problems');
  });
});

describe('stored file names carry the extension of what the file is', () => {
  it('replaces a contradicting extension and keeps the rest of the name', () => {
    assert.equal(storedFilename('setup.exe', 'pdf'), 'setup.pdf');
    assert.equal(storedFilename('Giấy khai sinh.PNG', 'png'), 'Giấy khai sinh.png');
    assert.equal(storedFilename('anh.jpeg', 'jpg'), 'anh.jpg');
    assert.equal(storedFilename('bao.cao.2026.xlsx', 'xlsx'), 'bao.cao.2026.xlsx');
    assert.equal(storedFilename('no-extension', 'docx'), 'no-extension.docx');
  });

  it('drops folders, control and reserved characters; gives a name when none is usable', () => {
    assert.equal(storedFilename('../../etc/passwd', 'pdf'), 'passwd.pdf');
    assert.equal(storedFilename('C:\\\\Users\\\\x\\\\to khai.pdf', 'pdf'), 'to khai.pdf');
    assert.equal(storedFilename('a"b<c>\u0007.pdf', 'pdf'), 'abc.pdf');
    assert.equal(storedFilename('.exe', 'pdf'), 'exe.pdf');
    assert.equal(storedFilename(undefined, 'png'), 'tep.png');
    assert.equal(storedFilename('   ', 'png'), 'tep.png');
    assert.equal([...storedFilename('ả'.repeat(500) + '.pdf', 'pdf')].length, 120);
  });
});
