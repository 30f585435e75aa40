/**
 * The legacy-source generator (`lienthong mdm synth`, the benchmark): several sources with different
 * column names and formats, holding the same people several times with realistic errors — typos, missing
 * diacritics, the look-alike "Ð", day and month swapped, year only, old vs new addresses, 11-digit phones,
 * old 9-digit ids, missing fields, conflicting marital status. Deterministic for a seed. Pure: names and
 * communes are passed in.
 */
import type { UnitsService } from '../../units/index.ts';
import { fold } from './text.ts';
import { MOBILE_PREFIX_2018 } from './phones.ts';

export interface SynthCommune {
  oldCode: string;
  /** "Xã Tiên Kiên, Huyện Lâm Thao, Tỉnh Phú Thọ" */
  oldAddress: string;
  oldProvinceCode: string;
  newCode: string;
  /** "Xã Lâm Thao, Tỉnh Phú Thọ" */
  newAddress: string;
}

export interface SynthNames {
  male: string[];
  female: string[];
  /** family names with weights */
  families: [string, number][];
}

/** Family names after the 14 most common, with small weights (percent, approximate). */
export const RARER_FAMILIES: [string, number][] = [
  ['Đinh', 0.45], ['Trịnh', 0.4], ['Đoàn', 0.4], ['Lâm', 0.35], ['Mai', 0.3], ['Trương', 0.35], ['Lương', 0.3], ['Cao', 0.25],
  ['Tạ', 0.2], ['Hà', 0.3], ['Kiều', 0.1], ['Lục', 0.05], ['Quách', 0.08], ['Thái', 0.1], ['Triệu', 0.15], ['Tô', 0.1],
  ['Châu', 0.1], ['Chu', 0.12], ['Khúc', 0.03], ['Mạc', 0.05], ['Vương', 0.1], ['Nông', 0.15], ['La', 0.05], ['Lưu', 0.15],
  ['Diệp', 0.04], ['Âu', 0.03], ['Ông', 0.03], ['Giang', 0.06], ['Tăng', 0.05], ['Hứa', 0.05], ['Khổng', 0.02], ['Thân', 0.05],
];

export function parseSurnameShares(csv: string): [string, number][] {
  const out: [string, number][] = [];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const m = /^\d+,([^,]+),([^,]*),([\d.]+)/.exec(line);
    if (!m) continue;
    const share = Number(m[3]);
    if (m[2]) {
      out.push([m[1]!, share / 2]);
      out.push([m[2]!, share / 2]);
    } else out.push([m[1]!, share]);
  }
  return out;
}

/**
 * The old communes of a new province with their new commune, as address texts, through the units service
 * (each new commune's `formed_from`); an old commune split between several new ones is taken once.
 */
export async function communesFromUnits(units: Pick<UnitsService, 'getUnit' | 'listCommunes'>, newProvinceCode: string): Promise<SynthCommune[]> {
  const province = await units.getUnit(newProvinceCode);
  if (!province) return [];
  const out = new Map<string, SynthCommune>();
  for (const c of await units.listCommunes(newProvinceCode)) {
    const d = await units.getUnit(c.code);
    for (const f of d?.formed_from ?? []) {
      if (!f.district || !f.province || out.has(f.unit.code)) continue;
      out.set(f.unit.code, {
        oldCode: f.unit.code,
        oldAddress: `${f.unit.name}, ${f.district.name}, ${f.province.name}`,
        oldProvinceCode: f.province.code,
        newCode: c.code,
        newAddress: `${c.name}, ${province.name}`,
      });
    }
  }
  return [...out.values()].sort((a, b) => a.oldCode.localeCompare(b.oldCode));
}

/** xorshift32, deterministic. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

interface Entity {
  id: number;
  family: string;
  middleGiven: string;
  /** Văn / Thị / '' */
  middle: string;
  sex: 'male' | 'female';
  birth: { y: number; m: number; d: number };
  pid: string;
  oldId: string | null;
  phone: string | null;
  email: string | null;
  commune: SynthCommune;
  street: string;
  marital: 'single' | 'married' | 'divorced' | 'widowed';
}

export interface SynthSource {
  id: string;
  name: string;
  /** column names of the rows */
  columns: string[];
  rows: Record<string, string>[];
  /** the mapping that reads this source (canonical field → column, with transforms) */
  mapping: unknown;
}

export interface SynthOutput {
  sources: SynthSource[];
  /** truth: `${sourceId}:${recordId}` → entity id */
  truth: Map<string, number>;
  entities: number;
}

