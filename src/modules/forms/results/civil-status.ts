import { dateInWords } from '../domain/dates.ts';
import type { Answers } from '../domain/types.ts';
import { choice, committeeHeader, dateText, formatDayOf, gap, headCaption, heading, para, registeredAt, row, SEX, text } from './common.ts';
import type { ResultBlock, ResultContext, ResultDocument } from './types.ts';

/**
 * Civil-status papers laid out as the models of Thông tư 04/2020/TT-BTP (as amended): the extracts
 * (trích lục) of birth, death, recognition of parent and child, change of civil-status details, their
 * copies, the marriage certificate and the certificate of marital status. Each extract prints the
 * registered facts line by line, the place and date of registration, and "NGƯỜI KÝ TRÍCH LỤC".
 */

const EXTRACT_SIGNER = 'NGƯỜI KÝ TRÍCH LỤC';
const upper = (s: string) => s.toLocaleUpperCase('vi');

/** A parent's lines: name, then year of birth, ethnicity and nationality on one line, then residence. */
function parentLines(a: Answers, prefix: string, who: string): ResultBlock[] {
  return [
    row([`Họ, chữ đệm, tên người ${who}`, text(a, `${prefix}.fullName`)]),
    row(['Năm sinh', text(a, `${prefix}.birthYear`)], ['Dân tộc', text(a, `${prefix}.ethnicity`)], ['Quốc tịch', text(a, `${prefix}.nationality`)]),
    row(['Nơi cư trú', text(a, `${prefix}.residence`)]),
  ];
}

const REQUESTER_RELATION: Record<string, string> = {
  mother: 'Mẹ',
  father: 'Cha',
  grandparent: 'Ông, bà',
  relative: 'Người thân thích',
  caregiver: 'Người đang nuôi dưỡng',
  proxy: 'Người được ủy quyền',
  self: 'Bản thân',
  parent: 'Cha, mẹ',
};

/** Trích lục khai sinh: 1.001193, its re-registration 1.004884 and late registration 1.004772. */
export function birthExtract(a: Answers, c: ResultContext): ResultDocument {
  const p = a['child.fullName'] !== undefined ? 'child' : 'person';
  const abandoned = a['birth.case'] === 'abandoned';
  const fatherKnown = p === 'person' ? !!text(a, 'father.fullName') : a['father.known'] === 'yes' && !abandoned;
  const notes: string[] = [];
  if (abandoned) notes.push(`Trẻ bị bỏ rơi, được phát hiện tại ${text(a, 'abandoned.foundAt')} ngày ${dateText(a, 'abandoned.foundOn')}${text(a, 'abandoned.recordNumber') ? ` (biên bản số ${text(a, 'abandoned.recordNumber')})` : ''}.`);
  if (a['birth.surrogacy'] === true) notes.push('Trẻ sinh ra do mang thai hộ.');
  if (a['previous.place'] !== undefined) notes.push(`Đăng ký lại khai sinh; đã đăng ký khai sinh trước đây tại ${text(a, 'previous.place')}${text(a, 'previous.year') ? ` năm ${text(a, 'previous.year')}` : ''}.`);
  else if (c.procedureCode === '1.004772') notes.push('Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân.');
  return {
    kind: 'birth-extract',
    header: committeeHeader(c),
    symbol: 'TLKS',
    title: 'TRÍCH LỤC KHAI SINH',
    subtitle: '(Bản chính)',
    blocks: [
      row(['Họ, chữ đệm, tên', upper(text(a, `${p}.fullName`))]),
      row(['Ngày, tháng, năm sinh', dateText(a, `${p}.birthDate`)]),
      row(['Ghi bằng chữ', dateInWords(text(a, `${p}.birthDate`))]),
      row(['Giới tính', choice(a, `${p}.sex`, SEX)], ['Dân tộc', text(a, `${p}.ethnicity`)], ['Quốc tịch', text(a, `${p}.nationality`)]),
      row(['Nơi sinh', text(a, `${p}.birthPlace`)]),
      row(['Quê quán', text(a, `${p}.hometown`)]),
      row(['Số định danh cá nhân', text(a, `${p}.idNumber`)]),
      gap(),
      ...(abandoned ? [row(['Họ, chữ đệm, tên người mẹ', '']), row(['Họ, chữ đệm, tên người cha', ''])] : [...parentLines(a, 'mother', 'mẹ'), ...(fatherKnown ? parentLines(a, 'father', 'cha') : [row(['Họ, chữ đệm, tên người cha', ''])])]),
      gap(),
      row(['Họ, chữ đệm, tên người đi đăng ký khai sinh', c.applicant.fullName], ['Quan hệ', choice(a, 'applicant.role', REQUESTER_RELATION)]),
      row(['Nơi đăng ký khai sinh', registeredAt(c)]),
      row(['Ngày, tháng, năm đăng ký', formatDayOf(c.issuedOn)]),
      ...(notes.length ? [row(['Ghi chú', notes.join(' ')])] : []),
    ],
    signerCaption: EXTRACT_SIGNER,
  };
}


