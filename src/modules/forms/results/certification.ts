import { dateInWords } from '../domain/dates.ts';
import type { Answers } from '../domain/types.ts';
import { bookOf, committeeHeader, gap, lowerFirst, money, para, registeredAt, row, text } from './common.ts';
import type { ResultContext, ResultDocument } from './types.ts';

/**
 * Certification statements (lời chứng) laid out as the models of Thông tư 01/2020/TT-BTP: the
 * certified copy, the certified signature, the certified contract. Each carries the certification
 * number and the book ("Số chứng thực …, quyển số …-SCT/…") and is signed by the person certifying.
 */

const CERTIFIER = 'NGƯỜI THỰC HIỆN CHỨNG THỰC';
const day = (iso: string) => `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
const certifierLine = (c: ResultContext) => `Tôi, ${c.signer.name}${c.signer.position ? `, ${lowerFirst(c.signer.position)}` : ''}`;

/** Lời chứng chứng thực bản sao từ bản chính (2.000815). */
export function certifiedCopy(a: Answers, c: ResultContext): ResultDocument {
  const paper = [text(a, 'paper.name'), text(a, 'paper.number') && `số ${text(a, 'paper.number')}`, text(a, 'paper.issuer') && `do ${text(a, 'paper.issuer')} cấp`].filter(Boolean).join(', ');
  return {
    kind: 'certified-copy',
    header: committeeHeader(c),
    symbol: 'SCT/BS',
    title: 'CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH',
    blocks: [
      row(['Giấy tờ, văn bản', paper]),
      row(['Số trang', text(a, 'paper.pages')], ['Số bản sao được chứng thực', text(a, 'copies')]),
      ...(a['paper.foreign'] === true ? [row(['Ghi chú', 'Giấy tờ do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận.'])] : []),
      gap(),
      para('Chứng thực bản sao đúng với bản chính.', { style: 'bold' }),
      row(['Số chứng thực', c.number], ['Quyển số', `${bookOf(c)}-SCT/BS`]),
      row(['Người yêu cầu chứng thực', c.applicant.fullName]),
      para(`${registeredAt(c)}, ${day(c.issuedOn)}.`, { style: 'italic' }),
    ],
    signerCaption: CERTIFIER,
  };
}

const MODE: Record<string, string> = { sign: 'đã ký', fingerprint: 'đã điểm chỉ', neither: 'không thể ký, không thể điểm chỉ, có người làm chứng' };

/** Lời chứng chứng thực chữ ký (2.000884). */
export function signatureCertification(a: Answers, c: ResultContext): ResultDocument {
  const mode = text(a, 'signer.mode');
  return {
    kind: 'signature-certification',
    header: committeeHeader(c),
    symbol: 'SCT/CK,ĐC',
    title: 'LỜI CHỨNG CHỨNG THỰC CHỮ KÝ',
    blocks: [
      para(`Ngày ${c.issuedOn.slice(8, 10)}/${c.issuedOn.slice(5, 7)}/${c.issuedOn.slice(0, 4)} (${lowerFirst(dateInWords(c.issuedOn))})`),
      para(`Tại ${registeredAt(c)}.`),
      para(`${certifierLine(c)}.`),
      para('Chứng thực:', { style: 'bold' }),
      para(
        `Ông/Bà ${text(a, 'signer.fullName')}, số định danh cá nhân ${text(a, 'signer.idNumber')}, ${MODE[mode] ?? 'đã ký'}${mode === 'neither' ? ` (người làm chứng: ${text(a, 'signer.witness')})` : ''} vào ${text(a, 'paper.name')} này trước mặt tôi.`,
        { align: 'justify', indent: true },
      ),
      row(['Số bản được chứng thực', text(a, 'copies')]),
      row(['Số chứng thực', c.number], ['Quyển số', `${bookOf(c)}-SCT/CK,ĐC`]),
    ],
    signerCaption: CERTIFIER,
  };
}

/** Lời chứng chứng thực hợp đồng, giao dịch (2.001035). */
export function contractCertification(a: Answers, c: ResultContext): ResultDocument {
  const party = (p: string, label: string) => row([label, `${text(a, `${p}.fullName`)}, số định danh cá nhân ${text(a, `${p}.idNumber`)}, nơi cư trú ${text(a, `${p}.residence`)}`]);
  return {
    kind: 'contract-certification',
    header: committeeHeader(c),
    symbol: 'SCT/HĐ,GD',
    title: 'LỜI CHỨNG CỦA NGƯỜI THỰC HIỆN CHỨNG THỰC',
    blocks: [
      para(`Ngày ${c.issuedOn.slice(8, 10)}/${c.issuedOn.slice(5, 7)}/${c.issuedOn.slice(0, 4)} (${lowerFirst(dateInWords(c.issuedOn))}), tại ${registeredAt(c)}.`),
      para(`${certifierLine(c)}.`),
      para('Chứng thực:', { style: 'bold' }),
      para(`- ${text(a, 'contract.title')} được giao kết giữa:`),
      party('partyA', 'Bên A'),
      party('partyB', 'Bên B'),
      row(['Tài sản', text(a, 'property.description')]),
      ...(text(a, 'contract.value') ? [row(['Giá trị giao dịch', money(text(a, 'contract.value'))])] : []),
      para('- Các bên tham gia hợp đồng, giao dịch đã cam đoan chịu trách nhiệm trước pháp luật về nội dung của hợp đồng, giao dịch;', { align: 'justify' }),
      para('- Tại thời điểm chứng thực, các bên tham gia hợp đồng, giao dịch tự nguyện giao kết, có năng lực hành vi dân sự theo quy định của pháp luật;', { align: 'justify' }),
      para('- Các bên tham gia hợp đồng, giao dịch đã ký vào hợp đồng, giao dịch này trước mặt tôi.', { align: 'justify' }),
      row(['Hợp đồng, giao dịch được lập thành', `${text(a, 'copies')} bản chính`]),
      row(['Số chứng thực', c.number], ['Quyển số', `${bookOf(c)}-SCT/HĐ,GD`]),
    ],
    signerCaption: CERTIFIER,
  };
}
