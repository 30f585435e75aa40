/** A person record from any source → the canonical, standardised person with every issue (pure). */
import type { AddressMatcher } from '../../units/index.ts';
import { standardiseAddress, type CleanAddress } from './address.ts';
import { standardiseDate, type CleanDate, type DateOrder } from './dates.ts';
import { standardisePersonalId, type PersonalId } from './ids.ts';
import type { Issue } from './issues.ts';
import { standardiseMaritalStatus, type MaritalStatus } from './marital.ts';
import { standardiseEmail, standardisePersonName, standardiseSex, type PersonName, type Sex } from './names.ts';
import { standardisePhone } from './phones.ts';

/** The canonical person fields a mapping may fill (raw values, before standardisation). */
export const PERSON_FIELDS = ['full_name', 'birth_date', 'sex', 'personal_id', 'old_id', 'phone', 'email', 'permanent_address', 'current_address', 'marital_status'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type RawPerson = Partial<Record<PersonField, unknown>>;

export interface CleanPerson {
  name: PersonName | null;
  birth: CleanDate | null;
  sex: Sex | null;
  /** 12-digit personal identification number */
  pid: string | null;
  /** old 9-digit CMND */
  oldId: string | null;
  phone: string | null;
  email: string | null;
  permanentAddress: CleanAddress | null;
  currentAddress: CleanAddress | null;
  marital: MaritalStatus | null;
}

export interface StandardiseOptions {
  matcher?: AddressMatcher | null;
  dateOrder?: DateOrder;
  today?: string;
}

/** Standardises every field; cross-field checks (id vs birth year and sex) are made here. */
export function standardisePerson(raw: RawPerson, opts: StandardiseOptions = {}): { person: CleanPerson; issues: Issue[] } {
  const issues: Issue[] = [];
  const take = <T>(s: { value: T | null; issues: Issue[] }): T | null => {
    issues.push(...s.issues);
    return s.value;
  };
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const name = take(standardisePersonName(raw.full_name));
  const birth = take(standardiseDate(raw.birth_date, 'birth_date', { order: opts.dateOrder ?? 'dmy', today }));
  const sex = take(standardiseSex(raw.sex));
  const idCtx = { birthYear: birth?.year ?? null, sex, thisYear: Number(today.slice(0, 4)) };
  let pid: string | null = null;
  let oldId: string | null = null;
  const place = (v: PersonalId | null) => {
    if (!v) return;
    if (v.kind === 'cccd') pid ??= v.number;
    else oldId ??= v.number;
  };
  place(take(standardisePersonalId(raw.personal_id, 'personal_id', idCtx)));
  place(take(standardisePersonalId(raw.old_id, 'old_id', idCtx)));
  const phone = take(standardisePhone(raw.phone))?.number ?? null;
  const email = take(standardiseEmail(raw.email));
  const matcher = opts.matcher ?? null;
  const permanentAddress = take(standardiseAddress(raw.permanent_address, matcher, 'permanent_address'));
  const currentAddress = take(standardiseAddress(raw.current_address, matcher, 'current_address'));
  const marital = take(standardiseMaritalStatus(raw.marital_status));
  return { person: { name, birth, sex, pid, oldId, phone, email, permanentAddress, currentAddress, marital }, issues };
}
