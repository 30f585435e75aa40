import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskDeep, maskIdNumber, maskName, maskPhone, maskText } from './mask.ts';

describe('masking personal data', () => {
  it('masks identification numbers, phones and names', () => {
    assert.equal(maskIdNumber('025190012345'), '025******345');
    assert.equal(maskPhone('0912345678'), '09******78');
    assert.equal(maskName('Nguyễn Văn An'), 'N*** V*** A***');
  });
  it('masks personal data inside free text', () => {
    const t = maskText('CCCD 025190012345, điện thoại 0912345678, thư an.nguyen@example.vn');
    assert.doesNotMatch(t, /025190012345|0912345678|an\.nguyen/);
    assert.match(t, /025\*+345/);
  });
  it('masks known keys deeply and leaves other values', () => {
    const m = maskDeep({ applicant: { full_name: 'Trần Thị Bình', id_number: '001301000001' }, count: 3 }) as any;
    assert.equal(m.applicant.full_name, 'T*** T*** B***');
    assert.equal(m.applicant.id_number, '001******001');
    assert.equal(m.count, 3);
  });
});

describe('masking keeps identifiers whole', () => {
  // a UUID whose last group is twelve digits, like the delegation id that the audit trail used to corrupt
  const uuid = '3f2a9c4e-7b1d-4e2a-9c3b-025190012345';
  const phoneLike = '5a6b7c8d-0000-4000-8000-091234567899';

  it('leaves UUIDs inside text untouched and still masks the personal data around them', () => {
    assert.equal(maskText(`delegation:${uuid}`), `delegation:${uuid}`);
    assert.equal(maskText(phoneLike), phoneLike);
    assert.equal(maskText(`uỷ quyền ${uuid} cho 0912345678`), `uỷ quyền ${uuid} cho 09******78`);
  });

  it('masks by field, not by a pattern over every string', () => {
    const m = maskDeep({ delegationId: uuid, params: { id: uuid, code: 'G01.22.25-251125-0001', personal: '025190012345' }, note: 'gọi 0912345678', full_name: 'Lê Văn Tám' }) as any;
    assert.equal(m.delegationId, uuid);
    assert.equal(m.params.id, uuid);
    assert.equal(m.params.code, 'G01.22.25-251125-0001');
    assert.equal(m.params.personal, '025******345', 'a value that is an identification number as a whole is masked');
    assert.equal(m.note, 'gọi 09******78', 'free-text fields are masked inside');
    assert.equal(m.full_name, 'L*** V*** T***');
  });
});
