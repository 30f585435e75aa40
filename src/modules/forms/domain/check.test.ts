import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDefinition } from './check.ts';
import { prefillAnswers, personOf } from './prefill.ts';
import { FormDefinitionSchema, type FormDefinitionInput } from './types.ts';

const parse = (d: Partial<FormDefinitionInput>) => FormDefinitionSchema.parse({ procedureCode: '9.000001', version: 1, title: 'T', documents: [], sections: [], ...d });

describe('checkDefinition', () => {
  it('accepts a sound definition', () => {
    const def = parse({
      sections: [{ key: 'a', title: 'A', fields: [{ key: 'kind', type: 'radio', label: 'Loại', options: [{ value: 'x', label: 'X' }] }, { key: 'n', type: 'text', label: 'N', when: { field: 'kind', equals: 'x' } }] }],
      documents: [{ key: 'd', name: 'Giấy', kind: 'submit', when: { field: 'kind', in: ['x'] } }],
    });
    assert.deepEqual(checkDefinition(def), []);
  });

  it('names every inconsistency', () => {
    const def = parse({
      sections: [
        {
          key: 'a',
          title: 'A',
          when: { field: 'later', filled: true },
          fields: [
            { key: 'kind', type: 'radio', label: 'Loại', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] },
            { key: 'sel', type: 'select', label: 'S' },
            { key: 't', type: 'text', label: 'T', options: [{ value: 'a', label: 'A' }], past: true, when: { field: 'kind', equals: 'z' }, pattern: { regex: '(', message: 'm' } },
            { key: 'tick', type: 'checkbox', label: 'C' },
            { key: 'd', type: 'date', label: 'D', notBefore: 't', when: { field: 'tick', equals: 'yes' }, prefill: { from: 'birthDate', when: { field: 'nowhere', filled: true } } },
            { key: 'kind', type: 'text', label: 'Again' },
          ],
        },
        { key: 'a', title: 'Again', fields: [{ key: 'later', type: 'text', label: 'L' }] },
      ],
      documents: [
        { key: 'doc', name: 'Giấy', kind: 'submit', when: { field: 'ghost', equals: 'x' } },
        { key: 'doc', name: 'Giấy', kind: 'present' },
      ],
    });
    assert.deepEqual(checkDefinition(def), [
      'Mục "a": điều kiện đọc trường "later" nằm sau nó.',
      'Trường "kind" có lựa chọn trùng.',
      'Trường "sel" cần danh sách lựa chọn.',
      'Trường "t": giá trị "z" không phải lựa chọn của trường "kind".',
      'Trường "t" không phải trường lựa chọn mà có danh sách lựa chọn.',
      'Trường "t": ràng buộc ngày chỉ dùng cho trường ngày.',
      'Trường "t": biểu thức kiểm tra không hợp lệ.',
      'Trường "d": trường "tick" là ô đánh dấu, chỉ so với true/false.',
      'Điền sẵn của "d": điều kiện đọc trường "nowhere" không có trong biểu mẫu.',
      'Trường "kind" bị trùng.',
      'Mục "a" bị trùng.',
      'Trường "d" so với "t" không phải trường ngày.',
      'Giấy tờ "doc": điều kiện đọc trường "ghost" không có trong biểu mẫu.',
      'Giấy tờ "doc" bị trùng.',
    ]);
  });

  it('refuses a condition on a field placed after it', () => {
    const def = parse({ sections: [{ key: 'a', title: 'A', fields: [{ key: 'x', type: 'text', label: 'X', when: { field: 'y', filled: true } }, { key: 'y', type: 'text', label: 'Y' }] }] });
    assert.deepEqual(checkDefinition(def), ['Trường "x": điều kiện đọc trường "y" nằm sau nó.']);
  });
});

describe('prefill', () => {
  const def = parse({
    sections: [
      {
        key: 'a',
        title: 'A',
        fields: [
          { key: 'role', type: 'radio', label: 'Vai trò', options: [{ value: 'self', label: 'Tôi' }, { value: 'other', label: 'Khác' }] },
          { key: 'name', type: 'text', label: 'Tên', prefill: { from: 'fullName', when: { field: 'role', equals: 'self' } } },
          { key: 'phone', type: 'phone', label: 'Điện thoại', prefill: { from: 'phone' } },
          { key: 'hidden', type: 'text', label: 'Ẩn', when: { field: 'role', equals: 'other' }, prefill: { from: 'fullName' } },
        ],
      },
    ],
  });
  it('fills empty fields that ask for what is known, when their condition holds', () => {
    assert.deepEqual(prefillAnswers(def, { fullName: 'An', phone: '0912345678' }), { phone: '0912345678' });
    assert.deepEqual(prefillAnswers(def, { fullName: 'An' }, { role: 'self' }), { role: 'self', name: 'An' });
    assert.deepEqual(prefillAnswers(def, { fullName: 'An' }, { role: 'self', name: 'Bình' }), { role: 'self', name: 'Bình' });
    assert.deepEqual(prefillAnswers(def, {}, { role: 'self' }), { role: 'self' });
  });
  it("knows a signed-in citizen's name and identification number, nothing of others", () => {
    assert.deepEqual(personOf({ kind: 'citizen', subject: '025190001234', displayName: 'Nguyễn Thị Hồng Nhung' }), { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234' });
    assert.deepEqual(personOf({ kind: 'citizen', subject: 'abc', displayName: 'X' }), { fullName: 'X' });
    assert.deepEqual(personOf({ kind: 'official', subject: 'tn.viettri', displayName: 'Cán bộ' }), {});
    assert.deepEqual(personOf(null), {});
  });
});
