/**
 * Personal identification numbers and tax codes (pure).
 *
 * 12-digit personal identification number (số định danh cá nhân, printed on the CCCD; Thông tư
 * 59/2021/TT-BCA): digits 1–3 the code of the province where the birth was registered (the 63 pre-2025
 * provinces, 001–096), digit 4 century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s …),
 * digits 5–6 the last two digits of the birth year, then 6 random digits. The old identity card (CMND) has
 * 9 digits.
 */
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';
import type { Sex } from './names.ts';

/** The 63 province codes before 1 July 2025 (the first three digits of a personal id are one of them, 0-padded). */
export const OLD_PROVINCE_CODES: ReadonlySet<string> = new Set(
  '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96'.split(' '),
);

export interface PersonalId {
  kind: 'cccd' | 'cmnd';
  number: string;
  /** from a 12-digit id: the province code (2 digits), the sex and the birth year it encodes */
  provinceCode?: string;
  sex?: Sex;
  birthYear?: number;
}

/** What a 12-digit id encodes, or the reason it cannot be one. */
export function decodeCccd(n: string): { provinceCode: string; sex: Sex; birthYear: number } | { error: string; code: string } {
  if (!/^\d{12}$/.test(n)) return { code: 'id-format', error: 'Số định danh phải có 12 chữ số' };
  const prov = n.slice(0, 3);
  if (prov[0] !== '0' || !OLD_PROVINCE_CODES.has(prov.slice(1))) return { code: 'id-province', error: `Mã tỉnh ${prov} trong số định danh không tồn tại` };
  const g = Number(n[3]);
  const century = 1900 + Math.floor(g / 2) * 100;
  const sex: Sex = g % 2 === 0 ? 'male' : 'female';
  return { provinceCode: prov.slice(1), sex, birthYear: century + Number(n.slice(4, 6)) };
}

export interface IdContext {
  birthYear?: number | null;
  sex?: Sex | null;
  /** today's year, for "born in the future" */
  thisYear?: number;
}

/**
 * A personal id: 12 digits (checked: province code, century/sex digit, birth year — against the person's
 * date of birth and sex when known) or the old 9-digit CMND. Spaces, dots and dashes are removed; a
 * 12-digit id that lost its leading zero in a spreadsheet (11 digits) is restored and reported.
 */
export function standardisePersonalId(raw: unknown, field = 'personal_id', ctx: IdContext = {}): Std<PersonalId> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const issues: Issue[] = [];
  // a label typed before the number ("CCCD: 025…", "CMND số 13…")
  const t = text(raw)
    .trim()
    .normalize('NFC')
    .replace(/^(?:số\s*)?(?:cccd|cmnd|cmt|căn cước(?: công dân)?|định danh|đdcn|cc)\s*(?:số)?\s*[:.]?\s*/i, '');
  if (/[a-zA-Z]/.test(t)) return { value: null, issues: [issue(field, 'id-letters', 'rejected', `Số giấy tờ "${t}" có chữ cái`)] };
  let d = t.replace(/[\s.\-]/g, '');
  if (!/^\d+$/.test(d)) return { value: null, issues: [issue(field, 'id-format', 'rejected', `Số giấy tờ "${t}" có ký tự lạ`)] };
  if (d.length === 11 || d.length === 8) {
    d = '0' + d;
    issues.push(issue(field, 'id-leading-zero', 'fixed', 'Thêm số 0 đầu bị mất (thường do bảng tính)'));
  }
  if (/^(\d)\1+$/.test(d)) return { value: null, issues: [...issues, issue(field, 'id-placeholder', 'rejected', `Số giấy tờ "${t}" là số giả (một chữ số lặp lại)`)] };
  if (d.length === 9) return { value: { kind: 'cmnd', number: d }, issues };
  if (d.length !== 12) return { value: null, issues: [...issues, issue(field, 'id-length', 'rejected', `Số giấy tờ "${t}" có ${d.length} chữ số (cần 12, hoặc 9 với CMND cũ)`)] };
  const dec = decodeCccd(d);
  if ('error' in dec) return { value: null, issues: [...issues, issue(field, dec.code, 'rejected', dec.error)] };
  const thisYear = ctx.thisYear ?? new Date().getUTCFullYear();
  if (dec.birthYear > thisYear) return { value: null, issues: [...issues, issue(field, 'id-century', 'rejected', `Chữ số thế kỷ/giới tính cho năm sinh ${dec.birthYear} ở tương lai`)] };
  if (ctx.birthYear != null && ctx.birthYear !== dec.birthYear) {
    issues.push(issue(field, 'id-birth-year-mismatch', 'doubtful', `Số định danh ghi năm sinh ${dec.birthYear}, khác năm sinh ${ctx.birthYear}`));
  }
  if (ctx.sex && ctx.sex !== dec.sex) {
    issues.push(issue(field, 'id-sex-mismatch', 'doubtful', `Số định danh ghi giới tính ${dec.sex === 'male' ? 'nam' : 'nữ'}, khác giới tính trong hồ sơ`));
  }
  return { value: { kind: 'cccd', number: d, provinceCode: dec.provinceCode, sex: dec.sex, birthYear: dec.birthYear }, issues };
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** The check digit (10th) of a tax code's first nine digits, or null when no valid code has them. */
export function taxCheckDigit(first9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * TAX_WEIGHTS[i]!;
  const c = 10 - (sum % 11);
  return c === 10 ? null : c;
}

