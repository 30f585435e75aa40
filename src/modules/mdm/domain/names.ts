/** Vietnamese personal and business names (pure). */
import { canonicalLetters, fold, hasVietnameseMarks } from './text.ts';
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';

export interface PersonName {
  /** "Nguyễn Thị Minh Khai" (NFC, Đ not Ð, single spaces, each word capitalised) */
  full: string;
  family: string;
  middle: string;
  given: string;
  /** plain key "nguyen thi minh khai" */
  key: string;
  /** the name was written without any Vietnamese marks (it may have lost them) */
  noMarks: boolean;
}

/**
 * Honorifics typed before a name in legacy systems and removed. "Ông", "Cô", "Chu" are also family names:
 * they are never removed, only reported when they might be a title.
 */
const TITLES = new Set(['ba', 'mr', 'mrs', 'ms']);
const MAYBE_TITLES = new Set(['ong']);

/** Vietnamese has no casing rules of its own (unlike Turkish): the locale-free case mapping is the same, and ten times faster. */
function capitalise(word: string): string {
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * A person's full name: NFC, look-alike "Ð"/"ð" → "Đ"/"đ", spaces and casing fixed, split into family,
 * middle and given names. Digits or symbols reject the value; a single word, a leading title ("Ông", "Bà")
 * and a name without any diacritics are doubtful (reported, kept).
 */
export function standardisePersonName(raw: unknown, field = 'full_name'): Std<PersonName> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const issues: Issue[] = [];
  const { text: t0, lookalike } = canonicalLetters(text(raw));
  if (lookalike) issues.push(issue(field, 'name-lookalike-d', 'fixed', 'Chữ "Ð" (U+00D0) được thay bằng chữ "Đ" tiếng Việt'));
  // a note in brackets after the name ("Nguyễn Văn An (đã mất)", "(mẹ)") is not part of it
  let t1 = t0;
  if (/\([^)]*\)/.test(t1)) {
    issues.push(issue(field, 'name-note', 'doubtful', `Bỏ ghi chú trong ngoặc: ${(t1.match(/\([^)]*\)/g) ?? []).join(' ')}`));
    t1 = t1.replace(/\([^)]*\)/g, ' ');
  }
  // punctuation that legacy systems put between words
  let t = t1.replace(/[_.,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (/\p{M}/u.test(t)) {
    // a combining mark NFC could not attach to its letter (typed on a consonant, or a broken encoding)
    t = t.replace(/\p{M}/gu, '');
    issues.push(issue(field, 'name-stray-mark', 'doubtful', 'Dấu thanh đặt sai chỗ (không gắn được vào chữ) đã bị bỏ; cần kiểm tra'));
  }
  if (t !== t0.trim() && !issues.some((i) => i.code === 'name-stray-mark')) issues.push(issue(field, 'name-spacing', 'fixed', 'Khoảng trắng hoặc dấu câu thừa đã được bỏ'));
  if (/\d/.test(t)) return { value: null, issues: [...issues, issue(field, 'name-digits', 'rejected', 'Họ tên có chữ số')] };
  if (/[^\p{L}\s'-]/u.test(t)) return { value: null, issues: [...issues, issue(field, 'name-symbols', 'rejected', 'Họ tên có ký tự không phải chữ')] };
  let words = t.split(' ').filter(Boolean);
  if (words.length >= 3 && TITLES.has(fold(words[0]!))) {
    issues.push(issue(field, 'name-title', 'doubtful', `Bỏ danh xưng "${words[0]}" ở đầu họ tên`));
    words = words.slice(1);
  } else if (words.length >= 4 && MAYBE_TITLES.has(fold(words[0]!))) {
    issues.push(issue(field, 'name-maybe-title', 'doubtful', `"${words[0]}" ở đầu có thể là danh xưng hoặc họ Ông; giữ nguyên`));
  }
  const cased = words.map(capitalise);
  if (cased.join(' ') !== words.join(' ')) issues.push(issue(field, 'name-casing', 'fixed', 'Chữ hoa/thường đã được chuẩn hoá'));
  if (cased.length === 1) issues.push(issue(field, 'name-single-word', 'doubtful', 'Họ tên chỉ có một từ'));
  if (cased.length > 7) issues.push(issue(field, 'name-too-long', 'doubtful', 'Họ tên có quá nhiều từ'));
  const full = cased.join(' ');
  const noMarks = !hasVietnameseMarks(full);
  if (noMarks) issues.push(issue(field, 'name-no-diacritics', 'doubtful', 'Họ tên viết không dấu (có thể đã mất dấu tiếng Việt)'));
  return {
    value: {
      full,
      family: cased.length > 1 ? cased[0]! : '',
      middle: cased.length > 2 ? cased.slice(1, -1).join(' ') : '',
      given: cased[cased.length - 1]!,
      key: fold(full),
      noMarks,
    },
    issues,
  };
}

/** A business name: NFC, look-alikes, spacing; common legal-form words kept as written but keyed for matching. */
export function standardiseBusinessName(raw: unknown, field = 'name'): Std<{ full: string; key: string }> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const issues: Issue[] = [];
  const { text: t0, lookalike } = canonicalLetters(text(raw));
  if (lookalike) issues.push(issue(field, 'name-lookalike-d', 'fixed', 'Chữ "Ð" (U+00D0) được thay bằng chữ "Đ" tiếng Việt'));
  const full = t0.replace(/\s+/g, ' ').trim();
  if (full !== t0) issues.push(issue(field, 'name-spacing', 'fixed', 'Khoảng trắng thừa đã được bỏ'));
  const key = fold(full)
    .replace(/\b(cong ty|cty|tnhh|co phan|cp|mtv|mot thanh vien|doanh nghiep tu nhan|dntn|ho kinh doanh|hkd)\b/g, ' ')
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { value: { full, key }, issues };
}

export type Sex = 'male' | 'female';

const SEX: Record<string, Sex> = { nam: 'male', m: 'male', male: 'male', '1': 'male', trai: 'male', nu: 'female', f: 'female', female: 'female', '0': 'female', '2': 'female', gai: 'female' };

/** "Nam" / "Nữ" / "M" / "F" / "1" / "0"… → male | female; anything else rejected with its reason. */
export function standardiseSex(raw: unknown, field = 'sex'): Std<Sex> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const v = SEX[fold(text(raw)).replace(/\s*gioi( tinh)?$/, '').replace(/^gioi tinh\s*:?\s*/, '')];
  if (!v) return { value: null, issues: [issue(field, 'sex-unknown', 'rejected', `Giới tính "${text(raw)}" không rõ`)] };
  return { value: v, issues: [] };
}

/** E-mail: trimmed, lower-cased domain, checked for a plausible shape. */
export function standardiseEmail(raw: unknown, field = 'email'): Std<string> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const t = text(raw).trim();
  const m = /^([^\s@]+)@([^\s@]+\.[^\s@]+)$/.exec(t);
  if (!m) return { value: null, issues: [issue(field, 'email-invalid', 'rejected', `Thư điện tử "${t}" không đúng dạng`)] };
  return { value: `${m[1]}@${m[2]!.toLowerCase()}`, issues: [] };
}
