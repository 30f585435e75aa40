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
