import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblems, type StrengthEstimator } from './password-policy.ts';

const DEMO = 'LienThong@2025';
const strong: StrengthEstimator = () => ({ score: 4, guessesLog10: 12, warning: null, suggestions: [] });
const ctx = (username: string, estimate: StrengthEstimator = strong) => ({ username, demoPassword: DEMO, estimate });

describe('passwordProblems', () => {
  it('accepts a long passphrase with Vietnamese letters', () => {
    assert.deepEqual(passwordProblems('Hoa sen nở giữa đầm', ctx('cv.hotich.viettri')), []);
  });

  it('refuses short, repeated or username-based passwords', () => {
    assert.match(passwordProblems('ngắn', ctx('ab.cd')).join(), /ít nhất 10/);
    assert.match(passwordProblems('aaaaaaaaaaaa', ctx('ab.cd')).join(), /lặp lại/);
    assert.match(passwordProblems('ld.viettri-2025', ctx('ld.viettri')).join(), /tên đăng nhập/);
  });

  it('refuses the published demo password', () => {
    assert.match(passwordProblems(DEMO, ctx('cv.moi')).join(), /mật khẩu chung của bản demo/);
  });

  it('refuses what the estimator scores below 4, with its warning, and gives it the words to avoid', () => {
    let seen: string[] = [];
    const weak: StrengthEstimator = (_p, inputs) => ((seen = inputs), { score: 3, guessesLog10: 9, warning: 'Đây là mật khẩu phổ biến.', suggestions: ['Thêm vài từ ít gặp.'] });
    const problems = passwordProblems('Password123!', { ...ctx('cv.moi', weak), userInputs: ['Nguyễn Văn An'] });
    assert.deepEqual(problems, ['Mật khẩu quá dễ đoán. Đây là mật khẩu phổ biến. Thêm vài từ ít gặp. Nên dùng một câu dài gồm nhiều từ ít người nghĩ tới.']);
    assert.deepEqual(seen, ['cv.moi', 'Nguyễn Văn An', DEMO]);
  });
});
