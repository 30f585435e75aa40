import { demoName } from './names.ts';
import type { Role } from '../domain/roles.ts';

/**
 * The demo people of Tỉnh Phú Thọ (province code 25): officials of four wards and seven province
 * agencies, and six citizens. Usernames are stable and say who they are:
 *   tn.<unit>            receiving officer (tiếp nhận)          cv.<field>.<unit>  specialist (chuyên viên)
 *   ld.<unit>            leader who approves and signs (lãnh đạo) vt.<unit>          clerk (văn thư)
 *   qtv.tinh / dl.tinh / at.tinh   province administrator / data steward / security officer
 * Every demo account has the password DEMO_PASSWORD. Demo data is for demonstrations and tests only:
 * never seed it on a production server (SEED_DEMO=false).
 */
export const DEMO_PASSWORD = 'LienThong@2025';

export interface DemoGrant {
  role: Exclude<Role, 'citizen'>;
  unitCode: string;
  fields: string[] | '*';
}

export interface DemoOfficial {
  username: string;
  displayName: string;
  sex: 'male' | 'female';
  unitCode: string;
  unitName: string;
  position: string;
  grants: DemoGrant[];
}

export interface DemoCitizen {
  personalId: string;
  displayName: string;
  sex: 'male' | 'female';
  birthDate: string;
}

/** Wards of Tỉnh Phú Thọ in force since 1 July 2025 (reference/admin-units/communes_2025.csv). */
const WARDS = [
  { slug: 'viettri', code: '07900', name: 'Phường Việt Trì', full: true },
  { slug: 'vanphu', code: '07918', name: 'Phường Vân Phú', full: true },
  { slug: 'vinhyen', code: '08707', name: 'Phường Vĩnh Yên', full: true },
  { slug: 'hoabinh', code: '04795', name: 'Phường Hòa Bình', full: false },
] as const;