/** Giấy chứng nhận kết hôn (1.000894): the husband's and the wife's particulars side by side in the model, here one after the other. */
export function marriageCertificate(a: Answers, c: ResultContext): ResultDocument {
  const spouse = (p: string, title: string): ResultBlock[] => [
    heading(title),
    row(['Họ, chữ đệm, tên', upper(text(a, `${p}.fullName`))]),
    row(['Ngày, tháng, năm sinh', dateText(a, `${p}.birthDate`)], ['Dân tộc', text(a, `${p}.ethnicity`)], ['Quốc tịch', text(a, `${p}.nationality`)]),
    row(['Nơi cư trú', text(a, `${p}.residence`)]),
    row(['Số định danh cá nhân', text(a, `${p}.idNumber`)]),
  ];
  return {
    kind: 'marriage-certificate',
    header: committeeHeader(c),
    symbol: 'GCNKH',
    title: 'GIẤY CHỨNG NHẬN KẾT HÔN',
    blocks: [
      ...spouse('groom', 'Thông tin người chồng'),
      gap(),
      ...spouse('bride', 'Thông tin người vợ'),
      gap(),
      row(['Nơi đăng ký kết hôn', registeredAt(c)]),
      row(['Ngày, tháng, năm đăng ký', formatDayOf(c.issuedOn)]),
      para('Hai bên nam, nữ đã ký vào Sổ đăng ký kết hôn trước người đăng ký hộ tịch.', { style: 'italic' }),
    ],
    signerCaption: headCaption(c.signer.position, 'CHỦ TỊCH', 'ỦY BAN NHÂN DÂN'),
  };
}

const DEATH_RELATION: Record<string, string> = { spouse: 'Vợ, chồng', child: 'Con', parent: 'Cha, mẹ', relative: 'Người thân thích', organisation: 'Đại diện cơ quan, tổ chức', proxy: 'Người được ủy quyền' };

/** Trích lục khai tử (1.000656). */
export function deathExtract(a: Answers, c: ResultContext): ResultDocument {
  const time = text(a, 'death.time');
  return {
    kind: 'death-extract',
    header: committeeHeader(c),
    symbol: 'TLKT',
    title: 'TRÍCH LỤC KHAI TỬ',
    subtitle: '(Bản chính)',
    blocks: [
      row(['Họ, chữ đệm, tên', upper(text(a, 'deceased.fullName'))]),
      row(['Ngày, tháng, năm sinh', dateText(a, 'deceased.birthDate')], ['Giới tính', choice(a, 'deceased.sex', SEX)]),
      row(['Dân tộc', text(a, 'deceased.ethnicity')], ['Quốc tịch', text(a, 'deceased.nationality')]),
      row(['Số định danh cá nhân', text(a, 'deceased.idNumber')]),
      row(['Nơi cư trú cuối cùng', text(a, 'deceased.lastResidence')]),
      row(['Đã chết vào lúc', `${time ? `${time}, ` : ''}ngày ${dateText(a, 'death.date')}`]),
      row(['Nơi chết', text(a, 'death.place')]),
      row(['Nguyên nhân chết', text(a, 'death.cause')]),
      gap(),
      row(['Họ, chữ đệm, tên người đi khai tử', c.applicant.fullName], ['Quan hệ với người chết', choice(a, 'applicant.role', DEATH_RELATION)]),
      row(['Nơi đăng ký khai tử', registeredAt(c)]),
      row(['Ngày, tháng, năm đăng ký', formatDayOf(c.issuedOn)]),
    ],
    signerCaption: EXTRACT_SIGNER,
  };
}

