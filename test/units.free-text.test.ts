import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildMatcher, type MatchOutcome } from '../src/modules/units/domain/matcher.ts';
import { readDataset } from '../src/modules/units/source.ts';
import { projectRoot } from '../src/platform/config.ts';

/**
 * Issue 8 §7 on the real reference data: free text without separators, as typed in SMS, chat and old
 * spreadsheets, and the same old name several times inside one province of today.
 */
const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
const m = buildMatcher({ ...ds, today: '2026-11-25' });

function ok(out: MatchOutcome) {
  assert.ok(out.ok, !out.ok ? `${out.code}: ${out.detail}` : '');
  return out.result;
}
const codes = (r: { candidates: { commune: { code: string } }[] }) => r.candidates.map((c) => c.commune.code).sort();

describe('free text without separators (real data)', () => {
  it('"quang long hạ lang cao bằng" is Xã Quang Long of Huyện Hạ Lang, not the new Xã Hạ Lang', () => {
    const r = ok(m.convert('quang long hạ lang cao bằng'));
    assert.equal(r.status, 'converted');
    assert.equal(r.old?.commune?.code, '01552');
    assert.equal(r.old?.district?.name, 'Huyện Hạ Lang');
    assert.equal(r.commune.code, '01552');
    assert.equal(r.street, null);
  });

  it('"so 3 ngo 5 p dien bien q ba dinh ha noi" is the old Phường Điện Biên (split: every new phường listed)', () => {
    const r = ok(m.convert('so 3 ngo 5 p dien bien q ba dinh ha noi'));
    assert.equal(r.old?.commune?.code, '00019');
    assert.equal(r.status, 'partial');
    assert.deepEqual(codes(r), ['00004', '00070', '00190', '00226']);
    assert.equal(r.street, 'so 3 ngo 5');
    // the same answer as the comma-separated address
    const withCommas = ok(m.convert('Số 3 ngõ 5, Phường Điện Biên, Quận Ba Đình, Hà Nội'));
    assert.equal(withCommas.commune.code, r.commune.code);
  });

  const cases: [string, string, string][] = [
    ['chat, a village first', 'thôn 3 xã ea kly krông pắc đắk lắk', '24496'],
    ['SMS, Hồ Chí Minh City', '12 le loi p ben nghe q1 hcm', '26740'],
    ['SMS, numbered ward glued to its letter', '123 nguyen trai p2 q5 tphcm', '27307'],
    ['old spreadsheet, capitals and dashes', 'XÃ QUANG LONG - HUYỆN HẠ LANG - TỈNH CAO BẰNG', '01552'],
    ['a commune whose name ends with a type word', 'tứ xã lâm thao tỉnh phú thọ', '08536'],
  ];
  for (const [style, address, oldCode] of cases) {
    it(`${style}: ${address}`, () => {
      const r = ok(m.convert(address));
      assert.equal(r.old?.commune?.code, oldCode);
      assert.ok(r.status === 'converted' || r.status === 'partial', r.status);
    });
  }
});

describe('the same old name several times inside one province of today (real data)', () => {
  // today's Tỉnh Phú Thọ = old Phú Thọ + Vĩnh Phúc + Hòa Bình, each with a Xã Tân Lập
  const tanLap = ['05287', '08611', '08824'];

  for (const address of ['Xã Tân Lập, Tỉnh Phú Thọ', 'xa tan lap phu tho', 'tân lập phú thọ']) {
    it(`"${address}" is ambiguous, with the three old communes' new communes`, () => {
      const r = ok(m.convert(address));
      assert.equal(r.status, 'ambiguous');
      assert.ok(r.confidence <= 0.5);
      assert.deepEqual(codes(r), tanLap);
      assert.ok(r.notes.some((n) => /Có 3 xã\/phường cũ/.test(n)));
    });
  }

  it('is answered when the address says which one (district, or an old province that had only one)', () => {
    assert.equal(ok(m.convert('Xã Tân Lập, Tỉnh Vĩnh Phúc')).commune.code, '08824');
    assert.equal(ok(m.convert('Xã Tân Lập, Huyện Lạc Sơn, Tỉnh Hòa Bình')).commune.code, '05287');
    assert.equal(ok(m.convert('tan lap thanh son phu tho')).commune.code, '08611');
  });
});
