import type { Answers } from '../domain/types.ts';
import { choice, committeeHeader, dateText, decimal, formatDayOf, gap, headCaption, heading, lowerFirst, para, row, text } from './common.ts';
import type { ResultContext, ResultDocument } from './types.ts';

/**
 * Land and construction papers of the commune: the notice confirming a first land registration
 * (1.013978) and the building permit of a detached house (1.013225, the permit model of Nghị định
 * 175/2024/NĐ-CP, Phụ lục II, "sử dụng cho nhà ở riêng lẻ").
 */

const USE: Record<string, string> = {
  ont: 'Đất ở tại nông thôn (ONT)',
  odt: 'Đất ở tại đô thị (ODT)',
  luc: 'Đất chuyên trồng lúa (LUC)',
  bhk: 'Đất trồng cây hàng năm khác (BHK)',
  cln: 'Đất trồng cây lâu năm (CLN)',
  rsx: 'Đất rừng sản xuất (RSX)',
  nts: 'Đất nuôi trồng thủy sản (NTS)',
};
const ORIGIN: Record<string, string> = {
  papers: 'Có giấy tờ về quyền sử dụng đất',
  transfer: 'Nhận chuyển nhượng, tặng cho quyền sử dụng đất',
  inherited: 'Nhận thừa kế quyền sử dụng đất',
  stable: 'Sử dụng ổn định, không có giấy tờ về quyền sử dụng đất',
};

const uban = (c: ResultContext) => headCaption(c.signer.position, 'CHỦ TỊCH', 'ỦY BAN NHÂN DÂN');

/** Thông báo xác nhận kết quả đăng ký đất đai (1.013978). */
export function landRegistrationNotice(a: Answers, c: ResultContext): ResultDocument {
  const use = text(a, 'parcel.use');
  const residential = use === 'ont' || use === 'odt';
  return {
    kind: 'land-registration-notice',
    header: committeeHeader(c),
    symbol: 'TB-ĐKĐĐ',
    title: 'THÔNG BÁO',
    subtitle: 'Xác nhận kết quả đăng ký đất đai, tài sản gắn liền với đất',
    blocks: [
      para(`Căn cứ Đơn đăng ký đất đai, tài sản gắn liền với đất${c.receivedOn ? ` nộp ngày ${formatDayOf(c.receivedOn)}` : ''} và kết quả kiểm tra hồ sơ, ${lowerFirst(committeeHeader(c).name)} xác nhận kết quả đăng ký đất đai như sau:`, { align: 'justify', indent: true }),
      heading('1. Người sử dụng đất'),
      row(['Họ, chữ đệm, tên', text(a, 'user.fullName').toLocaleUpperCase('vi')], ['Sinh ngày', dateText(a, 'user.birthDate')]),
      row(['Số định danh cá nhân', text(a, 'user.idNumber')]),
      row(['Địa chỉ', text(a, 'user.residence')]),
      heading('2. Thửa đất'),
      row(['Thửa đất số', text(a, 'parcel.number')], ['Tờ bản đồ số', text(a, 'parcel.mapSheet')]),
      row(['Địa chỉ', text(a, 'parcel.address')]),
      row(['Diện tích', `${decimal(text(a, 'parcel.area'))} m²`], ['Hình thức sử dụng', a['parcel.householdShared'] === true || a['parcel.coOwners'] === true ? 'Sử dụng chung' : 'Sử dụng riêng']),
      row(['Mục đích sử dụng', choice(a, 'parcel.use', USE)]),
      row(['Thời hạn sử dụng', residential ? 'Lâu dài' : 'Theo quy định của pháp luật đất đai']),
      row(['Nguồn gốc sử dụng', `${choice(a, 'parcel.origin', ORIGIN)}; sử dụng từ năm ${text(a, 'parcel.usedSince')}`]),
      heading('3. Tài sản gắn liền với đất'),
      a['house.has'] === true ? row(['Nhà ở', `diện tích sàn ${decimal(text(a, 'house.floorArea'))} m², ${text(a, 'house.floors')} tầng`]) : row(['Tài sản', 'Không đăng ký']),
      gap(),
      para(
        a['certificate.wanted'] === 'yes'
          ? 'Thửa đất đã được đăng ký vào sổ địa chính. Hồ sơ được chuyển để cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất sau khi người sử dụng đất thực hiện nghĩa vụ tài chính (nếu có).'
          : 'Thửa đất đã được đăng ký vào sổ địa chính. Người sử dụng đất có thể đề nghị cấp Giấy chứng nhận khi có nhu cầu.',
        { align: 'justify', indent: true },
      ),
    ],
    signerCaption: uban(c),
    recipients: ['Người sử dụng đất', 'Lưu: hồ sơ địa chính'],
  };
}

