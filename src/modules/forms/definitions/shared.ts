import type { Condition, DocumentRule, FieldInput } from '../domain/types.ts';

/**
 * Pieces the written forms share: a person's particulars as civil-status declarations ask for them, the
 * applicant's relation to the matter, and the documents every civil-status procedure lists the same way.
 * Each builder returns plain data (definitions stay data: JSON-serialisable, versioned, storable).
 */

export const SEX_OPTIONS = [
  { value: 'male', label: 'Nam' },
  { value: 'female', label: 'Nữ' },
];

export const SEX_LABELS: Record<string, string> = { male: 'Nam', female: 'Nữ' };

interface PersonOptions {
  /** Words naming the person in error messages ("của người mẹ"). */
  of: string;
  required?: boolean;
  /** Birth date (full date) or birth year only. */
  birth?: 'date' | 'year' | 'none';
  sex?: boolean;
  ethnicity?: boolean;
  nationality?: boolean;
  idNumber?: boolean | 'required';
  residence?: boolean | 'required';
  when?: Condition;
  /** Prefill from the signed-in person when this holds. */
  prefillWhen?: Condition | true;
  minAge?: { years: number; message: string };
}

/** A person's particulars: name, birth, sex, ethnicity, nationality, identification number, residence. */
export function personFields(prefix: string, o: PersonOptions): FieldInput[] {
  const req = o.required ?? true;
  const pre = (from: 'fullName' | 'birthDate' | 'sex' | 'idNumber' | 'address') =>
    o.prefillWhen ? { prefill: o.prefillWhen === true ? { from } : { from, when: o.prefillWhen } } : {};
  const when = o.when ? { when: o.when } : {};
  const fields: FieldInput[] = [
    { key: `${prefix}.fullName`, type: 'text', label: 'Họ, chữ đệm, tên', errorLabel: `họ, chữ đệm, tên ${o.of}`, required: req, maxLength: 100, width: '20', ...when, ...pre('fullName') },
  ];
  if ((o.birth ?? 'date') === 'date')
    fields.push({ key: `${prefix}.birthDate`, type: 'date', label: 'Ngày, tháng, năm sinh', errorLabel: `ngày sinh ${o.of}`, required: req, past: true, ...(o.minAge ? { minAge: o.minAge } : {}), ...when, ...pre('birthDate') });
  if (o.birth === 'year') fields.push({ key: `${prefix}.birthYear`, type: 'year', label: 'Năm sinh', errorLabel: `năm sinh ${o.of}`, required: req, width: '4', ...when });
  if (o.sex) fields.push({ key: `${prefix}.sex`, type: 'radio', label: 'Giới tính', errorLabel: `giới tính ${o.of}`, required: req, options: SEX_OPTIONS, ...when, ...pre('sex') });
  if (o.ethnicity ?? true)
    fields.push({ key: `${prefix}.ethnicity`, type: 'text', label: 'Dân tộc', errorLabel: `dân tộc ${o.of}`, hint: 'Ví dụ: Kinh, Mường, Tày', required: req, maxLength: 40, width: '10', default: 'Kinh', ...when });
  if (o.nationality ?? true)
    fields.push({ key: `${prefix}.nationality`, type: 'text', label: 'Quốc tịch', errorLabel: `quốc tịch ${o.of}`, required: req, maxLength: 60, width: '10', default: 'Việt Nam', ...when });
  if (o.idNumber ?? true)
    fields.push({ key: `${prefix}.idNumber`, type: 'idNumber', label: 'Số định danh cá nhân', errorLabel: `số định danh cá nhân ${o.of}`, hint: '12 chữ số, in trên thẻ căn cước', required: req && o.idNumber === 'required', width: '10', ...when, ...pre('idNumber') });
  if (o.residence ?? true)
    fields.push({ key: `${prefix}.residence`, type: 'text', label: 'Nơi cư trú', errorLabel: `nơi cư trú ${o.of}`, hint: 'Số nhà, đường (thôn, tổ), xã hoặc phường, tỉnh hoặc thành phố', required: req && o.residence !== false, maxLength: 300, ...when, ...pre('address') });
  return fields;
}

/** The declaration at the end of every civil-status form. */
export function declarationField(text = 'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.'): FieldInput {
  return { key: 'declaration', type: 'checkbox', label: text, required: true, errors: { required: 'Đánh dấu vào ô cam đoan để nộp tờ khai' } };
}

/** "Số lượng bản sao đề nghị cấp" (copies of the extract, charged by the province's fee table). */
export function copiesField(label = 'Số bản sao trích lục đề nghị cấp thêm'): FieldInput {
  return { key: 'copies', type: 'number', label, hint: 'Để trống nếu không cần bản sao', min: 0, max: 20, width: '2' };
}

export const PROXY: Condition = { field: 'applicant.role', equals: 'proxy' };
export const ON_PAPER: Condition = { channel: ['counter', 'post'] };

/** The civil-status documents that every procedure of the field lists the same way. */
export function civilStatusDocuments(o: { declaration: { name: string; source: string }; authorisationSource?: string; noResidenceProof?: boolean }): DocumentRule[] {
  return [
    { key: 'declaration', name: o.declaration.name, kind: 'submit', required: true, copies: 1, when: ON_PAPER, source: { text: o.declaration.source }, hint: 'Trực tuyến: tờ khai điện tử này thay cho tờ khai giấy.' },
    {
      key: 'authorisation',
      name: 'Văn bản ủy quyền (được chứng thực; không cần chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)',
      kind: 'submit',
      required: true,
      copies: 1,
      when: PROXY,
      source: { text: o.authorisationSource ?? 'Văn bản ủy quyền' },
    },
    {
      key: 'identity',
      name: 'Giấy tờ tùy thân của người đi đăng ký (thẻ căn cước, hộ chiếu…) để đối chiếu',
      kind: 'present',
      required: true,
      copies: 1,
      when: ON_PAPER,
      source: { text: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử' },
    },
    ...(o.noResidenceProof
      ? []
      : [
          {
            key: 'residenceProof',
            name: 'Giấy tờ chứng minh nơi cư trú (chỉ khi cơ quan đăng ký không tra cứu được trong Cơ sở dữ liệu quốc gia về dân cư)',
            kind: 'present' as const,
            required: false,
            copies: 1,
            source: { text: 'Giấy tờ có giá trị chứng minh thông tin về cư trú' },
          },
        ]),
  ];
}

/** Who is applying, in relation to the matter: the person concerned, a relative, or someone authorised. */
export function applicantRoleField(options: { value: string; label: string }[], label = 'Bạn nộp hồ sơ với tư cách'): FieldInput {
  return { key: 'applicant.role', type: 'radio', label, errorLabel: 'bạn nộp hồ sơ với tư cách nào', required: true, options: [...options, { value: 'proxy', label: 'Người được ủy quyền' }] };
}
