import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FormDefinitionSchema, type FormDefinitionInput } from './types.ts';
import { requiredMessage, validateAnswers, visibleFields } from './validate.ts';

const def = FormDefinitionSchema.parse({
  procedureCode: '9.000001',
  version: 1,
  title: 'Thử',
  documents: [],
  sections: [
    {
      key: 'child',
      title: 'Trẻ',
      fields: [
        { key: 'child.name', type: 'text', label: 'Họ, chữ đệm, tên', errorLabel: 'họ, chữ đệm, tên của trẻ', required: true, maxLength: 10 },
        { key: 'child.birthDate', type: 'date', label: 'Ngày sinh', required: true, past: true },
        { key: 'child.sex', type: 'radio', label: 'Giới tính', required: true, options: [{ value: 'male', label: 'Nam' }, { value: 'female', label: 'Nữ' }] },
        { key: 'kind', type: 'select', label: 'Trường hợp', required: true, options: [{ value: 'normal', label: 'Thông thường' }, { value: 'abandoned', label: 'Trẻ bị bỏ rơi' }] },
        { key: 'foundAt', type: 'text', label: 'Nơi phát hiện trẻ', required: true, when: { field: 'kind', equals: 'abandoned' } },
        { key: 'foundOn', type: 'date', label: 'Ngày phát hiện', notBefore: 'child.birthDate', when: { field: 'kind', equals: 'abandoned' } },
      ],
    },
    {
      key: 'other',
      title: 'Khác',
      when: { field: 'kind', equals: 'normal' },
      fields: [
        { key: 'id', type: 'idNumber', label: 'Số định danh cá nhân' },
        { key: 'phone', type: 'phone', label: 'Số điện thoại' },
        { key: 'email', type: 'email', label: 'Thư điện tử' },
        { key: 'year', type: 'year', label: 'Năm sinh của mẹ' },
        { key: 'count', type: 'number', label: 'Số bản sao', min: 1, max: 10 },
        { key: 'code', type: 'text', label: 'Mã', pattern: { regex: '^[A-Z]{2}$', message: 'Mã gồm 2 chữ in hoa' } },
        { key: 'groomBirth', type: 'date', label: 'Ngày sinh của bên nam', minAge: { years: 20, message: 'Bên nam chưa đủ 20 tuổi' } },
        { key: 'agree', type: 'checkbox', label: 'Tôi cam đoan', required: true, errors: { required: 'Đánh dấu để cam đoan' } },
        { key: 'extra', type: 'checkbox', label: 'Gửi thêm bản sao' },
        { key: 'notes', type: 'textarea', label: 'Ghi chú' },
      ],
    },
  ],
} satisfies FormDefinitionInput);
const today = '2026-03-20';
const base = { 'child.name': 'Lan', 'child.birthDate': '2026-03-01', 'child.sex': 'female', kind: 'normal', agree: true };

