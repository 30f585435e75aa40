import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signerTitle } from './signer.ts';

describe('how a leader signs (Nghị định 30/2020)', () => {
  it('a vice chairman of a commune signs for the chairman, on behalf of the committee', () => {
    assert.deepEqual(signerTitle('collective', 'Phó Chủ tịch Ủy ban nhân dân phường'), { onBehalfOf: 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH', title: 'Phó Chủ tịch' });
    assert.deepEqual(signerTitle('collective', 'Chủ tịch Ủy ban nhân dân xã'), { onBehalfOf: 'TM. ỦY BAN NHÂN DÂN', title: 'Chủ tịch' });
  });

  it('a deputy director signs for the director; the director signs alone', () => {
    assert.deepEqual(signerTitle('head', 'Phó Giám đốc Sở'), { onBehalfOf: 'KT. GIÁM ĐỐC', title: 'Phó Giám đốc' });
    assert.deepEqual(signerTitle('head', 'Giám đốc Sở Tư pháp'), { title: 'Giám đốc' });
    assert.deepEqual(signerTitle('head', '  phó  chánh văn phòng '), { onBehalfOf: 'KT. CHÁNH VĂN PHÒNG', title: 'Phó Chánh Văn phòng' });
  });

  it('never promotes a signer whose position is unknown or unusual', () => {
    assert.deepEqual(signerTitle('collective', null), { onBehalfOf: 'TM. ỦY BAN NHÂN DÂN', title: 'Người có thẩm quyền ký' });
    assert.deepEqual(signerTitle('head', ''), { title: 'Người có thẩm quyền ký' });
    assert.deepEqual(signerTitle('head', 'Chuyên viên Phòng Quản lý đất đai'), { title: 'Chuyên viên Phòng Quản lý đất đai' });
  });
});
