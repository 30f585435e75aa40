/** A business record (enterprise, branch or household business) → canonical, standardised (pure). */
import { standardiseAddress, type CleanAddress } from './address.ts';
import { standardiseDate, type CleanDate } from './dates.ts';
import { standardisePersonalId, standardiseTaxCode, type TaxCode } from './ids.ts';
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';
import { standardiseBusinessName, standardisePersonName } from './names.ts';
import type { StandardiseOptions } from './person.ts';
import { standardisePhone } from './phones.ts';
import { fold } from './text.ts';

export const BUSINESS_STATUSES = ['active', 'suspended', 'dissolved', 'bankrupt'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];
export type BusinessKind = 'enterprise' | 'branch' | 'household';

export interface CleanBusiness {
  name: { full: string; key: string } | null;
  taxCode: TaxCode | null;
  ownerName: string | null;
  ownerId: string | null;
  address: CleanAddress | null;
  registered: CleanDate | null;
  status: BusinessStatus | null;
  kind: BusinessKind | null;
  phone: string | null;
}

export function standardiseBusinessStatus(raw: unknown, field = 'status'): Std<BusinessStatus> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const f = fold(text(raw));
  if (/^(dang hoat dong|hoat dong|active|hd|dhd)$/.test(f)) return { value: 'active', issues: [] };
  if (/(tam ngung|tam dung|suspended)/.test(f)) return { value: 'suspended', issues: [] };
  if (/(giai the|cham dut|ngung hoat dong|dissolved|dong cua)/.test(f)) return { value: 'dissolved', issues: [] };
  if (/(pha san|bankrupt)/.test(f)) return { value: 'bankrupt', issues: [] };
  return { value: null, issues: [issue(field, 'status-unknown', 'rejected', `Tình trạng hoạt động "${text(raw)}" không rõ`)] };
}

export function standardiseBusiness(raw: Record<string, unknown>, opts: StandardiseOptions = {}): { business: CleanBusiness; issues: Issue[] } {
  const issues: Issue[] = [];
  const take = <T>(s: Std<T>): T | null => {
    issues.push(...s.issues);
    return s.value;
  };
  const name = take(standardiseBusinessName(raw.name));
  const taxCode = take(standardiseTaxCode(raw.tax_code));
  const owner = take(standardisePersonName(raw.owner_name, 'owner_name'));
  const ownerId = take(standardisePersonalId(raw.owner_id, 'owner_id'));
  const address = take(standardiseAddress(raw.address, opts.matcher ?? null, 'address'));
  const registered = take(standardiseDate(raw.registration_date, 'registration_date', { order: opts.dateOrder ?? 'dmy', today: opts.today, maxAge: 200 }));
  const status = take(standardiseBusinessStatus(raw.status));
  const k = isBlank(raw.kind) ? '' : fold(text(raw.kind));
  const kind: BusinessKind | null = /ho kinh doanh|hkd|household/.test(k) ? 'household' : /chi nhanh|branch|van phong dai dien/.test(k) ? 'branch' : k ? 'enterprise' : taxCode?.branch ? 'branch' : null;
  const phone = take(standardisePhone(raw.phone))?.number ?? null;
  return { business: { name, taxCode, ownerName: owner?.full ?? null, ownerId: ownerId?.number ?? null, address, registered, status, kind, phone }, issues };
}
