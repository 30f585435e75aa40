import { FormDefinitionSchema, type FormDefinition } from '../domain/types.ts';
import { birth } from './birth.ts';
import { householdBusiness, householdBusinessChange } from './business.ts';
import { certifiedCopy, contract, signature } from './certification.ts';
import { birthAgain, birthLate, civilChange, civilCopy, death, maritalStatus, marriage, parentage } from './civil-status.ts';
import { buildingPermit, landRegistration } from './land.ts';
import type { WrittenForm } from './registry-types.ts';
import { extendTemporaryResidence, permanentResidence, residenceConfirmation, temporaryResidence } from './residence.ts';

export type { WrittenForm } from './registry-types.ts';

/**
 * The twenty procedures a commune receives most, with their written forms (docs/forms.md says which and
 * why). Every other procedure gets the generic form derived from the catalogue.
 */
export const WRITTEN_FORMS: readonly WrittenForm[] = [
  birth,
  marriage,
  death,
  maritalStatus,
  parentage,
  civilChange,
  birthAgain,
  birthLate,
  civilCopy,
  certifiedCopy,
  signature,
  contract,
  permanentResidence,
  temporaryResidence,
  extendTemporaryResidence,
  residenceConfirmation,
  householdBusiness,
  householdBusinessChange,
  landRegistration,
  buildingPermit,
];

/** The written forms, parsed (defaults applied), by procedure code. */
export const BUILTIN_FORMS: ReadonlyMap<string, FormDefinition> = new Map(WRITTEN_FORMS.map((w) => [w.form.procedureCode, FormDefinitionSchema.parse(w.form)]));

/** A filled sample of each written form (tests, sample PDFs, demo dossiers). */
export function sampleAnswers(procedureCode: string): WrittenForm['sample'] | null {
  return WRITTEN_FORMS.find((w) => w.form.procedureCode === procedureCode)?.sample ?? null;
}