/** Giấy xác nhận tình trạng hôn nhân (1.004873). */
export function maritalStatusCertificate(a: Answers, c: ResultContext): ResultDocument {
  const status: Record<string, string> = {
    single: 'Chưa đăng ký kết hôn với ai.',
    married: `Đang có vợ/chồng là ${text(a, 'status.spouse')}.`,
    divorced: `Đã đăng ký kết hôn nhưng đã ly hôn (${text(a, 'status.paper')}); hiện tại chưa đăng ký kết hôn với ai.`,
    widowed: `Đã đăng ký kết hôn nhưng vợ/chồng đã chết (${text(a, 'status.paper')}); hiện tại chưa đăng ký kết hôn với ai.`,
  };
  const forMarriage = a['purpose.kind'] === 'marriage';
  return {
    kind: 'marital-status',
    header: committeeHeader(c),
    symbol: 'XNTTHN',
    title: 'GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
    blocks: [
      para(`${committeeHeader(c).name} xác nhận:`, { style: 'bold' }),
      row(['Họ, chữ đệm, tên', upper(text(a, 'person.fullName'))]),
      row(['Ngày, tháng, năm sinh', dateText(a, 'person.birthDate')], ['Giới tính', choice(a, 'person.sex', SEX)]),
      row(['Dân tộc', text(a, 'person.ethnicity')], ['Quốc tịch', text(a, 'person.nationality')]),
      row(['Số định danh cá nhân', text(a, 'person.idNumber')]),
      row(['Nơi cư trú', text(a, 'person.residence')]),
      row(['Tình trạng hôn nhân', status[text(a, 'status.kind')] ?? '']),
      forMarriage
        ? row(['Giấy này được cấp để', `làm thủ tục đăng ký kết hôn với ${text(a, 'partner.fullName')}, sinh ngày ${dateText(a, 'partner.birthDate')}, quốc tịch ${text(a, 'partner.nationality')}, nơi cư trú ${text(a, 'partner.residence')}; tại ${text(a, 'purpose.marriagePlace')}`])
        : row(['Giấy này được cấp để sử dụng vào việc', text(a, 'purpose.other')]),
      para('Giấy này có giá trị sử dụng trong thời hạn 06 tháng kể từ ngày cấp.', { style: 'italic' }),
    ],
    signerCaption: headCaption(c.signer.position, 'CHỦ TỊCH', 'ỦY BAN NHÂN DÂN'),
  };
}

/** Trích lục đăng ký nhận cha, mẹ, con (1.001022). */
export function parentageExtract(a: Answers, c: ResultContext): ResultDocument {
  const kind = a['recognition.kind'] === 'mother' ? 'mẹ' : 'cha';
  const person = (p: string): ResultBlock[] => [
    row(['Họ, chữ đệm, tên', upper(text(a, `${p}.fullName`))]),
    row(['Ngày, tháng, năm sinh', dateText(a, `${p}.birthDate`)], ['Dân tộc', text(a, `${p}.ethnicity`)], ['Quốc tịch', text(a, `${p}.nationality`)]),
    row(['Số định danh cá nhân', text(a, `${p}.idNumber`)]),
    row(['Nơi cư trú', text(a, `${p}.residence`)]),
  ];
  return {
    kind: 'parentage-extract',
    header: committeeHeader(c),
    symbol: 'TLNCMC',
    title: 'TRÍCH LỤC ĐĂNG KÝ NHẬN CHA, MẸ, CON',
    subtitle: '(Bản chính)',
    blocks: [
      heading(`Người nhận (${kind})`),
      ...person('parent'),
      gap(),
      heading('Người được nhận (con)'),
      ...person('child'),
      gap(),
      para(`Đã đăng ký nhận ${kind}, con.`, { style: 'bold' }),
      row(['Nơi đăng ký', registeredAt(c)]),
      row(['Ngày, tháng, năm đăng ký', formatDayOf(c.issuedOn)]),
    ],
    signerCaption: EXTRACT_SIGNER,
  };
}

