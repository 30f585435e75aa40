/**
 * Masking of personal data for logs and exports. Identification numbers, phone numbers and names never
 * appear in clear in a log line: they are replaced by a shape that keeps enough to correlate
 * ("0012****5678", "09******89", "N*** V*** A***").
 */
const ID_12 = /\b(\d{3})\d{6}(\d{3})\b/g;
const PHONE = /(?<!\d)(0|\+84)(\d{1})\d{5,7}(\d{2})(?!\d)/g;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;

export function maskIdNumber(value: string): string {
  const v = value.replace(/\s/g, '');
  if (v.length <= 4) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(Math.max(0, v.length - 6)) + v.slice(-3);
}

export function maskPhone(value: string): string {
  const v = value.replace(/\s/g, '');
  if (v.length <= 4) return '*'.repeat(v.length);
  return v.slice(0, 2) + '*'.repeat(v.length - 4) + v.slice(-2);
}

export function maskName(value: string): string {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => Array.from(w)[0] + '***')
    .join(' ');
}

/** Masks identification numbers, phone numbers and e-mail addresses found inside free text. */
export function maskText(text: string): string {
  return text
    .replace(ID_12, (_m, a: string, b: string) => `${a}******${b}`)
    .replace(PHONE, (_m, p: string, d: string, end: string) => `${p}${d}******${end}`)
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/** Keys whose values are personal data; the logger and exporters mask them wherever they appear. */
export const PERSONAL_KEYS: Record<string, (v: string) => string> = {
  id_number: maskIdNumber,
  idNumber: maskIdNumber,
  personal_id: maskIdNumber,
  citizen_id: maskIdNumber,
  phone: maskPhone,
  phone_number: maskPhone,
  full_name: maskName,
  fullName: maskName,
  name_of_person: maskName,
  applicant_name: maskName,
  email: (v) => maskText(v),
  password: () => '[redacted]',
};

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Returns a deep copy of a value with personal fields and personal text masked. Objects that are not
 * plain (requests, errors, dates) are left to the logger's serializers. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const masker = PERSONAL_KEYS[k];
      out[k] = masker && typeof v === 'string' ? masker(v) : maskDeep(v, depth + 1);
    }
    return out;
  }
  return value;
}
