/**
 * Deterministic generator of realistic OLD addresses (before 1 July 2025) for the accuracy sample of the
 * address matcher: `npx tsx bench/data/units-generate.ts [rows] [seed]` → bench/data/units-sample.csv.
 *
 * Each row picks an old commune uniformly (seeded PRNG, mulberry32) and writes its address in one style,
 * in fixed proportions (STYLES): the classic comma-separated styles, free text without separators as typed
 * in SMS, chat and old spreadsheets, and the old commune with today's province name. The expected answer is
 * every new commune the old one went into; the row is flagged `ambiguous` when the information the style
 * leaves in the address cannot tell this commune from another old commune that went elsewhere (same name in
 * the same scope, e.g. two "Xã Tân Lập" of one province with the district missing, three "Xã Tân Lập" inside
 * today's Tỉnh Phú Thọ, or "Hoằng Phú" / "Hoằng Phụ" without diacritics).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { readDataset } from '../../src/modules/units/source.ts';
import { plainText, toneText } from '../../src/modules/units/domain/normalize.ts';
import type { UnitPeriod } from '../../src/modules/units/types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_PATH = path.join(here, 'units-sample.csv');

export const STYLES = [
  ['full', 0.12],
  ['no_diacritics', 0.09],
  ['lower_case', 0.06],
  ['abbreviations', 0.09],
  ['street_prefix', 0.09],
  ['missing_district', 0.08],
  ['missing_type_words', 0.08],
  ['new_tone_marks', 0.05],
  ['combined', 0.08],
  // free text without separators, as typed in SMS, chat and old spreadsheets (issue 8 §7)
  ['sms', 0.1],
  ['chat', 0.07],
  ['spreadsheet', 0.05],
  // the old commune with today's province name and no district; half of them drawn among the names that
  // existed several times inside that new province ("Xã Tân Lập, Tỉnh Phú Thọ")
  ['new_province', 0.04],
] as const;
export type Style = (typeof STYLES)[number][0];

export interface SampleRow {
  id: number;
  style: Style;
  address: string;
  old_commune_code: string;
  old_district_code: string;
  old_province_code: string;
  expected_new_codes: string; // ';'-separated, rank order
  merge_type: 'full' | 'partial';
  ambiguous: 'true' | 'false';
  transforms: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "Thành phố Hà Nội" → "Thanh pho Ha Noi" (case kept). */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Old tone-mark placement → new ("Hòa" → "Hoà", "Thủy" → "Thuỷ", "Khỏe" → "Khoẻ"). */
export function newTonePlacement(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\p{L}\p{M}])/gu, (_m, v1: string, tone: string, v2: string) => v1 + v2 + tone)
    .normalize('NFC');
}

const ABBR: Record<string, string[]> = {
  Phường: ['P.', 'P. ', 'P '],
  Xã: ['X.', 'X. ', 'xã '],
  'Thị trấn': ['TT.', 'TT. ', 'TT '],
  Quận: ['Q.', 'Q. ', 'Q '],
  Huyện: ['H.', 'H. ', 'huyện '],
  'Thị xã': ['TX.', 'TX. ', 'TX '],
  'Thành phố': ['TP.', 'TP. ', 'TP ', 'Tp.'],
  Tỉnh: ['T.', 'T. ', 'tỉnh '],
};

/** Abbreviations as typed in a text message: no dots, lower case. */
const SMS_ABBR: Record<string, string[]> = {
  Phường: ['p', 'p', 'f', 'phuong'],
  Xã: ['x', 'xa'],
  'Thị trấn': ['tt', 'thi tran'],
  Quận: ['q', 'q', 'quan'],
  Huyện: ['h', 'huyen'],
  'Thị xã': ['tx', 'thi xa'],
  'Thành phố': ['tp', 'tp', 'thanh pho'],
  Tỉnh: ['t', 'tinh'],
};

