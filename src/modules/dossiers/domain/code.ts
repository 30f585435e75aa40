/**
 * The dossier code of Thông tư 03/2025 Art. 13 (REGULATIONS §2.5):
 * `<electronic identifier of the receiving agency>-<YYMMDD>-<4-digit running number of the day>`,
 * e.g. `H15.50.05.13-261008-0975`. Agency identifiers follow Quyết định 20/2020/QĐ-TTg: at most 35
 * characters of 0–9, A–Z and '.', groups from level 1 (a letter and two digits). The level-1 codes of the
 * 34 new provinces are [open]: identifiers are configuration, and the demo's are marked as demo values.
 */
import { vnDate } from '../../../platform/vietnamese.ts';

export const AGENCY_ID_PATTERN = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,10})*$/;
export const DOSSIER_CODE_PATTERN = /^([A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*)-([0-9]{6})-([0-9]{4})$/;

export function isAgencyIdentifier(v: string): boolean {
  return v.length <= 35 && AGENCY_ID_PATTERN.test(v);
}

/** YYMMDD of a moment in Vietnam time. */
export function codeDay(at: Date): string {
  const d = vnDate(at);
  return d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
}

export function formatDossierCode(agencyId: string, at: Date, running: number): string {
  if (!isAgencyIdentifier(agencyId)) throw new Error(`mã định danh điện tử không hợp lệ: ${agencyId}`);
  if (!Number.isInteger(running) || running < 1 || running > 9999) throw new RangeError('số thứ tự hồ sơ trong ngày phải từ 1 đến 9999');
  return `${agencyId}-${codeDay(at)}-${String(running).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { agencyId: string; day: string; running: number } | null {
  const m = DOSSIER_CODE_PATTERN.exec(code);
  if (!m || m[1]!.length > 35) return null;
  return { agencyId: m[1]!, day: m[2]!, running: Number(m[3]) };
}

/**
 * Demo electronic identifiers (marked demo: the real ones are assigned under Quyết định 20/2020 and are
 * [open] for the merged provinces): the province is `H<code>`, its agencies `H<code>.<01..>`, its communes
 * `H<code>.<61+k>.<01..99>` (99 per group).
 */
export function demoIdentifiers(provinceCode: string, agencies: string[], communes: string[]): Map<string, string> {
  const root = `H${provinceCode.padStart(2, '0')}`;
  const out = new Map<string, string>();
  out.set(provinceCode, root);
  [...agencies].sort().forEach((a, i) => out.set(a, `${root}.${String(i + 1).padStart(2, '0')}`));
  [...communes].sort().forEach((c, i) => out.set(c, `${root}.${61 + Math.floor(i / 99)}.${String((i % 99) + 1).padStart(2, '0')}`));
  return out;
}
