import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLegalBasis } from './legal-basis.ts';

const H = 'Tên văn bản pháp lýMã văn bản';

describe('parseLegalBasis (Căn cứ pháp lý)', () => {
  it('1.012753/1.012784: splits title and number, keeps numbers inside titles', () => {
    const r = parseLegalBasis(
      `${H}Luật Đất đai ngày 18/01/2024;31/2024/QH15Thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và cổng Dịch vụ công quốc gia118/2025/NĐ-CQuy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai151/2025/NĐ-CPLuật số 43/2024/QH15 ngày 29/6/202443/2024/QH15Nghị định 101/2024/NĐ-CPNghị định 101/2024/NĐ-CP`,
    );
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.value, [
      { title: 'Luật Đất đai ngày 18/01/2024', number: '31/2024/QH15' },
      { title: 'Thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và cổng Dịch vụ công quốc gia', number: '118/2025/NĐ-C' },
      { title: 'Quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai', number: '151/2025/NĐ-CP' },
      { title: 'Luật số 43/2024/QH15 ngày 29/6/2024', number: '43/2024/QH15' },
      { title: 'Nghị định 101/2024/NĐ-CP', number: '101/2024/NĐ-CP' },
    ]);
  });
  it('gives back a capital swallowed from the next title ("…TT-BTCNghị định…")', () => {
    const r = parseLegalBasis(`${H}Thông tư Hướng dẫn về phí và lệ phí85/2019/TT-BTCNghị định sửa đổi, bổ sung một số điều104/2022/NĐ-CP`);
    assert.deepEqual(r.value.map((x) => x.number), ['85/2019/TT-BTC', '104/2022/NĐ-CP']);
    assert.equal(r.value[1]!.title, 'Nghị định sửa đổi, bổ sung một số điều');
  });
  it('1.000811: QH14 followed by a repeated number, and QĐ-TTg', () => {
    const r = parseLegalBasis(`${H}QUY ĐỊNH MỨC THU PHÍ, LỆ PHÍ25/2021/TT-BTCLuật 49/2019/QH1449/2019/QH14Quyết định số 09/2023/QĐ-TTg09/2023/QĐ-TTg`);
    assert.deepEqual(r.value, [
      { title: 'QUY ĐỊNH MỨC THU PHÍ, LỆ PHÍ', number: '25/2021/TT-BTC' },
      { title: 'Luật 49/2019/QH14', number: '49/2019/QH14' },
      { title: 'Quyết định số 09/2023/QĐ-TTg', number: '09/2023/QĐ-TTg' },
    ]);
  });
  it('a number glued to "ngày" stays in its title (1.004222)', () => {
    const r = parseLegalBasis(`${H}Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA ngày 15 tháng 5 năm 2021 của Bộ trưởng Bộ Công an53/2025/TT-BCA`);
    assert.equal(r.value.length, 1);
    assert.equal(r.value[0]!.number, '53/2025/TT-BCA');
  });
  it('reports a row without a number; empty cell is empty', () => {
    const r = parseLegalBasis(`${H}Nghị quyết của Hội đồng nhân dân tỉnh Sơn La năm 2024`);
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.value, [{ title: 'Nghị quyết của Hội đồng nhân dân tỉnh Sơn La năm 2024', number: null }]);
    assert.equal(parseLegalBasis('Không có thông tin').status, 'empty');
  });
});