export interface SynthOptions {
  /** total number of records over all sources (approximate) */
  records: number;
  seed?: number;
  names: SynthNames;
  communes: SynthCommune[];
  /** reference year for ages */
  year?: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const NEW_TO_OLD_PREFIX = new Map(Object.entries(MOBILE_PREFIX_2018).map(([o, n]) => [n, o]));
const NEW_MOBILE_PREFIXES = ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', '070', '076', '077', '078', '079', '089', '090', '093', '081', '082', '083', '084', '085', '088', '091', '094', '056', '058', '059', '092', '099'];
const VILLAGES = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Đông', 'Thôn Tây', 'Xóm Trại', 'Xóm Mới', 'Khu 1', 'Khu 2', 'Khu 3', 'Khu 5', 'Tổ 4', 'Tổ 7', 'Thôn Bãi', 'Thôn Gò'];
const MARITAL_WORDS: Record<Entity['marital'], string[]> = {
  single: ['Chưa kết hôn', 'độc thân', 'Chua ket hon', 'DT'],
  married: ['Đã kết hôn', 'có vợ', 'có chồng', 'Da ket hon', 'KH'],
  divorced: ['Đã ly hôn', 'ly hôn', 'Ly hon'],
  widowed: ['Góa', 'vợ chết', 'chồng chết'],
};

export function generateSources(opts: SynthOptions): SynthOutput {
  const r = rng(opts.seed ?? 2025);
  const year = opts.year ?? 2026;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const famTotal = opts.names.families.reduce((s, [, w]) => s + w, 0);
  const famCum: number[] = [];
  {
    let acc = 0;
    for (const [, w] of opts.names.families) famCum.push((acc += w / famTotal));
  }
  const pickFamily = () => {
    const x = r();
    let lo = 0;
    let hi = famCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (famCum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return opts.names.families[lo]![0];
  };
  const clean = (s: string) => s.normalize('NFC').replace(/\u00D0/g, 'Đ').replace(/\u00F0/g, 'đ');
  const male = opts.names.male.map(clean).filter((s) => s.split(' ').length <= 3);
  const female = opts.names.female.map(clean).filter((s) => s.split(' ').length <= 3);
  const communes = opts.communes;
  const oldProvinces = [...new Set(communes.map((c) => c.oldProvinceCode))].sort();
  const usedPid = new Set<string>();

  // three legacy sources per old province would be too many: one civil-status source per old province
  // (old addresses, old formats) and one province-wide insurance source (new addresses)
  const srcIds = [...oldProvinces.map((p) => `ho-tich-${p}`), 'bhxh'];
  const rowsBy = new Map<string, Record<string, string>[]>(srcIds.map((s) => [s, []]));
  const truth = new Map<string, number>();
  // expected records per entity ≈ 0.9 (home) + 0.1 (moved) + 0.6 (insurance) + 0.05 (within-source) ≈ 1.65
  const entityCount = Math.max(1, Math.round(opts.records / 1.65));
  let emitted = 0;

  const makeEntity = (id: number): Entity => {
    const sex: Entity['sex'] = chance(0.5) ? 'male' : 'female';
    const y = year - 16 - Math.floor(r() * 70);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * new Date(Date.UTC(y, m, 0)).getUTCDate());
    const commune = pick(communes);
    const g = Math.floor((y - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
    let pid: string;
    do pid = `0${commune.oldProvinceCode}${g}${pad(y % 100)}${pad(Math.floor(r() * 1e6), 6)}`;
    while (usedPid.has(pid));
    usedPid.add(pid);
    const middle = sex === 'male' ? (chance(0.5) ? 'Văn' : '') : chance(0.6) ? 'Thị' : '';
    const phone = chance(0.8) ? `${pick(NEW_MOBILE_PREFIXES)}${pad(Math.floor(r() * 1e7), 7)}` : null;
    return {
      id,
      family: pickFamily(),
      middle,
      middleGiven: pick(sex === 'male' ? male : female),
      sex,
      birth: { y, m, d },
      pid,
      oldId: y < 2005 && chance(0.8) ? pad(Math.floor(r() * 1e9), 9).replace(/^0/, '1') : null,
      phone,
      email: chance(0.2) ? `${fold(`${pick(['an', 'binh', 'hoa', 'minh', 'lan', 'tuan'])}`)}${Math.floor(r() * 100000)}@example.vn` : null,
      commune,
      street: `${chance(0.4) ? `Số ${1 + Math.floor(r() * 200)}, ` : ''}${pick(VILLAGES)}`,
      marital: y > year - 22 ? 'single' : pick(['single', 'married', 'married', 'married', 'divorced', 'widowed'] as const),
    };
  };

  // ---- errors
  const typo = (s: string): string => {
    const chars = [...s];
    if (chars.length < 3) return s;
    const i = 1 + Math.floor(r() * (chars.length - 2));
    const k = r();
    if (k < 0.33) chars.splice(i, 1);
    else if (k < 0.66) [chars[i], chars[i + 1]] = [chars[i + 1] ?? chars[i]!, chars[i]!];
    else chars[i] = pick([...'aeiouynhtcgm']);
    return chars.join('');
  };
  const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

  const nameOf = (e: Entity, p: { noMarks: number }): string => {
    let middle = e.middle;
    let words = e.middleGiven;
    if (chance(0.05)) middle = middle ? '' : e.sex === 'male' ? 'Văn' : 'Thị'; // middle name dropped or added
    let full = [e.family, middle, words].filter(Boolean).join(' ');
    if (chance(0.04)) {
      const parts = full.split(' ');
      const j = parts.length - 1;
      parts[j] = typo(parts[j]!);
      full = parts.join(' ');
      words = parts.slice(-1).join(' ');
    }
    if (chance(p.noMarks)) full = stripMarks(full);
    if (chance(0.03)) full = full.replace(/Đ/g, '\u00D0').replace(/đ/g, '\u00F0');
    const c = r();
    if (c < 0.15) full = full.toUpperCase();
    else if (c < 0.2) full = full.toLowerCase();
    if (chance(0.03)) full = ` ${full.replace(' ', '  ')} `;
    return full;
  };

  const dateOf = (e: Entity, fmt: 'dmy' | 'iso' | 'excel' | 'dot'): string => {
    if (chance(0.03)) return '';
    let { y, m, d } = e.birth;
    if (chance(0.02)) return String(y);
    if (chance(0.03) && d <= 12) [m, d] = [d, m];
    if (chance(0.005)) y += chance(0.5) ? 1 : -1;
    if (fmt === 'dmy') return `${pad(d)}/${pad(m)}/${y}`;
    if (fmt === 'dot') return `${pad(d)}.${pad(m)}.${y}`;
    if (fmt === 'excel' && chance(0.5)) return String(Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000));
    return `${y}-${pad(m)}-${pad(d)}`;
  };

  const phoneOf = (e: Entity, oldStyle: number): string => {
    if (!e.phone || chance(0.25)) return '';
    let p = e.phone;
    if (chance(0.05)) p = `${p.slice(0, 3)}${pad(Math.floor(r() * 1e7), 7)}`; // changed number
    const old = NEW_TO_OLD_PREFIX.get(p.slice(0, 3));
    if (old && chance(oldStyle)) p = old + p.slice(3);
    const k = r();
    if (k < 0.1) return `+84 ${p.slice(1, 4)} ${p.slice(4, 7)} ${p.slice(7)}`;
    if (k < 0.2) return `${p.slice(0, 4)}.${p.slice(4, 7)}.${p.slice(7)}`;
    if (k < 0.25) return p.slice(1); // leading zero lost in a spreadsheet
    return p;
  };

  const addressOf = (e: Entity, oldStyle: boolean): string => {
    if (chance(0.08)) return '';
    let a = `${e.street}, ${oldStyle ? e.commune.oldAddress : e.commune.newAddress}`;
    if (chance(0.1)) a = stripMarks(a);
    return a;
  };

  const idOf = (e: Entity, preferOld: number): { pid: string; oldId: string } => {
    if (chance(0.12)) return { pid: '', oldId: '' };
    const useOld = e.oldId && chance(preferOld);
    let pid = useOld ? '' : e.pid;
    if (pid && chance(0.01)) pid = pid.slice(0, 11) + String((Number(pid[11]) + 1) % 10); // typo
    return { pid, oldId: useOld || (e.oldId && chance(0.2)) ? e.oldId! : '' };
  };

  const maritalOf = (e: Entity): string => (chance(0.15) ? '' : chance(0.04) ? pick(MARITAL_WORDS[pick(['single', 'married'] as const)]) : pick(MARITAL_WORDS[e.marital]));

  const seq = new Map<string, number>(srcIds.map((s) => [s, 0]));
  const emit = (src: string, e: Entity) => {
    const n = (seq.get(src) ?? 0) + 1;
    seq.set(src, n);
    const recordId = src === 'bhxh' ? `BH${pad(n, 8)}` : String(n);
    truth.set(`${src}:${recordId}`, e.id);
    emitted++;
    if (src === 'bhxh') {
      const ids = idOf(e, 0.1);
      rowsBy.get(src)!.push({
        ma_so_bhxh: recordId,
        full_name: nameOf(e, { noMarks: 0.05 }),
        dob: dateOf(e, chance(0.5) ? 'dot' : 'iso'),
        gender: e.sex === 'male' ? 'M' : 'F',
        id_number: ids.pid || ids.oldId,
        mobile: phoneOf(e, 0.05),
        address: addressOf(e, chance(0.2)),
        email: e.email ?? '',
        marital: maritalOf(e),
      });
    } else if (src.endsWith(oldProvinces[0]!)) {
      const ids = idOf(e, 0.4);
      rowsBy.get(src)!.push({
        id: recordId,
        ho_ten: nameOf(e, { noMarks: 0.15 }),
        ngay_sinh: dateOf(e, 'dmy'),
        gioi_tinh: e.sex === 'male' ? 'Nam' : 'Nữ',
        so_cccd: ids.pid,
        so_cmnd: ids.oldId,
        dien_thoai: phoneOf(e, 0.5),
        dia_chi_thuong_tru: addressOf(e, true),
        tinh_trang_hon_nhan: maritalOf(e),
      });
    } else {
      const ids = idOf(e, 0.3);
      rowsBy.get(src)!.push({
        MaCongDan: recordId,
        HoVaTen: nameOf(e, { noMarks: 0.1 }),
        NgaySinh: dateOf(e, 'excel'),
        GioiTinh: e.sex === 'male' ? '1' : '0',
        SoGiayTo: ids.pid || ids.oldId,
        SDT: phoneOf(e, 0.4),
        DiaChi: addressOf(e, !chance(0.1)),
        HonNhan: maritalOf(e),
      });
    }
  };

  let twin: Entity | null = null;
  for (let id = 0; id < entityCount && emitted < opts.records; id++) {
    let e = makeEntity(id);
    // hard negatives: a twin (same family, date of birth, household phone and address, another given name),
    // and namesakes come naturally from the name distribution
    if (twin) {
      const g = Math.floor((twin.birth.y - 1900) / 100) * 2 + (e.sex === 'female' ? 1 : 0);
      let pid: string;
      do pid = `0${twin.commune.oldProvinceCode}${g}${pad(twin.birth.y % 100)}${pad(Math.floor(r() * 1e6), 6)}`;
      while (usedPid.has(pid));
      usedPid.add(pid);
      e = { ...e, pid, family: twin.family, birth: twin.birth, phone: twin.phone, commune: twin.commune, street: twin.street, middle: e.sex === twin.sex ? twin.middle : e.middle, oldId: twin.birth.y < 2005 ? e.oldId : null };
      twin = null;
    } else if (chance(0.03)) twin = e;
    const home = `ho-tich-${e.commune.oldProvinceCode}`;
    if (chance(0.9)) emit(home, e);
    if (chance(0.1)) emit(`ho-tich-${pick(oldProvinces)}`, e);
    if (chance(0.6)) emit('bhxh', e);
    if (chance(0.05)) emit(home, e);
  }

  const sources: SynthSource[] = srcIds.map((id) => {
    const rows = rowsBy.get(id)!;
    return { id, name: sourceName(id), columns: rows[0] ? Object.keys(rows[0]) : [], rows, mapping: mappingFor(id, oldProvinces[0]!) };
  });
  return { sources, truth, entities: entityCount };
}

function sourceName(id: string): string {
  if (id === 'bhxh') return 'Bảo hiểm xã hội tỉnh (địa chỉ mới)';
  return `Hộ tịch tỉnh cũ mã ${id.slice(-2)}`;
}

/** The declarative mapping of each generated source (the same format as docs/mdm.md). */
export function mappingFor(id: string, firstProvince: string): unknown {
  if (id === 'bhxh') {
    return {
      source: id, name: sourceName(id), entity: 'person', recordId: 'ma_so_bhxh', trust: 0.8, dateOrder: 'dmy',
      fields: { full_name: 'full_name', birth_date: 'dob', sex: 'gender', personal_id: 'id_number', phone: 'mobile', email: 'email', current_address: 'address', marital_status: 'marital' },
    };
  }
  if (id.endsWith(firstProvince)) {
    return {
      source: id, name: sourceName(id), entity: 'person', recordId: 'id', trust: 0.9, dateOrder: 'dmy',
      fields: { full_name: 'ho_ten', birth_date: 'ngay_sinh', sex: 'gioi_tinh', personal_id: 'so_cccd', old_id: 'so_cmnd', phone: 'dien_thoai', permanent_address: 'dia_chi_thuong_tru', marital_status: 'tinh_trang_hon_nhan' },
    };
  }
  return {
    source: id, name: sourceName(id), entity: 'person', recordId: 'MaCongDan', trust: 0.9, dateOrder: 'dmy',
    fields: { full_name: 'HoVaTen', birth_date: 'NgaySinh', sex: 'GioiTinh', personal_id: 'SoGiayTo', phone: 'SDT', permanent_address: 'DiaChi', marital_status: 'HonNhan' },
  };
}
