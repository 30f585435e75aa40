/**
 * Vietnamese tax codes (mã số thuế) of organisations:
 *  - 10 digits: N1…N9 then a check digit N10 = 10 − (Σ Nᵢ·wᵢ mod 11) with weights 31, 29, 23, 19, 17, 13,
 *    7, 5, 3. A code whose formula gives 10 cannot be issued, so it is invalid.
 *  - 13 digits: the 10-digit code of the parent organisation followed by a 3-digit serial of the dependent
 *    unit (branch, representative office), written `0100109106-001`; the serial is never 000.
 * Since 1 July 2025 individuals and household businesses use their 12-digit personal identification number
 * as tax code; `allowPersonal` accepts that form too.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export interface TaxCodeCheck {
  valid: boolean;
  /** Digits only, with the dash of a dependent unit kept: "0100109106" or "0100109106-001". */
  normalized: string;
  kind?: 'organisation' | 'dependent-unit' | 'personal';
  errors: string[];
}

/** The check digit for nine leading digits, or null when no valid code can start with them. */
export function taxCheckDigit(first9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * WEIGHTS[i]!;
  const d = 10 - (sum % 11);
  return d === 10 ? null : d === 11 ? null : d;
}

export function checkTaxCode(input: string, opts: { allowPersonal?: boolean } = {}): TaxCodeCheck {
  const raw = String(input ?? '').replace(/\s/g, '');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(raw);
  if (opts.allowPersonal && /^\d{12}$/.test(raw)) return { valid: true, normalized: raw, kind: 'personal', errors: [] };
  if (!m) return { valid: false, normalized: raw, errors: ['Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001 cho đơn vị phụ thuộc.'] };
  const [, base, branch] = m as unknown as [string, string, string | undefined];
  const normalized = branch ? `${base}-${branch}` : base;
  const expected = taxCheckDigit(base.slice(0, 9));
  if (expected === null || expected !== Number(base[9])) {
    return { valid: false, normalized, errors: ['Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng.'] };
  }
  if (branch === '000') return { valid: false, normalized, errors: ['Số thứ tự đơn vị phụ thuộc không được là 000.'] };
  return { valid: true, normalized, kind: branch ? 'dependent-unit' : 'organisation', errors: [] };
}

export function isValidTaxCode(input: string, opts: { allowPersonal?: boolean } = {}): boolean {
  return checkTaxCode(input, opts).valid;
}
