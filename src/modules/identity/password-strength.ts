import fs from 'node:fs';
import path from 'node:path';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { nameWords } from './demo/names.ts';
import type { StrengthEstimate, StrengthEstimator } from './domain/password-policy/password-policy.ts';

/**
 * The password strength estimator (ADR 0026): zxcvbn-ts with its maintained dictionaries — the
 * common-password list of `@zxcvbn-ts/language-common` (the most used passwords from breach corpora) and
 * the English words, names and Wikipedia terms of `@zxcvbn-ts/language-en` — plus Vietnamese words the
 * project already ships: family and given names (demo/names, open lists), the names of the provinces and
 * communes in force (REFERENCE_DIR/admin-units), and words Vietnamese passwords are commonly built on.
 * Each is matched with and without diacritics and spaces ("Việt Trì" → "viettri", "việt trì").
 * Built once, on first use (a second or two): only setting a password needs it, never a sign-in.
 */
const VIETNAMESE_PASSWORD_WORDS = [
  'matkhau', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'iuem', 'anhiuem', 'vietnam', 'hanoi', 'saigon', 'hochiminh',
  'tphcm', 'dichvucong', 'motcua', 'canbo', 'congchuc', 'quantri', 'quantrivien', 'ubnd', 'uyban', 'chinhphu', 'congan',
  'xinchao', 'camon', 'matma', 'baomat', 'dangnhap', 'taikhoan', 'lienthong', 'tinh', 'phuong', 'huyen',
];

/** "Phường Việt Trì" → ["việt trì", "viettri", …] (lower case, NFC, with and without marks and spaces). */
export function wordForms(name: string): string[] {
  const lower = name.normalize('NFC').toLowerCase().replace(/^(thành phố|tỉnh|phường|xã|đặc khu|thị trấn|quận|huyện|thị xã)\s+/u, '').trim();
  const folded = lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const pieces = folded.split(/[^a-z0-9\s]+/).map((w) => w.trim());
  return [...new Set([lower, lower.replace(/\s+/g, ''), folded, folded.replace(/\s+/g, ''), ...(pieces.length > 1 ? pieces : [])])].filter((w) => w.length >= 3);
}

function unitNames(referenceDir: string): string[] {
  const out: string[] = [];
  for (const file of ['provinces_2025.csv', 'communes_2025.csv']) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(referenceDir, 'admin-units', file), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split(/\r?\n/).slice(1)) {
      const name = line.split(',')[1];
      if (name) out.push(name);
    }
  }
  return out;
}

/** Vietnamese warnings and suggestions for zxcvbn's feedback keys. */
const VI_TRANSLATIONS = {
  warnings: {
    straightRow: 'Các phím liền nhau trên bàn phím rất dễ đoán.',
    keyPattern: 'Mẫu gõ phím ngắn rất dễ đoán.',
    simpleRepeat: 'Ký tự lặp lại như "aaa" rất dễ đoán.',
    extendedRepeat: 'Chuỗi lặp lại như "abcabcabc" rất dễ đoán.',
    sequences: 'Dãy ký tự quen thuộc như "abc", "123" rất dễ đoán.',
    recentYears: 'Các năm gần đây rất dễ đoán.',
    dates: 'Ngày tháng rất dễ đoán.',
    topTen: 'Đây là một trong những mật khẩu bị dùng nhiều nhất.',
    topHundred: 'Đây là mật khẩu bị dùng rất nhiều.',
    common: 'Đây là mật khẩu phổ biến.',
    similarToCommon: 'Mật khẩu này gần giống một mật khẩu phổ biến.',
    wordByItself: 'Một từ đơn lẻ rất dễ đoán.',
    namesByThemselves: 'Tên hoặc họ đứng một mình rất dễ đoán.',
    commonNames: 'Tên và họ phổ biến rất dễ đoán.',
    userInputs: 'Không nên dùng thông tin cá nhân hoặc tên của hệ thống, đơn vị.',
    pwned: 'Mật khẩu này đã bị lộ trong một vụ rò rỉ dữ liệu.',
  },
  suggestions: {
    l33t: 'Tránh thay chữ dễ đoán như "@" thay cho "a".',
    reverseWords: 'Tránh viết ngược các từ thông dụng.',
    allUppercase: 'Viết hoa một vài chữ, không phải tất cả.',
    capitalization: 'Viết hoa cả những chữ khác ngoài chữ đầu.',
    dates: 'Tránh ngày tháng năm gắn với bạn.',
    recentYears: 'Tránh các năm gần đây.',
    associatedYears: 'Tránh các năm gắn với bạn.',
    sequences: 'Tránh các dãy ký tự quen thuộc.',
    repeated: 'Tránh lặp lại từ và ký tự.',
    longerKeyboardPattern: 'Dùng mẫu phím dài hơn và đổi hướng gõ nhiều lần.',
    anotherWord: 'Thêm vài từ ít gặp.',
    useWords: 'Dùng một câu gồm nhiều từ, nhưng tránh câu quen thuộc.',
    noNeed: 'Mật khẩu mạnh không cần ký hiệu, chữ số hay chữ hoa: một câu dài ít người nghĩ tới là đủ.',
    pwned: 'Nếu bạn dùng mật khẩu này ở nơi khác, hãy đổi nó.',
  },
  timeEstimation: { ...en.translations.timeEstimation },
};

/** Creates the estimator; the dictionaries are built on its first call. */
export function createPasswordStrength(opts: { referenceDir: string }): StrengthEstimator {
  let zxcvbn: ZxcvbnFactory | null = null;
  const build = () => {
    const vietnamese = [...nameWords(), ...unitNames(opts.referenceDir)].flatMap(wordForms);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, 'vietnamese-lienthong': [...new Set([...VIETNAMESE_PASSWORD_WORDS, ...vietnamese])] },
      graphs: common.adjacencyGraphs,
      translations: VI_TRANSLATIONS,
    });
  };
  return (password, userInputs): StrengthEstimate => {
    zxcvbn ??= build();
    // zxcvbn's cost grows with the length; the policy refuses over 256 characters before asking
    const r = zxcvbn.check(password.slice(0, 256), userInputs.flatMap(wordForms));
    return { score: r.score, guessesLog10: r.guessesLog10, warning: r.feedback.warning, suggestions: r.feedback.suggestions };
  };
}