/** Fields (lĩnh vực) named as in the national procedure catalogue. */
export const COMMUNE_DESK_FIELDS = ['Hộ tịch', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Đất đai', 'Hoạt động xây dựng', 'Người có công'];

export const AGENCIES: Record<string, string> = {
  '25.STP': 'Sở Tư pháp tỉnh Phú Thọ',
  '25.SXD': 'Sở Xây dựng tỉnh Phú Thọ',
  '25.SNNMT': 'Sở Nông nghiệp và Môi trường tỉnh Phú Thọ',
  '25.SYT': 'Sở Y tế tỉnh Phú Thọ',
  '25.CAT': 'Công an tỉnh Phú Thọ',
  '25.VPUBND': 'Văn phòng Ủy ban nhân dân tỉnh Phú Thọ',
  '25.TTPVHCC': 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ',
};

type Spec = Omit<DemoOfficial, 'displayName'>;

function specs(): Spec[] {
  const out: Spec[] = [];
  for (const w of WARDS) {
    const unit = { unitCode: w.code, unitName: w.name };
    out.push({ username: `tn.${w.slug}`, sex: 'female', ...unit, position: 'Công chức tiếp nhận và trả kết quả, bộ phận một cửa phường', grants: [{ role: 'receiving_officer', unitCode: w.code, fields: COMMUNE_DESK_FIELDS }] });
    if (w.full) {
      out.push({ username: `cv.hotich.${w.slug}`, sex: 'female', ...unit, position: 'Công chức Tư pháp - Hộ tịch', grants: [{ role: 'specialist', unitCode: w.code, fields: ['Hộ tịch', 'Chứng thực'] }] });
      out.push({ username: `cv.datdai.${w.slug}`, sex: 'male', ...unit, position: 'Công chức Phòng Kinh tế, Hạ tầng và Đô thị (địa chính)', grants: [{ role: 'specialist', unitCode: w.code, fields: ['Đất đai', 'Hoạt động xây dựng'] }] });
    }
    out.push({ username: `ld.${w.slug}`, sex: 'male', ...unit, position: 'Phó Chủ tịch Ủy ban nhân dân phường', grants: [{ role: 'leader', unitCode: w.code, fields: '*' }] });
    out.push({ username: `vt.${w.slug}`, sex: 'female', ...unit, position: 'Văn thư, Văn phòng HĐND và UBND phường', grants: [{ role: 'clerk', unitCode: w.code, fields: '*' }] });
  }

  const agency = (code: string) => ({ unitCode: code, unitName: AGENCIES[code]! });
  out.push(
    { username: 'tn.snnmt', sex: 'female', ...agency('25.SNNMT'), position: 'Chuyên viên tiếp nhận hồ sơ, Văn phòng Sở', grants: [{ role: 'receiving_officer', unitCode: '25.SNNMT', fields: ['Đất đai', 'Tài nguyên nước', 'Môi trường'] }] },
    { username: 'cv.datdai.snnmt', sex: 'male', ...agency('25.SNNMT'), position: 'Chuyên viên Phòng Quản lý đất đai', grants: [{ role: 'specialist', unitCode: '25.SNNMT', fields: ['Đất đai'] }] },
    { username: 'ld.snnmt', sex: 'male', ...agency('25.SNNMT'), position: 'Phó Giám đốc Sở', grants: [{ role: 'leader', unitCode: '25.SNNMT', fields: '*' }] },
    // the clerks who issue the departments' results (văn thư)
    ...(['25.SNNMT', '25.STP', '25.SXD'] as const).map((code) => ({
      username: `vt.${code.slice(3).toLowerCase()}`, sex: 'female' as const, ...agency(code), position: 'Văn thư, Văn phòng Sở', grants: [{ role: 'clerk' as const, unitCode: code, fields: '*' as const }],
    })),
    { username: 'cv.stp', sex: 'female', ...agency('25.STP'), position: 'Chuyên viên Phòng Hành chính tư pháp', grants: [{ role: 'specialist', unitCode: '25.STP', fields: ['Hộ tịch', 'Quốc tịch', 'Lý lịch tư pháp'] }] },
    { username: 'ld.stp', sex: 'female', ...agency('25.STP'), position: 'Phó Giám đốc Sở', grants: [{ role: 'leader', unitCode: '25.STP', fields: '*' }] },
    { username: 'cv.sxd', sex: 'male', ...agency('25.SXD'), position: 'Chuyên viên Phòng Quản lý hoạt động xây dựng', grants: [{ role: 'specialist', unitCode: '25.SXD', fields: ['Hoạt động xây dựng', 'Nhà ở và công sở'] }] },
    { username: 'ld.sxd', sex: 'male', ...agency('25.SXD'), position: 'Phó Giám đốc Sở', grants: [{ role: 'leader', unitCode: '25.SXD', fields: '*' }] },
    { username: 'cv.syt', sex: 'female', ...agency('25.SYT'), position: 'Chuyên viên Phòng Nghiệp vụ Y', grants: [{ role: 'specialist', unitCode: '25.SYT', fields: ['Khám bệnh, chữa bệnh', 'Dược phẩm'] }] },
    { username: 'cv.cat', sex: 'male', ...agency('25.CAT'), position: 'Cán bộ Phòng Cảnh sát quản lý hành chính về trật tự xã hội', grants: [{ role: 'specialist', unitCode: '25.CAT', fields: ['Đăng ký, quản lý cư trú', 'Cấp, quản lý căn cước'] }] },
    {
      username: 'tn.ttpvhcc', sex: 'female', ...agency('25.TTPVHCC'), position: 'Công chức tiếp nhận, Trung tâm Phục vụ hành chính công tỉnh',
      grants: ['25.TTPVHCC', '25.STP', '25.SXD', '25.SNNMT', '25.SYT'].map((u) => ({ role: 'receiving_officer' as const, unitCode: u, fields: '*' as const })),
    },
    { username: 'qtv.tinh', sex: 'male', ...agency('25.VPUBND'), position: 'Quản trị hệ thống, Trung tâm Thông tin - Công báo tỉnh', grants: [{ role: 'province_admin', unitCode: '25', fields: '*' }] },
    { username: 'dl.tinh', sex: 'female', ...agency('25.VPUBND'), position: 'Cán bộ quản lý dữ liệu dùng chung của tỉnh', grants: [{ role: 'data_steward', unitCode: '25', fields: '*' }] },
    { username: 'at.tinh', sex: 'male', ...agency('25.VPUBND'), position: 'Cán bộ phụ trách an toàn thông tin', grants: [{ role: 'security_officer', unitCode: '25', fields: '*' }] },
  );
  return out;
}

let cache: { officials: DemoOfficial[]; citizens: DemoCitizen[] } | null = null;

/** The demo people, names generated deterministically from their usernames. */
export function demoPeople(): { officials: DemoOfficial[]; citizens: DemoCitizen[] } {
  if (cache) return cache;
  const officials = specs().map((s) => ({ ...s, displayName: demoName(s.username, s.sex) }));
  // valid 12-digit identification numbers: birth registered in Phú Thọ (025), Vĩnh Phúc (026), Hòa Bình (017)
  const citizenSpecs: Omit<DemoCitizen, 'displayName'>[] = [
    { personalId: '025085012345', sex: 'male', birthDate: '1985-03-12' },
    { personalId: '025192004567', sex: 'female', birthDate: '1992-08-30' },
    { personalId: '026078003210', sex: 'male', birthDate: '1978-11-02' },
    { personalId: '026301007788', sex: 'female', birthDate: '2001-05-19' },
    { personalId: '017188009900', sex: 'female', birthDate: '1988-01-25' },
    { personalId: '017095006655', sex: 'male', birthDate: '1995-12-07' },
  ];
  const citizens = citizenSpecs.map((c) => ({ ...c, displayName: demoName(c.personalId, c.sex) }));
  cache = { officials, citizens };
  return cache;
}

/** One row per demo person, for `lienthong demo users` and scripts. */
export interface DemoUserRow {
  kind: 'official' | 'citizen';
  username: string;
  password: string;
  role: string;
  unit: string | null;
  unitName: string | null;
  fields: string[] | '*';
  displayName: string;
  position: string | null;
  grants: DemoGrant[];
  signIn: string;
}

export function demoUserRows(): DemoUserRow[] {
  const { officials, citizens } = demoPeople();
  return [
    ...officials.map((o) => ({
      kind: 'official' as const,
      username: o.username,
      password: DEMO_PASSWORD,
      role: o.grants[0]!.role,
      unit: o.unitCode,
      unitName: o.unitName,
      fields: o.grants[0]!.fields,
      displayName: o.displayName,
      position: o.position,
      grants: o.grants,
      signIn: 'POST /api/v1/auth/login hoặc /dang-nhap',
    })),
    ...citizens.map((c) => ({
      kind: 'citizen' as const,
      username: c.personalId,
      password: DEMO_PASSWORD,
      role: 'citizen',
      unit: null,
      unitName: null,
      fields: '*' as const,
      displayName: c.displayName,
      position: null,
      grants: [],
      signIn: 'GET /api/v1/auth/citizen/login (nhà cung cấp định danh thử nghiệm /oidc)',
    })),
  ];
}