const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hùng Vương', 'Quang Trung', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Nguyễn Huệ', 'Phan Đình Phùng', 'Điện Biên Phủ', 'Lê Duẩn', 'Trần Phú', 'Nguyễn Văn Cừ', 'Võ Thị Sáu', 'Hoàng Hoa Thám'];
const VILLAGES = ['Thôn Đông', 'Thôn 3', 'Xóm Bãi', 'Ấp 2', 'Tổ 5', 'Bản Mòng', 'Khu phố 4', 'Tổ dân phố 7', 'Thôn Trung Hòa', 'Ấp Tân Thủy'];

interface Pick {
  commune: UnitPeriod;
  district: UnitPeriod;
  province: UnitPeriod;
  /** today's province the old commune is in */
  newProvince: UnitPeriod;
  targets: { code: string; mergeType: 'full' | 'partial' }[];
}

/** How each unit's type word is written: the same way for all, or drawn per unit as people type. */
type TypeMode = 'full' | 'abbr' | 'none' | 'sms' | 'chat';

interface Flags {
  diacritics: 'yes' | 'no';
  caseMode: 'normal' | 'lower' | 'upper';
  types: TypeMode;
  district: boolean;
  street: 'none' | 'comma' | 'glued';
  /** house number, lane, village as in a text message ("so 3 ngo 5") */
  smsStreet: boolean;
  newTones: boolean;
  /** what separates the units: commas, nothing (spaces) or dashes */
  join: 'comma' | 'space' | 'dash';
  /** the province as it was (old) or today's province (new) */
  province: 'old' | 'new';
}

function styleFlags(style: Style, rnd: () => number): Flags {
  const f: Flags = { diacritics: 'yes', caseMode: 'normal', types: 'full', district: true, street: 'none', smsStreet: false, newTones: false, join: 'comma', province: 'old' };
  const pickStreet = () => (rnd() < 0.7 ? 'comma' : 'glued');
  switch (style) {
    case 'full':
      break;
    case 'no_diacritics':
      f.diacritics = 'no';
      break;
    case 'lower_case':
      f.caseMode = 'lower';
      break;
    case 'abbreviations':
      f.types = 'abbr';
      break;
    case 'street_prefix':
      f.street = pickStreet();
      break;
    case 'missing_district':
      f.district = false;
      break;
    case 'missing_type_words':
      f.types = 'none';
      break;
    case 'new_tone_marks':
      f.newTones = true;
      break;
    case 'combined': {
      // two to four transformations at once
      const opts = ['text', 'types', 'street', 'district', 'tones'].sort(() => rnd() - 0.5).slice(0, 2 + Math.floor(rnd() * 3));
      for (const o of opts) {
        if (o === 'text') rnd() < 0.6 ? (f.diacritics = 'no') : (f.caseMode = 'lower');
        if (o === 'types') f.types = rnd() < 0.5 ? 'abbr' : 'none';
        if (o === 'street') f.street = pickStreet();
        if (o === 'district') f.district = false;
        if (o === 'tones') f.newTones = true;
      }
      break;
    }
    case 'sms':
      // "so 3 ngo 5 p dien bien q ba dinh ha noi": no commas, no diacritics, lower case, short type words
      f.join = 'space';
      f.diacritics = 'no';
      f.caseMode = 'lower';
      f.types = 'sms';
      f.district = rnd() < 0.85;
      if (rnd() < 0.5) {
        f.street = 'glued';
        f.smsStreet = true;
      }
      break;
    case 'chat':
      // "quang long hạ lang cao bằng": no commas, diacritics kept, lower case, type words mostly left out
      f.join = 'space';
      f.caseMode = 'lower';
      f.types = 'chat';
      f.district = rnd() < 0.85;
      if (rnd() < 0.3) f.street = 'glued';
      if (rnd() < 0.2) f.newTones = true;
      break;
    case 'spreadsheet': {
      // a column of an old spreadsheet: full type words, units separated by spaces or dashes, often in capitals
      f.join = rnd() < 0.6 ? 'space' : 'dash';
      const r = rnd();
      f.caseMode = r < 0.4 ? 'upper' : 'normal';
      if (rnd() < 0.35) f.diacritics = 'no';
      if (rnd() < 0.25) f.types = 'abbr';
      if (rnd() < 0.25) f.street = 'glued';
      break;
    }
    case 'new_province':
      f.district = false;
      f.province = 'new';
      if (rnd() < 0.3) f.diacritics = 'no';
      break;
  }
  return f;
}

