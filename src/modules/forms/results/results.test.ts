import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_FORMS, WRITTEN_FORMS } from '../definitions/index.ts';
import { addMonths, headCaption, money } from './common.ts';
import { RESULT_BUILDERS, type ResultContext, type ResultDocument } from './index.ts';

const ctx = (over: Partial<ResultContext> = {}): ResultContext => ({
  dossierCode: 'H25.61.05-261020-0007',
  number: '125',
  issuedOn: '2026-10-20',
  receivedOn: '2026-10-15',
  unit: { name: 'Phường Việt Trì', kind: 'commune' },
  province: { name: 'Tỉnh Phú Thọ' },
  signer: { name: 'Hoàng Minh Tuấn', position: 'Phó Chủ tịch Ủy ban nhân dân phường' },
  applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234' },
  procedureCode: '1.001193',
  procedureName: 'Thủ tục đăng ký khai sinh',
  ...over,
});

/** Every text a paper prints, for assertions. */
function printed(d: ResultDocument): string {
  const parts = [d.header.parentName ?? '', d.header.name, d.title, d.subtitle ?? '', d.signerCaption, ...(d.recipients ?? [])];
  for (const b of d.blocks) {
    if (b.kind === 'row') for (const c of b.cells) parts.push(`${c.label}: ${c.value}`);
    else if (b.kind === 'heading' || b.kind === 'text') parts.push(b.text);
  }
  return parts.join('\n');
}

