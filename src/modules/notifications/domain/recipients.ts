import { maskPhone, maskText } from '../../../platform/mask.ts';

/** Recipients of notifications: validation, normalisation and the masked form shown in listings. */
export type Channel = 'email' | 'sms';

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Old 11-digit mobile prefixes and their 10-digit replacements (2018 renumbering). */
const OLD_PREFIXES: Record<string, string> = {
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0186': '056', '0188': '058', '0199': '059',
};

/** "+84 912 345 678" → "0912345678"; old 11-digit numbers are renumbered; null when not a mobile number. */
export function normalisePhone(raw: string): string | null {
  let v = raw.replace(/[\s.()-]/g, '');
  if (v.startsWith('+84')) v = '0' + v.slice(3);
  else if (v.startsWith('84') && v.length === 11) v = '0' + v.slice(2);
  if (/^0\d{10}$/.test(v)) {
    const p = OLD_PREFIXES[v.slice(0, 4)];
    if (!p) return null;
    v = p + v.slice(4);
  }
  // unknown prefixes are not rejected: numbering keeps changing
  return /^0[1-9]\d{8}$/.test(v) ? v : null;
}

export function normaliseEmail(raw: string): string | null {
  const v = raw.trim();
  return v.length <= 254 && EMAIL.test(v) ? v : null;
}

/** The address to send to, or null when it cannot be used on this channel. */
export function normaliseRecipient(channel: Channel, raw: string): string | null {
  return channel === 'email' ? normaliseEmail(raw) : normalisePhone(raw);
}

/** What a listing shows: "n***@example.vn", "09******78". */
export function maskRecipient(channel: Channel, to: string): string {
  return channel === 'email' ? maskText(to) : maskPhone(to);
}
