/**
 * What a client may receive from a shared dataset.
 *
 * How it works: the client's grant names the fields it may read. A field classified personal or sensitive
 * personal (or any field of a dataset so classified) is released only when the grant names a legal basis
 * (Luật Bảo vệ dữ liệu cá nhân 2025: a state body processes personal data for its tasks on a legal basis).
 * Fields the grant does not name, or personal fields without a basis, are withheld and listed with the
 * reason. No grant: nothing.
 */
export type Classification = 'public' | 'internal' | 'personal' | 'sensitive_personal';

export interface DatasetField {
  name: string;
  label: string;
  classification: Classification;
}

export interface DatasetGrant {
  fields: readonly string[];
  legalBasis: string | null;
}

export const PERSONAL: ReadonlySet<Classification> = new Set(['personal', 'sensitive_personal']);

export interface ReleaseDecision {
  released: string[];
  withheld: { field: string; reason: 'not-granted' | 'no-legal-basis' }[];
  personal: boolean;
}

export function decideRelease(fields: readonly DatasetField[], grant: DatasetGrant | null): ReleaseDecision {
  const released: string[] = [];
  const withheld: ReleaseDecision['withheld'] = [];
  let personal = false;
  for (const f of fields) {
    if (!grant || !grant.fields.includes(f.name)) withheld.push({ field: f.name, reason: 'not-granted' });
    else if (PERSONAL.has(f.classification) && !grant.legalBasis?.trim()) withheld.push({ field: f.name, reason: 'no-legal-basis' });
    else {
      released.push(f.name);
      if (PERSONAL.has(f.classification)) personal = true;
    }
  }
  return { released, withheld, personal };
}
