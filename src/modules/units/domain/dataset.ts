/**
 * Builds the units and merge links (with validity periods) from the reference tables (pure).
 *
 * Periods: every old unit (generation 1: provinces, districts, communes before the merger) is valid from an
 * unknown date (null) until 2025-06-30; every new unit (generation 2) from 2025-07-01. A later rename or
 * re-typing (changes_2026.csv) closes the running period the day before and opens a new one with the new
 * name; codes never change.
 */
import type { Generation, Level, MergeType, UnitPeriod } from '../types.ts';
import { rankSplitTargets } from './split-ranking.ts';

export const MERGER_DATE = '2025-07-01';
export const LAST_OLD_DATE = '2025-06-30';
/** The National Assembly resolution that arranged the provinces (Nghị quyết 202/2025/QH15, 12 June 2025). */
export const PROVINCE_RESOLUTION = '202/2025/QH15: Sắp xếp đơn vị hành chính cấp tỉnh';

export interface ProvinceRow { code: string; name: string; type: string; old_province_codes: string }
export interface CommuneRow { code: string; name: string; type: string; province_code: string }
export interface OldUnitRow {
  province_code: string; province_name: string; district_code: string; district_name: string; commune_code: string; commune_name: string;
}
export interface MergeRow {
  old_commune_code: string; new_commune_code: string; new_commune_name: string; merge_type: string; confidence: string; resolution: string; resolution_text: string;
}
export interface ChangeRow {
  level: string; code: string; name_before: string; type_before: string; name_after: string; type_after: string; effective_from: string; legal_basis: string;
}

export interface SourceTables {
  provinces: ProvinceRow[];
  communes: CommuneRow[];
  oldUnits: OldUnitRow[];
  merges: MergeRow[];
  changes: ChangeRow[];
}

export interface MergeLink {
  level: 'province' | 'commune';
  oldCode: string;
  newCode: string;
  mergeType: MergeType;
  confidence: string;
  resolution: string | null;
  resolutionText: string | null;
  /** 1 = most likely target of a split old commune (always 1 for a full merge). */
  rank: number;
  /** Estimated share of the old commune that went to this target (1 for a full merge). */
  share: number;
}

