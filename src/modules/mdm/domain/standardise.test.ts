import { test } from 'node:test';
import assert from 'node:assert/strict';
import { standardisePersonName, standardiseSex, standardiseEmail, standardiseBusinessName } from './names.ts';
import { standardiseDate, excelSerialToDate } from './dates.ts';
import { standardisePhone, MOBILE_PREFIX_2018 } from './phones.ts';
import { standardisePersonalId, standardiseTaxCode, taxCheckDigit, decodeCccd } from './ids.ts';
import { standardiseMaritalStatus } from './marital.ts';
import { fold, jaroWinkler } from './text.ts';
import { standardisePerson } from './person.ts';

const codes = (s: { issues: { code: string }[] }) => s.issues.map((i) => i.code);
const TODAY = '2026-12-01';

test('names: NFC, look-alike Ð, spacing, casing, split, no-diacritics flag', () => {
  const r = standardisePersonName('  ÐỖ   thị  mi\u0300nh KHAI ');
  assert.equal(r.value?.full, 'Đỗ Thị Mình Khai');
  assert.equal(r.value?.family, 'Đỗ');
  assert.equal(r.value?.middle, 'Thị Mình');
  assert.equal(r.value?.given, 'Khai');
  assert.ok(codes(r).includes('name-lookalike-d'));
  assert.ok(codes(r).includes('name-casing'));
  assert.ok(codes(standardisePersonName('Minh\u0300 An')).includes('name-stray-mark'));
  assert.equal(standardisePersonName('Minh\u0300 An').value?.full, 'Minh An');
  const d = standardisePersonName('ð\u1ED7 văn an');
  assert.equal(d.value?.full, 'Đỗ Văn An');
  const nm = standardisePersonName('Nguyen Van An');
  assert.equal(nm.value?.noMarks, true);
  assert.ok(codes(nm).includes('name-no-diacritics'));
  assert.equal(standardisePersonName('Nguyễn Văn An').value?.noMarks, false);
  assert.equal(standardisePersonName('Nguyen Van 2').value, null);
  assert.deepEqual(codes(standardisePersonName('Nguyen Van 2')), ['name-digits']);
  assert.equal(standardisePersonName('Lê @An').value, null);
  const note = standardisePersonName('Nguyễn Văn An (đã mất)');
  assert.equal(note.value?.full, 'Nguyễn Văn An');
  assert.ok(codes(note).includes('name-note'));
  assert.equal(standardisePersonName('').value, null);
  assert.equal(standardisePersonName('NULL').value, null);
  assert.ok(codes(standardisePersonName('An')).includes('name-single-word'));
  const t = standardisePersonName('Bà Trần Thị Bình');
  assert.equal(t.value?.full, 'Trần Thị Bình');
  assert.ok(codes(t).includes('name-title'));
  // Ông is also a family name: kept, only reported
  const o = standardisePersonName('Ông Văn Thanh Vinh');
  assert.equal(o.value?.family, 'Ông');
  assert.ok(codes(o).includes('name-maybe-title'));
  // decomposed input (NFD) is composed
  assert.equal(standardisePersonName('Nguy\u0065\u0302\u0303n An').value?.full, 'Nguyễn An');
  assert.equal(standardisePersonName('Nguyễn  Văn An').value?.key, 'nguyen van an');
});

test('sex, e-mail, business name', () => {
  assert.equal(standardiseSex('Nữ').value, 'female');
  assert.equal(standardiseSex('NAM').value, 'male');
  assert.equal(standardiseSex('F').value, 'female');
  assert.equal(standardiseSex('Nữ giới').value, 'female');
  assert.equal(standardiseSex('x').value, null);
  assert.deepEqual(codes(standardiseSex('x')), ['sex-unknown']);
  assert.equal(standardiseEmail(' An.Nguyen@Gmail.COM ').value, 'An.Nguyen@gmail.com');
  assert.equal(standardiseEmail('an@').value, null);
  assert.equal(standardiseBusinessName('CÔNG TY TNHH  Hoà Bình').value?.key, 'hoa binh');
});

