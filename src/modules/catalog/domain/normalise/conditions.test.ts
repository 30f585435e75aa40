import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConditions } from './conditions.ts';

describe('parseConditions (Yêu cầu, điều kiện)', () => {
  it('keeps published conditions (1.004222)', () => {
    const r = parseConditions('Người thực hiện thủ tục đã được thu thập, cập nhật thông tin công dân vào Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú');
    assert.equal(r.status, 'ok');
    assert.match(r.value ?? '', /^Người thực hiện thủ tục/);
  });
  it('"Không", "Không có thông tin" and portal page text give null', () => {
    assert.equal(parseConditions('Không.').value, null);
    assert.equal(parseConditions('Không có thông tin').value, null);
    assert.equal(parseConditions('Không có thông tinTừ khóaKhông có thông tinMô tảKhông có thông tin').value, null);
  });
});
