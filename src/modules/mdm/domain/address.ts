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