describe('result papers of the twenty forms', () => {
  for (const w of WRITTEN_FORMS) {
    const def = BUILTIN_FORMS.get(w.form.procedureCode)!;
    it(`${def.procedureCode}: ${def.result!.name} from the sample, nothing missing`, () => {
      const build = RESULT_BUILDERS[def.result!.kind];
      assert.ok(build, `a builder for ${def.result!.kind}`);
      const doc = build(w.sample, ctx({ procedureCode: def.procedureCode, procedureName: def.title }));
      const t = printed(doc);
      assert.doesNotMatch(t, /undefined|NaN|\[object/);
      assert.ok(doc.blocks.length >= 4);
      assert.ok(doc.title.length > 3 && doc.symbol.length > 1);
      // the main person named in the answers appears on the paper, in capitals where the model writes names so
      const names = Object.entries(w.sample).filter(([k, v]) => /fullName$/.test(k) && typeof v === 'string').map(([, v]) => (v as string).toLocaleUpperCase('vi'));
      if (names.length) assert.ok(names.some((n) => t.toLocaleUpperCase('vi').includes(n)), `${def.procedureCode} prints a name from the answers`);
      else assert.ok(t.includes('Trần Thị Hồng Nhung'), 'prints the applicant');
    });
  }

  it('the birth extract carries the child, the birth date in words, the parents and the registration', () => {
    const w = WRITTEN_FORMS.find((x) => x.form.procedureCode === '1.001193')!;
    const doc = RESULT_BUILDERS['birth-extract']!(w.sample, ctx());
    const t = printed(doc);
    assert.equal(doc.title, 'TRÍCH LỤC KHAI SINH');
    assert.equal(doc.header.name, 'Ủy ban nhân dân phường Việt Trì');
    for (const s of [
      'Họ, chữ đệm, tên: NGUYỄN MINH AN',
      'Ngày, tháng, năm sinh: 02/10/2026',
      'Ghi bằng chữ: Ngày hai tháng mười năm hai nghìn không trăm hai mươi sáu',
      'Giới tính: Nam',
      'Nơi sinh: Bệnh viện Đa khoa tỉnh Phú Thọ',
      'Họ, chữ đệm, tên người mẹ: Trần Thị Hồng Nhung',
      'Họ, chữ đệm, tên người cha: Nguyễn Văn Bình',
      'Nơi đăng ký khai sinh: Ủy ban nhân dân phường Việt Trì, tỉnh Phú Thọ',
      'Ngày, tháng, năm đăng ký: 20/10/2026',
      'Quan hệ: Mẹ',
      'NGƯỜI KÝ TRÍCH LỤC',
    ])
      assert.ok(t.includes(s), s);
    const abandoned = printed(RESULT_BUILDERS['birth-extract']!({ ...w.sample, 'birth.case': 'abandoned', 'abandoned.foundAt': 'cổng chùa', 'abandoned.foundOn': '2026-10-03' }, ctx()));
    assert.ok(abandoned.includes('Họ, chữ đệm, tên người mẹ: \n') || abandoned.includes('Họ, chữ đệm, tên người mẹ: '), 'no mother for an abandoned child');
    assert.ok(!abandoned.includes('Trần Thị Hồng Nhung\n') || !abandoned.includes('người mẹ: Trần'));
    assert.ok(abandoned.includes('Trẻ bị bỏ rơi, được phát hiện tại cổng chùa ngày 03/10/2026'));
    const noFather = printed(RESULT_BUILDERS['birth-extract']!({ ...w.sample, 'father.known': 'no' }, ctx()));
    assert.ok(!noFather.includes('Nguyễn Văn Bình'));
  });

  it('residence papers come from the commune police, with the end of a temporary stay', () => {
    const w = WRITTEN_FORMS.find((x) => x.form.procedureCode === '1.004194')!;
    const doc = RESULT_BUILDERS['residence-notice']!(w.sample, ctx({ procedureCode: '1.004194', procedureName: 'Đăng ký tạm trú', signer: { name: 'Lê Văn Đức', position: 'Trưởng Công an phường' } }));
    assert.equal(doc.header.name, 'Công an phường Việt Trì');
    assert.equal(doc.header.parentName, 'Công an tỉnh Phú Thọ');
    assert.equal(doc.signerCaption, 'TRƯỞNG CÔNG AN');
    assert.ok(printed(doc).includes('Thời hạn tạm trú: từ ngày 20/10/2026 đến ngày 20/10/2027'));
  });

  it('the business certificate comes from the business registration office of the commune', () => {
    const w = WRITTEN_FORMS.find((x) => x.form.procedureCode === '1.001612')!;
    const doc = RESULT_BUILDERS['household-business-certificate']!(w.sample, ctx());
    assert.equal(doc.header.name, 'Phòng Kinh tế, Hạ tầng và Đô thị');
    assert.equal(RESULT_BUILDERS['household-business-certificate']!(w.sample, ctx({ unit: { name: 'Xã Hy Cương', kind: 'commune' } })).header.name, 'Phòng Kinh tế');
    assert.ok(printed(doc).includes('4. Vốn kinh doanh: 150.000.000 đồng'));
  });

  it('the building permit computes density and floor-area ratio', () => {
    const w = WRITTEN_FORMS.find((x) => x.form.procedureCode === '1.013225')!;
    const t = printed(RESULT_BUILDERS['construction-permit']!(w.sample, ctx()));
    assert.ok(t.includes('Mật độ xây dựng: 40,6%'), t);
    assert.ok(t.includes('Hệ số sử dụng đất: 1,22'));
  });

  it('captions, months and money', () => {
    assert.equal(headCaption('Chủ tịch Ủy ban nhân dân xã', 'CHỦ TỊCH', 'ỦY BAN NHÂN DÂN'), 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    assert.equal(headCaption('Phó Chủ tịch Ủy ban nhân dân xã', 'CHỦ TỊCH', 'ỦY BAN NHÂN DÂN'), 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    assert.equal(headCaption('Phó Trưởng Công an phường', 'TRƯỞNG CÔNG AN'), 'KT. TRƯỞNG CÔNG AN\nPHÓ TRƯỞNG CÔNG AN');
    assert.equal(headCaption(null, 'TRƯỞNG CÔNG AN'), 'TRƯỞNG CÔNG AN');
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2026-10-20', 12), '2027-10-20');
    assert.equal(money('150000000'), '150.000.000 đồng');
  });
});
