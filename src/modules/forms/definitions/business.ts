import type { Condition, FieldInput, FormDefinitionInput } from '../domain/types.ts';
import type { WrittenForm } from './registry-types.ts';
import { declarationField, personFields } from './shared.ts';

/**
 * Household businesses registered by the commune's business registration office (Nghị định
 * 168/2025/NĐ-CP on business registration, which the catalogue's current records follow): registering a
 * new household business and registering a change. A household business is registered by one person or
 * by the members of a household who authorise one of them as its head.
 */

const PROXY: Condition = { field: 'applicant.role', equals: 'proxy' };
const HOUSEHOLD: Condition = { field: 'business.founders', equals: 'household' };

function roleField(): FieldInput {
  return {
    key: 'applicant.role',
    type: 'radio',
    label: 'Bạn là',
    errorLabel: 'bạn là chủ hộ hay người được ủy quyền',
    required: true,
    options: [
      { value: 'owner', label: 'Chủ hộ kinh doanh' },
      { value: 'proxy', label: 'Người được chủ hộ ủy quyền' },
    ],
  };
}

const proxyDocument = (section: string) => ({
  key: 'authorisation',
  name: 'Văn bản ủy quyền cho cá nhân thực hiện thủ tục (không cần công chứng, chứng thực)',
  kind: 'submit' as const,
  when: PROXY,
  source: { text: '(i) Trường hợp ủy quyền cho cá nhân', section },
});

