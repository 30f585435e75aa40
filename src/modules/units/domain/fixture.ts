/**
 * A tiny, hand-made set of reference tables for the pure tests of the dataset builder and the matcher.
 * It has the cases that matter: a full merge, a split commune, two old communes of the same name in one
 * province, and two in two old provinces that are one province today (Xã Hòa Bình of Phú Thọ and of Vĩnh
 * Phúc, both in today's Phú Thọ), names that differ only by tone ("Hòa Bình" / "Hóa Bình"), a xã and a thị
 * trấn of the same name, an old name that is also a new name (Xã Sông Lô), a name that ends with a type word
 * (Xã Tứ Xã), an old province that no longer exists (Vĩnh Phúc), and a unit renamed after 2025 (Đồng Nai,
 * Lộc Ninh).
 */
import type { SourceTables } from './dataset.ts';

const old = (province_code: string, province_name: string, district_code: string, district_name: string, commune_code: string, commune_name: string) => ({
  province_code,
  province_name,
  district_code,
  district_name,
  commune_code,
  commune_name,
});

const merge = (old_commune_code: string, new_commune_code: string, merge_type: string, resolution_text = '') => ({
  old_commune_code,
  new_commune_code,
  new_commune_name: '',
  merge_type,
  confidence: 'high',
  resolution: 'NQ-TEST: Sắp xếp thử',
  resolution_text,
});

export function fixtureTables(): SourceTables {
  return {
    provinces: [
      { code: '01', name: 'Thành phố Hà Nội', type: 'Thành phố', old_province_codes: '01' },
      { code: '25', name: 'Tỉnh Phú Thọ', type: 'Tỉnh', old_province_codes: '25;26' },
      { code: '75', name: 'Tỉnh Đồng Nai', type: 'Tỉnh', old_province_codes: '75' },
    ],
    communes: [
      { code: '00004', name: 'Phường Ba Đình', type: 'Phường', province_code: '01' },
      { code: '00008', name: 'Phường Ngọc Hà', type: 'Phường', province_code: '01' },
      { code: '00097', name: 'Phường Hồng Hà', type: 'Phường', province_code: '01' },
      { code: '09001', name: 'Xã Tân Lập', type: 'Xã', province_code: '25' },
      { code: '09100', name: 'Xã Hòa Bình', type: 'Xã', province_code: '25' },
      { code: '09200', name: 'Xã Sông Lô', type: 'Xã', province_code: '25' },
      { code: '09300', name: 'Xã Tam Sơn', type: 'Xã', province_code: '25' },
      { code: '25270', name: 'Xã Lộc Ninh', type: 'Xã', province_code: '75' },
    ],
    oldUnits: [
      old('01', 'Thành phố Hà Nội', '001', 'Quận Ba Đình', '00001', 'Phường Phúc Xá'),
      old('01', 'Thành phố Hà Nội', '001', 'Quận Ba Đình', '00004', 'Phường Trúc Bạch'),
      old('01', 'Thành phố Hà Nội', '001', 'Quận Ba Đình', '00008', 'Phường Ngọc Hà'),
      old('25', 'Tỉnh Phú Thọ', '230', 'Huyện Thanh Sơn', '08001', 'Xã Tân Lập'),
      old('25', 'Tỉnh Phú Thọ', '231', 'Huyện Yên Lập', '08002', 'Xã Tân Lập'),
      old('25', 'Tỉnh Phú Thọ', '231', 'Huyện Yên Lập', '08008', 'Xã Hòa Bình'),
      old('25', 'Tỉnh Phú Thọ', '231', 'Huyện Yên Lập', '08009', 'Xã Sông Lô'),
      old('25', 'Tỉnh Phú Thọ', '231', 'Huyện Yên Lập', '08010', 'Xã Tứ Xã'),
      old('26', 'Tỉnh Vĩnh Phúc', '250', 'Huyện Sông Lô', '08003', 'Xã Hòa Bình'),
      old('26', 'Tỉnh Vĩnh Phúc', '250', 'Huyện Sông Lô', '08004', 'Xã Hóa Bình'),
      old('26', 'Tỉnh Vĩnh Phúc', '250', 'Huyện Sông Lô', '08005', 'Thị trấn Tam Sơn'),
      old('26', 'Tỉnh Vĩnh Phúc', '250', 'Huyện Sông Lô', '08006', 'Xã Tam Sơn'),
      old('75', 'Tỉnh Đồng Nai', '740', 'Huyện Long Thành', '26000', 'Xã Lộc An'),
    ],
    merges: [
      merge('00001', '00097', 'full'),
      merge('00004', '00004', 'full'),
      merge('00008', '00008', 'partial', 'Sắp xếp phần còn lại của phường Ngọc Hà thành phường Ngọc Hà.'),
      merge('00008', '00004', 'partial', 'Sắp xếp một phần diện tích tự nhiên của phường Ngọc Hà thành phường Ba Đình.'),
      merge('08001', '09100', 'full'),
      merge('08002', '09200', 'full'),
      merge('08008', '09200', 'full'),
      merge('08009', '09100', 'full'),
      merge('08010', '09100', 'full'),
      merge('08003', '09300', 'full'),
      merge('08004', '09200', 'full'),
      merge('08005', '09300', 'full'),
      merge('08006', '09001', 'full'),
      merge('26000', '25270', 'full'),
    ],
    changes: [
      { level: 'province', code: '75', name_before: 'Tỉnh Đồng Nai', type_before: 'Tỉnh', name_after: 'Thành phố Đồng Nai', type_after: 'Thành phố', effective_from: '2026-04-30', legal_basis: 'NQ' },
      { level: 'commune', code: '25270', name_before: 'Xã Lộc Ninh', type_before: 'Xã', name_after: 'Phường Lộc Ninh', type_after: 'Phường', effective_from: '2026-04-30', legal_basis: 'NQ' },
    ],
  };
}
