import type { ApologyInput } from './apology.ts';
import type { ProcessControlInput } from './control-sheet.ts';
import type { FeeReceiptInput } from './fee-receipt.ts';
import type { ReceiptInput } from './receipt.ts';
import type { RefusalInput } from './refusal.ts';
import type { RegisterInput } from './register.ts';
import type { ResultDocumentInput } from './result.ts';
import type { SupplementRequestInput } from './supplement.ts';
import type { AgencyHeader } from './types.ts';

/**
 * Sample inputs for every paper (fictitious people, real-looking codes): used by the tests, the
 * documentation and anyone who wants to see a paper without a dossier.
 */
export const SAMPLE_DOSSIER_CODE = 'H15.50.05.13-261008-0975';

export function samplePapers() {
  const center: AgencyHeader = { parentName: 'UBND xã Tân Lạc', name: 'Trung tâm Phục vụ hành chính công xã Tân Lạc', place: 'Tân Lạc' };
  const commune: AgencyHeader = { parentName: 'Tỉnh Phú Thọ', name: 'Ủy ban nhân dân xã Tân Lạc', place: 'Tân Lạc' };
  const applicant = {
    name: 'Nguyễn Thị Hồng Nhung',
    idNumber: '017190001234',
    address: 'Xóm Mường Khến, xã Tân Lạc, tỉnh Phú Thọ',
    phone: '0912345678',
    email: 'nhung.nguyen@example.vn',
  };
  const receivedAt = new Date('2026-10-08T07:05:00Z'); // 14:05 in Vietnam
  const appointmentAt = new Date('2026-10-13T09:00:00Z'); // 16:00 in Vietnam
  const code = SAMPLE_DOSSIER_CODE;
  const request = 'Đăng ký khai sinh (thủ tục 1.001193)';

  const receipt: ReceiptInput = {
    agency: center,
    number: '125',
    issuedAt: receivedAt,
    dossierCode: code,
    applicant,
    request,
    documents: [
      { name: 'Tờ khai đăng ký khai sinh theo mẫu', form: 'Bản chính', copies: 1 },
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', form: 'Bản chính', copies: 1 },
      { name: 'Văn bản ủy quyền được chứng thực theo quy định của pháp luật (nếu có)', form: 'Bản sao chứng thực', copies: 1 },
    ],
    legalTimeLimit: '03 ngày làm việc',
    receivedAt,
    appointmentAt,
    resultDelivery: 'Trung tâm Phục vụ hành chính công xã Tân Lạc',
    register: { book: '01', entry: 125 },
    receiver: { name: 'Trần Văn Đức' },
    trackingUrl: 'https://dichvucong.phutho.gov.vn/tra-cuu/ho-so/{code}',
  };

  const supplement: SupplementRequestInput = {
    agency: center,
    number: '37',
    issuedAt: receivedAt,
    applicant,
    request,
    items: [
      'Bản chính Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp (bản đã nộp bị mờ, không đọc được ngày sinh).',
      'Giấy tờ chứng minh nơi cư trú của người mẹ, trong trường hợp thông tin cư trú chưa có trong Cơ sở dữ liệu quốc gia về dân cư.',
    ],
    reason: 'Hồ sơ chưa đủ thành phần theo quy định tại Điều 16 Luật Hộ tịch; các giấy tờ trên cần để xác định nơi đăng ký khai sinh.',
    contact: { name: 'Trần Văn Đức', phone: '0210 3851 234' },
    signer: { title: 'Người hướng dẫn', name: 'Trần Văn Đức' },
  };

  const refusal: RefusalInput = {
    agency: center,
    number: '12',
    issuedAt: receivedAt,
    applicant,
    request: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    reasons: ['Thửa đất đề nghị cấp phép nằm trong hành lang bảo vệ an toàn đường bộ, không thuộc trường hợp được cấp giấy phép xây dựng.'],
    signers: [{ title: 'Người tiếp nhận', name: 'Trần Văn Đức' }],
  };

  const apology: ApologyInput = {
    agency: commune,
    number: '08',
    issuedAt: new Date('2026-10-12T02:00:00Z'),
    addressee: 'Bà Nguyễn Thị Hồng Nhung',
    receivingCenter: 'Trung tâm Phục vụ hành chính công xã Tân Lạc',
    receivedAt,
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Nguyễn Thị Hồng Nhung',
    idNumber: '017190001234',
    dossierCode: code,
    promisedAt: appointmentAt,
    reason: 'cần xác minh thông tin nơi cư trú của người mẹ với Công an xã theo quy định.',
    newAppointmentAt: new Date('2026-10-15T09:00:00Z'),
    signer: { onBehalfOf: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: 'Hoàng Văn Thắng' },
  };

  const controlSheet: ProcessControlInput = {
    agency: center,
    number: '125',
    issuedAt: receivedAt,
    dossierCode: code,
    decidingBody: 'Ủy ban nhân dân xã Tân Lạc',
    coordinatingBodies: ['Công an xã Tân Lạc'],
    receivedAt,
    appointmentAt,
    steps: [
      { fromUnit: 'Trung tâm Phục vụ hành chính công xã', fromPerson: 'Trần Văn Đức', toUnit: 'Phòng Văn hóa - Xã hội', toPerson: 'Lê Thu Hà', at: new Date('2026-10-08T08:00:00Z'), dueAt: new Date('2026-10-09T04:00:00Z') },
      { fromUnit: 'Phòng Văn hóa - Xã hội', fromPerson: 'Lê Thu Hà', toUnit: 'Lãnh đạo UBND xã', toPerson: 'Hoàng Văn Thắng', at: new Date('2026-10-12T03:00:00Z'), dueAt: new Date('2026-10-12T03:30:00Z') },
      { fromUnit: 'Lãnh đạo UBND xã', fromPerson: 'Hoàng Văn Thắng', toUnit: 'Trung tâm Phục vụ hành chính công xã', toPerson: 'Trần Văn Đức', at: new Date('2026-10-14T02:00:00Z'), dueAt: new Date('2026-10-13T02:00:00Z'), note: 'Chờ xác minh nơi cư trú' },
    ],
  };

  const register: RegisterInput = {
    agency: center,
    field: 'Hộ tịch',
    period: 'Tháng 10/2026',
    generatedAt: new Date('2026-10-31T10:00:00Z'),
    rows: [
      { dossierCode: code, procedureName: 'Đăng ký khai sinh', applicantName: 'Nguyễn Thị Hồng Nhung', applicantAddress: 'Xóm Mường Khến, xã Tân Lạc', applicantPhone: '0912345678', decidingBody: 'UBND xã Tân Lạc', receivedAt, appointmentAt, returnedAt: new Date('2026-10-13T08:00:00Z'), returnMethod: 'Trực tiếp', note: 'Đã ký nhận' },
      { dossierCode: 'H15.50.05.13-261008-0976', procedureName: 'Đăng ký kết hôn', applicantName: 'Phạm Quốc Bảo', applicantAddress: 'Xóm Bục, xã Tân Lạc', decidingBody: 'UBND xã Tân Lạc', receivedAt: new Date('2026-10-08T08:10:00Z'), appointmentAt: new Date('2026-10-09T09:00:00Z'), returnMethod: 'Bưu chính công ích' },
      { dossierCode: 'H15.50.05.13-261009-0001', procedureName: 'Chứng thực bản sao từ bản chính', applicantName: '=HYPERLINK("http://x")', decidingBody: 'UBND xã Tân Lạc', receivedAt: new Date('2026-10-09T01:30:00Z'), appointmentAt: new Date('2026-10-09T09:00:00Z') },
    ],
  };

  const result: ResultDocumentInput = {
    agency: commune,
    number: '125',
    symbol: 'TLKS-BS',
    issuedAt: new Date('2026-10-13T03:00:00Z'),
    title: 'Trích lục khai sinh',
    subtitle: '(Bản chính)',
    dossierCode: code,
    procedureName: 'Đăng ký khai sinh',
    recipient: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '017190001234' },
    facts: [
      { label: 'Họ, chữ đệm, tên', value: 'Đinh Gia Hưng' },
      { label: 'Ngày, tháng, năm sinh', value: '02/10/2026 (Ngày hai, tháng mười, năm hai nghìn không trăm hai mươi sáu)' },
      { label: 'Giới tính', value: 'Nam' },
      { label: 'Dân tộc', value: 'Mường' },
      { label: 'Quốc tịch', value: 'Việt Nam' },
      { label: 'Nơi sinh', value: 'Trạm Y tế xã Tân Lạc, tỉnh Phú Thọ' },
      { label: 'Họ, chữ đệm, tên người mẹ', value: 'Nguyễn Thị Hồng Nhung' },
      { label: 'Họ, chữ đệm, tên người cha', value: 'Đinh Văn Lực' },
    ],
    decisionText: [
      'Đã đăng ký khai sinh tại Ủy ban nhân dân xã Tân Lạc, tỉnh Phú Thọ, ngày 13 tháng 10 năm 2026, số đăng ký 125, quyển số 01/2026.',
      'Trích lục này được cấp từ Cơ sở dữ liệu hộ tịch điện tử và có giá trị sử dụng như bản chính.',
    ],
    signer: { onBehalfOf: 'TM. Ủy ban nhân dân', title: 'Chủ tịch', name: 'Hoàng Văn Thắng' },
    verifyUrl: 'https://dichvucong.phutho.gov.vn/kiem-tra/{code}',
    digitallySigned: true,
  };

  const feeReceipt: FeeReceiptInput = {
    collector: { name: 'Ủy ban nhân dân xã Tân Lạc', taxCode: '5400123456', address: 'Xã Tân Lạc, tỉnh Phú Thọ' },
    templateCode: '01BLP0-001',
    series: 'BL-26E',
    number: '0000125',
    issuedAt: new Date('2026-10-08T07:20:00Z'),
    payer: { name: 'Nguyễn Thị Hồng Nhung', idNumber: '017190001234', address: 'Xóm Mường Khến, xã Tân Lạc, tỉnh Phú Thọ' },
    dossierCode: code,
    items: [
      { name: 'Phí cấp bản sao trích lục hộ tịch (02 bản)', amount: 16000 },
      { name: 'Lệ phí đăng ký khai sinh', amount: 4000 },
    ],
    paymentMethod: 'Chuyển khoản (VietQR)',
    transactionId: 'FT26281123456789',
    lookupCode: 'TL-8F3K-2Q9M',
  };

  return { receipt, supplement, refusal, apology, controlSheet, register, result, feeReceipt };
}