export interface TaxCode {
  /** "0100112437" or "0100112437-001" */
  code: string;
  /** the 10-digit code of the enterprise (the parent for a branch) */
  base: string;
  branch: string | null;
  /** a 12-digit personal identification number used as a tax code (individuals and household businesses since 1/7/2025) */
  personal: boolean;
}

/**
 * Tax code (mã số thuế): 10 digits whose 10th is the check digit, or 13 with a branch suffix
 * ("0100112437-001", also written without the dash); a 12-digit personal id is accepted as the tax code of
 * an individual or household business.
 */
export function standardiseTaxCode(raw: unknown, field = 'tax_code'): Std<TaxCode> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const t = text(raw).trim();
  const issues: Issue[] = [];
  const d = t.replace(/[\s.]/g, '');
  let m = /^(\d{10})(?:-?(\d{3}))?$/.exec(d);
  if (!m && /^\d{9}$/.test(d)) {
    m = /^(\d{10})$/.exec('0' + d);
    if (m) issues.push(issue(field, 'tax-leading-zero', 'fixed', 'Thêm số 0 đầu bị mất (thường do bảng tính)'));
  }
  if (!m) {
    if (/^\d{12}$/.test(d)) {
      const dec = decodeCccd(d);
      if ('error' in dec) return { value: null, issues: [issue(field, 'tax-format', 'rejected', `Mã số thuế "${t}" có 12 chữ số nhưng không phải số định danh: ${dec.error}`)] };
      return { value: { code: d, base: d, branch: null, personal: true }, issues };
    }
    return { value: null, issues: [...issues, issue(field, 'tax-format', 'rejected', `Mã số thuế "${t}" phải có 10 chữ số (13 với đơn vị phụ thuộc)`)] };
  }
  const base = m[1]!;
  const expect = taxCheckDigit(base.slice(0, 9));
  if (expect === null || expect !== Number(base[9])) {
    return { value: null, issues: [...issues, issue(field, 'tax-check-digit', 'rejected', `Mã số thuế "${t}" sai chữ số kiểm tra`)] };
  }
  const branch = m[2] ?? null;
  if (branch === '000') return { value: null, issues: [...issues, issue(field, 'tax-branch', 'rejected', 'Mã đơn vị phụ thuộc không thể là 000')] };
  return { value: { code: branch ? `${base}-${branch}` : base, base, branch, personal: false }, issues };
}
