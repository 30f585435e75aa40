import { vietnamToday, type FormOperations, type ResultDocument } from '../forms/index.ts';
import type { Dossier } from './domain/model.ts';

/**
 * The procedure's own result paper (module forms), from the dossier's filled form and the facts of the
 * signature; null when the dossier has no written form with a result model (the generic letter is used).
 */
export async function officialResult(
  d: Dossier,
  forms: FormOperations,
  f: { signedAt: Date; number: string; signerName: string; signerPosition: string | null },
  deciding: { name: string; kind: string },
  provinceName: string,
): Promise<ResultDocument | null> {
  if (!d.form || d.form.version < 1) return null;
  return forms.resultDocument({
    procedureCode: d.procedureCode,
    version: d.form.version,
    answers: d.form.answers,
    context: {
      dossierCode: d.code,
      number: f.number,
      issuedOn: vietnamToday(f.signedAt),
      receivedOn: d.receivedAt ? vietnamToday(d.receivedAt) : null,
      unit: { name: deciding.name, kind: deciding.kind === 'commune' ? 'commune' : deciding.kind === 'province' ? 'province' : 'agency' },
      province: { name: provinceName },
      signer: { name: f.signerName, position: f.signerPosition },
      applicant: { fullName: d.applicant.organisation || d.applicant.fullName, idNumber: d.applicant.idNumber ?? null, address: d.applicant.address ?? null, phone: d.applicant.phone ?? null },
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
    },
  });
}
