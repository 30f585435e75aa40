import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResults } from './results.ts';

describe('parseResults (Kết quả thực hiện)', () => {
  it('1.004222: four results with their codes', () => {
    const r = parseResults(
      'Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cưMã: KQ.G01.000064Thông báo kết quả giải quyết thủ tục về cư trú, hủy bỏ thủ tục về cư trúMã: KQ.G01.000065Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)Mã: KQ.G01.000067Cập nhật thông tin trong Cơ sở dữ liệu về cư trúMã: KQ.G01.000066',
    );
    assert.equal(r.status, 'ok');
    assert.equal(r.value.length, 4);
    assert.deepEqual(r.value[2], { name: 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)', code: 'KQ.G01.000067' });
  });
  it('1.000757: drops the portal page text after the results', () => {
    assert.deepEqual(parseResults('Thẻ căn cướcMã: KQ.G01.000023Từ khóaCấp lại thẻ căn cướcMô tảKhông có thông tin').value, [
      { name: 'Thẻ căn cước', code: 'KQ.G01.000023' },
    ]);
  });
  it('reads other code shapes (1.005193) and reports results without a code (1.014952)', () => {
    assert.equal(parseResults('Văn bản cung cấp thông tinMã: 000.00.00.G04-KQ2350').value[0]!.code, '000.00.00.G04-KQ2350');
    const r = parseResults('Mã số cơ sở chăn nuôi.Mã: Chưa xác định');
    assert.equal(r.status, 'partial');
    assert.equal(r.value[0]!.code, null);
  });
});