/** The type word mode of one unit: fixed for the classic styles, drawn per unit for the free-text ones. */
function unitTypeMode(mode: TypeMode, rnd: () => number): 'full' | 'abbr' | 'none' | 'sms' {
  if (mode === 'sms') {
    const r = rnd();
    return r < 0.5 ? 'sms' : r < 0.85 ? 'none' : 'full';
  }
  if (mode === 'chat') {
    const r = rnd();
    return r < 0.6 ? 'none' : r < 0.9 ? 'full' : 'sms';
  }
  return mode;
}

/** One unit as written, and whether its type word was written (a type word tells a xã from a thị trấn). */
function renderUnit(u: UnitPeriod, f: Flags, rnd: () => number, isProvince = false): { text: string; typed: boolean } {
  const numeric = /^\d+$/.test(u.shortName);
  let mode = unitTypeMode(f.types, rnd);
  if (numeric && mode === 'none') mode = f.types === 'sms' || f.types === 'chat' ? 'sms' : 'full'; // nobody writes "1, 1, Hồ Chí Minh"
  if (isProvince && u.code === '79' && (mode === 'abbr' || mode === 'sms')) {
    return { text: mode === 'sms' ? ['hcm', 'tphcm', 'tp hcm', 'sg'][Math.floor(rnd() * 4)]! : rnd() < 0.5 ? 'TP.HCM' : 'TP HCM', typed: true };
  }
  if (mode === 'full') return { text: `${u.type} ${u.shortName}`, typed: true };
  if (mode === 'none') return { text: u.shortName, typed: false };
  if (mode === 'sms') {
    const forms = SMS_ABBR[u.type] ?? [u.type];
    const form = forms[Math.floor(rnd() * forms.length)]!;
    // "p12", "q10", "f7": the letter glued to a number, as people type it
    if (numeric && form.length === 1 && 'pqf'.includes(form) && rnd() < 0.5) return { text: form + u.shortName, typed: true };
    return { text: `${form} ${u.shortName}`, typed: true };
  }
  const forms = ABBR[u.type] ?? [u.type + ' '];
  const form = forms[Math.floor(rnd() * forms.length)]!;
  return { text: form.endsWith(' ') || form.endsWith('.') ? form + u.shortName : form + ' ' + u.shortName, typed: true };
}

function transformText(s: string, f: Flags): string {
  let out = s;
  if (f.newTones) out = newTonePlacement(out);
  if (f.diacritics === 'no') out = stripDiacritics(out);
  if (f.caseMode === 'lower') out = out.toLowerCase();
  if (f.caseMode === 'upper') out = out.toUpperCase();
  return out;
}

function hasToneVariant(s: string): boolean {
  return newTonePlacement(s) !== s;
}

const pickOf = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** A house number, lane or village before the commune. */
function streetPart(f: Flags, rnd: () => number): string {
  if (f.smsStreet) {
    const n = () => 1 + Math.floor(rnd() * 200);
    const forms = [
      () => `so ${n()} ngo ${n()}`,
      () => `ngo ${n()}`,
      () => `so ${n()} ${pickOf(STREETS, rnd)}`,
      () => `${n()}/${n()} ${pickOf(STREETS, rnd)}`,
      () => `to ${1 + Math.floor(rnd() * 30)}`,
      () => `thon ${1 + Math.floor(rnd() * 12)}`,
      () => `kp ${1 + Math.floor(rnd() * 9)}`,
      () => `ap ${1 + Math.floor(rnd() * 9)}`,
      () => `so ${n()} hem ${n()} ${pickOf(STREETS, rnd)}`,
    ];
    return pickOf(forms, rnd)();
  }
  const r = rnd();
  return r < 0.4
    ? `Số ${1 + Math.floor(rnd() * 300)} đường ${pickOf(STREETS, rnd)}`
    : r < 0.6
      ? `${1 + Math.floor(rnd() * 200)}/${1 + Math.floor(rnd() * 30)} ${pickOf(STREETS, rnd)}`
      : pickOf(VILLAGES, rnd);
}