describe('validateAnswers', () => {
  it('accepts complete answers and keeps only the fields that apply, cleaned', () => {
    const r = validateAnswers(def, { ...base, 'child.name': '  Nguyễn   Lan ', foundAt: 'Cổng chùa', unknown: 'x', notes: ' a\n b ', extra: false, phone: '0912 345 678' }, { today });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.answers, { 'child.name': 'Nguyễn Lan', 'child.birthDate': '2026-03-01', 'child.sex': 'female', kind: 'normal', agree: true, notes: 'a\n b', extra: false, phone: '0912345678' });
  });

  it('says what to do for each missing required field, in the order of the form', () => {
    const r = validateAnswers(def, {}, { today });
    assert.deepEqual(r.errors, [
      { field: 'child.name', message: 'Nhập họ, chữ đệm, tên của trẻ' },
      { field: 'child.birthDate', message: 'Nhập ngày sinh' },
      { field: 'child.sex', message: 'Chọn giới tính' },
      { field: 'kind', message: 'Chọn trường hợp' },
    ]);
  });

  it('asks the conditional questions only when their condition holds', () => {
    const r = validateAnswers(def, { ...base, kind: 'abandoned' }, { today });
    assert.deepEqual(r.errors, [{ field: 'foundAt', message: 'Nhập nơi phát hiện trẻ' }]);
    assert.deepEqual(visibleFields(def, { answers: { kind: 'abandoned' } }).map((f) => f.key), ['child.name', 'child.birthDate', 'child.sex', 'kind', 'foundAt', 'foundOn']);
    assert.equal(visibleFields(def, { answers: { kind: 'normal' } }).length, 14);
  });

  it('a required tick must be ticked', () => {
    assert.deepEqual(validateAnswers(def, { ...base, agree: false }, { today }).errors, [{ field: 'agree', message: 'Đánh dấu để cam đoan' }]);
    assert.deepEqual(validateAnswers(def, { ...base, agree: 'yes' }, { today }).errors, [{ field: 'agree', message: 'Đánh dấu để cam đoan' }]);
  });

  it('checks every type of answer with a Vietnamese message', () => {
    const r = validateAnswers(
      def,
      { ...base, 'child.name': 'Một cái tên quá dài', 'child.birthDate': '2026-02-30', 'child.sex': 'x', id: '12345', phone: '12345', email: 'a@b', year: '2027', count: '0', code: 'ab', groomBirth: '2010-01-01', notes: 5 },
      { today },
    );
    assert.deepEqual(r.errors, [
      { field: 'child.name', message: 'Họ, chữ đệm, tên của trẻ không được dài quá 10 ký tự' },
      { field: 'child.birthDate', message: 'Ngày sinh phải là một ngày có thật' },
      { field: 'child.sex', message: 'Chọn giới tính trong danh sách' },
      { field: 'id', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' },
      { field: 'phone', message: 'Số điện thoại không đúng, ví dụ 0912345678' },
      { field: 'email', message: 'Thư điện tử không đúng, ví dụ ten@example.com' },
      { field: 'year', message: 'Năm sinh của mẹ phải là năm có 4 chữ số, không sau năm 2026' },
      { field: 'count', message: 'Số bản sao phải từ 1 trở lên' },
      { field: 'code', message: 'Mã gồm 2 chữ in hoa' },
      { field: 'groomBirth', message: 'Bên nam chưa đủ 20 tuổi' },
    ]);
    assert.deepEqual(validateAnswers(def, { ...base, count: '11' }, { today }).errors, [{ field: 'count', message: 'Số bản sao không được lớn hơn 10' }]);
    assert.deepEqual(validateAnswers(def, { ...base, count: 'hai' }, { today }).errors, [{ field: 'count', message: 'Số bản sao phải là một số' }]);
    assert.deepEqual(validateAnswers(def, { ...base, extra: 'có' }, { today }).errors, [{ field: 'extra', message: 'Gửi thêm bản sao: chọn có hoặc không' }]);
    assert.equal(validateAnswers(def, { ...base, groomBirth: '2006-03-20', count: '2,5' }, { today }).errors.length, 0);
    assert.equal(validateAnswers(def, { ...base, groomBirth: '2006-03-21' }, { today }).errors.length, 1);
  });

  it('dates in the past and in order', () => {
    assert.deepEqual(validateAnswers(def, { ...base, 'child.birthDate': '2026-03-21' }, { today }).errors, [{ field: 'child.birthDate', message: 'Ngày sinh không được sau ngày hôm nay' }]);
    assert.equal(validateAnswers(def, { ...base, 'child.birthDate': '2026-03-20' }, { today }).errors.length, 0);
    const r = validateAnswers(def, { ...base, kind: 'abandoned', foundAt: 'Chợ', foundOn: '2026-02-01' }, { today });
    assert.deepEqual(r.errors, [{ field: 'foundOn', message: 'Ngày phát hiện không được trước ngày sinh' }]);
    assert.equal(r.answers.foundOn, undefined);
  });

  it('a draft checks what is given and does not ask for what is missing', () => {
    assert.deepEqual(validateAnswers(def, { 'child.name': 'Lan' }, { today, mode: 'draft' }), { answers: { 'child.name': 'Lan' }, errors: [] });
    assert.equal(validateAnswers(def, { id: '1' }, { today, mode: 'draft' }).errors.length, 0, 'the section of id is hidden without kind');
    assert.equal(validateAnswers(def, { kind: 'normal', id: '1' }, { today, mode: 'draft' }).errors.length, 1);
  });

  it('ignores anything that is not an object of texts and ticks', () => {
    for (const raw of [null, 'x', 3, ['a'], { 'child.name': 3 }]) assert.equal(validateAnswers(def, raw, { today }).errors.length, 4);
  });

  it('generated messages for a required field by type', () => {
    const f = def.sections[1]!.fields;
    assert.equal(requiredMessage(f.find((x) => x.key === 'extra')!), 'Đánh dấu gửi thêm bản sao');
    assert.equal(requiredMessage(f.find((x) => x.key === 'year')!), 'Nhập năm sinh của mẹ');
  });
});
