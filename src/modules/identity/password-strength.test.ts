import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../platform/config.ts';
import { DEMO_PASSWORD } from './demo/people.ts';
import { MIN_STRENGTH_SCORE, passwordProblems } from './domain/password-policy/password-policy.ts';
import { createPasswordStrength, wordForms } from './password-strength.ts';

/** The real estimator (zxcvbn-ts and its dictionaries, with the Vietnamese words) on passwords people choose. */
describe('password strength estimator', () => {
  const estimate = createPasswordStrength({ referenceDir: path.join(projectRoot, 'reference') });
  const check = (password: string, username = 'cv.hotich.viettri', userInputs: string[] = []) => passwordProblems(password, { username, userInputs, demoPassword: DEMO_PASSWORD, estimate });

  it('refuses common passwords and their variants, which the old length rule let through', () => {
    for (const p of ['Password123!', 'P@ssw0rd2024', 'Qwerty123456', 'iloveyou2025', 'Abc@123456789', '1234567890', 'Admin@123456']) {
      assert.match(check(p).join(), /quá dễ đoán/, p);
    }
  });

  it('refuses Vietnamese names, places and words with digits', () => {
    for (const p of ['anhyeuem123', 'matkhau2025', 'Hanoi@123456', 'NguyenVanAn1990', 'viettri@2025', 'Phutho123456']) {
      assert.match(check(p).join(), /quá dễ đoán/, p);
    }
  });

  it('refuses the demo password and close variants of it', () => {
    assert.match(check(DEMO_PASSWORD).join(), /bản demo/);
    assert.match(check('LienThong@2026').join(), /quá dễ đoán/);
  });

  it('refuses the person’s own name given as a user input', () => {
    assert.match(check('DinhThiHongNhung', 'cv.moi', ['Đinh Thị Hồng Nhung']).join(), /quá dễ đoán/);
  });

  it('accepts long passphrases, with or without Vietnamese letters', () => {
    for (const p of ['Mat khau dai du 2025', 'Hoa sen nở giữa đầm lầy', 'correct horse battery staple', 'vườn cam nhà ông Bảy 1987']) {
      assert.deepEqual(check(p), [], p);
      assert.ok(estimate(p, []).score >= MIN_STRENGTH_SCORE);
    }
  });

  it('matches names with and without marks and spaces', () => {
    assert.deepEqual(wordForms('Phường Việt Trì'), ['việt trì', 'việttrì', 'viet tri', 'viettri']);
  });
});