// ---------------------------------------------------------------- 1.001612 Đăng ký thành lập hộ kinh doanh
export const householdBusiness: WrittenForm = {
  form: {
    procedureCode: '1.001612',
    version: 1,
    title: 'Giấy đề nghị đăng ký hộ kinh doanh',
    sections: [
      { key: 'applicant', title: 'Người nộp hồ sơ', fields: [roleField()] },
      {
        key: 'owner',
        title: 'Chủ hộ kinh doanh',
        fields: [
          ...personFields('owner', { of: 'của chủ hộ', sex: true, idNumber: 'required', prefillWhen: { field: 'applicant.role', equals: 'owner' } }),
          { key: 'owner.phone', type: 'phone', label: 'Số điện thoại', errorLabel: 'số điện thoại của chủ hộ', required: true, width: '10', prefill: { from: 'phone', when: { field: 'applicant.role', equals: 'owner' } } },
        ],
      },
      {
        key: 'business',
        title: 'Hộ kinh doanh',
        fields: [
          {
            key: 'business.name',
            type: 'text',
            label: 'Tên hộ kinh doanh',
            errorLabel: 'tên hộ kinh doanh',
            hint: 'Bắt đầu bằng "Hộ kinh doanh", ví dụ: Hộ kinh doanh Minh An',
            required: true,
            maxLength: 120,
            pattern: { regex: '^Hộ kinh doanh\\s+\\S', message: 'Tên hộ kinh doanh phải bắt đầu bằng "Hộ kinh doanh" và tên riêng, ví dụ: Hộ kinh doanh Minh An' },
          },
          { key: 'business.address', type: 'text', label: 'Địa điểm kinh doanh', errorLabel: 'địa điểm kinh doanh', required: true, maxLength: 300 },
          { key: 'business.phone', type: 'phone', label: 'Điện thoại của hộ kinh doanh', width: '10' },
          { key: 'business.activities', type: 'textarea', label: 'Ngành, nghề kinh doanh', errorLabel: 'ngành, nghề kinh doanh', hint: 'Ví dụ: Bán lẻ lương thực, thực phẩm; dịch vụ ăn uống', required: true, maxLength: 1000 },
          { key: 'business.capital', type: 'number', label: 'Vốn kinh doanh (đồng)', errorLabel: 'vốn kinh doanh', required: true, min: 1, max: 1e13, width: '10' },
          { key: 'business.employees', type: 'number', label: 'Số lao động', min: 0, max: 1000, width: '4' },
          {
            key: 'business.founders',
            type: 'radio',
            label: 'Hộ kinh doanh do',
            errorLabel: 'ai đăng ký thành lập hộ kinh doanh',
            required: true,
            options: [
              { value: 'individual', label: 'Một cá nhân đăng ký thành lập' },
              { value: 'household', label: 'Các thành viên hộ gia đình đăng ký thành lập' },
            ],
          },
          { key: 'business.members', type: 'textarea', label: 'Các thành viên hộ gia đình tham gia', hint: 'Họ tên, số định danh cá nhân của từng người', required: true, maxLength: 1000, when: HOUSEHOLD },
          declarationField('Tôi cam kết không đồng thời là chủ hộ kinh doanh khác, chủ doanh nghiệp tư nhân, thành viên hợp danh của công ty hợp danh và chịu trách nhiệm về tính hợp pháp, chính xác, trung thực của nội dung đăng ký.'),
        ],
      },
    ],
    documents: [
      { key: 'request', name: 'Giấy đề nghị đăng ký hộ kinh doanh', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Giấy đề nghị đăng ký hộ kinh doanh' } },
      { key: 'membersAuthorisation', name: 'Bản sao văn bản ủy quyền của các thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (công chứng hoặc chứng thực)', kind: 'submit', when: HOUSEHOLD, source: { text: 'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh' } },
      proxyDocument('Trường hợp ủy quyền thực hiện thủ tục'),
    ],
    result: { kind: 'household-business-certificate', name: 'Giấy chứng nhận đăng ký hộ kinh doanh' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'owner',
    'owner.fullName': 'Nguyễn Thị Hồng Nhung',
    'owner.birthDate': '1990-01-25',
    'owner.sex': 'female',
    'owner.ethnicity': 'Kinh',
    'owner.nationality': 'Việt Nam',
    'owner.idNumber': '025190001234',
    'owner.residence': 'Số 25 đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ',
    'owner.phone': '0912345678',
    'business.name': 'Hộ kinh doanh Hồng Nhung',
    'business.address': 'Ki-ốt số 14 chợ Trung tâm, phường Việt Trì, tỉnh Phú Thọ',
    'business.activities': 'Bán lẻ quần áo, giày dép; bán lẻ hàng may mặc',
    'business.capital': '150000000',
    'business.employees': '2',
    'business.founders': 'individual',
    declaration: true,
  },
};

// ---------------------------------------------------------------- 2.000720 Đăng ký thay đổi nội dung đăng ký hộ kinh doanh
const CHANGE = (k: string): Condition => ({ field: `change.${k}`, equals: true });
const OWNER_CHANGE = CHANGE('owner');
export const householdBusinessChange: WrittenForm = {
  form: {
    procedureCode: '2.000720',
    version: 1,
    title: 'Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    sections: [
      { key: 'applicant', title: 'Người nộp hồ sơ', fields: [roleField()] },
      {
        key: 'business',
        title: 'Hộ kinh doanh đã đăng ký',
        fields: [
          { key: 'business.name', type: 'text', label: 'Tên hộ kinh doanh', errorLabel: 'tên hộ kinh doanh', required: true, maxLength: 120 },
          { key: 'business.code', type: 'text', label: 'Mã số hộ kinh doanh (số Giấy chứng nhận)', errorLabel: 'mã số hộ kinh doanh', required: true, maxLength: 30, width: '20' },
          { key: 'owner.fullName', type: 'text', label: 'Họ, chữ đệm, tên chủ hộ hiện nay', errorLabel: 'họ, chữ đệm, tên chủ hộ hiện nay', required: true, maxLength: 100, prefill: { from: 'fullName', when: { field: 'applicant.role', equals: 'owner' } } },
          { key: 'owner.idNumber', type: 'idNumber', label: 'Số định danh cá nhân của chủ hộ hiện nay', errorLabel: 'số định danh cá nhân của chủ hộ', required: true, width: '10', prefill: { from: 'idNumber', when: { field: 'applicant.role', equals: 'owner' } } },
          { key: 'business.registeredOn', type: 'date', label: 'Ngày đăng ký lần đầu', past: true },
        ],
      },
      {
        key: 'change',
        title: 'Nội dung thay đổi',
        description: 'Đánh dấu những nội dung thay đổi và ghi nội dung mới.',
        fields: [
          { key: 'change.name', type: 'checkbox', label: 'Tên hộ kinh doanh' },
          { key: 'new.name', type: 'text', label: 'Tên mới', errorLabel: 'tên mới của hộ kinh doanh', required: true, maxLength: 120, when: CHANGE('name'), pattern: { regex: '^Hộ kinh doanh\\s+\\S', message: 'Tên hộ kinh doanh phải bắt đầu bằng "Hộ kinh doanh" và tên riêng' } },
          { key: 'change.address', type: 'checkbox', label: 'Địa điểm kinh doanh' },
          { key: 'new.address', type: 'text', label: 'Địa điểm kinh doanh mới', errorLabel: 'địa điểm kinh doanh mới', required: true, maxLength: 300, when: CHANGE('address') },
          { key: 'change.activities', type: 'checkbox', label: 'Ngành, nghề kinh doanh' },
          { key: 'new.activities', type: 'textarea', label: 'Ngành, nghề kinh doanh sau khi thay đổi', errorLabel: 'ngành, nghề kinh doanh sau khi thay đổi', required: true, maxLength: 1000, when: CHANGE('activities') },
          { key: 'change.capital', type: 'checkbox', label: 'Vốn kinh doanh' },
          { key: 'new.capital', type: 'number', label: 'Vốn kinh doanh mới (đồng)', errorLabel: 'vốn kinh doanh mới', required: true, min: 1, max: 1e13, width: '10', when: CHANGE('capital') },
          { key: 'change.owner', type: 'checkbox', label: 'Chủ hộ kinh doanh' },
          {
            key: 'ownerChange.reason',
            type: 'radio',
            label: 'Lý do thay đổi chủ hộ',
            errorLabel: 'lý do thay đổi chủ hộ',
            required: true,
            when: OWNER_CHANGE,
            options: [
              { value: 'authorised', label: 'Các thành viên hộ gia đình ủy quyền cho thành viên khác làm chủ hộ' },
              { value: 'death', label: 'Chủ hộ chết, mất tích, bị hạn chế hoặc mất năng lực hành vi dân sự' },
            ],
          },
          { key: 'newOwner.fullName', type: 'text', label: 'Họ, chữ đệm, tên chủ hộ mới', errorLabel: 'họ, chữ đệm, tên chủ hộ mới', required: true, maxLength: 100, when: OWNER_CHANGE },
          { key: 'newOwner.idNumber', type: 'idNumber', label: 'Số định danh cá nhân của chủ hộ mới', errorLabel: 'số định danh cá nhân của chủ hộ mới', required: true, width: '10', when: OWNER_CHANGE },
          { key: 'newOwner.residence', type: 'text', label: 'Nơi cư trú của chủ hộ mới', errorLabel: 'nơi cư trú của chủ hộ mới', required: true, maxLength: 300, when: OWNER_CHANGE },
          { key: 'change.members', type: 'checkbox', label: 'Tiếp nhận thành viên mới của hộ gia đình' },
          { key: 'new.members', type: 'textarea', label: 'Thành viên mới', hint: 'Họ tên, số định danh cá nhân', required: true, maxLength: 600, when: CHANGE('members') },
          declarationField('Tôi chịu trách nhiệm về tính hợp pháp, chính xác, trung thực của nội dung đăng ký thay đổi.'),
        ],
      },
    ],
    documents: [
      { key: 'request', name: 'Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh do chủ hộ ký', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh' } },
      { key: 'newHeadAuthorisation', name: 'Bản sao văn bản ủy quyền của các thành viên hộ gia đình cho thành viên làm chủ hộ mới (công chứng hoặc chứng thực)', kind: 'submit', when: { all: [OWNER_CHANGE, { field: 'ownerChange.reason', equals: 'authorised' }] }, source: { text: 'Bản sao văn bản ủy quyền của các thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh' } },
      { key: 'deathPaper', name: 'Bản sao giấy chứng tử hoặc quyết định của Tòa án về chủ hộ (chết, mất tích, hạn chế hoặc mất năng lực hành vi dân sự)', kind: 'submit', when: { all: [OWNER_CHANGE, { field: 'ownerChange.reason', equals: 'death' }] }, source: { text: 'Bản sao giấy chứng tử hoặc quyết định của Tòa án' } },
      { key: 'newMember', name: 'Bản sao văn bản ủy quyền của thành viên mới cho chủ hộ kinh doanh (công chứng hoặc chứng thực)', kind: 'submit', when: CHANGE('members'), source: { text: 'Bản sao văn bản ủy quyền của thành viên mới cho chủ hộ kinh doanh' } },
      proxyDocument('Trường hợp ủy quyền thực hiện thủ tục'),
    ],
    result: { kind: 'household-business-certificate', name: 'Giấy chứng nhận đăng ký hộ kinh doanh (đăng ký thay đổi)' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'owner',
    'business.name': 'Hộ kinh doanh Hồng Nhung',
    'business.code': '25A8012345',
    'owner.fullName': 'Nguyễn Thị Hồng Nhung',
    'owner.idNumber': '025190001234',
    'business.registeredOn': '2024-03-18',
    'change.name': false,
    'change.address': true,
    'new.address': 'Số 102 đường Hùng Vương, phường Việt Trì, tỉnh Phú Thọ',
    'change.activities': true,
    'new.activities': 'Bán lẻ quần áo, giày dép; sửa chữa, may đo quần áo',
    'change.capital': false,
    'change.owner': false,
    'change.members': false,
    declaration: true,
  },
};
