import type { ResultDocument } from '../../forms/index.ts';
import { formatPlaceDate } from './format.ts';
import { Paper, type Run } from './layout.ts';
import { trackingQrPayload } from './qr.ts';

/**
 * A procedure's own result paper (module forms lays it out as its official model: Trích lục khai sinh,
 * Giấy chứng nhận kết hôn, Giấy phép xây dựng…) drawn on A4 like the national models: the issuing body
 * and the national header, "Số: n/symbol", the title, the lines of "label: value" (several on one line
 * where the model puts them side by side), paragraphs, "Nơi nhận" and the signature block. It is signed
 * afterwards with `signPdf`; the leader's preview is this same function's output before signing.
 */
export interface OfficialResultInput {
  document: ResultDocument;
  number: string;
  issuedAt: Date;
  dossierCode: string;
  signerName: string;
  /** Where anyone can check the paper; printed as a QR code (`{code}` → dossier code). */
  verifyUrl?: string;
  /** Prints "(Đã ký số)" and a note that the paper carries a digital signature. */
  digitallySigned: boolean;
}

export async function renderOfficialResult(input: OfficialResultInput): Promise<Uint8Array> {
  const d = input.document;
  const p = await Paper.create({ size: 'A4', bodySize: 11, title: `${d.title} — ${input.dossierCode}`, subject: d.subtitle ?? d.title, createdAt: input.issuedAt });
  p.nationalHeader({
    parentName: d.header.parentName,
    agencyName: d.header.name,
    numberText: d.symbol ? `Số: ${input.number}/${d.symbol}` : `Số: ${input.number}`,
    placeDate: formatPlaceDate(d.header.place, input.issuedAt),
  });
  p.gap(6);
  p.title(d.title, d.subtitle);
  p.gap(4);
  for (const b of d.blocks) {
    switch (b.kind) {
      case 'row': {
        const runs: Run[] = [];
        b.cells.forEach((c, i) => {
          if (i > 0) runs.push({ text: '      ' });
          runs.push({ text: `${c.label}: `, style: 'bold' }, { text: c.value || '' });
        });
        p.text(runs, { after: 2.5, leading: 1.35 });
        break;
      }
      case 'heading':
        p.gap(2);
        p.text(b.text, { style: 'bold', after: 2.5 });
        break;
      case 'text':
        p.text(b.text, { style: b.style ?? 'regular', align: b.align ?? 'left', indent: b.indent ? 20 : 0, after: 3, leading: 1.35 });
        break;
      case 'gap':
        p.gap(b.points);
        break;
    }
  }
  p.gap(10);

  // "Nơi nhận" on the left, the signature on the right, the verification QR under "Nơi nhận"
  const top = p.cursor;
  p.ensure(130);
  const start = p.cursor;
  let left = start;
  if (d.recipients?.length) {
    left += p.textAt('Nơi nhận:', left, { x: p.left, width: p.contentWidth * 0.4, size: p.size - 1, style: 'bold' });
    for (const r of d.recipients) left += p.textAt(`- ${r};`, left, { x: p.left, width: p.contentWidth * 0.4, size: p.size - 2 });
    left += 6;
  }
  if (input.verifyUrl) {
    p.qr(trackingQrPayload(input.verifyUrl, input.dossierCode), p.left, left, 64);
    left += 66;
    left += p.textAt('Kiểm tra văn bản', left, { x: p.left, width: 120, size: p.size - 3, style: 'italic' });
  }
  p.cursor = start;
  p.signatures([{ title: d.signerCaption, note: input.digitallySigned ? '(Đã ký số)' : '(Ký, ghi rõ họ tên và đóng dấu)', name: input.signerName }], { leftOffset: p.contentWidth * 0.45, gapForSignature: 48 });
  p.cursor = Math.max(p.cursor, left, top);
  if (input.digitallySigned) {
    p.gap(6);
    p.text('Văn bản điện tử này được ký số; kiểm tra chữ ký bằng phần mềm đọc PDF hỗ trợ chữ ký số.', { size: p.size - 2.5, style: 'italic', align: 'center' });
  }
  p.numberPages();
  return p.save();
}
