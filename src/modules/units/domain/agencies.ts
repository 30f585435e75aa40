/**
 * The demo province's agencies (Tỉnh Phú Thọ, code 25): organisational units that are not administrative
 * units. Codes are "<province>.<abbreviation>"; they are stable identifiers other modules store.
 */
import type { Agency } from '../types.ts';
import { MERGER_DATE } from './dataset.ts';

export const DEMO_PROVINCE = '25';

const a = (code: string, name: string, short_name: string, kind: Agency['kind'], parent_code: string | null = null): Agency => ({
  code,
  name,
  short_name,
  kind,
  province_code: DEMO_PROVINCE,
  parent_code,
  valid_from: MERGER_DATE,
  valid_to: null,
});

export const DEMO_AGENCIES: readonly Agency[] = [
  a('25.VPUBND', 'Văn phòng UBND tỉnh Phú Thọ', 'Văn phòng UBND tỉnh', 'office'),
  a('25.TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ', 'Trung tâm Phục vụ HCC', 'service_center', '25.VPUBND'),
  a('25.STP', 'Sở Tư pháp tỉnh Phú Thọ', 'Sở Tư pháp', 'department'),
  a('25.SXD', 'Sở Xây dựng tỉnh Phú Thọ', 'Sở Xây dựng', 'department'),
  a('25.SNNMT', 'Sở Nông nghiệp và Môi trường tỉnh Phú Thọ', 'Sở Nông nghiệp và Môi trường', 'department'),
  a('25.SYT', 'Sở Y tế tỉnh Phú Thọ', 'Sở Y tế', 'department'),
  a('25.CAT', 'Công an tỉnh Phú Thọ', 'Công an tỉnh', 'police'),
];

/** "25.STP" → true; agency codes are the province code, a dot, and capital letters or digits. */
export function isAgencyCode(code: string): boolean {
  return /^\d{2}\.[A-Z0-9][A-Z0-9_.-]{0,31}$/.test(code);
}
