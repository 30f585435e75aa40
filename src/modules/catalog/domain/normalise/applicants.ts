import type { ApplicantType } from '../../types.ts';
import { parsed, type Parsed } from './result.ts';
import { oneLine } from './text.ts';

/**
 * The portal's closed list of applicant types ("Đối tượng thực hiện"). Some labels contain commas
 * ("Cán bộ, công chức, viên chức"), so the list is matched label by label, longest first, instead of
 * being split on commas.
 */
export const APPLICANT_TYPES: readonly ApplicantType[] = [
  { code: 'organisation', label: 'Tổ chức (không bao gồm doanh nghiệp, HTX)' },
  { code: 'public_servant', label: 'Cán bộ, công chức, viên chức' },
  { code: 'citizen', label: 'Công dân Việt Nam' },
  { code: 'overseas_vietnamese', label: 'Người Việt Nam định cư ở nước ngoài' },
  { code: 'foreign_resident', label: 'Người nước ngoài cư trú tại Việt Nam' },
  { code: 'foreigner', label: 'Người nước ngoài' },
  { code: 'foreign_organisation', label: 'Tổ chức nước ngoài' },
  { code: 'foreign_invested_enterprise', label: 'Doanh nghiệp có vốn đầu tư nước ngoài' },
  { code: 'vietnamese_enterprise', label: 'Doanh nghiệp Việt Nam' },
  { code: 'enterprise', label: 'Doanh nghiệp' },
  { code: 'cooperative', label: 'Hợp tác xã' },
  { code: 'party_organisation', label: 'Tổ chức Đảng' },
  { code: 'party_member', label: 'Đảng viên' },
];

const BY_LENGTH = [...APPLICANT_TYPES].sort((a, b) => b.label.length - a.label.length);

/**
 * "Công dân Việt Nam, Cán bộ, công chức, viên chức" → [citizen, public_servant]. A label outside the
 * list is kept with code 'other' and reported.
 */
export function parseApplicantTypes(text: string | null | undefined): Parsed<ApplicantType[]> {
  let rest = oneLine(text);
  if (!rest) return parsed([], 'empty');
  const out: ApplicantType[] = [];
  const unknown: string[] = [];
  while (rest) {
    rest = rest.replace(/^[\s,;]+/, '');
    if (!rest) break;
    const lower = rest.toLowerCase();
    const hit = BY_LENGTH.find((t) => {
      const l = t.label.toLowerCase();
      return lower.startsWith(l) && /^($|[\s,;])/.test(lower.slice(l.length));
    });
    if (hit) {
      if (!out.some((o) => o.code === hit.code)) out.push(hit);
      rest = rest.slice(hit.label.length);
    } else {
      const end = rest.search(/[,;]/);
      const label = (end < 0 ? rest : rest.slice(0, end)).trim();
      unknown.push(label);
      out.push({ code: 'other', label });
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  const issues = unknown.map((u) => ({ kind: 'unknown-applicant-type', detail: u }));
  return parsed(out, unknown.length === 0 ? 'ok' : unknown.length < out.length ? 'partial' : 'failed', issues);
}
