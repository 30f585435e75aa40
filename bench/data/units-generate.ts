/**
 * Deterministic generator of realistic OLD addresses (before 1 July 2025) for the accuracy sample of the
 * address matcher: `npx tsx bench/data/units-generate.ts [rows] [seed]` → bench/data/units-sample.csv.
 *
 * Each row picks an old commune uniformly (seeded PRNG, mulberry32) and writes its address in one style,
 * in fixed proportions (STYLES). The expected answer is every new commune the old one went into; the row
 * is flagged `ambiguous` when the information the style leaves in the address cannot tell this commune
 * from another old commune that went elsewhere (same name in the same scope, e.g. two "Xã Tân Lập" of one
 * province with the district missing, or "Hoằng Phú" / "Hoằng Phụ" without diacritics).
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
  ['full', 0.18],
  ['no_diacritics', 0.12],
  ['lower_case', 0.08],
  ['abbreviations', 0.12],
  ['street_prefix', 0.12],
  ['missing_district', 0.1],
  ['missing_type_words', 0.1],
  ['new_tone_marks', 0.06],
  ['combined', 0.12],
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

const STREETS = ['Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hùng Vương', 'Quang Trung', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Nguyễn Huệ', 'Phan Đình Phùng', 'Điện Biên Phủ', 'Lê Duẩn', 'Trần Phú', 'Nguyễn Văn Cừ', 'Võ Thị Sáu', 'Hoàng Hoa Thám'];
const VILLAGES = ['Thôn Đông', 'Thôn 3', 'Xóm Bãi', 'Ấp 2', 'Tổ 5', 'Bản Mòng', 'Khu phố 4', 'Tổ dân phố 7', 'Thôn Trung Hòa', 'Ấp Tân Thủy'];

interface Pick {
  commune: UnitPeriod;
  district: UnitPeriod;
  province: UnitPeriod;
  targets: { code: string; mergeType: 'full' | 'partial' }[];
}

interface Flags {
  diacritics: 'yes' | 'no';
  caseMode: 'normal' | 'lower';
  types: 'full' | 'abbr' | 'none';
  district: boolean;
  street: 'none' | 'comma' | 'glued';
  newTones: boolean;
}

function styleFlags(style: Style, rnd: () => number): Flags {
  const f: Flags = { diacritics: 'yes', caseMode: 'normal', types: 'full', district: true, street: 'none', newTones: false };
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
  }
  return f;
}

function renderUnit(u: UnitPeriod, f: Flags, rnd: () => number, isProvince = false): string {
  const numeric = /^\d+$/.test(u.shortName);
  let type = u.type;
  let mode = f.types;
  if (numeric && mode === 'none') mode = 'full'; // nobody writes "1, 1, Hồ Chí Minh"
  if (isProvince && u.code === '79' && mode === 'abbr') return rnd() < 0.5 ? 'TP.HCM' : 'TP HCM';
  let text: string;
  if (mode === 'full') text = `${type} ${u.shortName}`;
  else if (mode === 'abbr') {
    const forms = ABBR[type] ?? [type + ' '];
    const form = forms[Math.floor(rnd() * forms.length)]!;
    text = form.endsWith(' ') || form.endsWith('.') ? form + u.shortName : form + ' ' + u.shortName;
    type = form;
  } else text = u.shortName;
  return text;
}

function transformText(s: string, f: Flags): string {
  let out = s;
  if (f.newTones) out = newTonePlacement(out);
  if (f.diacritics === 'no') out = stripDiacritics(out);
  if (f.caseMode === 'lower') out = out.toLowerCase();
  return out;
}

function hasToneVariant(s: string): boolean {
  return newTonePlacement(s) !== s;
}

export function generateSample(rows: number, seed: number, dataDir: string): SampleRow[] {
  const ds = readDataset(dataDir);
  const rnd = mulberry32(seed);
  const units = ds.units.filter((u) => u.generation === 1);
  const byCode = new Map(units.map((u) => [`${u.level}:${u.code}`, u]));
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
    targets: targets.get(c.code) ?? [],
  }));
  const toneSensitive = picks.filter((p) => hasToneVariant(p.commune.name) || hasToneVariant(p.district.name) || hasToneVariant(p.province.name));

  // scopes for the ambiguity flag
  const inDistrict = new Map<string, Pick[]>();
  const inProvince = new Map<string, Pick[]>();
  for (const p of picks) {
    inDistrict.set(p.district.code, [...(inDistrict.get(p.district.code) ?? []), p]);
    inProvince.set(p.province.code, [...(inProvince.get(p.province.code) ?? []), p]);
  }
  const targetKey = (p: Pick) => p.targets.map((t) => t.code).sort().join(';');
  const isAmbiguous = (p: Pick, f: Flags): boolean => {
    const scope = f.district ? inDistrict.get(p.district.code)! : inProvince.get(p.province.code)!;
    const name = (u: UnitPeriod) => (f.diacritics === 'no' ? plainText(u.shortName) : toneText(u.shortName));
    return scope.some(
      (o) => o !== p && name(o.commune) === name(p.commune) && (f.types === 'none' || o.commune.type === p.commune.type) && targetKey(o) !== targetKey(p),
    );
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
    const pool = f.newTones && toneSensitive.length ? toneSensitive : picks;
    const p = pool[Math.floor(rnd() * pool.length)]!;
    const parts: string[] = [renderUnit(p.commune, f, rnd)];
    if (f.district) parts.push(renderUnit(p.district, f, rnd));
    parts.push(renderUnit(p.province, f, rnd, true));
    let address = parts.join(', ');
    if (f.street !== 'none') {
      const r = rnd();
      const street =
        r < 0.4
          ? `Số ${1 + Math.floor(rnd() * 300)} đường ${STREETS[Math.floor(rnd() * STREETS.length)]}`
          : r < 0.6
            ? `${1 + Math.floor(rnd() * 200)}/${1 + Math.floor(rnd() * 30)} ${STREETS[Math.floor(rnd() * STREETS.length)]}`
            : VILLAGES[Math.floor(rnd() * VILLAGES.length)]!;
      address = street + (f.street === 'comma' ? ', ' : ' ') + address;
    }
    address = transformText(address, f);
    const transforms = [
      f.diacritics === 'no' ? 'no_diacritics' : '',
      f.caseMode === 'lower' ? 'lower_case' : '',
      f.types === 'abbr' ? 'abbreviations' : f.types === 'none' ? 'missing_type_words' : '',
      f.street !== 'none' ? `street_${f.street}` : '',
      f.district ? '' : 'missing_district',
      f.newTones ? 'new_tone_marks' : '',
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
      ambiguous: isAmbiguous(p, f) ? 'true' : 'false',
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
