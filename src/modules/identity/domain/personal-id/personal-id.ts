/**
 * The 12-digit personal identification number (số định danh cá nhân, printed on the chip ID card):
 *   PPP C YY NNNNNN
 *   PPP    — "0" + the pre-2025 two-digit code of the province where the birth was registered (001…096);
 *   C      — century and sex: 0/1 = born 1900–1999 male/female, 2/3 = 2000–2099, 4/5 = 2100–2199,
 *            6/7 = 2200–2299, 8/9 = 2300–2399 (Thông tư 07/2016/TT-BCA);
 *   YY     — the last two digits of the birth year;
 *   NNNNNN — a random serial. There is no check digit.
 *
 * The format is checked strictly (12 digits); the province and the century are checked softly: an
 * unknown province code or an unlikely birth year gives a warning, not a rejection, because the national
 * database is the authority and new codes (births abroad, future changes) must not lock people out.
 */

/** The 63 pre-2025 province codes used as the first three digits ("0" + code). */
export const BIRTH_PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang', '010': 'Lào Cai',
  '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái', '017': 'Hòa Bình', '019': 'Thái Nguyên',
  '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang', '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh',
  '030': 'Hải Dương', '031': 'Hải Phòng', '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định',
  '037': 'Ninh Bình', '038': 'Thanh Hóa', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định', '054': 'Phú Yên',
  '056': 'Khánh Hòa', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum', '064': 'Gia Lai', '066': 'Đắk Lắk',
  '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước', '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu', '079': 'Hồ Chí Minh', '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh',
  '086': 'Vĩnh Long', '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ', '093': 'Hậu Giang',
  '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

export interface PersonalIdCheck {
  valid: boolean;
  /** The number without spaces (what should be stored). */
  normalized: string;
  errors: string[];
  warnings: string[];
  birthProvince?: string;
  sex?: 'male' | 'female';
  birthYear?: number;
}

/** Checks a personal identification number; `now` decides whether a birth year is in the future. */
export function checkPersonalId(input: string, now: Date = new Date()): PersonalIdCheck {
  const normalized = String(input ?? '').replace(/[\s.]/g, '');
  const out: PersonalIdCheck = { valid: false, normalized, errors: [], warnings: [] };
  if (/^\d{9}$/.test(normalized)) {
    out.errors.push('Đây là số chứng minh nhân dân cũ (9 chữ số); cần số định danh cá nhân 12 chữ số.');
    return out;
  }
  if (!/^\d{12}$/.test(normalized)) {
    out.errors.push('Số định danh cá nhân phải gồm đúng 12 chữ số.');
    return out;
  }
  out.valid = true;
  const province = normalized.slice(0, 3);
  const c = Number(normalized[3]);
  const yy = Number(normalized.slice(4, 6));
  out.birthProvince = BIRTH_PROVINCE_CODES[province];
  if (!out.birthProvince) out.warnings.push(`Mã tỉnh nơi đăng ký khai sinh "${province}" không có trong danh mục 63 tỉnh, thành phố.`);
  out.sex = c % 2 === 0 ? 'male' : 'female';
  out.birthYear = 1900 + Math.floor(c / 2) * 100 + yy;
  if (out.birthYear > now.getUTCFullYear()) out.warnings.push(`Chữ số thế kỷ "${c}" cho năm sinh ${out.birthYear}, sau năm hiện tại.`);
  else if (now.getUTCFullYear() - out.birthYear > 120) out.warnings.push(`Năm sinh ${out.birthYear} cách hiện tại hơn 120 năm.`);
  return out;
}

/** True when the number has the 12-digit format (warnings do not make it invalid). */
export function isValidPersonalId(input: string): boolean {
  return checkPersonalId(input).valid;
}
