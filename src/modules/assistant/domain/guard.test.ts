import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRephrasing, factTokens } from './guard.ts';

describe('LLM guard', () => {
  const facts = 'Thủ tục «Thủ tục đăng ký khai sinh» (mã 1.001193) — phí, lệ phí: nộp trực tiếp: 8.000 đ. Thời hạn: 1 Ngày làm việc. http://x/thu-tuc/1.001193';

  it('accepts a rewording that states only the facts (amounts with or without separators)', () => {
    assert.ok(checkRephrasing('Đăng ký khai sinh (1.001193) mất 8000 đồng, trong 1 ngày làm việc: http://x/thu-tuc/1.001193', facts).ok);
  });

  it('refuses a rewording with an invented amount, time, code or link', () => {
    assert.deepEqual(checkRephrasing('Phí là 50.000 đ.', facts).unsupported, ['50000']);
    assert.equal(checkRephrasing('Thời hạn 3 ngày.', facts).ok, false);
    assert.equal(checkRephrasing('Xem mã 1.004884.', facts).ok, false);
    assert.equal(checkRephrasing('Xem http://evil.example/a', facts).ok, false);
    assert.equal(checkRephrasing('   ', facts).ok, false);
  });

  it('finds dossier codes and links as facts', () => {
    const t = factTokens('Hồ sơ H25.01-261125-0001 tại https://a.b/c.');
    assert.ok(t.has('H25.01-261125-0001'));
    assert.ok(t.has('https://a.b/c'));
  });
});
