import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSteps } from './steps.ts';

describe('parseSteps (Trình tự thực hiện)', () => {
  it('1.004222: numbered steps, indented lines', () => {
    const r = parseSteps('Bước 1: Cá nhân, tổ chức chuẩn bị hồ sơ theo quy định của pháp luật.\n Bước 2: Cá nhân, tổ chức nộp hồ sơ đến Công an cấp xã.\n Bước 3: Khi tiếp nhận hồ sơ, cán bộ đăng ký kiểm tra hồ sơ:\n- Trường hợp hồ sơ đủ điều kiện thì tiếp nhận.');
    assert.deepEqual(r.value.map((s) => s.number), [1, 2, 3]);
    assert.equal(r.value[2]!.text, 'Bước 3: Khi tiếp nhận hồ sơ, cán bộ đăng ký kiểm tra hồ sơ:\n- Trường hợp hồ sơ đủ điều kiện thì tiếp nhận.');
  });
  it('"- Bước 1:" and "a) Bước 1." markers, and a step starting mid-line', () => {
    assert.deepEqual(parseSteps('- Bước 1: Nộp hồ sơ\n- Bước 2: Tiếp nhận hồ sơ').value.map((s) => s.number), [1, 2]);
    assert.deepEqual(parseSteps('a) Bước 1. Nộp hồ sơ. Bước 2: Thẩm định.').value.map((s) => s.number), [1, 2]);
  });
  it('unnumbered paragraphs are steps of their own (1.001193)', () => {
    const r = parseSteps('- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu nộp hồ sơ.\n- Nếu lựa chọn hình thức nộp hồ sơ trực tuyến, người yêu cầu truy cập Cổng dịch vụ công quốc gia.');
    assert.equal(r.value.length, 2);
    assert.equal(r.value[0]!.number, null);
  });
});
