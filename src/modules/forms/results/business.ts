import type { Answers } from '../domain/types.ts';
import { businessOfficeHeader, choice, dateText, formatDayOf, gap, heading, money, row, SEX, text } from './common.ts';
import type { ResultContext, ResultDocument } from './types.ts';

/**
 * Giấy chứng nhận đăng ký hộ kinh doanh, as issued by the commune's business registration office on a
 * first registration (1.001612) and again, with the changes, on a registration of changes (2.000720).
 */
export function householdBusinessCertificate(a: Answers, c: ResultContext): ResultDocument {
  const change = a['business.code'] !== undefined;
  const pick = (k: string, changed: string, newKey: string) => (change && a[changed] === true ? text(a, newKey) : text(a, k));
  const ownerChanged = change && a['change.owner'] === true;
  const code = change ? text(a, 'business.code') : c.number.padStart(6, '0');
  const owner = ownerChanged
    ? [row(['Họ, chữ đệm, tên', text(a, 'newOwner.fullName').toLocaleUpperCase('vi')]), row(['Số định danh cá nhân', text(a, 'newOwner.idNumber')]), row(['Nơi cư trú', text(a, 'newOwner.residence')])]
    : change
      ? [row(['Họ, chữ đệm, tên', text(a, 'owner.fullName').toLocaleUpperCase('vi')]), row(['Số định danh cá nhân', text(a, 'owner.idNumber')])]
      : [
          row(['Họ, chữ đệm, tên', text(a, 'owner.fullName').toLocaleUpperCase('vi')], ['Giới tính', choice(a, 'owner.sex', SEX)]),
          row(['Sinh ngày', dateText(a, 'owner.birthDate')], ['Dân tộc', text(a, 'owner.ethnicity')], ['Quốc tịch', text(a, 'owner.nationality')]),
          row(['Số định danh cá nhân', text(a, 'owner.idNumber')]),
          row(['Nơi cư trú', text(a, 'owner.residence')]),
          row(['Điện thoại', text(a, 'owner.phone')]),
        ];
  const name = pick('business.name', 'change.name', 'new.name');
  return {
    kind: 'household-business-certificate',
    header: businessOfficeHeader(c),
    symbol: 'ĐKHKD',
    title: 'GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH',
    subtitle: `Mã số hộ kinh doanh: ${code}`,
    blocks: [
      change
        ? row(['Đăng ký lần đầu', text(a, 'business.registeredOn') ? dateText(a, 'business.registeredOn') : ''], ['Đăng ký thay đổi', formatDayOf(c.issuedOn)])
        : row(['Đăng ký lần đầu', `ngày ${formatDayOf(c.issuedOn)}`]),
      gap(),
      row(['1. Tên hộ kinh doanh', name.toLocaleUpperCase('vi')]),
      row(['2. Địa điểm kinh doanh', pick('business.address', 'change.address', 'new.address')]),
      ...(!change && text(a, 'business.phone') ? [row(['Điện thoại', text(a, 'business.phone')])] : []),
      row(['3. Ngành, nghề kinh doanh', pick('business.activities', 'change.activities', 'new.activities')]),
      ...(change && a['change.capital'] !== true ? [] : [row(['4. Vốn kinh doanh', money(pick('business.capital', 'change.capital', 'new.capital'))])]),
      ...(!change && text(a, 'business.employees') ? [row(['5. Số lượng lao động', text(a, 'business.employees')])] : []),
      gap(),
      heading('Chủ hộ kinh doanh'),
      ...owner,
      ...(change ? [gap(), row(['Nội dung thay đổi', changes(a).join('; ')])] : []),
    ],
    signerCaption: 'TRƯỞNG PHÒNG',
  };
}

function changes(a: Answers): string[] {
  const out: string[] = [];
  if (a['change.name'] === true) out.push('tên hộ kinh doanh');
  if (a['change.address'] === true) out.push('địa điểm kinh doanh');
  if (a['change.activities'] === true) out.push('ngành, nghề kinh doanh');
  if (a['change.capital'] === true) out.push('vốn kinh doanh');
  if (a['change.owner'] === true) out.push('chủ hộ kinh doanh');
  if (a['change.members'] === true) out.push('thành viên hộ gia đình');
  return out.length ? [`Thay đổi ${out.join(', ')}`] : [];
}