export function generateSample(rows: number, seed: number, dataDir: string): SampleRow[] {
  const ds = readDataset(dataDir);
  const rnd = mulberry32(seed);
  const units = ds.units.filter((u) => u.generation === 1);
  const byCode = new Map(units.map((u) => [`${u.level}:${u.code}`, u]));
  // today's provinces (the latest period of each) and the old provinces they were formed from
  const newProvinceOf = new Map<string, UnitPeriod>();
  const newProvinces = new Map<string, UnitPeriod>();
  for (const u of ds.units) if (u.generation === 2 && u.level === 'province' && u.validTo === null) newProvinces.set(u.code, u);
  for (const l of ds.links) if (l.level === 'province') newProvinceOf.set(l.oldCode, newProvinces.get(l.newCode)!);
  const targets = new Map<string, { code: string; mergeType: 'full' | 'partial'; rank: number }[]>();
  for (const l of ds.links) {
    if (l.level !== 'commune') continue;
    const list = targets.get(l.oldCode) ?? [];
    list.push({ code: l.newCode, mergeType: l.mergeType, rank: l.rank });
    targets.set(l.oldCode, list);
  }
  for (const l of targets.values()) l.sort((a, b) => a.rank - b.rank);
  const communes = units.filter((u) => u.level === 'commune').sort((a, b) => a.code.localeCompare(b.code));
  const picks: Pick[] = communes.map((c) => ({
    commune: c,
    district: byCode.get(`district:${c.parentCode}`)!,
    province: byCode.get(`province:${c.provinceCode}`)!,
    newProvince: newProvinceOf.get(c.provinceCode)!,
    targets: targets.get(c.code) ?? [],
  }));
  const toneSensitive = picks.filter((p) => hasToneVariant(p.commune.name) || hasToneVariant(p.district.name) || hasToneVariant(p.province.name));

  // scopes for the ambiguity flag
  const inOldProvince = new Map<string, Pick[]>();
  const inNewProvince = new Map<string, Pick[]>();
  for (const p of picks) {
    inOldProvince.set(p.province.code, [...(inOldProvince.get(p.province.code) ?? []), p]);
    inNewProvince.set(p.newProvince.code, [...(inNewProvince.get(p.newProvince.code) ?? []), p]);
  }
  const targetKey = (p: Pick) => p.targets.map((t) => t.code).sort().join(';');
  // old communes whose name (and type) existed several times inside their new province, going to different new communes
  const sameNameInNewProvince = picks.filter((p) =>
    inNewProvince.get(p.newProvince.code)!.some((o) => o !== p && o.commune.name === p.commune.name && targetKey(o) !== targetKey(p)),
  );
  /**
   * The address, as written, fits another old commune that went elsewhere. A province name stands for the
   * old province of that name and for today's province of that name (its whole territory: every old
   * province merged into it), since an address may be written with either.
   */
  const isAmbiguous = (p: Pick, f: Flags, communeTyped: boolean, districtTyped: boolean): boolean => {
    const written = f.province === 'new' ? p.newProvince : p.province;
    const scope = new Set<Pick>(f.province === 'old' ? inOldProvince.get(p.province.code)! : []);
    for (const np of newProvinces.values()) {
      if (plainText(np.shortName) === plainText(written.shortName)) for (const o of inNewProvince.get(np.code) ?? []) scope.add(o);
    }
    // without diacritics only the letters count, spaces included ("Đạ K' Nàng" = "Đắk Nang" = "daknang")
    const name = (u: UnitPeriod) => (f.diacritics === 'no' ? plainText(u.shortName).replace(/ /g, '') : toneText(u.shortName));
    for (const o of scope) {
      if (o === p || targetKey(o) === targetKey(p)) continue;
      if (name(o.commune) !== name(p.commune) || (communeTyped && o.commune.type !== p.commune.type)) continue;
      if (f.district && (name(o.district) !== name(p.district) || (districtTyped && o.district.type !== p.district.type))) continue;
      return true;
    }
    return false;
  };

  // exact counts per style, then shuffled
  const plan: Style[] = [];
  let acc = 0;
  STYLES.forEach(([style, share], i) => {
    const n = i === STYLES.length - 1 ? rows - acc : Math.round(rows * share);
    acc += n;
    for (let j = 0; j < n; j++) plan.push(style);
  });
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }

  return plan.map((style, i) => {
    const f = styleFlags(style, rnd);
    const pool = f.newTones && toneSensitive.length ? toneSensitive : f.province === 'new' && rnd() < 0.5 ? sameNameInNewProvince : picks;
    const p = pool[Math.floor(rnd() * pool.length)]!;
    const commune = renderUnit(p.commune, f, rnd);
    const district = f.district ? renderUnit(p.district, f, rnd) : null;
    const province = renderUnit(f.province === 'new' ? p.newProvince : p.province, f, rnd, true);
    const parts = [commune.text, ...(district ? [district.text] : []), province.text];
    let address = parts.join(f.join === 'comma' ? ', ' : f.join === 'dash' ? ' - ' : ' ');
    if (f.street !== 'none') address = streetPart(f, rnd) + (f.street === 'comma' ? ', ' : ' ') + address;
    address = transformText(address, f);
    const typeTransform = { full: '', abbr: 'abbreviations', none: 'missing_type_words', sms: 'sms_type_words', chat: 'chat_type_words' }[f.types];
    const transforms = [
      f.join !== 'comma' ? `no_separators_${f.join}` : '',
      f.diacritics === 'no' ? 'no_diacritics' : '',
      f.caseMode !== 'normal' ? `${f.caseMode}_case` : '',
      typeTransform,
      f.street !== 'none' ? `street_${f.street}` : '',
      f.district ? '' : 'missing_district',
      f.newTones ? 'new_tone_marks' : '',
      f.province === 'new' ? 'new_province' : '',
    ].filter(Boolean);
    return {
      id: i + 1,
      style,
      address,
      old_commune_code: p.commune.code,
      old_district_code: p.district.code,
      old_province_code: p.province.code,
      expected_new_codes: p.targets.map((t) => t.code).join(';'),
      merge_type: p.targets.some((t) => t.mergeType === 'partial') ? 'partial' : 'full',
      ambiguous: isAmbiguous(p, f, commune.typed, district?.typed ?? false) ? 'true' : 'false',
      transforms: transforms.join('+') || 'none',
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]) && !process.env.NO_MAIN) {
  const rows = Number(process.argv[2] ?? 4000);
  const seed = Number(process.argv[3] ?? 20250701);
  const dataDir = process.env.UNITS_DATA_DIR ?? path.join(here, '..', '..', 'reference', 'admin-units');
  const sample = generateSample(rows, seed, dataDir);
  fs.writeFileSync(SAMPLE_PATH, stringify(sample, { header: true }));
  const counts: Record<string, number> = {};
  for (const r of sample) counts[r.style] = (counts[r.style] ?? 0) + 1;
  process.stdout.write(`Đã tạo ${sample.length} địa chỉ mẫu (seed ${seed}) tại ${path.relative(process.cwd(), SAMPLE_PATH)}: ${JSON.stringify(counts)}; mơ hồ: ${sample.filter((r) => r.ambiguous === 'true').length}\n`);
}
