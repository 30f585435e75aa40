import type { Condition, FormDefinitionInput } from '../domain/types.ts';
import type { WrittenForm } from './registry-types.ts';
import { civilStatusDocuments, copiesField, declarationField, personFields, SEX_OPTIONS } from './shared.ts';

/**
 * The other civil-status procedures a commune registers every week (Luật Hộ tịch 2014; Nghị định
 * 123/2015/NĐ-CP as amended; declaration models of Thông tư 04/2020/TT-BTP): marriage, death, the
 * certificate of marital status, recognition of a parent and child, change or correction of civil-status
 * details, re-registration of a birth, late birth registration of a person who has personal papers, and
 * copies of civil-status extracts.
 */

const role = (when: string) => ({ field: 'applicant.role', equals: when }) satisfies Condition;

// ---------------------------------------------------------------- 1.000894 Đăng ký kết hôn
export const marriage: WrittenForm = {
  form: {
    procedureCode: '1.000894',
    version: 1,
    title: 'Tờ khai đăng ký kết hôn',
    intro: 'Hai bên nam, nữ khai chung một tờ khai và cùng có mặt khi đăng ký. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.',
    sections: [
      {
        key: 'applicant',
        title: 'Người nộp hồ sơ',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn là',
            errorLabel: 'bạn là bên nữ hay bên nam',
            required: true,
            options: [
              { value: 'bride', label: 'Bên nữ' },
              { value: 'groom', label: 'Bên nam' },
            ],
          },
        ],
      },
      {
        key: 'bride',
        title: 'Bên nữ',
        fields: [
          ...personFields('bride', { of: 'của bên nữ', idNumber: 'required', prefillWhen: role('bride'), minAge: { years: 18, message: 'Bên nữ phải từ đủ 18 tuổi mới được đăng ký kết hôn' } }),
          { key: 'bride.marriageCount', type: 'number', label: 'Kết hôn lần thứ', errorLabel: 'kết hôn lần thứ mấy của bên nữ', required: true, min: 1, max: 10, width: '2', default: '1' },
        ],
      },
      {
        key: 'groom',
        title: 'Bên nam',
        fields: [
          ...personFields('groom', { of: 'của bên nam', idNumber: 'required', prefillWhen: role('groom'), minAge: { years: 20, message: 'Bên nam phải từ đủ 20 tuổi mới được đăng ký kết hôn' } }),
          { key: 'groom.marriageCount', type: 'number', label: 'Kết hôn lần thứ', errorLabel: 'kết hôn lần thứ mấy của bên nam', required: true, min: 1, max: 10, width: '2', default: '1' },
        ],
      },
      {
        key: 'confirm',
        title: 'Cam đoan',
        fields: [
          { key: 'divorcedAbroad', type: 'checkbox', label: 'Một bên đã ly hôn hoặc hủy việc kết hôn ở nước ngoài' },
          copiesField('Số bản sao Trích lục kết hôn đề nghị cấp'),
          declarationField('Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam.'),
        ],
      },
    ],
    documents: [
      { key: 'declaration', name: 'Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một tờ khai)', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Tờ khai đăng ký kết hôn theo mẫu' } },
      { key: 'identity', name: 'Giấy tờ tùy thân của hai bên (thẻ căn cước, hộ chiếu…) để đối chiếu', kind: 'present', copies: 2, when: { channel: ['counter', 'post'] }, source: { text: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử' } },
      { key: 'residenceProof', name: 'Giấy tờ chứng minh nơi cư trú (chỉ khi cơ quan đăng ký không tra cứu được trong Cơ sở dữ liệu quốc gia về dân cư)', kind: 'present', required: false, source: { text: 'Giấy tờ có giá trị chứng minh thông tin về cư trú' } },
      {
        key: 'foreignDivorce',
        name: 'Trích lục ghi chú ly hôn, hủy việc kết hôn đã giải quyết ở nước ngoài (nếu chưa được ghi vào sổ hộ tịch)',
        kind: 'present',
        when: { field: 'divorcedAbroad', equals: true },
        source: { text: 'đã ly hôn hoặc hủy việc kết hôn tại cơ quan có thẩm quyền nước ngoài' },
      },
    ],
    result: { kind: 'marriage-certificate', name: 'Giấy chứng nhận kết hôn' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'bride',
    'bride.fullName': 'Lê Thu Hà',
    'bride.birthDate': '1998-05-14',
    'bride.ethnicity': 'Kinh',
    'bride.nationality': 'Việt Nam',
    'bride.idNumber': '025198003456',
    'bride.residence': 'Khu 3, phường Vân Phú, tỉnh Phú Thọ',
    'bride.marriageCount': '1',
    'groom.fullName': 'Phạm Quốc Hưng',
    'groom.birthDate': '1996-11-02',
    'groom.ethnicity': 'Kinh',
    'groom.nationality': 'Việt Nam',
    'groom.idNumber': '025096007890',
    'groom.residence': 'Số 8 đường Nguyễn Tất Thành, phường Việt Trì, tỉnh Phú Thọ',
    'groom.marriageCount': '1',
    divorcedAbroad: false,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.000656 Đăng ký khai tử
const NOTICE: Condition = { field: 'death.proof', equals: 'notice' };
export const death: WrittenForm = {
  form: {
    procedureCode: '1.000656',
    version: 1,
    title: 'Tờ khai đăng ký khai tử',
    intro: 'Trong 15 ngày kể từ ngày có người chết, vợ, chồng, con, cha, mẹ hoặc người thân thích của người chết đi đăng ký khai tử.',
    sections: [
      {
        key: 'applicant',
        title: 'Người đi đăng ký khai tử',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn là gì của người chết?',
            errorLabel: 'quan hệ của bạn với người chết',
            required: true,
            options: [
              { value: 'spouse', label: 'Vợ, chồng' },
              { value: 'child', label: 'Con' },
              { value: 'parent', label: 'Cha, mẹ' },
              { value: 'relative', label: 'Người thân thích khác' },
              { value: 'organisation', label: 'Đại diện cơ quan, tổ chức (người chết không có người thân thích)' },
              { value: 'proxy', label: 'Người được ủy quyền' },
            ],
          },
        ],
      },
      {
        key: 'deceased',
        title: 'Người đã chết',
        fields: [
          ...personFields('deceased', { of: 'của người chết', sex: true, residence: false }),
          { key: 'deceased.lastResidence', type: 'text', label: 'Nơi cư trú cuối cùng', errorLabel: 'nơi cư trú cuối cùng của người chết', required: true, maxLength: 300 },
        ],
      },
      {
        key: 'death',
        title: 'Việc chết',
        fields: [
          { key: 'death.date', type: 'date', label: 'Ngày chết', errorLabel: 'ngày chết', required: true, past: true, notBefore: 'deceased.birthDate' },
          { key: 'death.time', type: 'text', label: 'Giờ, phút chết', hint: 'Ví dụ: 14 giờ 30 phút (nếu biết)', maxLength: 30, width: '10' },
          { key: 'death.place', type: 'text', label: 'Nơi chết', errorLabel: 'nơi chết', required: true, maxLength: 300 },
          { key: 'death.cause', type: 'text', label: 'Nguyên nhân chết', errorLabel: 'nguyên nhân chết', required: true, maxLength: 200 },
          {
            key: 'death.proof',
            type: 'radio',
            label: 'Giấy tờ chứng minh việc chết',
            errorLabel: 'giấy tờ chứng minh việc chết',
            required: true,
            options: [
              { value: 'notice', label: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử' },
              { value: 'evidence', label: 'Người chết đã lâu, không có Giấy báo tử (giấy tờ, chứng cứ khác chứng minh việc chết)' },
            ],
          },
          { key: 'death.electronicNotice', type: 'checkbox', label: 'Giấy báo tử đã có bản điện tử (không cần nộp bản giấy)', when: NOTICE },
          { key: 'death.lastResidenceUnknown', type: 'checkbox', label: 'Không xác định được nơi cư trú cuối cùng của người chết' },
        ],
      },
      { key: 'confirm', title: 'Cam đoan', fields: [copiesField('Số bản sao Trích lục khai tử đề nghị cấp'), declarationField()] },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký khai tử theo mẫu', source: 'Tờ khai đăng ký khai tử theo mẫu' }, authorisationSource: 'Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai tử' }).filter((d) => d.key !== 'residenceProof'),
      {
        key: 'deathNotice',
        name: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp',
        kind: 'submit',
        when: { all: [NOTICE, { field: 'death.electronicNotice', equals: false }] },
        source: { text: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử' },
      },
      { key: 'deathEvidence', name: 'Giấy tờ, tài liệu, chứng cứ chứng minh sự kiện chết (người chết đã lâu, không có Giấy báo tử)', kind: 'submit', when: { field: 'death.proof', equals: 'evidence' }, source: { text: 'chứng minh sự kiện chết đối với trường hợp đăng ký khai tử cho người chết đã lâu' } },
      { key: 'lastResidenceProof', name: 'Giấy tờ chứng minh nơi cư trú cuối cùng của người chết (chỉ khi không tra cứu được)', kind: 'present', required: false, when: { field: 'death.lastResidenceUnknown', equals: false }, source: { text: 'Giấy tờ chứng minh nơi cư trú cuối cùng của người chết' } },
      { key: 'deathPlaceProof', name: 'Giấy tờ chứng minh nơi người đó chết hoặc nơi phát hiện thi thể', kind: 'present', when: { field: 'death.lastResidenceUnknown', equals: true }, source: { text: 'không xác định được nơi cư trú cuối cùng của người chết' } },
    ],
    result: { kind: 'death-extract', name: 'Trích lục khai tử' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'child',
    'deceased.fullName': 'Hoàng Văn Thịnh',
    'deceased.birthDate': '1941-07-20',
    'deceased.sex': 'male',
    'deceased.ethnicity': 'Kinh',
    'deceased.nationality': 'Việt Nam',
    'deceased.idNumber': '025041000123',
    'deceased.lastResidence': 'Thôn Đồng Lạc, xã Hy Cương, tỉnh Phú Thọ',
    'death.date': '2026-10-01',
    'death.time': '05 giờ 40 phút',
    'death.place': 'Tại nhà riêng, thôn Đồng Lạc, xã Hy Cương, tỉnh Phú Thọ',
    'death.cause': 'Tuổi cao, bệnh già',
    'death.proof': 'notice',
    'death.electronicNotice': false,
    'death.lastResidenceUnknown': false,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.004873 Cấp Giấy xác nhận tình trạng hôn nhân
const FOR_MARRIAGE: Condition = { field: 'purpose.kind', equals: 'marriage' };
export const maritalStatus: WrittenForm = {
  form: {
    procedureCode: '1.004873',
    version: 1,
    title: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân',
    sections: [
      {
        key: 'applicant',
        title: 'Người nộp hồ sơ',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn xin xác nhận cho',
            errorLabel: 'bạn xin xác nhận cho ai',
            required: true,
            options: [
              { value: 'self', label: 'Chính mình' },
              { value: 'proxy', label: 'Người khác (tôi được ủy quyền)' },
            ],
          },
        ],
      },
      { key: 'person', title: 'Người được xác nhận tình trạng hôn nhân', fields: personFields('person', { of: 'của người được xác nhận', sex: true, idNumber: 'required', prefillWhen: role('self') }) },
      {
        key: 'status',
        title: 'Tình trạng hôn nhân',
        fields: [
          {
            key: 'status.kind',
            type: 'radio',
            label: 'Tình trạng hôn nhân hiện nay',
            errorLabel: 'tình trạng hôn nhân hiện nay',
            required: true,
            options: [
              { value: 'single', label: 'Chưa đăng ký kết hôn với ai' },
              { value: 'married', label: 'Đang có vợ hoặc chồng' },
              { value: 'divorced', label: 'Đã đăng ký kết hôn nhưng đã ly hôn' },
              { value: 'widowed', label: 'Đã đăng ký kết hôn nhưng vợ hoặc chồng đã chết' },
            ],
          },
          { key: 'status.spouse', type: 'text', label: 'Họ, chữ đệm, tên của vợ hoặc chồng', required: true, maxLength: 100, when: { field: 'status.kind', equals: 'married' } },
          {
            key: 'status.paper',
            type: 'text',
            label: 'Giấy tờ về việc ly hôn hoặc khai tử',
            errorLabel: 'thông tin giấy tờ về việc ly hôn hoặc khai tử',
            hint: 'Cơ quan cấp, số, ngày của Bản án, Quyết định ly hôn hoặc Trích lục khai tử',
            required: true,
            maxLength: 300,
            when: { field: 'status.kind', in: ['divorced', 'widowed'] },
          },
          { key: 'status.previousResidences', type: 'textarea', label: 'Những nơi đã thường trú trước đây', hint: 'Nếu đã thường trú ở nhiều nơi; để trống nếu không', maxLength: 1000 },
        ],
      },
      {
        key: 'purpose',
        title: 'Mục đích sử dụng',
        fields: [
          {
            key: 'purpose.kind',
            type: 'radio',
            label: 'Giấy xác nhận dùng để',
            errorLabel: 'mục đích sử dụng giấy xác nhận',
            required: true,
            options: [
              { value: 'marriage', label: 'Đăng ký kết hôn' },
              { value: 'other', label: 'Mục đích khác' },
            ],
          },
          { key: 'partner.fullName', type: 'text', label: 'Họ, chữ đệm, tên người dự định kết hôn', required: true, maxLength: 100, when: FOR_MARRIAGE },
          { key: 'partner.birthDate', type: 'date', label: 'Ngày sinh của người dự định kết hôn', required: true, past: true, when: FOR_MARRIAGE },
          { key: 'partner.nationality', type: 'text', label: 'Quốc tịch của người dự định kết hôn', required: true, maxLength: 60, default: 'Việt Nam', width: '10', when: FOR_MARRIAGE },
          { key: 'partner.residence', type: 'text', label: 'Nơi cư trú của người dự định kết hôn', required: true, maxLength: 300, when: FOR_MARRIAGE },
          { key: 'purpose.marriagePlace', type: 'text', label: 'Nơi dự định đăng ký kết hôn', required: true, maxLength: 300, when: FOR_MARRIAGE },
          { key: 'purpose.other', type: 'text', label: 'Mục đích sử dụng', errorLabel: 'mục đích sử dụng giấy xác nhận', required: true, maxLength: 300, when: { field: 'purpose.kind', equals: 'other' } },
          { key: 'purpose.count', type: 'number', label: 'Số lượng giấy xác nhận đề nghị cấp', min: 1, max: 10, width: '2', default: '1', when: { field: 'purpose.kind', equals: 'other' } },
          { key: 'reissue', type: 'checkbox', label: 'Tôi đã được cấp Giấy xác nhận tình trạng hôn nhân trước đây (nay nộp lại để xin cấp mới)' },
        ],
      },
      { key: 'confirm', title: 'Cam đoan', fields: [declarationField()] },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', source: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân' }, authorisationSource: 'trường hợp ủy quyền thực hiện việc cấp Giấy xác nhận tình trạng hôn nhân' }),
      { key: 'previousCertificate', name: 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây', kind: 'submit', when: { field: 'reissue', equals: true }, source: { text: 'phải nộp lại Giấy xác nhận tình trạng hôn nhân đã được cấp trước đó' } },
    ],
    result: { kind: 'marital-status', name: 'Giấy xác nhận tình trạng hôn nhân' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Đỗ Thị Mai',
    'person.birthDate': '1999-09-09',
    'person.sex': 'female',
    'person.ethnicity': 'Kinh',
    'person.nationality': 'Việt Nam',
    'person.idNumber': '025199002211',
    'person.residence': 'Tổ 5, phường Vĩnh Yên, tỉnh Phú Thọ',
    'status.kind': 'single',
    'purpose.kind': 'marriage',
    'partner.fullName': 'Vũ Đức Long',
    'partner.birthDate': '1997-02-17',
    'partner.nationality': 'Việt Nam',
    'partner.residence': 'Phường Hòa Bình, tỉnh Phú Thọ',
    'purpose.marriagePlace': 'Ủy ban nhân dân phường Hòa Bình, tỉnh Phú Thọ',
    reissue: false,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.001022 Đăng ký nhận cha, mẹ, con
export const parentage: WrittenForm = {
  form: {
    procedureCode: '1.001022',
    version: 1,
    title: 'Tờ khai đăng ký nhận cha, mẹ, con',
    intro: 'Người nhận và người được nhận (hoặc người đại diện của người chưa thành niên) cùng có mặt khi đăng ký.',
    sections: [
      {
        key: 'kind',
        title: 'Việc nhận',
        fields: [
          {
            key: 'recognition.kind',
            type: 'radio',
            label: 'Đăng ký việc',
            errorLabel: 'việc nhận cha, con hay mẹ, con',
            required: true,
            options: [
              { value: 'father', label: 'Nhận cha, con' },
              { value: 'mother', label: 'Nhận mẹ, con' },
            ],
          },
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn là',
            errorLabel: 'bạn là người nhận hay người được nhận',
            required: true,
            options: [
              { value: 'parent', label: 'Người nhận (cha hoặc mẹ)' },
              { value: 'child', label: 'Người được nhận (con)' },
              { value: 'proxy', label: 'Người được ủy quyền' },
            ],
          },
        ],
      },
      { key: 'parent', title: 'Người nhận (cha hoặc mẹ)', fields: personFields('parent', { of: 'của người nhận', idNumber: 'required', prefillWhen: role('parent') }) },
      { key: 'child', title: 'Người được nhận (con)', fields: personFields('child', { of: 'của người được nhận', sex: true, prefillWhen: role('child') }) },
      {
        key: 'evidence',
        title: 'Chứng cứ chứng minh quan hệ',
        fields: [
          {
            key: 'evidence.kind',
            type: 'radio',
            label: 'Chứng cứ',
            errorLabel: 'chứng cứ chứng minh quan hệ',
            required: true,
            options: [
              { value: 'medical', label: 'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền xác nhận quan hệ' },
              { value: 'commitment', label: 'Văn bản cam đoan của các bên và ít nhất hai người làm chứng' },
            ],
          },
          { key: 'evidence.witnesses', type: 'textarea', label: 'Họ tên, nơi cư trú của hai người làm chứng', required: true, maxLength: 600, when: { field: 'evidence.kind', equals: 'commitment' } },
        ],
      },
      { key: 'confirm', title: 'Cam đoan', fields: [copiesField('Số bản sao Trích lục đề nghị cấp'), declarationField('Tôi cam đoan việc nhận cha, mẹ, con là đúng sự thật, tự nguyện, không có tranh chấp và chịu trách nhiệm trước pháp luật về cam đoan của mình.')] },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', source: 'Tờ khai đăng ký đăng ký nhận cha, mẹ, con theo mẫu' }, authorisationSource: 'Văn bản ủy quyền' }).filter((d) => d.key !== 'authorisation'),
      { key: 'authorisation', name: 'Văn bản ủy quyền (được chứng thực)', kind: 'submit', when: role('proxy') },
      { key: 'medical', name: 'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận quan hệ cha con, mẹ con', kind: 'submit', when: { field: 'evidence.kind', equals: 'medical' }, source: { text: 'Văn bản của cơ quan y tế, cơ quan giám định' } },
      { key: 'commitment', name: 'Văn bản cam đoan của các bên về quan hệ cha, mẹ, con và xác nhận của ít nhất hai người làm chứng', kind: 'submit', when: { field: 'evidence.kind', equals: 'commitment' }, source: { text: 'văn bản cam đoan của các bên nhận cha, mẹ, con' } },
    ],
    result: { kind: 'parentage-extract', name: 'Trích lục đăng ký nhận cha, mẹ, con' },
  } satisfies FormDefinitionInput,
  sample: {
    'recognition.kind': 'father',
    'applicant.role': 'parent',
    'parent.fullName': 'Trịnh Văn Quân',
    'parent.birthDate': '1990-04-03',
    'parent.ethnicity': 'Kinh',
    'parent.nationality': 'Việt Nam',
    'parent.idNumber': '025090004455',
    'parent.residence': 'Khu 7, phường Việt Trì, tỉnh Phú Thọ',
    'child.fullName': 'Nguyễn Bảo Ngọc',
    'child.birthDate': '2021-06-15',
    'child.sex': 'female',
    'child.ethnicity': 'Kinh',
    'child.nationality': 'Việt Nam',
    'child.residence': 'Khu 7, phường Việt Trì, tỉnh Phú Thọ',
    'evidence.kind': 'medical',
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.004859 Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc
export const civilChange: WrittenForm = {
  form: {
    procedureCode: '1.004859',
    version: 1,
    title: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
    sections: [
      {
        key: 'applicant',
        title: 'Người nộp hồ sơ',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn yêu cầu cho',
            errorLabel: 'bạn yêu cầu cho ai',
            required: true,
            options: [
              { value: 'self', label: 'Chính mình' },
              { value: 'parent', label: 'Con chưa thành niên hoặc người được giám hộ' },
              { value: 'proxy', label: 'Người khác (tôi được ủy quyền)' },
            ],
          },
        ],
      },
      { key: 'person', title: 'Người được thay đổi, cải chính hộ tịch', fields: personFields('person', { of: 'của người được thay đổi', idNumber: 'required', ethnicity: false, nationality: false, prefillWhen: role('self') }) },
      {
        key: 'record',
        title: 'Việc hộ tịch đã đăng ký',
        fields: [
          {
            key: 'record.kind',
            type: 'radio',
            label: 'Thông tin cần sửa nằm trong',
            errorLabel: 'việc hộ tịch có thông tin cần sửa',
            required: true,
            options: [
              { value: 'birth', label: 'Giấy khai sinh' },
              { value: 'marriage', label: 'Giấy chứng nhận kết hôn' },
              { value: 'death', label: 'Trích lục khai tử' },
              { value: 'other', label: 'Giấy tờ hộ tịch khác' },
            ],
          },
          { key: 'record.place', type: 'text', label: 'Nơi đã đăng ký', errorLabel: 'nơi đã đăng ký việc hộ tịch', required: true, maxLength: 300 },
          { key: 'record.number', type: 'text', label: 'Số đăng ký, quyển số (nếu biết)', maxLength: 60, width: '10' },
          { key: 'record.date', type: 'date', label: 'Ngày đăng ký (nếu biết)', past: true },
        ],
      },
      {
        key: 'change',
        title: 'Nội dung yêu cầu',
        fields: [
          {
            key: 'change.kind',
            type: 'radio',
            label: 'Yêu cầu',
            errorLabel: 'loại yêu cầu',
            required: true,
            options: [
              { value: 'change', label: 'Thay đổi họ, chữ đệm, tên' },
              { value: 'correct', label: 'Cải chính thông tin bị ghi sai' },
              { value: 'supplement', label: 'Bổ sung thông tin còn thiếu' },
              { value: 'ethnicity', label: 'Xác định lại dân tộc' },
            ],
          },
          { key: 'change.item', type: 'text', label: 'Thông tin cần sửa', errorLabel: 'thông tin cần sửa', hint: 'Ví dụ: Tên, Ngày sinh, Quê quán, Dân tộc', required: true, maxLength: 100, width: '20' },
          { key: 'change.from', type: 'text', label: 'Đang ghi là', errorLabel: 'thông tin đang ghi', required: true, maxLength: 300, when: { not: { field: 'change.kind', equals: 'supplement' } } },
          { key: 'change.to', type: 'text', label: 'Đề nghị ghi là', errorLabel: 'thông tin đề nghị ghi', required: true, maxLength: 300 },
          { key: 'change.reason', type: 'textarea', label: 'Lý do', errorLabel: 'lý do', required: true, maxLength: 1000 },
        ],
      },
      { key: 'confirm', title: 'Cam đoan', fields: [copiesField(), declarationField()] },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc theo mẫu', source: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch' }, authorisationSource: 'trường hợp ủy quyền thực hiện việc đăng ký thay đổi' }),
      { key: 'basis', name: 'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc', kind: 'submit', source: { text: 'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung thông tin hộ tịch' } },
    ],
    result: { kind: 'civil-change-extract', name: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Bùi Thị Thanh Xuân',
    'person.birthDate': '1988-12-30',
    'person.idNumber': '025188006677',
    'person.residence': 'Xóm Chiềng, xã Tân Lạc, tỉnh Phú Thọ',
    'record.kind': 'birth',
    'record.place': 'Ủy ban nhân dân xã Mãn Đức, huyện Tân Lạc, tỉnh Hòa Bình (cũ)',
    'record.number': '45, quyển 01/1989',
    'change.kind': 'correct',
    'change.item': 'Quê quán',
    'change.from': 'Xã Mãn Đức, huyện Tân Lạc, tỉnh Hòa Bình',
    'change.to': 'Xã Phong Phú, huyện Tân Lạc, tỉnh Hòa Bình',
    'change.reason': 'Ghi sai quê quán so với quê quán của cha khi đăng ký khai sinh.',
    declaration: true,
  },
};

/** The particulars of a person whose birth is registered late or again (1.004884, 1.004772). */
function lateBirthSections(prefix: 'person'): FormDefinitionInput['sections'] {
  return [
    {
      key: 'applicant',
      title: 'Người nộp hồ sơ',
      fields: [
        {
          key: 'applicant.role',
          type: 'radio',
          label: 'Bạn đăng ký cho',
          errorLabel: 'bạn đăng ký cho ai',
          required: true,
          options: [
            { value: 'self', label: 'Chính mình' },
            { value: 'parent', label: 'Con hoặc người được giám hộ' },
            { value: 'proxy', label: 'Người khác (tôi được ủy quyền)' },
          ],
        },
        { key: 'applicant.official', type: 'checkbox', label: 'Người được đăng ký là cán bộ, công chức, viên chức hoặc đang công tác trong lực lượng vũ trang' },
      ],
    },
    {
      key: 'person',
      title: 'Người được đăng ký khai sinh',
      fields: [
        ...personFields(prefix, { of: 'của người được đăng ký', sex: true, idNumber: true, residence: true, prefillWhen: role('self') }),
        { key: `${prefix}.birthPlace`, type: 'text', label: 'Nơi sinh', errorLabel: 'nơi sinh', required: true, maxLength: 300 },
        { key: `${prefix}.hometown`, type: 'text', label: 'Quê quán', errorLabel: 'quê quán', required: true, maxLength: 300 },
      ],
    },
    { key: 'mother', title: 'Người mẹ', fields: personFields('mother', { of: 'của người mẹ', birth: 'year', required: false, idNumber: false }) },
    { key: 'father', title: 'Người cha', fields: personFields('father', { of: 'của người cha', birth: 'year', required: false, idNumber: false }) },
  ];
}

// ---------------------------------------------------------------- 1.004884 Đăng ký lại khai sinh
export const birthAgain: WrittenForm = {
  form: {
    procedureCode: '1.004884',
    version: 1,
    title: 'Tờ khai đăng ký lại khai sinh',
    intro: 'Dành cho người đã đăng ký khai sinh nhưng Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất.',
    sections: [
      ...lateBirthSections('person'),
      {
        key: 'previous',
        title: 'Lần đăng ký khai sinh trước',
        fields: [
          { key: 'previous.place', type: 'text', label: 'Nơi đã đăng ký khai sinh trước đây', errorLabel: 'nơi đã đăng ký khai sinh trước đây', required: true, maxLength: 300 },
          { key: 'previous.year', type: 'year', label: 'Năm đăng ký (nếu nhớ)', width: '4' },
          { key: 'previous.hasCopy', type: 'checkbox', label: 'Tôi còn bản sao Giấy khai sinh' },
        ],
      },
      {
        key: 'confirm',
        title: 'Cam đoan',
        fields: [
          copiesField(),
          declarationField('Tôi cam đoan đã đăng ký khai sinh nhưng Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất, đã nộp đủ các giấy tờ hiện có và chịu trách nhiệm trước pháp luật về cam đoan của mình.'),
        ],
      },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký lại khai sinh theo mẫu (có cam đoan đã nộp đủ giấy tờ hiện có)', source: 'Tờ khai đăng ký lại khai sinh theo mẫu' }, authorisationSource: 'trường hợp ủy quyền thực hiện việc đăng ký lại khai sinh' }),
      { key: 'birthCopy', name: 'Bản sao Giấy khai sinh', kind: 'submit', when: { field: 'previous.hasCopy', equals: true }, source: { text: 'Bản sao Giấy khai sinh do cơ quan có thẩm quyền của Việt Nam cấp hợp lệ' } },
      { key: 'papers', name: 'Bản sao các hồ sơ, giấy tờ có thông tin về nội dung khai sinh (căn cước, hộ chiếu, học bạ, văn bằng…) hiện có', kind: 'submit', required: false, when: { field: 'previous.hasCopy', equals: false }, source: { text: 'Bản sao toàn bộ hồ sơ, giấy tờ của người yêu cầu' } },
      { key: 'employer', name: 'Văn bản xác nhận của thủ trưởng cơ quan, đơn vị về các thông tin khai sinh trong hồ sơ cán bộ', kind: 'submit', when: { field: 'applicant.official', equals: true }, source: { text: 'là cán bộ, công chức, viên chức, người đang công tác trong lực lượng vũ trang' } },
    ],
    result: { kind: 'birth-extract', name: 'Trích lục khai sinh (đăng ký lại)' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'applicant.official': false,
    'person.fullName': 'Đinh Công Tuấn',
    'person.birthDate': '1979-08-08',
    'person.sex': 'male',
    'person.ethnicity': 'Mường',
    'person.nationality': 'Việt Nam',
    'person.idNumber': '017079001357',
    'person.residence': 'Xóm Trám, xã Tân Lạc, tỉnh Phú Thọ',
    'person.birthPlace': 'Xã Phong Phú, huyện Tân Lạc, tỉnh Hòa Bình',
    'person.hometown': 'Xã Phong Phú, huyện Tân Lạc, tỉnh Hòa Bình',
    'mother.fullName': 'Bùi Thị Lụa',
    'mother.birthYear': '1955',
    'mother.ethnicity': 'Mường',
    'mother.nationality': 'Việt Nam',
    'mother.residence': 'Xóm Trám, xã Tân Lạc, tỉnh Phú Thọ',
    'father.fullName': 'Đinh Công Lâm',
    'father.birthYear': '1952',
    'father.ethnicity': 'Mường',
    'father.nationality': 'Việt Nam',
    'father.residence': 'Xóm Trám, xã Tân Lạc, tỉnh Phú Thọ',
    'previous.place': 'Ủy ban nhân dân xã Phong Phú, huyện Tân Lạc, tỉnh Hòa Bình',
    'previous.hasCopy': true,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.004772 Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân
export const birthLate: WrittenForm = {
  form: {
    procedureCode: '1.004772',
    version: 1,
    title: 'Tờ khai đăng ký khai sinh (người đã có hồ sơ, giấy tờ cá nhân)',
    intro: 'Dành cho công dân Việt Nam cư trú trong nước, chưa từng đăng ký khai sinh, nhưng đã có hồ sơ, giấy tờ cá nhân.',
    sections: [
      ...lateBirthSections('person'),
      {
        key: 'confirm',
        title: 'Cam đoan',
        fields: [copiesField(), declarationField('Tôi cam đoan người được đăng ký chưa từng được đăng ký khai sinh, đã nộp đủ các giấy tờ hiện có và chịu trách nhiệm trước pháp luật về cam đoan của mình.')],
      },
    ],
    documents: [
      ...civilStatusDocuments({ declaration: { name: 'Tờ khai đăng ký khai sinh theo mẫu', source: 'Tờ khai đăng ký khai sinh theo mẫu' }, authorisationSource: 'trường hợp ủy quyền thực hiện việc đăng ký khai sinh' }),
      { key: 'notRegistered', name: 'Văn bản cam đoan về việc chưa được đăng ký khai sinh', kind: 'submit', source: { text: 'Văn bản cam đoan của người yêu cầu về việc chưa được đăng ký khai sinh' } },
      { key: 'papers', name: 'Bản sao các hồ sơ, giấy tờ cá nhân có thông tin khai sinh (căn cước, hộ chiếu, học bạ, văn bằng…)', kind: 'submit', source: { text: 'Bản sao toàn bộ hồ sơ, giấy tờ của người yêu cầu' } },
      { key: 'employer', name: 'Văn bản xác nhận của thủ trưởng cơ quan, đơn vị về các thông tin khai sinh trong hồ sơ cán bộ', kind: 'submit', when: { field: 'applicant.official', equals: true }, source: { text: 'là cán bộ, công chức, viên chức, người đang công tác trong lực lượng vũ trang' } },
    ],
    result: { kind: 'birth-extract', name: 'Trích lục khai sinh' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'applicant.official': false,
    'person.fullName': 'Hà Thị Nhàn',
    'person.birthDate': '1968-02-10',
    'person.sex': 'female',
    'person.ethnicity': 'Mường',
    'person.nationality': 'Việt Nam',
    'person.idNumber': '017168004321',
    'person.residence': 'Xóm Bưng, xã Tân Lạc, tỉnh Phú Thọ',
    'person.birthPlace': 'Xã Lũng Vân, huyện Tân Lạc, tỉnh Hòa Bình',
    'person.hometown': 'Xã Lũng Vân, huyện Tân Lạc, tỉnh Hòa Bình',
    'mother.fullName': 'Hà Thị Xuân',
    'mother.birthYear': '1945',
    'mother.ethnicity': 'Mường',
    'mother.nationality': 'Việt Nam',
    'father.fullName': 'Hà Văn Cường',
    'father.birthYear': '1940',
    'father.ethnicity': 'Mường',
    'father.nationality': 'Việt Nam',
    declaration: true,
  },
};

// ---------------------------------------------------------------- 2.000635 Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh
export const civilCopy: WrittenForm = {
  form: {
    procedureCode: '2.000635',
    version: 1,
    title: 'Tờ khai đề nghị cấp bản sao Trích lục hộ tịch',
    intro: 'Cơ quan đăng ký tra cứu việc hộ tịch đã đăng ký trong Cơ sở dữ liệu hộ tịch điện tử từ các thông tin dưới đây.',
    sections: [
      {
        key: 'applicant',
        title: 'Người nộp hồ sơ',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn xin bản sao cho',
            errorLabel: 'bạn xin bản sao cho ai',
            required: true,
            options: [
              { value: 'self', label: 'Chính mình (người có tên trong giấy tờ)' },
              { value: 'relative', label: 'Người thân (cha, mẹ, con, vợ, chồng…)' },
              { value: 'proxy', label: 'Người khác (tôi được ủy quyền)' },
            ],
          },
        ],
      },
      {
        key: 'record',
        title: 'Việc hộ tịch đã đăng ký',
        fields: [
          {
            key: 'record.kind',
            type: 'radio',
            label: 'Bản sao của',
            errorLabel: 'loại giấy tờ hộ tịch cần bản sao',
            required: true,
            options: [
              { value: 'birth', label: 'Giấy khai sinh, Trích lục khai sinh' },
              { value: 'marriage', label: 'Trích lục kết hôn' },
              { value: 'death', label: 'Trích lục khai tử' },
              { value: 'parentage', label: 'Trích lục đăng ký nhận cha, mẹ, con' },
              { value: 'change', label: 'Trích lục thay đổi, cải chính hộ tịch' },
            ],
          },
          { key: 'subject.fullName', type: 'text', label: 'Họ, chữ đệm, tên người có tên trong giấy tờ', errorLabel: 'họ, chữ đệm, tên người có tên trong giấy tờ', required: true, maxLength: 100, prefill: { from: 'fullName', when: role('self') } },
          { key: 'subject.birthDate', type: 'date', label: 'Ngày sinh của người đó', past: true, prefill: { from: 'birthDate', when: role('self') } },
          { key: 'subject.idNumber', type: 'idNumber', label: 'Số định danh cá nhân của người đó', width: '10', prefill: { from: 'idNumber', when: role('self') } },
          { key: 'spouse.fullName', type: 'text', label: 'Họ, chữ đệm, tên của vợ hoặc chồng', required: true, maxLength: 100, when: { field: 'record.kind', equals: 'marriage' } },
          { key: 'record.place', type: 'text', label: 'Nơi đã đăng ký', errorLabel: 'nơi đã đăng ký', required: true, maxLength: 300 },
          { key: 'record.date', type: 'date', label: 'Ngày đăng ký (nếu biết)', past: true },
          { key: 'record.number', type: 'text', label: 'Số đăng ký, quyển số (nếu biết)', maxLength: 60, width: '10' },
        ],
      },
      {
        key: 'request',
        title: 'Yêu cầu',
        fields: [
          { key: 'copies', type: 'number', label: 'Số bản sao đề nghị cấp', errorLabel: 'số bản sao đề nghị cấp', required: true, min: 1, max: 20, width: '2', default: '1' },
          { key: 'purpose', type: 'text', label: 'Mục đích sử dụng', maxLength: 200 },
          declarationField(),
        ],
      },
    ],
    documents: [
      { key: 'declaration', name: 'Tờ khai đề nghị cấp bản sao Trích lục hộ tịch theo mẫu', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Tờ khai đề nghị bản sao Trích lục hộ tịch theo mẫu' } },
      { key: 'authorisation', name: 'Văn bản ủy quyền (được chứng thực; không cần chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)', kind: 'submit', when: role('proxy'), source: { text: 'ủy quyền thực hiện yêu cầu cấp bản sao Trích lục hộ tịch' } },
      { key: 'identity', name: 'Giấy tờ tùy thân của người yêu cầu (thẻ căn cước, hộ chiếu…) để đối chiếu', kind: 'present', when: { channel: ['counter', 'post'] }, source: { text: 'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử' } },
    ],
    result: { kind: 'civil-copy', name: 'Bản sao Trích lục hộ tịch' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'record.kind': 'birth',
    'subject.fullName': 'Nguyễn Thị Hồng Nhung',
    'subject.birthDate': '1990-01-25',
    'subject.idNumber': '025190001234',
    'record.place': 'Ủy ban nhân dân phường Gia Cẩm, thành phố Việt Trì, tỉnh Phú Thọ (cũ)',
    'record.date': '1990-02-10',
    'record.number': '37, quyển 01/1990',
    copies: '2',
    purpose: 'Bổ sung hồ sơ nhập học cho con',
    declaration: true,
  },
};

