import type { Answers } from '../domain/types.ts';
import { addMonths, choice, dateText, formatDayOf, gap, headCaption, lowerFirst, para, policeHeader, row, SEX, text } from './common.ts';
import type { ResultBlock, ResultContext, ResultDocument } from './types.ts';

/**
 * Residence papers of the commune police: the notice of the result of a residence procedure (mẫu CT08)
 * for permanent and temporary residence and its extension, and the confirmation of residence
 * information (mẫu CT07), as the models the catalogue cites (Thông tư 53/2025/TT-BCA).
 */

function personLines(a: Answers): ResultBlock[] {
  return [
    row(['Họ, chữ đệm, tên', text(a, 'person.fullName').toLocaleUpperCase('vi')]),
    row(['Ngày, tháng, năm sinh', dateText(a, 'person.birthDate')], ['Giới tính', choice(a, 'person.sex', SEX)]),
    row(['Số định danh cá nhân', text(a, 'person.idNumber')]),
  ];
}

const chief = (c: ResultContext) => headCaption(c.signer.position, 'TRƯỞNG CÔNG AN');

/** Thông báo về kết quả giải quyết thủ tục về cư trú (CT08): 1.004222, 1.004194, 1.002755. */
export function residenceNotice(a: Answers, c: ResultContext): ResultDocument {
  const place = text(a, 'place.address');
  let content: ResultBlock[];
  if (c.procedureCode === '1.004222') {
    content = [
      row(['Nội dung', `Đăng ký thường trú tại ${place}`]),
      ...(text(a, 'householder.fullName') ? [row(['Chủ hộ', text(a, 'householder.fullName')], ['Quan hệ với chủ hộ', text(a, 'householder.relation')])] : [row(['Quan hệ với chủ hộ', 'Chủ hộ'])]),
    ];
  } else if (c.procedureCode === '1.002755') {
    const until = addMonths(text(a, 'stay.until'), Number(text(a, 'stay.months')) || 0);
    content = [row(['Nội dung', `Gia hạn tạm trú tại ${place}`]), row(['Thời hạn tạm trú đến ngày', formatDayOf(until)])];
  } else {
    const until = addMonths(c.issuedOn, Number(text(a, 'stay.months')) || 0);
    content = [
      row(['Nội dung', `Đăng ký tạm trú tại ${place}`]),
      row(['Thời hạn tạm trú', `từ ngày ${formatDayOf(c.issuedOn)} đến ngày ${formatDayOf(until)}`]),
      ...(text(a, 'householder.fullName') ? [row(['Chủ hộ', text(a, 'householder.fullName')], ['Quan hệ với chủ hộ', text(a, 'householder.relation')])] : []),
    ];
  }
  return {
    kind: 'residence-notice',
    header: policeHeader(c),
    symbol: 'TB-CA',
    title: 'THÔNG BÁO',
    subtitle: 'Về kết quả giải quyết thủ tục về cư trú',
    blocks: [
      para(`Kính gửi: Ông/Bà ${c.applicant.fullName}`, { align: 'center' }),
      gap(),
      para(`Công an ${lowerFirst(c.unit.name)} thông báo: yêu cầu ${lowerFirst(c.procedureName)} của công dân dưới đây đã được giải quyết.`, { align: 'justify', indent: true }),
      ...personLines(a),
      ...content,
      para('Thông tin về cư trú của công dân đã được cập nhật vào Cơ sở dữ liệu về cư trú.', { align: 'justify', indent: true }),
    ],
    signerCaption: chief(c),
    recipients: ['Công dân có tên trên', 'Lưu: hồ sơ cư trú'],
  };
}

/** Xác nhận thông tin về cư trú (CT07): 1.010041. */
export function residenceConfirmation(a: Answers, c: ResultContext): ResultDocument {
  return {
    kind: 'residence-confirmation',
    header: policeHeader(c),
    symbol: 'XN-CT',
    title: 'XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ',
    blocks: [
      para(`Công an ${lowerFirst(c.unit.name)} xác nhận thông tin về cư trú của công dân như sau:`, { align: 'justify', indent: true }),
      ...personLines(a),
      row(['Nơi cư trú hiện tại', text(a, 'place.address')]),
      ...(a.content === 'history' ? [row(['Quá trình cư trú', text(a, 'history')])] : []),
      row(['Mục đích sử dụng', text(a, 'purpose')]),
      para('Thông tin trên được xác nhận theo Cơ sở dữ liệu về cư trú tại thời điểm cấp.', { style: 'italic' }),
    ],
    signerCaption: chief(c),
  };
}
