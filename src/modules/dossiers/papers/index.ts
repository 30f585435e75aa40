/**
 * The one-stop papers (Thông tư 03/2025, Phụ lục I) as PDF renderers with plain-data inputs, the
 * electronic register (CSV, XLSX), the result document and the electronic fee receipt.
 * See docs/papers.md.
 */
export { renderReceipt, RECEIPT_SUFFIX, type ReceiptInput, type ReceivedDocument } from './receipt.ts';
export { renderSupplementRequest, SUPPLEMENT_SUFFIX, type SupplementRequestInput } from './supplement.ts';
export { renderRefusal, REFUSAL_SUFFIX, type RefusalInput } from './refusal.ts';
export { renderApology, APOLOGY_SUFFIX, type ApologyInput } from './apology.ts';
export { renderProcessControlSheet, CONTROL_SHEET_SUFFIX, type ProcessControlInput, type HandoverStep } from './control-sheet.ts';
export { renderRegisterCsv, renderRegisterXlsx, registerCells, REGISTER_COLUMNS, type RegisterInput, type RegisterRow } from './register.ts';
export { renderResultDocument, type ResultDocumentInput } from './result.ts';
export { renderFeeReceipt, type FeeReceiptInput, type FeeLine } from './fee-receipt.ts';
export { signerTitle, type Leadership } from './signer.ts';
export { handoverResult, HANDOVER_RESULT_LABELS, type HandoverResult } from './handover.ts';
export { trackingQrPayload } from './qr.ts';
export {
  amountInWords,
  formatDate,
  formatDateTimeShort,
  formatDateTimeWords,
  formatDateWords,
  formatMoney,
  formatPlaceDate,
  vnParts,
} from './format.ts';
export type { AgencyHeader, PaperHeader, PartyInfo, ProxyInfo, SignerInfo } from './types.ts';
export { samplePapers, SAMPLE_DOSSIER_CODE } from './samples.ts';
export { renderOfficialResult, type OfficialResultInput } from './official-result.ts';