/** Giấy phép xây dựng, sử dụng cho nhà ở riêng lẻ (1.013225). */
export function constructionPermit(a: Answers, c: ResultContext): ResultDocument {
  const land = Number(text(a, 'site.landArea'));
  const footprint = Number(text(a, 'building.footprint'));
  const floorArea = Number(text(a, 'building.totalFloorArea'));
  const pct = land > 0 ? `${decimal((Math.round((footprint / land) * 1000) / 10).toString())}%` : '';
  const ratio = land > 0 ? decimal((Math.round((floorArea / land) * 100) / 100).toString()) : '';
  const expiry = 'Giấy phép có hiệu lực khởi công xây dựng trong thời hạn 12 tháng kể từ ngày cấp; quá thời hạn trên thì phải đề nghị gia hạn giấy phép xây dựng.';
  return {
    kind: 'construction-permit',
    header: committeeHeader(c),
    symbol: 'GPXD',
    title: 'GIẤY PHÉP XÂY DỰNG',
    subtitle: '(Sử dụng cho nhà ở riêng lẻ)',
    blocks: [
      row(['1. Cấp cho', text(a, 'owner.fullName').toLocaleUpperCase('vi')], ['Số định danh cá nhân', text(a, 'owner.idNumber')]),
      row(['Địa chỉ', text(a, 'owner.residence')]),
      row(['2. Được phép xây dựng công trình', `Nhà ở riêng lẻ, cấp ${text(a, 'building.grade') === 'iv' ? 'IV' : 'III'}`]),
      ...(text(a, 'building.designer') ? [row(['Theo thiết kế của', text(a, 'building.designer')])] : []),
      row(['Vị trí xây dựng', `thửa đất số ${text(a, 'site.parcel')}, tờ bản đồ số ${text(a, 'site.mapSheet')}`]),
      row(['Địa chỉ', text(a, 'site.address')]),
      row(['Diện tích lô đất', `${decimal(text(a, 'site.landArea'))} m²`], ['Mật độ xây dựng', pct]),
      row(['Diện tích xây dựng tầng 1 (tầng trệt)', `${decimal(text(a, 'building.footprint'))} m²`]),
      row(['Tổng diện tích sàn', `${decimal(text(a, 'building.totalFloorArea'))} m²`], ['Hệ số sử dụng đất', ratio]),
      row(['Chiều cao công trình', `${decimal(text(a, 'building.height'))} m`], ['Số tầng', `${text(a, 'building.floors')}${a['building.basement'] === true ? ' (và 01 tầng hầm)' : ''}`]),
      row(['Chỉ giới đường đỏ, chỉ giới xây dựng', 'Theo bản vẽ thiết kế kèm theo giấy phép']),
      row(['3. Giấy tờ về đất đai', text(a, 'site.landPaper') === 'other' ? 'Giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP' : 'Giấy chứng nhận quyền sử dụng đất']),
      ...(text(a, 'building.months') ? [row(['4. Thời gian hoàn thành công trình', `${text(a, 'building.months')} tháng kể từ ngày khởi công`])] : []),
      gap(),
      para(expiry, { style: 'italic', align: 'justify' }),
    ],
    signerCaption: uban(c),
    recipients: ['Chủ đầu tư', 'Lưu: VT, hồ sơ cấp phép'],
  };
}
