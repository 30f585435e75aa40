import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblems } from './password-policy.ts';

describe('passwordProblems', () => {
  it('accepts a long passphrase with Vietnamese letters', () => {
    assert.deepEqual(passwordProblems('Hoa sen nở giữa đầm', 'cv.hotich.viettri'), []);
  });

  it('refuses short, repeated or username-based passwords', () => {
    assert.match(passwordProblems('ngắn', 'ab.cd').join(), /ít nhất 10/);
    assert.match(passwordProblems('aaaaaaaaaaaa', 'ab.cd').join(), /lặp lại/);
    assert.match(passwordProblems('ld.viettri-2025', 'ld.viettri').join(), /tên đăng nhập/);
  });
});
