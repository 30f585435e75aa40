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

/** Identifiers that are never personal data, whatever digits they hold (a UUID's last group can be 12 digits). */
const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

function maskTextPart(text: string): string {
  return text
    .replace(ID_12, (_m, a: string, b: string) => `${a}******${b}`)
    .replace(PHONE, (_m, p: string, d: string, end: string) => `${p}${d}******${end}`)
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/**
 * Masks identification numbers, phone numbers and e-mail addresses found inside free text (a message, a
 * note). UUIDs in the text are left whole: they identify records, not people.
 */
export function maskText(text: string): string {
  // split() with a capturing group puts the UUIDs at the odd indices
  return text
    .split(UUID)
    .map((part, i) => (i % 2 === 1 ? part : maskTextPart(part)))
    .join('');
}

const WHOLE_ID = /^\d{9}$|^\d{12}$/;
const WHOLE_PHONE = /^(0|\+84)\d{8,10}$/;
const WHOLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Masks a value that IS a personal datum as a whole (an identification number, a phone number, an e-mail
 * address), e.g. a route parameter; any other value (a UUID, a dossier code, a count) is returned as it is.
 */
export function maskWholeValue(value: string): string {
  const v = value.trim();
  if (WHOLE_ID.test(v)) return maskIdNumber(v);
  if (WHOLE_PHONE.test(v.replace(/[\s.]/g, ''))) return maskPhone(v);
  if (WHOLE_EMAIL.test(v)) return maskText(v);
  return value;
}

/** Keys whose values are personal data; the logger and exporters mask them wherever they appear. */
export const PERSONAL_KEYS: Record<string, (v: string) => string> = {
  id_number: maskIdNumber,
  idNumber: maskIdNumber,
  personal_id: maskIdNumber,
  personalId: maskIdNumber,
  citizen_id: maskIdNumber,
  citizenId: maskIdNumber,
  phone: maskPhone,
  phone_number: maskPhone,
  phoneNumber: maskPhone,
  full_name: maskName,
  fullName: maskName,
  name_of_person: maskName,
  applicant_name: maskName,
  email: (v) => maskText(v),
  password: () => '[redacted]',
};

/** Keys whose values are free text written by people, where personal data may sit inside a sentence. */
export const FREE_TEXT_KEYS = new Set(['text', 'message', 'msg', 'note', 'notes', 'reason', 'comment', 'content', 'body', 'description', 'address', 'last_error', 'lastError']);

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a deep copy of a value with the fields that hold personal data masked, chosen by classification,
 * never by a pattern run over every string (which corrupted UUIDs holding a run of digits):
 *  - a key of PERSONAL_KEYS: its masker;
 *  - a key of FREE_TEXT_KEYS: personal data inside the text (UUIDs kept whole);
 *  - any other string: masked only when the whole value is an identification number, phone or e-mail.
 * Objects that are not plain (requests, errors, dates) are left to the logger's serializers.
 */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskWholeValue(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const masker = PERSONAL_KEYS[k] ?? (FREE_TEXT_KEYS.has(k) ? maskText : undefined);
      out[k] = masker && typeof v === 'string' ? masker(v) : maskDeep(v, depth + 1);
    }
    return out;
  }
  return value;
}