test('dates: every common form', () => {
  const d = (raw: unknown, opts = {}) => standardiseDate(raw, 'birth_date', { today: TODAY, ...opts });
  assert.equal(d('05/03/1990').value?.iso, '1990-03-05');
  assert.equal(d('5/3/1990').value?.iso, '1990-03-05');
  assert.equal(d('05-03-1990').value?.iso, '1990-03-05');
  assert.equal(d('05.03.1990').value?.iso, '1990-03-05');
  assert.equal(d('1990-03-05').value?.iso, '1990-03-05');
  assert.equal(d('1990-03-05T00:00:00Z').value?.iso, '1990-03-05');
  assert.equal(d('05/03/1990 0:00:00').value?.iso, '1990-03-05');
  assert.equal(d('5/3/1990 12:00 SA').value?.iso, '1990-03-05');
  assert.equal(d('05.03.1990.').value?.iso, '1990-03-05');
  assert.equal(d('19900305').value?.iso, '1990-03-05');
  assert.equal(d('ngày 5 tháng 3 năm 1990').value?.iso, '1990-03-05');
  assert.equal(d('5-3-85').value?.iso, '1985-03-05');
  assert.ok(codes(d('5-3-85')).includes('date-two-digit-year'));
  const y = d('1990');
  assert.equal(y.value?.precision, 'year');
  assert.ok(codes(y).includes('date-year-only'));
  assert.equal(d('03/1990').value?.precision, 'month');
  assert.equal(d(1990).value?.iso, '1990');
  // Excel serials, number and text
  assert.equal(d(32937).value?.iso, '1990-03-05');
  assert.equal(d('32937').value?.iso, '1990-03-05');
  assert.ok(codes(d(32937)).includes('date-excel-serial'));
  assert.equal(excelSerialToDate(1)?.iso, '1900-01-01');
  assert.equal(excelSerialToDate(59)?.iso, '1900-02-28');
  assert.equal(excelSerialToDate(60), null);
  assert.equal(excelSerialToDate(61)?.iso, '1900-03-01');
  // JS Date from a spreadsheet (local midnight in Vietnam)
  assert.equal(d(new Date('1990-03-04T17:00:00Z')).value?.iso, '1990-03-05');
});

test('dates: ambiguity is reported, never guessed', () => {
  const d = (raw: unknown, opts = {}) => standardiseDate(raw, 'birth_date', { today: TODAY, ...opts });
  const amb = d('03/04/1990', { order: 'unknown' });
  assert.equal(amb.value, null);
  assert.deepEqual(codes(amb), ['date-day-month-ambiguous']);
  assert.match(amb.issues[0]!.message, /1990-04-03.*1990-03-04/);
  assert.equal(d('13/04/1990', { order: 'unknown' }).value?.iso, '1990-04-13');
  assert.equal(d('04/13/1990', { order: 'unknown' }).value?.iso, '1990-04-13');
  // 12/12 is the same either way
  assert.equal(d('12/12/1990', { order: 'unknown' }).value?.iso, '1990-12-12');
  // declared dmy: an impossible day/month is rejected with the swapped reading named
  const sw = d('04/13/1990');
  assert.equal(sw.value, null);
  assert.deepEqual(codes(sw), ['date-invalid-dmy']);
  assert.equal(d('04/13/1990', { order: 'mdy' }).value?.iso, '1990-04-13');
  // two-digit year that could be either century
  const c = d('05-03-20');
  assert.equal(c.value, null);
  assert.deepEqual(codes(c), ['date-century-ambiguous']);
  assert.equal(d('31/02/1990').value, null);
  assert.equal(d('29/02/2000').value?.iso, '2000-02-29');
  assert.equal(d('29/02/1900').value, null);
  assert.deepEqual(codes(d('01/01/2030')), ['date-future']);
  assert.deepEqual(codes(d('01/01/1850')), ['date-too-old']);
  assert.deepEqual(codes(d('hôm qua')), ['date-unreadable']);
});

test('phones: 2018 prefix table, +84, 0084, separators', () => {
  assert.equal(Object.keys(MOBILE_PREFIX_2018).length, 21);
  assert.equal(MOBILE_PREFIX_2018['0168'], '038');
  assert.equal(MOBILE_PREFIX_2018['0120'], '070');
  assert.equal(MOBILE_PREFIX_2018['0121'], '079');
  assert.equal(MOBILE_PREFIX_2018['0127'], '081');
  assert.equal(MOBILE_PREFIX_2018['0186'], '056');
  assert.equal(MOBILE_PREFIX_2018['0199'], '059');
  const p = (raw: unknown) => standardisePhone(raw);
  assert.equal(p('0912 345 678').value?.number, '0912345678');
  assert.equal(p('0912.345.678').value?.number, '0912345678');
  assert.equal(p('+84 912 345 678').value?.number, '0912345678');
  assert.equal(p('+84912345678').value?.e164, '+84912345678');
  assert.equal(p('0084912345678').value?.number, '0912345678');
  assert.equal(p('84912345678').value?.number, '0912345678');
  assert.equal(p(912345678).value?.number, '0912345678');
  const old = p('01681234567');
  assert.equal(old.value?.number, '0381234567');
  assert.ok(codes(old).includes('phone-2018-conversion'));
  assert.equal(p('(0168) 123-4567').value?.number, '0381234567');
  assert.equal(p('+84 168 123 4567').value?.number, '0381234567');
  assert.equal(p('01291234567').value?.number, '0821234567');
  assert.deepEqual(codes(p('01111234567')), ['phone-old-prefix-unknown']);
  assert.equal(p('02103 123 456').value?.kind, 'landline');
  assert.equal(p('0123').value, null);
  assert.equal(p('abc').value, null);
  const two = p('0912345678; 0987654321');
  assert.equal(two.value?.number, '0912345678');
  assert.ok(codes(two).includes('phone-several'));
  assert.deepEqual(codes(p('+1 415 555 0100')), ['phone-foreign']);
  assert.equal(p('ĐT: 0912.345.678 (nhà)').value?.number, '0912345678');
  assert.equal(p('DĐ 01681234567').value?.number, '0381234567');
  assert.equal(p('(+84) 912 345 678').value?.number, '0912345678');
  assert.deepEqual(codes(p('0912abc678')), ['phone-letters']);
});

