import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset } from './dataset.ts';
import { fixtureTables } from './fixture.ts';
import { buildMatcher, type MatchOutcome } from './matcher.ts';

const ds = buildDataset(fixtureTables());
const m = buildMatcher({ ...ds, today: '2026-11-25' });

function ok(out: MatchOutcome) {
  assert.ok(out.ok, !out.ok ? `${out.code}: ${out.detail}` : '');
  return out.result;
}
const codes = (r: { candidates: { commune: { code: string } }[] }) => r.candidates.map((c) => c.commune.code);

describe('matcher: old addresses in every style', () => {
  const styles: [string, string][] = [
    ['full names', 'Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội'],
    ['no diacritics', 'Phuong Phuc Xa, Quan Ba Dinh, Thanh pho Ha Noi'],
    ['lower case', 'phường phúc xá, quận ba đình, thành phố hà nội'],
    ['abbreviations', 'P.Phúc Xá, Q. Ba Đình, TP. Hà Nội'],
    ['abbreviations without diacritics', 'p phuc xa, q ba dinh, tp ha noi'],
    ['street and house number', 'Số 12 đường Lê Lợi, Phường Phúc Xá, Quận Ba Đình, Hà Nội'],
    ['street without a comma', 'Số 12 Lê Lợi Phường Phúc Xá, Quận Ba Đình, Hà Nội'],
    ['missing district', 'Phường Phúc Xá, Thành phố Hà Nội'],
    ['missing type words', 'Phúc Xá, Ba Đình, Hà Nội'],
    ['country at the end', 'Phường Phúc Xá, Quận Ba Đình, Hà Nội, Việt Nam'],
    ['province glued to the district', 'Phường Phúc Xá, Quận Ba Đình Hà Nội'],
    ['no comma at all', 'Phường Phúc Xá Quận Ba Đình Thành phố Hà Nội'],
  ];
  for (const [style, address] of styles) {
    it(style, () => {
      const r = ok(m.convert(address));
      assert.equal(r.status, 'converted');
      assert.equal(r.commune.code, '00097');
      assert.equal(r.commune.name, 'Phường Hồng Hà');
      assert.deepEqual(r.province, { code: '01', name: 'Thành phố Hà Nội' });
      assert.equal(r.merge_type, 'full');
      assert.equal(r.old?.commune?.code, '00001');
      assert.equal(r.old?.district?.code, '001');
      assert.equal(r.resolution, 'NQ-TEST: Sắp xếp thử');
    });
  }

  it('keeps the street part in the normalised address', () => {
    const r = ok(m.convert('Số 12 Lê Lợi Phường Phúc Xá, Quận Ba Đình, Hà Nội'));
    assert.equal(r.street, 'Số 12 Lê Lợi');
    assert.equal(r.normalized_address, 'Số 12 Lê Lợi, Phường Hồng Hà, Thành phố Hà Nội');
  });

  it('is more confident with the district than without', () => {
    const withDistrict = ok(m.convert('Phường Phúc Xá, Quận Ba Đình, Hà Nội')).confidence;
    const without = ok(m.convert('Phường Phúc Xá, Hà Nội'));
    assert.ok(withDistrict > without.confidence);
    assert.ok(without.notes.some((n) => /quận\/huyện/.test(n)));
  });

  it('finds the address without a province, at lower confidence, and says so', () => {
    const r = ok(m.convert('Phúc Xá, Ba Đình'));
    assert.equal(r.commune.code, '00097');
    assert.ok(r.confidence < 0.9);
    assert.ok(r.notes.some((n) => /cả nước/.test(n)));
  });
});

describe('matcher: tone marks and names that differ only by tone', () => {
  it('reads both tone-mark placements as the same name', () => {
    assert.equal(ok(m.convert('Xã Hòa Bình, Huyện Sông Lô, Tỉnh Vĩnh Phúc')).old?.commune?.code, '08003');
    assert.equal(ok(m.convert('Xã Hoà Bình, Huyện Sông Lô, Tỉnh Vĩnh Phúc')).old?.commune?.code, '08003');
    assert.equal(ok(m.convert('Xã Hóa Bình, Huyện Sông Lô, Tỉnh Vĩnh Phúc')).old?.commune?.code, '08004');
    assert.equal(ok(m.convert('Xã Hoá Bình, Huyện Sông Lô, Tỉnh Vĩnh Phúc')).old?.commune?.code, '08004');
  });

  it('cannot tell "Hòa Bình" from "Hóa Bình" without diacritics: ambiguous, both candidates', () => {
    const r = ok(m.convert('xa hoa binh, huyen song lo, vinh phuc'));
    assert.equal(r.status, 'ambiguous');
    assert.ok(r.confidence <= 0.5);
    assert.deepEqual(codes(r).sort(), ['09200', '09300']);
    assert.ok(r.notes.some((n) => /Hãy ghi rõ/.test(n)));
  });
});

describe('matcher: type words decide between a xã and a thị trấn of the same name', () => {
  it('uses the type word', () => {
    assert.equal(ok(m.convert('Thị trấn Tam Sơn, Huyện Sông Lô, Vĩnh Phúc')).commune.code, '09300');
    assert.equal(ok(m.convert('TT. Tam Sơn, H. Sông Lô, T. Vĩnh Phúc')).commune.code, '09300');
    assert.equal(ok(m.convert('Xã Tam Sơn, Huyện Sông Lô, Vĩnh Phúc')).commune.code, '09001');
  });

  it('without the type word it is ambiguous', () => {
    const r = ok(m.convert('Tam Sơn, Sông Lô, Vĩnh Phúc'));
    assert.equal(r.status, 'ambiguous');
    assert.deepEqual(codes(r).sort(), ['09001', '09300']);
  });
});

