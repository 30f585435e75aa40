import { drawHeader, signerBlock } from './common.ts';
import { formatDateTimeWords, formatDateWords } from './format.ts';
import { Paper } from './layout.ts';
import type { PaperHeader, SignerInfo } from './types.ts';

/** Form 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (issued by the deciding body; the new date is promised once). */
export interface ApologyInput extends PaperHeader {
  /** Addressee, e.g. "Ông Nguyễn Văn A". */
  addressee: string;
  /** The center that received the dossier. */
  receivingCenter: string;
  receivedAt: Date;
  procedureName: string;
  applicantName: string;
  /** Personal or organisation identification number. */
  idNumber?: string;
  dossierCode: string;
  /** The appointment that will be missed. */
  promisedAt: Date;
  reason: string;
  newAppointmentAt: Date;
  /** The head of the deciding body. */
  signer: SignerInfo;
}

export const APOLOGY_SUFFIX = 'PXL';

export async function renderApology(input: ApologyInput): Promise<Uint8Array> {
  if (input.newAppointmentAt.getTime() <= input.promisedAt.getTime()) {
    throw new RangeError('Ngày hẹn mới phải sau ngày hẹn trả kết quả ban đầu');
  }
  const p = await Paper.create({ title: `Phiếu xin lỗi và hẹn lại ngày trả kết quả — ${input.dossierCode}`, subject: input.procedureName, createdAt: input.issuedAt });
  drawHeader(p, input, APOLOGY_SUFFIX);
  p.title('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
  p.text([{ text: 'Kính gửi: ', style: 'bold' }, { text: input.addressee }], { align: 'center', after: 6 });
  p.text(
    `${capitalise(formatDateWords(input.receivedAt))}, ${input.receivingCenter} tiếp nhận hồ sơ đề nghị giải quyết thủ tục ${input.procedureName} của Ông/Bà ${input.applicantName}.`,
    { align: 'justify', indent: 14 },
  );
  if (input.idNumber) p.field('Số định danh cá nhân/Mã số định danh tổ chức', input.idNumber);
  p.field('Mã hồ sơ', input.dossierCode);
  p.field('Thời gian hẹn trả kết quả giải quyết hồ sơ', formatDateTimeWords(input.promisedAt));
  p.text(`Tuy nhiên đến nay, ${input.agency.name} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà. Lý do: ${input.reason}`, { align: 'justify', indent: 14 });
  p.text(
    `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${input.agency.name} xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào ${formatDateTimeWords(input.newAppointmentAt)}.`,
    { align: 'justify', indent: 14 },
  );
  p.text('Xin trân trọng cảm ơn./.', { indent: 14, after: 6 });
  p.signatures([signerBlock(input.signer, '(Ký, ghi rõ họ tên và đóng dấu)')], { leftOffset: p.contentWidth / 2 });
  return p.save();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
