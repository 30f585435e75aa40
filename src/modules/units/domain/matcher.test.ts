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
    // old Xã Sông Lô (Yên Lập, Phú Thọ) went into Xã Hòa Bình; there is also a new Xã Sông Lô in Phú Thọ
    const r = ok(m.convert('Xã Sông Lô, Tỉnh Phú Thọ'));
    assert.equal(r.commune.code, '09100');
    assert.deepEqual(codes(r), ['09100', '09200']);
    assert.ok(r.confidence < 0.8);
    assert.ok(r.notes.some((n) => /09200/.test(n)));
  });
});

describe('matcher: the same old name several times inside one province of today', () => {
  // Tỉnh Phú Thọ today = old Phú Thọ + old Vĩnh Phúc; each had a Xã Hòa Bình, gone to different new communes
  it('is never answered confidently with today\'s province name: ambiguous, every old commune a candidate', () => {
    for (const address of ['Xã Hòa Bình, Tỉnh Phú Thọ', 'xa hoa binh phu tho', 'Hòa Bình Phú Thọ']) {
      const r = ok(m.convert(address));
      assert.equal(r.status, 'ambiguous', address);
      assert.ok(r.confidence <= 0.5, address);
      // old Hòa Bình of Yên Lập → 09200, of Sông Lô → 09300; the new Xã Hòa Bình (09100) is one more possibility
      for (const c of ['09200', '09300', '09100']) assert.ok(codes(r).includes(c), `${address}: ${codes(r)}`);
      assert.ok(r.notes.some((n) => /Huyện Yên Lập/.test(n) && /Huyện Sông Lô/.test(n)), address);
    }
  });

  it('is answered when the old province that had only one is named, or the district', () => {
    assert.equal(ok(m.convert('Xã Hòa Bình, Tỉnh Vĩnh Phúc')).commune.code, '09300');
    assert.equal(ok(m.convert('Xã Hòa Bình, Huyện Yên Lập, Tỉnh Phú Thọ')).commune.code, '09200');
    assert.equal(ok(m.convert('hoa binh song lo phu tho')).commune.code, '09300');
  });
});

describe('matcher: free text without separators (SMS, chat, old spreadsheets)', () => {
  const styles: [string, string][] = [
    ['lower case with diacritics, no type words', 'phúc xá ba đình hà nội'],
    ['no diacritics, short type words', 'p phuc xa q ba dinh ha noi'],
    ['house number and lane first', 'so 3 ngo 5 p phuc xa q ba dinh ha noi'],
    ['full type words, spaces only', 'Phường Phúc Xá Quận Ba Đình Thành phố Hà Nội'],
    ['capitals and dashes', 'PHƯỜNG PHÚC XÁ - QUẬN BA ĐÌNH - TP HÀ NỘI'],
    ['letters glued to the type', 'so 12 le loi p.phuc xa q.ba dinh tp.hn'],
    ['country and postal code at the end', 'phuc xa ba dinh ha noi viet nam 100000'],
  ];
  for (const [style, address] of styles) {
    it(style, () => {
      const r = ok(m.convert(address));
      assert.equal(r.status, 'converted');
      assert.equal(r.commune.code, '00097');
      assert.equal(r.old?.commune?.code, '00001');
      assert.equal(r.old?.district?.code, '001');
    });
  }

  it('keeps what comes before the commune as the street', () => {
    assert.equal(ok(m.convert('so 3 ngo 5 p phuc xa q ba dinh ha noi')).street, 'so 3 ngo 5');
    assert.equal(ok(m.convert('Thôn Đông - Xã Tân Lập - Huyện Yên Lập - Tỉnh Phú Thọ')).street, 'Thôn Đông');
  });

  it('uses the hierarchy to place the boundaries: the district must contain the commune', () => {
    // "tan lap" is a commune of both Thanh Sơn and Yên Lập; the words after it decide
    assert.equal(ok(m.convert('tan lap thanh son phu tho')).commune.code, '09100');
    assert.equal(ok(m.convert('tan lap yen lap phu tho')).commune.code, '09200');
    assert.equal(ok(m.convert('x tan lap h yen lap t phu tho')).commune.code, '09200');
  });

  it('reads a type word at the end of a name as part of it ("Tứ Xã", then the district)', () => {
    const r = ok(m.convert('tứ xã yên lập phú thọ'));
    assert.equal(r.old?.commune?.code, '08010');
    assert.equal(r.commune.code, '09100');
  });

  it('tells a xã from a thị trấn by the type word, also without commas', () => {
    assert.equal(ok(m.convert('tt tam son song lo vinh phuc')).commune.code, '09300');
    assert.equal(ok(m.convert('x tam son song lo vinh phuc')).commune.code, '09001');
    assert.equal(ok(m.convert('tam son song lo vinh phuc')).status, 'ambiguous');
  });

  it('answers a new address written without commas as current', () => {
    const r = ok(m.convert('phuong hong ha ha noi'));
    assert.equal(r.status, 'current');
    assert.equal(r.commune.code, '00097');
  });

  it('does not take a commune left in the street for the answer: the reading that explains it wins', () => {
    // "Ba Đình" is also a new phường; read as the district, it explains "p phuc xa" before it
    const r = ok(m.convert('p phuc xa q ba dinh hn'));
    assert.equal(r.status, 'converted');
    assert.equal(r.commune.code, '00097');
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
