import { signerBlock } from './common.ts';
import { formatPlaceDate } from './format.ts';
import { Paper } from './layout.ts';
import { trackingQrPayload } from './qr.ts';
import type { AgencyHeader, SignerInfo } from './types.ts';

/**
 * The result of a procedure as a document (a generic "Kết quả giải quyết thủ tục hành chính", or a
 * specific one such as "Trích lục khai sinh"): facts as label/value lines and the decision text.
 * It is meant to be signed afterwards with `signPdf` (src/platform/documents).
 */
export interface ResultDocumentInput {
  agency: AgencyHeader;
  /** Number and symbol, e.g. number "125", symbol "TLKS" → "Số: 125/TLKS". */
  number: string;
  symbol: string;
  issuedAt: Date;
  /** Defaults to "Kết quả giải quyết thủ tục hành chính". */
  title?: string;
  /** An italic line under the title, e.g. "(Bản chính)". */
  subtitle?: string;
  dossierCode: string;
  procedureName: string;
  /** Whom the result is for. */
  recipient: { name: string; idNumber?: string };
  /** Facts printed as "label: value" lines (for a birth extract: name, date of birth, place, parents...). */
  facts?: { label: string; value: string }[];
  /** The decision, one string per paragraph. */
  decisionText: string[];
  signer: SignerInfo;
  /** Where anyone can check the document; printed as a QR code when given (`{code}` → dossier code). */
  verifyUrl?: string;
  /** Prints a note that the document carries a digital signature. */
  digitallySigned?: boolean;
}

export async function renderResultDocument(input: ResultDocumentInput): Promise<Uint8Array> {
  const title = input.title ?? 'Kết quả giải quyết thủ tục hành chính';
  const p = await Paper.create({ title: `${title} — ${input.dossierCode}`, subject: input.procedureName, createdAt: input.issuedAt });
  p.nationalHeader({
    parentName: input.agency.parentName,
    agencyName: input.agency.name,
    numberText: `Số: ${input.number}/${input.symbol}`,
    placeDate: formatPlaceDate(input.agency.place, input.issuedAt),
  });
  p.title(title, input.subtitle);
  p.field('Thủ tục', input.procedureName);
  p.field('Mã hồ sơ', input.dossierCode);
  p.field('Cấp cho Ông/Bà (tổ chức)', input.recipient.name);
  if (input.recipient.idNumber) p.field('Số định danh cá nhân/Mã số định danh tổ chức', input.recipient.idNumber);
  if (input.facts?.length) {
    p.gap(3);
    for (const f of input.facts) p.field(f.label, f.value);
  }
  p.gap(4);
  for (const para of input.decisionText) p.text(para, { align: 'justify', indent: 14, after: 3 });
  p.gap(4);

  const top = p.cursor;
  if (input.verifyUrl) {
    const payload = trackingQrPayload(input.verifyUrl, input.dossierCode);
    p.ensure(70);
    const t = p.cursor;
    p.qr(payload, p.left, t, 56);
    p.textAt('Kiểm tra văn bản:', t + 58, { x: p.left, width: 120, size: p.size - 2, style: 'italic' });
    p.cursor = t;
  }
  p.signatures([signerBlock(input.signer, input.digitallySigned ? '(Đã ký số)' : '(Ký, ghi rõ họ tên và đóng dấu)')], { leftOffset: p.contentWidth / 2 });
  if (input.verifyUrl) p.cursor = Math.max(p.cursor, top + 70);
  if (input.digitallySigned) {
    p.text('Văn bản điện tử này được ký số; kiểm tra chữ ký bằng phần mềm đọc PDF hỗ trợ chữ ký số.', { size: p.size - 1.5, style: 'italic', align: 'center' });
  }
  return p.save();
}
