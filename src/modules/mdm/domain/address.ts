/**
 * Addresses converted to the new units (2025 merger) through the units module's matcher; the address as
 * written is always kept. Pure given the matcher (the module passes `ctx.services.units.matcher()`).
 */
import type { AddressMatcher } from '../../units/index.ts';
import { canonicalLetters } from './text.ts';
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';

export interface CleanAddress {
  /** as written in the source (NFC, spaces trimmed) */
  original: string;
  /** "<street>, <new commune>, <new province>" with today's names, or null when not converted */
  normalized: string | null;
  newCommuneCode: string | null;
  newProvinceCode: string | null;
  /** the old commune named in the address (pre-2025), when it was one */
  oldCommuneCode: string | null;
  status: 'converted' | 'partial' | 'ambiguous' | 'current' | 'unknown';
  confidence: number;
}

/** An address → the new commune and province, keeping the original; unknown and ambiguous addresses are reported. */
export function standardiseAddress(raw: unknown, matcher: AddressMatcher | null, field = 'address'): Std<CleanAddress> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const issues: Issue[] = [];
  const original = canonicalLetters(text(raw)).text.replace(/\s+/g, ' ').trim();
  const base: CleanAddress = { original, normalized: null, newCommuneCode: null, newProvinceCode: null, oldCommuneCode: null, status: 'unknown', confidence: 0 };
  if (!matcher) return { value: base, issues };
  const out = matcher.convert(original);
  if (!out.ok) {
    const sev = out.code === 'address-ambiguous' ? 'doubtful' : 'doubtful';
    issues.push(issue(field, out.code, sev, out.code === 'address-ambiguous' ? `Địa chỉ mơ hồ: ${out.detail}` : `Không xác định được xã/phường: ${out.detail}`));
    return { value: { ...base, status: out.code === 'address-ambiguous' ? 'ambiguous' : 'unknown' }, issues };
  }
  const r = out.result;
  if (r.status === 'ambiguous' || r.status === 'partial') {
    issues.push(issue(field, `address-${r.status}`, 'doubtful', r.status === 'partial' ? 'Xã cũ bị chia cho nhiều xã mới; đã chọn xã có khả năng cao nhất' : 'Địa chỉ có thể thuộc nhiều xã mới'));
  }
  if (r.confidence < 0.6) issues.push(issue(field, 'address-low-confidence', 'doubtful', `Độ tin cậy chuyển đổi thấp (${r.confidence})`));
  return {
    value: {
      original,
      normalized: r.normalized_address,
      newCommuneCode: r.commune?.code ?? null,
      newProvinceCode: r.province?.code ?? null,
      oldCommuneCode: r.old?.commune?.code ?? null,
      status: r.status,
      confidence: r.confidence,
    },
    issues,
  };
}

const STREET_WORDS = /^(so|so nha|thon|xom|to|to dan pho|khu|khu pho|ap|ban|duong|ngo|ngach|hem|kiet|lang|khom|khoi|doi|cum|lo|can ho|toa|chung cu|\d)/;

function plain(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}

/**
 * A matcher that remembers the conversion of an address's administrative part (what follows the house
 * number, street and village segments), so a large source with many people in the same communes converts
 * each commune once. The street part is put back in front; the cache is bounded.
 */
export function memoisedMatcher(matcher: AddressMatcher, limit = 200_000): AddressMatcher {
  const memo = new Map<string, ReturnType<AddressMatcher['convert']>>();
  const convertTail = (tail: string) => {
    let r = memo.get(tail);
    if (!r) {
      r = matcher.convert(tail);
      if (memo.size >= limit) memo.clear();
      memo.set(tail, r);
    }
    return r;
  };
  return {
    ...matcher,
    convert(address: string) {
      const segs = address.split(',');
      let i = 0;
      while (i < segs.length - 2 && STREET_WORDS.test(plain(segs[i]!))) i++;
      if (i === 0) return convertTail(address.trim());
      const head = segs.slice(0, i).map((s) => s.trim()).join(', ');
      const out = convertTail(segs.slice(i).join(',').trim());
      if (!out.ok || out.result.street) return i === 0 ? out : matcher.convert(address);
      const r = out.result;
      return { ok: true, result: { ...r, street: head, normalized_address: `${head}, ${r.normalized_address}` } };
    },
  };
}