const RECORD_KIND: Record<string, string> = { birth: 'khai sinh', marriage: 'kết hôn', death: 'khai tử', other: 'hộ tịch', parentage: 'nhận cha, mẹ, con', change: 'thay đổi, cải chính hộ tịch' };
const CHANGE_KIND: Record<string, string> = { change: 'Thay đổi', correct: 'Cải chính', supplement: 'Bổ sung', ethnicity: 'Xác định lại dân tộc' };

/** Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc (1.004859). */
export function civilChangeExtract(a: Answers, c: ResultContext): ResultDocument {
  const kind = text(a, 'change.kind');
  const what =
    kind === 'supplement'
      ? `Bổ sung ${text(a, 'change.item').toLocaleLowerCase('vi')}: ${text(a, 'change.to')}`
      : `${CHANGE_KIND[kind] ?? ''} ${text(a, 'change.item').toLocaleLowerCase('vi')} từ: ${text(a, 'change.from')} thành: ${text(a, 'change.to')}`;
  return {
    kind: 'civil-change-extract',
    header: committeeHeader(c),
    symbol: 'TLTĐ',
    title: 'TRÍCH LỤC THAY ĐỔI, CẢI CHÍNH, BỔ SUNG THÔNG TIN HỘ TỊCH, XÁC ĐỊNH LẠI DÂN TỘC',
    subtitle: '(Bản chính)',
    blocks: [
      row(['Họ, chữ đệm, tên', upper(text(a, 'person.fullName'))]),
      row(['Ngày, tháng, năm sinh', dateText(a, 'person.birthDate')]),
      row(['Số định danh cá nhân', text(a, 'person.idNumber')]),
      row(['Nơi cư trú', text(a, 'person.residence')]),
      row([`Đã đăng ký ${RECORD_KIND[text(a, 'record.kind')] ?? 'hộ tịch'} tại`, `${text(a, 'record.place')}${text(a, 'record.number') ? `, số ${text(a, 'record.number')}` : ''}${text(a, 'record.date') ? `, ngày ${dateText(a, 'record.date')}` : ''}`]),
      gap(),
      row(['Nội dung', what]),
      row(['Lý do', text(a, 'change.reason')]),
      gap(),
      row(['Nơi đăng ký', registeredAt(c)]),
      row(['Ngày, tháng, năm đăng ký', formatDayOf(c.issuedOn)]),
    ],
    signerCaption: EXTRACT_SIGNER,
  };
}

/** Bản sao trích lục hộ tịch (2.000635): the registered facts as the applicant identified them, marked as a copy. */
export function civilCopy(a: Answers, c: ResultContext): ResultDocument {
  const kind = text(a, 'record.kind');
  const title = kind === 'birth' ? 'TRÍCH LỤC KHAI SINH' : `TRÍCH LỤC ${upper(RECORD_KIND[kind] ?? 'hộ tịch')}`;
  return {
    kind: 'civil-copy',
    header: committeeHeader(c),
    symbol: 'BSTL',
    title,
    subtitle: '(Bản sao)',
    blocks: [
      row(['Họ, chữ đệm, tên', upper(text(a, 'subject.fullName'))]),
      ...(text(a, 'subject.birthDate') ? [row(['Ngày, tháng, năm sinh', dateText(a, 'subject.birthDate')])] : []),
      ...(text(a, 'subject.idNumber') ? [row(['Số định danh cá nhân', text(a, 'subject.idNumber')])] : []),
      ...(kind === 'marriage' ? [row(['Họ, chữ đệm, tên vợ/chồng', upper(text(a, 'spouse.fullName'))])] : []),
      row(['Nơi đăng ký', text(a, 'record.place')]),
      row(['Ngày, tháng, năm đăng ký', dateText(a, 'record.date')], ['Số đăng ký', text(a, 'record.number')]),
      gap(),
      para(`Bản sao được cấp từ Sổ hộ tịch và Cơ sở dữ liệu hộ tịch điện tử theo yêu cầu của ${c.applicant.fullName}; số bản sao: ${text(a, 'copies') || '1'}.`, { style: 'italic' }),
    ],
    signerCaption: EXTRACT_SIGNER,
  };
}
