/**
 * Phone numbers to today's form (pure). Mobile numbers have 10 digits since the 2018 conversion of the
 * 11-digit prefixes (15/9–15/11/2018, Thông tư 22/2014/TT-BTTTT amended; Quyết định 798/QĐ-BTTTT of the
 * Ministry of Information and Communications); landlines have 11 digits with the 02x area codes since 2017.
 */
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';

/** The 2018 mobile prefix conversion: old 11-digit prefix → new 10-digit prefix. */
export const MOBILE_PREFIX_2018: Readonly<Record<string, string>> = {
  // Viettel
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  // MobiFone
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  // VinaPhone
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  // Vietnamobile
  '0186': '056', '0188': '058',
  // Gmobile (Beeline)
  '0199': '059',
};

/** Prefixes of 10-digit mobile numbers in use today. */
const MOBILE_10 = /^0(3[2-9]|5[2589]|7[06-9]|8[1-9]|9\d)\d{7}$/;
/** Landlines: 02 + area code (1–2 digits) + number = 11 digits. */
const LANDLINE_11 = /^02\d{9}$/;

export interface CleanPhone {
  /** 0xxxxxxxxx */
  number: string;
  kind: 'mobile' | 'landline';
  /** E.164 without spaces: +84xxxxxxxxx */
  e164: string;
}

/** Notes in brackets ("(nhà)", "(con trai)") and labels before a number ("ĐT:", "DĐ", "Tel.") are not the number. */
function unlabel(x: string): string {
  return x
    .replace(/\((?![\d\s+]*\))[^)]*\)/g, ' ')
    .replace(/^\s*[\p{L}.\s]*?[:.]?\s*(?=[+(\d])/u, '')
    .replace(/(?<=\d)\s*[\p{L}][\p{L}\s.]*$/u, '')
    .trim();
}

/**
 * "+84 912.345.678", "0084912345678", "84912345678", "0912 345 678", "(0168) 123 4567", "1681234567"
 * (leading zero lost in a spreadsheet) → "0912345678" / "0381234567"; an unknown shape is rejected.
 */
export function standardisePhone(raw: unknown, field = 'phone'): Std<CleanPhone> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const issues: Issue[] = [];
  const t = text(raw).trim();
  // several numbers in one field: keep the first, report the rest
  const parts = t.split(/\s*[;,/|]\s*|\s+(?:hoặc|hoac|or|và|va)\s+/i).map(unlabel).filter((p) => /\d/.test(p));
  if (parts.length > 1) issues.push(issue(field, 'phone-several', 'doubtful', `Có ${parts.length} số trong một ô; giữ số đầu`));
  if (parts.length === 0 || /\p{L}/u.test(parts[0]!)) {
    return { value: null, issues: [issue(field, 'phone-letters', 'rejected', `Số điện thoại "${t}" có chữ cái`)] };
  }
  let d = parts[0]!.replace(/\D/g, '');
  if (parts[0]!.startsWith('+') && !d.startsWith('84')) {
    return { value: null, issues: [...issues, issue(field, 'phone-foreign', 'rejected', `Số "${t}" không phải số Việt Nam`)] };
  }
  if (d.startsWith('0084')) d = '0' + d.slice(4);
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = '0' + d.slice(2);
  else if (!d.startsWith('0') && (d.length === 9 || d.length === 10)) {
    d = '0' + d;
    issues.push(issue(field, 'phone-leading-zero', 'fixed', 'Thêm số 0 đầu bị mất (thường do bảng tính)'));
  }
  if (d.length === 11 && d.startsWith('01')) {
    const np = MOBILE_PREFIX_2018[d.slice(0, 4)];
    if (!np) return { value: null, issues: [...issues, issue(field, 'phone-old-prefix-unknown', 'rejected', `Đầu số cũ ${d.slice(0, 4)} không có trong bảng chuyển đổi năm 2018`)] };
    const nd = np + d.slice(4);
    issues.push(issue(field, 'phone-2018-conversion', 'fixed', `Đầu số cũ ${d.slice(0, 4)} được chuyển thành ${np} (chuyển đổi năm 2018)`));
    d = nd;
  }
  if (MOBILE_10.test(d)) return { value: { number: d, kind: 'mobile', e164: `+84${d.slice(1)}` }, issues };
  if (LANDLINE_11.test(d)) return { value: { number: d, kind: 'landline', e164: `+84${d.slice(1)}` }, issues };
  if (d.length === 10 && /^0[2-8]/.test(d) && !/^0(3|5|7|8)/.test(d)) {
    return { value: null, issues: [...issues, issue(field, 'phone-old-landline', 'rejected', `Số cố định "${t}" theo mã vùng cũ (trước 2017); cần mã vùng mới 02x`)] };
  }
  return { value: null, issues: [...issues, issue(field, 'phone-invalid', 'rejected', `Số điện thoại "${t}" không đúng dạng`)] };
}
