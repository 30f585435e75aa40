import type { Condition, FormDefinitionInput } from '../domain/types.ts';
import { civilStatusDocuments, copiesField, declarationField, personFields, PROXY, SEX_OPTIONS } from './shared.ts';
import type { WrittenForm } from './registry-types.ts';

/**
 * 1.001193 Đăng ký khai sinh (Luật Hộ tịch 2014 Art. 16; Nghị định 123/2015 as amended; Thông tư
 * 04/2020/TT-BTP, the declaration model "Tờ khai đăng ký khai sinh"). The child's particulars, the
 * parents (unknown for an abandoned child; the father may be unknown), and the case that decides the
 * proof of birth: a birth certificate (paper, or electronic from the hospital), a witness, a written
 * commitment, the record of an abandoned child; a surrogacy letter only for surrogacy.
 */

const ABANDONED: Condition = { field: 'birth.case', equals: 'abandoned' };
const NOT_ABANDONED: Condition = { not: ABANDONED };
const FATHER_KNOWN: Condition = { all: [NOT_ABANDONED, { field: 'father.known', equals: 'yes' }] };

export const birthForm = {
  procedureCode: '1.001193',
  version: 1,
  title: 'Tờ khai đăng ký khai sinh',
  intro: 'Khai thông tin của trẻ và của cha, mẹ như sẽ ghi vào Sổ đăng ký khai sinh. Những gì hệ thống đã biết về bạn được điền sẵn; hãy kiểm tra lại.',
  sections: [
    {
      key: 'applicant',
      title: 'Người đi đăng ký khai sinh',
      fields: [
        {
          key: 'applicant.role',
          type: 'radio',
          label: 'Bạn là gì của trẻ?',
          errorLabel: 'quan hệ của bạn với trẻ',
          required: true,
          options: [
            { value: 'mother', label: 'Mẹ' },
            { value: 'father', label: 'Cha' },
            { value: 'grandparent', label: 'Ông, bà' },
            { value: 'relative', label: 'Người thân thích khác' },
            { value: 'caregiver', label: 'Cá nhân, tổ chức đang nuôi dưỡng trẻ' },
            { value: 'proxy', label: 'Người được cha, mẹ ủy quyền' },
          ],
        },
      ],
    },
    {
      key: 'child',
      title: 'Trẻ được khai sinh',
      fields: [
        { key: 'child.fullName', type: 'text', label: 'Họ, chữ đệm, tên của trẻ', required: true, maxLength: 100, width: '20', hint: 'Viết đúng dấu tiếng Việt, ví dụ: Nguyễn Thị Minh Anh' },
        { key: 'child.birthDate', type: 'date', label: 'Ngày, tháng, năm sinh', errorLabel: 'ngày sinh của trẻ', required: true, past: true, hint: 'Ví dụ: 27 3 2026' },
        { key: 'child.sex', type: 'radio', label: 'Giới tính', errorLabel: 'giới tính của trẻ', required: true, options: SEX_OPTIONS },
        { key: 'child.ethnicity', type: 'text', label: 'Dân tộc', errorLabel: 'dân tộc của trẻ', required: true, maxLength: 40, width: '10', default: 'Kinh' },
        { key: 'child.nationality', type: 'text', label: 'Quốc tịch', errorLabel: 'quốc tịch của trẻ', required: true, maxLength: 60, width: '10', default: 'Việt Nam' },
        { key: 'child.birthPlace', type: 'text', label: 'Nơi sinh', errorLabel: 'nơi sinh của trẻ', required: true, maxLength: 300, hint: 'Tên cơ sở y tế và xã, phường, tỉnh nơi có cơ sở đó; sinh ở nhà thì ghi xã, phường, tỉnh' },
        { key: 'child.hometown', type: 'text', label: 'Quê quán', errorLabel: 'quê quán của trẻ', required: true, maxLength: 300, hint: 'Theo quê quán của cha hoặc mẹ (xã, phường, tỉnh)' },
      ],
    },
    {
      key: 'birth',
      title: 'Giấy tờ chứng minh việc sinh',
      fields: [
        {
          key: 'birth.case',
          type: 'radio',
          label: 'Trường hợp của trẻ',
          errorLabel: 'trường hợp của trẻ',
          required: true,
          options: [
            { value: 'certificate', label: 'Có Giấy chứng sinh' },
            { value: 'witness', label: 'Không có Giấy chứng sinh, có người làm chứng việc sinh' },
            { value: 'commitment', label: 'Không có Giấy chứng sinh và người làm chứng (làm giấy cam đoan về việc sinh)' },
            { value: 'abandoned', label: 'Trẻ bị bỏ rơi' },
          ],
        },
        {
          key: 'birth.electronicCertificate',
          type: 'checkbox',
          label: 'Cơ sở y tế đã gửi Giấy chứng sinh điện tử của trẻ (không cần nộp bản giấy)',
          when: { field: 'birth.case', equals: 'certificate' },
        },
        { key: 'birth.surrogacy', type: 'checkbox', label: 'Trẻ sinh ra do mang thai hộ', when: NOT_ABANDONED },
        { key: 'abandoned.foundAt', type: 'text', label: 'Nơi phát hiện trẻ bị bỏ rơi', required: true, maxLength: 300, when: ABANDONED },
        { key: 'abandoned.foundOn', type: 'date', label: 'Ngày phát hiện', errorLabel: 'ngày phát hiện trẻ', required: true, past: true, notBefore: 'child.birthDate', when: ABANDONED },
        { key: 'abandoned.recordNumber', type: 'text', label: 'Số biên bản về việc trẻ bị bỏ rơi', maxLength: 60, width: '10', when: ABANDONED },
      ],
    },
    {
      key: 'mother',
      title: 'Người mẹ',
      when: NOT_ABANDONED,
      fields: personFields('mother', { of: 'của người mẹ', birth: 'year', prefillWhen: { field: 'applicant.role', equals: 'mother' } }),
    },
    {
      key: 'father',
      title: 'Người cha',
      when: NOT_ABANDONED,
      fields: [
        {
          key: 'father.known',
          type: 'radio',
          label: 'Có khai thông tin người cha không?',
          errorLabel: 'có khai thông tin người cha hay không',
          hint: 'Chưa xác định được người cha thì phần này để trống trong Sổ đăng ký khai sinh',
          required: true,
          options: [
            { value: 'yes', label: 'Có' },
            { value: 'no', label: 'Không (chưa xác định được người cha)' },
          ],
        },
        ...personFields('father', { of: 'của người cha', birth: 'year', when: FATHER_KNOWN, prefillWhen: { field: 'applicant.role', equals: 'father' } }),
      ],
    },
    {
      key: 'confirm',
      title: 'Cam đoan',
      fields: [copiesField(), declarationField()],
    },
  ],
  documents: [
    ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký khai sinh theo mẫu', source: 'Tờ khai đăng ký khai sinh theo mẫu' }, authorisationSource: 'Văn bản ủy quyền (được chứng thực)' }),
    {
      key: 'birthCertificate',
      name: 'Giấy chứng sinh',
      kind: 'submit',
      when: { all: [{ field: 'birth.case', equals: 'certificate' }, { field: 'birth.electronicCertificate', equals: false }] },
      source: { text: 'Giấy chứng sinh; trường hợp không có Giấy chứng sinh' },
    },
    { key: 'witness', name: 'Văn bản của người làm chứng xác nhận về việc sinh', kind: 'submit', when: { field: 'birth.case', equals: 'witness' }, source: { text: 'văn bản của người làm chứng xác nhận về việc sinh' } },
    { key: 'commitment', name: 'Giấy cam đoan về việc sinh', kind: 'submit', when: { field: 'birth.case', equals: 'commitment' }, source: { text: 'giấy cam đoan về việc sinh' } },
    { key: 'abandonedRecord', name: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập', kind: 'submit', when: ABANDONED, source: { text: 'trẻ em bị bỏ rơi thì phải có biên bản' } },
    {
      key: 'surrogacyLetter',
      name: 'Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ',
      kind: 'submit',
      when: { all: [NOT_ABANDONED, { field: 'birth.surrogacy', equals: true }] },
      source: { text: 'mang thai hộ phải có văn bản xác nhận' },
    },
  ],
  result: { kind: 'birth-extract', name: 'Trích lục khai sinh' },
} satisfies FormDefinitionInput;

export const birth: WrittenForm = {
  form: birthForm,
  sample: {
    'applicant.role': 'mother',
    'child.fullName': 'Nguyễn Minh An',
    'child.birthDate': '2026-10-02',
    'child.sex': 'male',
    'child.ethnicity': 'Kinh',
    'child.nationality': 'Việt Nam',
    'child.birthPlace': 'Bệnh viện Đa khoa tỉnh Phú Thọ, phường Việt Trì, tỉnh Phú Thọ',
    'child.hometown': 'Xã Hy Cương, tỉnh Phú Thọ',
    'birth.case': 'certificate',
    'birth.electronicCertificate': false,
    'birth.surrogacy': false,
    'mother.fullName': 'Trần Thị Hồng Nhung',
    'mother.birthYear': '1994',
    'mother.ethnicity': 'Kinh',
    'mother.nationality': 'Việt Nam',
    'mother.idNumber': '025194001234',
    'mother.residence': 'Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ',
    'father.known': 'yes',
    'father.fullName': 'Nguyễn Văn Bình',
    'father.birthYear': '1992',
    'father.ethnicity': 'Kinh',
    'father.nationality': 'Việt Nam',
    'father.idNumber': '025092005678',
    'father.residence': 'Số 12 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ',
    declaration: true,
  },
};