export interface Dataset {
  units: UnitPeriod[];
  links: MergeLink[];
  warnings: string[];
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

const TYPE_PREFIXES: Record<Level, string[]> = {
  province: ['Thành phố', 'Tỉnh'],
  district: ['Thành phố', 'Thị xã', 'Quận', 'Huyện'],
  commune: ['Thị trấn', 'Phường', 'Xã', 'Đặc khu'],
};

/** Trims, collapses spaces, NFC, straight apostrophes. */
export function cleanName(s: string): string {
  return s.normalize('NFC').replace(/[’‘ʼ]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Splits "Thành Phố Bắc Kạn" into type "Thành phố" and short name "Bắc Kạn" (type word case-insensitive). */
export function splitTypeWord(name: string, level: Level): { type: string; shortName: string; name: string } {
  const n = cleanName(name);
  const lower = n.toLowerCase();
  for (const t of TYPE_PREFIXES[level]) {
    if (lower.startsWith(t.toLowerCase() + ' ')) {
      const shortName = n.slice(t.length + 1).trim();
      return { type: t, shortName, name: `${t} ${shortName}` };
    }
  }
  return { type: '', shortName: n, name: n };
}

function requireColumns<T extends object>(rows: T[], file: string, columns: (keyof T & string)[]): void {
  const first = rows[0];
  if (!first) throw new DatasetError(`Tệp ${file} không có dòng dữ liệu nào.`);
  const missing = columns.filter((c) => !(c in first));
  if (missing.length) throw new DatasetError(`Tệp ${file} thiếu cột: ${missing.join(', ')}.`);
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function buildDataset(src: SourceTables): Dataset {
  requireColumns(src.provinces, 'provinces_2025.csv', ['code', 'name', 'type', 'old_province_codes']);
  requireColumns(src.communes, 'communes_2025.csv', ['code', 'name', 'type', 'province_code']);
  requireColumns(src.oldUnits, 'old_units_2024.csv', ['province_code', 'province_name', 'district_code', 'district_name', 'commune_code', 'commune_name']);
  requireColumns(src.merges, 'old_to_new_communes.csv', ['old_commune_code', 'new_commune_code', 'merge_type', 'resolution']);
  const warnings: string[] = [];
  const units: UnitPeriod[] = [];
  const links: MergeLink[] = [];

  // --- generation 1: the 63 provinces, their districts and communes before the merger
  const oldProvinces = new Map<string, UnitPeriod>();
  const oldDistricts = new Map<string, UnitPeriod>();
  const oldCommunes = new Map<string, UnitPeriod>();
  const old = (code: string, level: Level, rawName: string, parentCode: string | null, provinceCode: string): UnitPeriod => {
    const { type, shortName, name } = splitTypeWord(rawName, level);
    if (!type) warnings.push(`Không nhận ra loại đơn vị của "${rawName}" (${code}).`);
    return { code, level, generation: 1, name, shortName, type, parentCode, provinceCode, validFrom: null, validTo: LAST_OLD_DATE };
  };
  for (const r of src.oldUnits) {
    let districtName = r.district_name;
    let communeName = r.commune_name;
    // The source swaps district and commune names for Huyện Kiên Hải (its communes are named "Huyện Kiên Hải").
    if (/^huyện /i.test(cleanName(communeName)) && /^(xã|phường|thị trấn) /i.test(cleanName(districtName))) {
      [districtName, communeName] = [communeName, districtName];
    }
    if (!oldProvinces.has(r.province_code)) oldProvinces.set(r.province_code, old(r.province_code, 'province', r.province_name, null, r.province_code));
    const d = oldDistricts.get(r.district_code);
    if (!d) oldDistricts.set(r.district_code, old(r.district_code, 'district', districtName, r.province_code, r.province_code));
    else if (d.name !== splitTypeWord(districtName, 'district').name) warnings.push(`Huyện ${r.district_code} có hai tên: "${d.name}" và "${districtName}".`);
    if (oldCommunes.has(r.commune_code)) throw new DatasetError(`Mã xã cũ ${r.commune_code} xuất hiện hai lần trong old_units_2024.csv.`);
    oldCommunes.set(r.commune_code, old(r.commune_code, 'commune', communeName, r.district_code, r.province_code));
  }

  // --- generation 2: the 34 provinces and 3,321 communes, with the later renamings
  const changes = new Map<string, ChangeRow>();
  for (const c of src.changes) changes.set(`${c.level}:${c.code}`, c);
  const applied = new Set<string>();
  const newUnit = (code: string, level: 'province' | 'commune', rawName: string, rawType: string, provinceCode: string): UnitPeriod[] => {
    const parentCode = level === 'commune' ? provinceCode : null;
    const base = splitTypeWord(rawName, level);
    const type = cleanName(rawType) || base.type;
    const first: UnitPeriod = { code, level, generation: 2, name: base.name, shortName: base.shortName, type, parentCode, provinceCode, validFrom: MERGER_DATE, validTo: null };
    const change = changes.get(`${level}:${code}`);
    if (!change) return [first];
    applied.add(`${level}:${code}`);
    if (cleanName(change.name_before) !== first.name) warnings.push(`Thay đổi ${code}: tên trước "${change.name_before}" khác tên trong dữ liệu "${first.name}".`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(change.effective_from) || change.effective_from <= MERGER_DATE) {
      throw new DatasetError(`changes_2026.csv: ngày hiệu lực không hợp lệ cho ${code}: "${change.effective_from}".`);
    }
    const after = splitTypeWord(change.name_after, level);
    return [
      { ...first, validTo: dayBefore(change.effective_from) },
      { ...first, name: after.name, shortName: after.shortName, type: cleanName(change.type_after) || after.type, validFrom: change.effective_from, validTo: null },
    ];
  };
  const newProvinceCodes = new Set<string>();
  for (const p of src.provinces) {
    newProvinceCodes.add(p.code);
    units.push(...newUnit(p.code, 'province', p.name, p.type, p.code));
    for (const oldCode of p.old_province_codes.split(';').map((s) => s.trim()).filter(Boolean)) {
      if (!oldProvinces.has(oldCode)) warnings.push(`Tỉnh cũ ${oldCode} (gộp vào ${p.code}) không có trong old_units_2024.csv.`);
      links.push({ level: 'province', oldCode, newCode: p.code, mergeType: 'full', confidence: 'high', resolution: PROVINCE_RESOLUTION, resolutionText: null, rank: 1, share: 1 });
    }
  }
  const newCommunes = new Map<string, CommuneRow>();
  for (const c of src.communes) {
    if (!newProvinceCodes.has(c.province_code)) throw new DatasetError(`Xã ${c.code} thuộc tỉnh ${c.province_code} không có trong provinces_2025.csv.`);
    if (newCommunes.has(c.code)) throw new DatasetError(`Mã xã mới ${c.code} xuất hiện hai lần trong communes_2025.csv.`);
    newCommunes.set(c.code, c);
    units.push(...newUnit(c.code, 'commune', c.name, c.type, c.province_code));
  }
  for (const key of changes.keys()) if (!applied.has(key)) warnings.push(`Thay đổi ${key} không khớp đơn vị nào.`);
  for (const p of oldProvinces.values()) if (!links.some((l) => l.oldCode === p.code)) warnings.push(`Tỉnh cũ ${p.code} không gộp vào tỉnh mới nào.`);

  units.push(...oldProvinces.values(), ...oldDistricts.values(), ...oldCommunes.values());

  // --- commune merge links, with the split targets ranked
  const byOld = new Map<string, MergeRow[]>();
  for (const m of src.merges) {
    if (!oldCommunes.has(m.old_commune_code)) throw new DatasetError(`old_to_new_communes.csv: mã xã cũ ${m.old_commune_code} không có trong old_units_2024.csv.`);
    if (!newCommunes.has(m.new_commune_code)) throw new DatasetError(`old_to_new_communes.csv: mã xã mới ${m.new_commune_code} không có trong communes_2025.csv.`);
    if (m.merge_type !== 'full' && m.merge_type !== 'partial') throw new DatasetError(`old_to_new_communes.csv: merge_type "${m.merge_type}" không hợp lệ (full/partial).`);
    const list = byOld.get(m.old_commune_code) ?? [];
    list.push(m);
    byOld.set(m.old_commune_code, list);
  }
  for (const [oldCode, rows] of byOld) {
    const oldUnit = oldCommunes.get(oldCode)!;
    const ranked = rankSplitTargets(
      { code: oldCode, shortName: oldUnit.shortName },
      rows.map((r) => ({ newCode: r.new_commune_code, newShortName: splitTypeWord(newCommunes.get(r.new_commune_code)!.name, 'commune').shortName, resolutionText: r.resolution_text ?? '' })),
    );
    for (const r of rows) {
      const rk = ranked.get(r.new_commune_code)!;
      links.push({
        level: 'commune',
        oldCode,
        newCode: r.new_commune_code,
        mergeType: r.merge_type as MergeType,
        confidence: r.confidence || 'high',
        resolution: r.resolution || null,
        resolutionText: r.resolution_text || null,
        rank: rk.rank,
        share: rk.share,
      });
    }
  }
  for (const c of oldCommunes.values()) if (!byOld.has(c.code)) warnings.push(`Xã cũ ${c.code} ${c.name} không có trong bảng chuyển đổi.`);
  return { units, links, warnings };
}

export function levelOfCode(code: string): Level | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{3}$/.test(code)) return 'district';
  if (/^\d{5}$/.test(code)) return 'commune';
  return null;
}

export function generationLabel(g: Generation): string {
  return g === 1 ? 'trước 01/07/2025' : 'từ 01/07/2025';
}
