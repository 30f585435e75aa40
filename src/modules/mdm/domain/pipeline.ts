/** One source row through its mapping and the standardisers (pure). */
import type { Issue } from './issues.ts';
import { mapRow, recordIdOf, type Mapping } from './mapping.ts';
import { standardisePerson, type CleanPerson, type StandardiseOptions } from './person.ts';
import { standardiseBusiness, type CleanBusiness } from './business.ts';

export type Standardised =
  | { ok: true; entity: 'person'; recordId: string; canonical: Record<string, unknown>; person: CleanPerson; issues: Issue[]; updatedAt: string | null }
  | { ok: true; entity: 'business'; recordId: string; canonical: Record<string, unknown>; business: CleanBusiness; issues: Issue[]; updatedAt: string | null }
  | { ok: false; reason: string };

export function standardiseRow(row: Record<string, unknown>, mapping: Mapping, opts: StandardiseOptions = {}): Standardised {
  const recordId = recordIdOf(row, mapping);
  if (!recordId) return { ok: false, reason: 'Bản ghi không có mã (cột recordId rỗng)' };
  const canonical = mapRow(row, mapping);
  const updatedRaw = mapping.updatedAt ? row[mapping.updatedAt] : null;
  const updatedAt = updatedRaw instanceof Date ? updatedRaw.toISOString() : updatedRaw == null || updatedRaw === '' ? null : String(updatedRaw);
  if (mapping.entity === 'business') {
    const { business, issues } = standardiseBusiness(canonical, { ...opts, dateOrder: mapping.dateOrder });
    return { ok: true, entity: 'business', recordId, canonical, business, issues, updatedAt };
  }
  const { person, issues } = standardisePerson(canonical, { ...opts, dateOrder: mapping.dateOrder });
  return { ok: true, entity: 'person', recordId, canonical, person, issues, updatedAt };
}
