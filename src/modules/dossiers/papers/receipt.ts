import { count2, drawHeader, drawParty, idLabel } from './common.ts';
import { formatDateTimeWords } from './format.ts';
import { Paper } from './layout.ts';
import { trackingQrPayload } from './qr.ts';
import type { PaperHeader, PartyInfo, ProxyInfo } from './types.ts';

/** One document handed in with the dossier. */
export interface ReceivedDocument {
  /** E.g. "Tờ khai đăng ký khai sinh". */
  name: string;
  /** E.g. "Bản chính", "Bản sao chứng thực", "Bản điện tử". */
  form?: string;
  /** Number of copies. */
  copies: number;
}

/** Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Thông tư 03/2025, Phụ lục I). */
export interface ReceiptInput extends PaperHeader {
  dossierCode: string;
  applicant: PartyInfo;
  /** Present when someone acts for the applicant. */
  proxy?: ProxyInfo;
  /** The request, usually the procedure name ("Đăng ký khai sinh"). */
  request: string;
  documents: ReceivedDocument[];
  /** Number of sets of the dossier (default 1). */
  sets?: number;
  /** The legal time limit as text, e.g. "03 ngày làm việc". */
  legalTimeLimit: string;
  receivedAt: Date;
  appointmentAt: Date;
  /** Where and how the result is returned, e.g. "Trung tâm Phục vụ hành chính công xã Tân Lạc" or "Qua dịch vụ bưu chính công ích". */
  resultDelivery: string;
  /** Register book and entry ("Quyển số 01, số thứ tự 125"). */
  register: { book: string; entry: string | number };
  receiver: { name: string; title?: string };
  /** Public tracking URL printed as a QR code; `{code}` is replaced by the dossier code. */
  trackingUrl: string;
  /** When true, the receiver's signature is digital ("Đã ký số"). */
  signedElectronically?: boolean;
}

export const RECEIPT_SUFFIX = 'TTPVHCC';

export async function renderReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const p = await Paper.create({ title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả — ${input.dossierCode}`, subject: input.request, createdAt: input.issuedAt });
  drawHeader(p, input, RECEIPT_SUFFIX);
  p.title('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  p.text([{ text: 'Mã hồ sơ: ', style: 'bold' }, { text: input.dossierCode, style: 'bold' }], { align: 'center', size: p.size + 1, after: 6 });

  p.text(`${input.agency.name} đã tiếp nhận hồ sơ của:`);
  drawParty(p, input.applicant);
  if (input.proxy) {
    p.text('Người được ủy quyền nộp hồ sơ:', { style: 'italic' });
    drawParty(p, input.proxy, 'Ông/Bà');
    p.field('Văn bản ủy quyền', input.proxy.authorisation);
  }
  p.field('Nội dung yêu cầu giải quyết', input.request, { after: 4 });

  p.text('1. Thành phần hồ sơ nộp gồm:', { style: 'bold' });
  p.table(
    [
      { header: 'STT', width: 1, align: 'center' },
      { header: 'Tên giấy tờ', width: 6 },
      { header: 'Hình thức', width: 2.6 },
      { header: 'Số lượng', width: 1.6, align: 'center' },
    ],
    input.documents.map((d, i) => [String(i + 1), d.name, d.form ?? '', count2(d.copies)]),
  );
  p.text([{ text: '2. Số lượng hồ sơ: ', style: 'bold' }, { text: `${count2(input.sets ?? 1)} (bộ)` }]);
  p.text([{ text: '3. Thời gian giải quyết hồ sơ theo quy định là: ', style: 'bold' }, { text: input.legalTimeLimit }]);
  p.text([{ text: '4. Thời gian nhận hồ sơ: ', style: 'bold' }, { text: formatDateTimeWords(input.receivedAt) }]);
  p.text([{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ', style: 'bold' }, { text: formatDateTimeWords(input.appointmentAt) }]);
  p.text([{ text: '6. Đăng ký nhận kết quả tại: ', style: 'bold' }, { text: input.resultDelivery }]);
  p.text(`Vào Sổ theo dõi hồ sơ, Quyển số: ${input.register.book}, Số thứ tự: ${input.register.entry}`, { style: 'italic', after: 6 });

  // QR code to the public tracking page, with the address in clear beside it
  const payload = trackingQrPayload(input.trackingUrl, input.dossierCode);
  const qrSize = 64;
  p.ensure(qrSize + 4);
  const top = p.cursor;
  p.qr(payload, p.left, top, qrSize);
  const textX = p.left + qrSize + 8;
  const textW = p.contentWidth - qrSize - 8;
  let h = p.textAt('Tra cứu tình trạng hồ sơ:', top + 8, { x: textX, width: textW, style: 'bold' });
  h += p.textAt(payload, top + 8 + h, { x: textX, width: textW, size: p.size - 1 });
  p.textAt(`Quét mã QR hoặc nhập mã hồ sơ ${input.dossierCode} trên cổng tra cứu.`, top + 8 + h, { x: textX, width: textW, size: p.size - 1, style: 'italic' });
  p.cursor = top + qrSize + 6;

  const who = input.proxy ?? input.applicant;
  p.signatures([
    { title: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: who.name },
    {
      title: input.receiver.title ?? 'Người tiếp nhận hồ sơ',
      note: input.signedElectronically ? '(Đã ký số)' : '(Ký và ghi rõ họ tên)',
      name: input.receiver.name,
    },
  ]);
  void idLabel;
  return p.save();
}
