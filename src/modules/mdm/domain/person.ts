/** A person record from any source → the canonical, standardised person with every issue (pure). */
import type { AddressMatcher } from '../../units/index.ts';
import { standardiseAddress, type CleanAddress } from './address.ts';
import { standardiseDate, type CleanDate, type DateOrder } from './dates.ts';
import { standardisePersonalId } from './ids.ts';
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

/** A standardiser's value, its issues added to the record's (a module function: no closure made per record). */
function take<T>(issues: Issue[], s: { value: T | null; issues: Issue[] }): T | null {
  for (const i of s.issues) issues.push(i);
  return s.value;
}

/** Standardises every field; cross-field checks (id vs birth year and sex) are made here. */
export function standardisePerson(raw: RawPerson, opts: StandardiseOptions = {}): { person: CleanPerson; issues: Issue[] } {
  const issues: Issue[] = [];
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const name = take(issues, standardisePersonName(raw.full_name));
  const birth = take(issues, standardiseDate(raw.birth_date, 'birth_date', { order: opts.dateOrder ?? 'dmy', today }));
  const sex = take(issues, standardiseSex(raw.sex));
  const idCtx = { birthYear: birth?.year ?? null, sex, thisYear: Number(today.slice(0, 4)) };
  let pid: string | null = null;
  let oldId: string | null = null;
  for (const v of [take(issues, standardisePersonalId(raw.personal_id, 'personal_id', idCtx)), take(issues, standardisePersonalId(raw.old_id, 'old_id', idCtx))]) {
    if (!v) continue;
    if (v.kind === 'cccd') pid ??= v.number;
    else oldId ??= v.number;
  }
  const phone = take(issues, standardisePhone(raw.phone))?.number ?? null;
  const email = take(issues, standardiseEmail(raw.email));
  const matcher = opts.matcher ?? null;
  const permanentAddress = take(issues, standardiseAddress(raw.permanent_address, matcher, 'permanent_address'));
  const currentAddress = take(issues, standardiseAddress(raw.current_address, matcher, 'current_address'));
  const marital = take(issues, standardiseMaritalStatus(raw.marital_status));
  return { person: { name, birth, sex, pid, oldId, phone, email, permanentAddress, currentAddress, marital }, issues };
}
