import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantCoversField } from './grant-covers-field.ts';

describe('grantCoversField', () => {
  it('covers listed fields and any field with *', () => {
    assert.equal(grantCoversField(['Hộ tịch', 'Chứng thực'], 'Chứng thực'), true);
    assert.equal(grantCoversField('*', 'Đất đai'), true);
    assert.equal(grantCoversField(['Hộ tịch'], undefined), true);
  });

  it('refuses fields not listed, and an empty list covers nothing', () => {
    assert.equal(grantCoversField(['Hộ tịch'], 'Đất đai'), false);
    assert.equal(grantCoversField([], 'Hộ tịch'), false);
  });

  it('matches whatever Unicode form or case the field was written in', () => {
    assert.equal(grantCoversField(['Hộ tịch'], 'Hộ tịch'.normalize('NFD')), true);
    assert.equal(grantCoversField(['Hộ tịch'], 'hộ TỊCH'), true);
  });
});