describe('matcher: same name in two districts of a province', () => {
  it('is resolved by the district', () => {
    assert.equal(ok(m.convert('Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ')).commune.code, '09100');
    assert.equal(ok(m.convert('Xã Tân Lập, Huyện Yên Lập, Tỉnh Phú Thọ')).commune.code, '09200');
  });

  it('is ambiguous without it, listing every possibility (the new "Xã Tân Lập" too)', () => {
    const r = ok(m.convert('Xã Tân Lập, Tỉnh Phú Thọ'));
    assert.equal(r.status, 'ambiguous');
    assert.deepEqual(codes(r).sort(), ['09001', '09100', '09200']);
    assert.ok(r.confidence <= 0.5);
  });
});

describe('matcher: split communes', () => {
  it('gives every new commune, the most likely first', () => {
    const r = ok(m.convert('Phường Ngọc Hà, Quận Ba Đình, Hà Nội'));
    assert.equal(r.status, 'partial');
    assert.equal(r.merge_type, 'partial');
    assert.deepEqual(codes(r), ['00008', '00004']);
    assert.equal(r.commune.code, '00008');
    assert.ok(r.candidates[0]!.score > r.candidates[1]!.score);
    assert.ok(r.confidence < 0.9);
  });

  it('converts an old commune code', () => {
    const r = m.convertOldCode('00008')!;
    assert.equal(r.status, 'partial');
    assert.deepEqual(codes(r), ['00008', '00004']);
    assert.equal(m.convertOldCode('99999'), null);
  });
});

describe('matcher: old province names and old vs new readings', () => {
  it('accepts an old commune with the new province name (lower) and an old province that no longer exists', () => {
    assert.equal(ok(m.convert('Xã Hòa Bình, Huyện Sông Lô, Tỉnh Phú Thọ')).old?.commune?.code, '08003');
    assert.equal(ok(m.convert('Xã Hóa Bình, Tỉnh Vĩnh Phúc')).commune.code, '09200');
  });

  it('prefers the old reading when an old and a new commune share the name, and lists the new one', () => {
    // old Xã Hòa Bình (Yên Lập, Phú Thọ) went into Xã Sông Lô; there is also a new Xã Hòa Bình in Phú Thọ
    const r = ok(m.convert('Xã Hòa Bình, Tỉnh Phú Thọ'));
    assert.equal(r.commune.code, '09200');
    assert.deepEqual(codes(r), ['09200', '09100']);
    assert.ok(r.confidence < 0.8);
    assert.ok(r.notes.some((n) => /09100/.test(n)));
  });
});

describe('matcher: addresses that are already new', () => {
  it('returns the new commune with merge_type "none"', () => {
    const r = ok(m.convert('Phường Hồng Hà, Thành phố Hà Nội'));
    assert.equal(r.status, 'current');
    assert.equal(r.merge_type, 'none');
    assert.equal(r.old, null);
    assert.equal(r.commune.code, '00097');
    assert.ok(r.confidence >= 0.95);
  });

  it('answers with today\'s names of a unit renamed after 2025', () => {
    const r = ok(m.convert('Xã Lộc Ninh, Tỉnh Đồng Nai'));
    assert.equal(r.commune.name, 'Phường Lộc Ninh');
    assert.equal(r.province.name, 'Thành phố Đồng Nai');
    const before = buildMatcher({ ...ds, today: '2026-01-15' });
    const b = before.convert('Phường Lộc Ninh, Đồng Nai');
    assert.ok(b.ok);
    assert.equal(b.result.commune.name, 'Xã Lộc Ninh');
    assert.equal(b.result.province.name, 'Tỉnh Đồng Nai');
  });

  it('old addresses in a renamed province get today\'s province name', () => {
    const r = ok(m.convert('Xã Lộc An, Huyện Long Thành, Tỉnh Đồng Nai'));
    assert.equal(r.normalized_address, 'Phường Lộc Ninh, Thành phố Đồng Nai');
  });
});

describe('matcher: unknown addresses', () => {
  it('says so instead of guessing', () => {
    for (const a of ['123 Không Có, Hà Nội', 'abc', '', ', ,']) {
      const out = m.convert(a);
      assert.equal(out.ok, false, a);
      if (!out.ok) {
        assert.equal(out.code, 'address-unknown');
        assert.match(out.detail, /(Không xác định|trống)/);
      }
    }
  });

  it('asks for the commune when the address names only an old district', () => {
    const out = m.convert('Quận Ba Đình, Thành phố Hà Nội');
    assert.equal(out.ok, false);
    if (!out.ok) assert.match(out.detail, /chỉ ghi đến Quận Ba Đình.*Hãy ghi thêm xã\/phường/);
  });

  it('reads past a district it does not know, at lower confidence, and says so', () => {
    const r = ok(m.convert('Phường Phúc Xá, Quận Không Có, Hà Nội'));
    assert.equal(r.commune.code, '00097');
    assert.ok(r.confidence < 0.8);
    assert.ok(r.notes.some((n) => /Không nhận ra «Quận Không Có»/.test(n)));
  });

  it('currentCommune answers new codes only', () => {
    assert.equal(m.currentCommune('00097')!.status, 'current');
    assert.equal(m.currentCommune('00001'), null);
  });
});
