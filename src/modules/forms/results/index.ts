import { householdBusinessCertificate } from './business.ts';
import { certifiedCopy, contractCertification, signatureCertification } from './certification.ts';
import { birthExtract, civilChangeExtract, civilCopy, deathExtract, maritalStatusCertificate, marriageCertificate, parentageExtract } from './civil-status.ts';
import { constructionPermit, landRegistrationNotice } from './land.ts';
import { residenceConfirmation, residenceNotice } from './residence.ts';
import type { ResultBuilder } from './types.ts';

export type { ResultBlock, ResultBuilder, ResultCell, ResultContext, ResultDocument } from './types.ts';

/** The official paper of each result model named by a form (`result.kind`). */
export const RESULT_BUILDERS: Readonly<Record<string, ResultBuilder>> = {
  'birth-extract': birthExtract,
  'marriage-certificate': marriageCertificate,
  'death-extract': deathExtract,
  'marital-status': maritalStatusCertificate,
  'parentage-extract': parentageExtract,
  'civil-change-extract': civilChangeExtract,
  'civil-copy': civilCopy,
  'certified-copy': certifiedCopy,
  'signature-certification': signatureCertification,
  'contract-certification': contractCertification,
  'residence-notice': residenceNotice,
  'residence-confirmation': residenceConfirmation,
  'household-business-certificate': householdBusinessCertificate,
  'land-registration-notice': landRegistrationNotice,
  'construction-permit': constructionPermit,
};
