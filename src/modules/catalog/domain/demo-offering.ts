import type { Level, OfferingScope } from '../types.ts';
import { foldVietnamese } from './normalise/text.ts';

/**
 * The demo province's offering, as data. Tỉnh Phú Thọ (code 25, merged on 1 July 2025 from Phú Thọ,
 * Vĩnh Phúc and Hòa Bình).
 *
 * Rule: a procedure whose levels include the commune is received at every commune (all_communes);
 * one performed at province level (and not at commune level) is received at the department that
 * owns its field, per the table below, and at the provincial service center (TTPVHCC) otherwise;
 * ministry-only procedures (and those of "other bodies" only) are not offered by the province.
 */
export const DEMO_PROVINCE = '25';

export interface Department {
  agency_code: string;
  name: string;
  /** Fields (lĩnh vực) exactly as the catalogue spells them; matched without diacritics or case. */
  fields: readonly string[];
}

export const DEMO_DEPARTMENTS = [
  {
    agency_code: '25.STP',
    name: 'Sở Tư pháp',
    fields: [
      'Hộ tịch', 'Chứng thực', 'Lý lịch tư pháp', 'Nuôi con nuôi', 'Quốc tịch', 'Luật sư', 'Công chứng',
      'Giám định tư pháp', 'Đấu giá tài sản', 'Trợ giúp pháp lý', 'Thừa phát lại', 'Hòa giải thương mại',
      'Trọng tài thương mại', 'Tư vấn pháp luật', 'Bồi thường nhà nước', 'Quản tài viên',
      'Đăng ký biện pháp bảo đảm', 'Hòa giải ở cơ sở', 'Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa',
    ],
  },
  {
    agency_code: '25.SXD',
    name: 'Sở Xây dựng',
    fields: [
      'Hoạt động xây dựng', 'Nhà ở và công sở', 'Đường bộ', 'Đăng kiểm', 'Đường sắt', 'Hàng hải và đường thủy nội địa',
      'Kinh doanh bất động sản', 'Kiến trúc', 'Phát triển đô thị', 'Quy hoạch đô thị và nông thôn', 'Hạ tầng kỹ thuật',
      'Vật liệu xây dựng', 'Quản lý chất lượng công trình xây dựng', 'Kiểm định kỹ thuật an toàn lao động',
      'Giao thông vận tải', 'Chứng nhận chất lượng an toàn kỹ thuật và bảo vệ môi trường',
    ],
  },
  {
    agency_code: '25.SNNMT',
    name: 'Sở Nông nghiệp và Môi trường',
    fields: [
      'Đất đai', 'Môi trường', 'Tài nguyên nước', 'Nông nghiệp', 'Thủy lợi', 'Lâm nghiệp', 'Kiểm lâm', 'Thủy sản',
      'Thú y', 'Chăn nuôi', 'Trồng trọt', 'Trồng trọt và Bảo vệ thực vật', 'Địa chất và khoáng sản', 'Biển và hải đảo',
      'Biến đổi khí hậu', 'Bảo tồn thiên nhiên và Đa dạng sinh học', 'Khí tượng, thủy văn',
      'Đo đạc, bản đồ và thông tin địa lý', 'Quản lý chất lượng nông lâm sản và thủy sản',
      'Kinh tế hợp tác và Phát triển nông thôn', 'Quản lý Đê điều và Phòng, chống thiên tai', 'Giảm nghèo',
    ],
  },
  {
    agency_code: '25.CAT',
    name: 'Công an tỉnh',
    fields: [
      'Đăng ký, quản lý cư trú', 'Cấp, quản lý căn cước', 'Quản lý xuất nhập cảnh', 'Phòng cháy, chữa cháy',
      'Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo',
      'Quản lý ngành nghề đầu tư, kinh doanh có điều kiện về an ninh, trật tự', 'Đăng ký, quản lý con dấu',
      'Định danh và xác thực điện tử', 'Sát hạch, cấp giấy phép lái xe', 'Bảo đảm trật tự, an toàn giao thông đường bộ',
      'Kiểm tra kiến thức pháp luật về trật tự, an toàn giao thông đường bộ',
      'Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng', 'Bảo đảm an ninh hàng không',
      'Tổ chức cai nghiên ma túy và quản lý sau cai nghiện', 'Đảm bảo an toàn thông tin, an ninh mạng',
      'Bảo vệ dữ liệu cá nhân',
    ],
  },
  {
    agency_code: '25.SYT',
    name: 'Sở Y tế',
    // The shipped catalogue has no Ministry of Health list: these fields map future imports.
    fields: [
      'Khám bệnh, chữa bệnh', 'Dược phẩm', 'Y tế dự phòng', 'An toàn thực phẩm và dinh dưỡng', 'Trang thiết bị y tế',
      'Dân số - Sức khỏe sinh sản', 'Bảo trợ xã hội', 'Trẻ em', 'Phòng, chống tệ nạn xã hội', 'Thực hiện chính sách BHYT',
    ],
  },
] as const satisfies readonly Department[];

/** Every other province-level procedure is received at the provincial service center. */
export const DEMO_DEFAULT_AGENCY = { agency_code: '25.TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh' } as const;

/**
 * Local fees the demo must show. 1.004222 Đăng ký thường trú costs 20.000 đ in person: the catalogue
 * already says so (and 10.000 đ online), so no override is written unless a future catalogue differs.
 */
export const DEMO_EXPECTED_FEES: readonly { procedure_code: string; amount_vnd: number }[] = [
  { procedure_code: '1.004222', amount_vnd: 20000 },
];

const BY_FIELD = new Map<string, string>(DEMO_DEPARTMENTS.flatMap((d) => d.fields.map((f) => [foldVietnamese(f), d.agency_code] as const)));

/** The department that receives a province-level procedure of this field. */
export function departmentFor(field: string): string {
  return BY_FIELD.get(foldVietnamese(field)) ?? DEMO_DEFAULT_AGENCY.agency_code;
}

/** Where the demo province offers a procedure, or null when it does not offer it. */
export function demoOfferingFor(p: { field: string; levels: readonly Level[] }): { scope: OfferingScope; agency_code: string | null } | null {
  if (p.levels.includes('commune')) return { scope: 'all_communes', agency_code: null };
  if (p.levels.includes('province')) return { scope: 'agency', agency_code: departmentFor(p.field) };
  return null;
}