test('personal ids: 12-digit checked against birth year and sex; 9-digit CMND', () => {
  // 025 Phú Thọ, 0 = male 1900s, 85 = 1985
  assert.deepEqual(decodeCccd('025085012345'), { provinceCode: '25', sex: 'male', birthYear: 1985 });
  assert.deepEqual(decodeCccd('001305000001'), { provinceCode: '01', sex: 'female', birthYear: 2005 });
  const ok = standardisePersonalId('025 085 012 345', 'personal_id', { birthYear: 1985, sex: 'male', thisYear: 2026 });
  assert.equal(ok.value?.number, '025085012345');
  assert.deepEqual(ok.issues, []);
  const yr = standardisePersonalId('025085012345', 'personal_id', { birthYear: 1986, thisYear: 2026 });
  assert.deepEqual(codes(yr), ['id-birth-year-mismatch']);
  const sx = standardisePersonalId('025085012345', 'personal_id', { sex: 'female', thisYear: 2026 });
  assert.deepEqual(codes(sx), ['id-sex-mismatch']);
  assert.deepEqual(codes(standardisePersonalId('003085012345')), ['id-province']);
  assert.deepEqual(codes(standardisePersonalId('025385012345', 'p', { thisYear: 2026 })), ['id-century']);
  assert.equal(standardisePersonalId('123456789').value?.kind, 'cmnd');
  assert.equal(standardisePersonalId('CCCD: 025 085 012 345').value?.number, '025085012345');
  assert.equal(standardisePersonalId('CMND số 131234567').value?.number, '131234567');
  const lost = standardisePersonalId(25085012345);
  assert.equal(lost.value?.number, '025085012345');
  assert.ok(codes(lost).includes('id-leading-zero'));
  assert.deepEqual(codes(standardisePersonalId('000000000')), ['id-placeholder']);
  assert.deepEqual(codes(standardisePersonalId('1234567')), ['id-length']);
  assert.deepEqual(codes(standardisePersonalId('A1234567')), ['id-letters']);
});

test('tax codes: check digit, branch suffix, personal id', () => {
  assert.equal(taxCheckDigit('010011243'), 7);
  assert.equal(taxCheckDigit('010124814'), 1);
  assert.equal(standardiseTaxCode('0100112437').value?.code, '0100112437');
  assert.equal(standardiseTaxCode('0100112437-001').value?.branch, '001');
  assert.equal(standardiseTaxCode('0100112437001').value?.code, '0100112437-001');
  assert.deepEqual(codes(standardiseTaxCode('0100112438')), ['tax-check-digit']);
  assert.deepEqual(codes(standardiseTaxCode('0100112437-000')), ['tax-branch']);
  assert.equal(standardiseTaxCode('100112437').value?.code, '0100112437');
  assert.equal(standardiseTaxCode('025085012345').value?.personal, true);
  assert.deepEqual(codes(standardiseTaxCode('12345')), ['tax-format']);
});

test('marital status vocabulary', () => {
  const m = (s: string) => standardiseMaritalStatus(s).value;
  assert.equal(m('Chưa kết hôn'), 'single');
  assert.equal(m('độc thân'), 'single');
  assert.equal(m('Đã kết hôn'), 'married');
  assert.equal(m('có vợ'), 'married');
  assert.equal(m('Kết hôn'), 'married');
  assert.equal(m('ly hôn'), 'divorced');
  assert.equal(m('Góa'), 'widowed');
  assert.equal(m('chồng chết'), 'widowed');
  assert.equal(m('Ly thân'), 'married');
  assert.deepEqual(codes(standardiseMaritalStatus('Ly thân')), ['marital-separated']);
  assert.deepEqual(codes(standardiseMaritalStatus('phức tạp')), ['marital-unknown']);
});

test('text helpers', () => {
  assert.equal(fold('Đỗ Thị HOÀ'), 'do thi hoa');
  assert.equal(fold('\u00D0ỗ'), 'do');
  assert.ok(jaroWinkler('nguyen', 'nguyn') > 0.9);
  assert.ok(jaroWinkler('an', 'binh') < 0.6);
  assert.equal(jaroWinkler('', 'a'), 0);
});

test('person: cross-field checks collected with reasons', () => {
  const r = standardisePerson(
    { full_name: 'ÐINH VĂN AN', birth_date: '1986-01-02', sex: 'Nam', personal_id: '025085012345', old_id: '131234567', phone: '01681234567', marital_status: 'có vợ' },
    { today: TODAY },
  );
  assert.equal(r.person.name?.full, 'Đinh Văn An');
  assert.equal(r.person.pid, '025085012345');
  assert.equal(r.person.oldId, '131234567');
  assert.equal(r.person.phone, '0381234567');
  assert.equal(r.person.marital, 'married');
  assert.ok(r.issues.some((i) => i.code === 'id-birth-year-mismatch' && i.field === 'personal_id'));
});
