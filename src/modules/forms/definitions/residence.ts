import type { Condition, FieldInput, FormDefinitionInput } from '../domain/types.ts';
import type { WrittenForm } from './registry-types.ts';
import { declarationField, SEX_OPTIONS } from './shared.ts';

/**
 * Residence registration with the commune police (Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; the
 * declaration CT01 "Tờ khai thay đổi thông tin cư trú" of Thông tư 53/2025/TT-BCA as the catalogue
 * cites it). The form asks what CT01 asks: who registers, where, on what basis; the documents follow
 * the basis (the rental contract only for a rented home, the unit's letter only at a military unit…).
 */

const role = (v: string): Condition => ({ field: 'applicant.role', equals: v });
const basis = (...v: string[]): Condition => ({ field: 'basis', in: v });
const ON_PAPER: Condition = { channel: ['counter', 'post'] };

function registrantFields(): FieldInput[] {
  const self = role('self');
  return [
    {
      key: 'applicant.role',
      type: 'radio',
      label: 'Bạn đăng ký cho',
      errorLabel: 'bạn đăng ký cho ai',
      required: true,
      options: [
        { value: 'self', label: 'Chính mình' },
        { value: 'family', label: 'Con chưa thành niên hoặc người trong hộ' },
      ],
    },
    { key: 'person.fullName', type: 'text', label: 'Họ, chữ đệm, tên', errorLabel: 'họ, chữ đệm, tên của người đăng ký', required: true, maxLength: 100, width: '20', prefill: { from: 'fullName', when: self } },
    { key: 'person.birthDate', type: 'date', label: 'Ngày, tháng, năm sinh', errorLabel: 'ngày sinh của người đăng ký', required: true, past: true, prefill: { from: 'birthDate', when: self } },
    { key: 'person.sex', type: 'radio', label: 'Giới tính', errorLabel: 'giới tính của người đăng ký', required: true, options: SEX_OPTIONS, prefill: { from: 'sex', when: self } },
    { key: 'person.idNumber', type: 'idNumber', label: 'Số định danh cá nhân', errorLabel: 'số định danh cá nhân của người đăng ký', required: true, width: '10', prefill: { from: 'idNumber', when: self } },
    { key: 'person.phone', type: 'phone', label: 'Số điện thoại liên hệ', width: '10', prefill: { from: 'phone', when: self } },
  ];
}

function householderFields(when: Condition): FieldInput[] {
  return [
    { key: 'householder.fullName', type: 'text', label: 'Họ, chữ đệm, tên chủ hộ', errorLabel: 'họ, chữ đệm, tên chủ hộ', required: true, maxLength: 100, when },
    { key: 'householder.idNumber', type: 'idNumber', label: 'Số định danh cá nhân của chủ hộ', errorLabel: 'số định danh cá nhân của chủ hộ', required: true, width: '10', when },
    { key: 'householder.relation', type: 'text', label: 'Quan hệ với chủ hộ', errorLabel: 'quan hệ với chủ hộ', hint: 'Ví dụ: con, vợ, cháu, người thuê nhà', required: true, maxLength: 60, width: '20', when },
    { key: 'householder.consent', type: 'checkbox', label: 'Chủ hộ, chủ sở hữu chỗ ở đã đồng ý cho đăng ký (ghi ý kiến vào tờ khai hoặc xác nhận trên ứng dụng)', required: true, errors: { required: 'Cần có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở' }, when },
  ];
}

// ---------------------------------------------------------------- 1.004222 Đăng ký thường trú
export const permanentResidence: WrittenForm = {
  form: {
    procedureCode: '1.004222',
    version: 1,
    title: 'Tờ khai đăng ký thường trú (CT01)',
    sections: [
      { key: 'person', title: 'Người đăng ký thường trú', fields: registrantFields() },
      {
        key: 'place',
        title: 'Nơi đăng ký thường trú',
        fields: [
          { key: 'place.address', type: 'text', label: 'Địa chỉ chỗ ở đăng ký thường trú', errorLabel: 'địa chỉ đăng ký thường trú', required: true, maxLength: 300, hint: 'Số nhà, đường (thôn, tổ), xã hoặc phường, tỉnh' },
          {
            key: 'basis',
            type: 'radio',
            label: 'Chỗ ở này',
            errorLabel: 'căn cứ đăng ký thường trú',
            required: true,
            options: [
              { value: 'own', label: 'Thuộc quyền sở hữu của tôi' },
              { value: 'family', label: 'Của người thân (vợ, chồng, cha, mẹ, con…) — về ở cùng' },
              { value: 'rent', label: 'Thuê, mượn, ở nhờ' },
              { value: 'religious', label: 'Cơ sở tín ngưỡng, cơ sở tôn giáo' },
              { value: 'care', label: 'Cơ sở trợ giúp xã hội, hộ gia đình nhận chăm sóc, nuôi dưỡng' },
              { value: 'vessel', label: 'Phương tiện dùng để ở (tàu, thuyền…)' },
              { value: 'unit', label: 'Nơi đơn vị đóng quân (Công an, Quân đội)' },
            ],
          },
          ...householderFields(basis('family', 'rent')),
          { key: 'previous.address', type: 'text', label: 'Nơi thường trú trước đây', maxLength: 300 },
          declarationField(),
        ],
      },
    ],
    documents: [
      { key: 'ct01', name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', kind: 'submit', when: ON_PAPER, source: { text: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01', section: 'thuộc quyền sở hữu của mình' } },
      { key: 'home', name: 'Giấy tờ chứng minh chỗ ở hợp pháp (nếu chưa có trong căn cước điện tử, Cơ sở dữ liệu quốc gia về dân cư)', kind: 'submit', required: false, when: basis('own'), source: { text: 'Thông tin chứng minh về chỗ ở hợp pháp' } },
      { key: 'kinship', name: 'Giấy tờ chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình (nếu chưa có trong căn cước điện tử)', kind: 'submit', required: false, when: basis('family'), source: { text: 'Thông tin chứng minh quan hệ nhân thân với chủ hộ' } },
      { key: 'lease', name: 'Hợp đồng, văn bản cho thuê, cho mượn, cho ở nhờ được công chứng hoặc chứng thực', kind: 'submit', when: basis('rent'), source: { text: 'Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ' } },
      { key: 'area', name: 'Giấy tờ chứng minh đủ diện tích nhà ở bình quân (nếu chưa có trong căn cước điện tử)', kind: 'submit', required: false, when: basis('rent'), source: { text: 'Thông tin chứng minh đủ diện tích nhà ở' } },
      { key: 'religiousHousing', name: 'Văn bản xác nhận của Ủy ban nhân dân cấp xã về việc cơ sở tín ngưỡng, tôn giáo có công trình phụ trợ là nhà ở', kind: 'submit', when: basis('religious'), source: { text: 'Văn bản xác nhận của Ủy ban nhân dân cấp xã về việc trong cơ sở tín ngưỡng' } },
      { key: 'religiousPerson', name: 'Giấy tờ chứng minh là nhà tu hành, chức sắc, chức việc hoạt động tại cơ sở tôn giáo đó', kind: 'submit', when: basis('religious'), source: { text: 'Giấy tờ, tài liệu chứng minh là nhà tu hành' } },
      { key: 'care', name: 'Giấy tờ xác nhận về việc chăm sóc, nuôi dưỡng, trợ giúp', kind: 'submit', when: basis('care'), source: { text: 'Giấy tờ, tài liệu xác nhận về việc chăm sóc, nuôi dưỡng, trợ giúp' } },
      { key: 'vessel', name: 'Giấy chứng nhận đăng ký phương tiện và giấy chứng nhận an toàn kỹ thuật, bảo vệ môi trường (hoặc xác nhận của UBND cấp xã)', kind: 'submit', when: basis('vessel'), source: { text: 'Giấy chứng nhận đăng ký phương tiện' } },
      { key: 'mooring', name: 'Văn bản xác nhận của UBND cấp xã về địa điểm phương tiện đậu, đỗ thường xuyên (nếu nơi đăng ký phương tiện khác nơi thường trú)', kind: 'submit', required: false, when: basis('vessel'), source: { text: 'địa điểm phương tiện đăng ký đậu, đỗ thường xuyên' } },
      { key: 'unitLetter', name: 'Giấy giới thiệu của đơn vị (Quân đội: cấp trung đoàn trở lên; Công an: thủ trưởng đơn vị quản lý trực tiếp)', kind: 'submit', when: basis('unit'), source: { text: 'Giấy giới thiệu đăng ký thường trú của cơ quan, đơn vị cấp trung đoàn' } },
    ],
    result: { kind: 'residence-notice', name: 'Thông báo kết quả giải quyết thủ tục về cư trú' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Nguyễn Thị Hồng Nhung',
    'person.birthDate': '1990-01-25',
    'person.sex': 'female',
    'person.idNumber': '025190001234',
    'person.phone': '0912345678',
    'place.address': 'Số 25 đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ',
    basis: 'own',
    'previous.address': 'Khu 2, xã Hy Cương, tỉnh Phú Thọ',
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.004194 Đăng ký tạm trú
export const temporaryResidence: WrittenForm = {
  form: {
    procedureCode: '1.004194',
    version: 1,
    title: 'Tờ khai đăng ký tạm trú (CT01)',
    sections: [
      { key: 'person', title: 'Người đăng ký tạm trú', fields: registrantFields() },
      {
        key: 'place',
        title: 'Nơi tạm trú',
        fields: [
          { key: 'place.address', type: 'text', label: 'Địa chỉ chỗ ở tạm trú', errorLabel: 'địa chỉ tạm trú', required: true, maxLength: 300 },
          { key: 'stay.months', type: 'number', label: 'Thời hạn tạm trú đề nghị (tháng)', errorLabel: 'thời hạn tạm trú', hint: 'Tối đa 24 tháng', required: true, min: 1, max: 24, width: '2' },
          {
            key: 'basis',
            type: 'radio',
            label: 'Chỗ ở này',
            errorLabel: 'căn cứ đăng ký tạm trú',
            required: true,
            options: [
              { value: 'own', label: 'Thuộc quyền sở hữu của tôi' },
              { value: 'rent', label: 'Thuê, mượn, ở nhờ' },
              { value: 'unit', label: 'Nơi đơn vị đóng quân (Công an, Quân đội)' },
            ],
          },
          ...householderFields(basis('rent')),
          { key: 'person.minorConsent', type: 'checkbox', label: 'Người đăng ký chưa thành niên và cha, mẹ hoặc người giám hộ đã đồng ý (ghi vào tờ khai)', when: role('family') },
          declarationField(),
        ],
      },
    ],
    documents: [
      { key: 'ct01', name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01); người chưa thành niên ghi ý kiến đồng ý của cha, mẹ hoặc người giám hộ', kind: 'submit', when: ON_PAPER, source: { text: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01', section: 'Hồ sơ đăng ký tạm trú gồm' } },
      { key: 'home', name: 'Giấy tờ chứng minh chỗ ở hợp pháp, gồm văn bản cho thuê, cho mượn, cho ở nhờ nếu có (nếu chưa có trong căn cước điện tử, Cơ sở dữ liệu quốc gia về dân cư)', kind: 'submit', required: false, when: basis('own', 'rent'), source: { text: 'Thông tin chứng minh về chỗ ở hợp pháp', section: 'Hồ sơ đăng ký tạm trú gồm' } },
      { key: 'unitLetter', name: 'Giấy giới thiệu của đơn vị (Quân đội: cấp trung đoàn trở lên; Công an: thủ trưởng đơn vị quản lý trực tiếp)', kind: 'submit', when: basis('unit'), source: { text: 'Giấy giới thiệu đăng ký tạm trú của đơn vị cấp trung đoàn' } },
    ],
    result: { kind: 'residence-notice', name: 'Thông báo kết quả giải quyết thủ tục về cư trú' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Lò Văn Páo',
    'person.birthDate': '2003-03-03',
    'person.sex': 'male',
    'person.idNumber': '014203005566',
    'person.phone': '0978123456',
    'place.address': 'Phòng 204, nhà trọ số 9 ngõ 12 đường Lê Quý Đôn, phường Việt Trì, tỉnh Phú Thọ',
    'stay.months': '12',
    basis: 'rent',
    'householder.fullName': 'Trần Văn Lộc',
    'householder.idNumber': '025065003344',
    'householder.relation': 'Người thuê nhà',
    'householder.consent': true,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.002755 Gia hạn tạm trú
export const extendTemporaryResidence: WrittenForm = {
  form: {
    procedureCode: '1.002755',
    version: 1,
    title: 'Tờ khai gia hạn tạm trú (CT01)',
    intro: 'Gia hạn trong 15 ngày trước ngày hết thời hạn tạm trú đã đăng ký.',
    sections: [
      { key: 'person', title: 'Người gia hạn tạm trú', fields: registrantFields() },
      {
        key: 'place',
        title: 'Nơi tạm trú',
        fields: [
          { key: 'place.address', type: 'text', label: 'Địa chỉ đang tạm trú', errorLabel: 'địa chỉ đang tạm trú', required: true, maxLength: 300 },
          { key: 'stay.until', type: 'date', label: 'Thời hạn tạm trú hiện tại đến ngày', errorLabel: 'ngày hết hạn tạm trú hiện tại', required: true },
          { key: 'stay.months', type: 'number', label: 'Gia hạn thêm (tháng)', errorLabel: 'số tháng gia hạn', hint: 'Tối đa 24 tháng', required: true, min: 1, max: 24, width: '2' },
          {
            key: 'basis',
            type: 'radio',
            label: 'Chỗ ở này',
            errorLabel: 'chỗ ở này thuộc trường hợp nào',
            required: true,
            options: [
              { value: 'own', label: 'Thuộc quyền sở hữu của tôi' },
              { value: 'rent', label: 'Thuê, mượn, ở nhờ' },
              { value: 'unit', label: 'Nơi đơn vị đóng quân (Công an, Quân đội)' },
            ],
          },
          { key: 'owner.consent', type: 'checkbox', label: 'Chủ sở hữu chỗ ở đã đồng ý cho gia hạn (ghi ý kiến vào tờ khai hoặc bằng văn bản)', required: true, errors: { required: 'Cần có ý kiến đồng ý của chủ sở hữu chỗ ở' }, when: basis('rent') },
          declarationField(),
        ],
      },
    ],
    documents: [
      { key: 'ct01', name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01), có ý kiến đồng ý của chủ sở hữu chỗ ở hợp pháp', kind: 'submit', when: ON_PAPER, source: { text: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01', section: 'Hồ sơ gia hạn tạm trú gồm' } },
      { key: 'unitLetter', name: 'Giấy giới thiệu của đơn vị (Quân đội: cấp trung đoàn trở lên; Công an: thủ trưởng đơn vị quản lý trực tiếp)', kind: 'submit', when: basis('unit'), source: { text: 'Giấy giới thiệu', section: 'Gia hạn tạm trú tại nơi đơn vị đóng quân' } },
    ],
    result: { kind: 'residence-notice', name: 'Thông báo kết quả giải quyết thủ tục về cư trú' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Lò Văn Páo',
    'person.birthDate': '2003-03-03',
    'person.sex': 'male',
    'person.idNumber': '014203005566',
    'place.address': 'Phòng 204, nhà trọ số 9 ngõ 12 đường Lê Quý Đôn, phường Việt Trì, tỉnh Phú Thọ',
    'stay.until': '2026-10-31',
    'stay.months': '12',
    basis: 'rent',
    'owner.consent': true,
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.010041 Xác nhận thông tin về cư trú
export const residenceConfirmation: WrittenForm = {
  form: {
    procedureCode: '1.010041',
    version: 1,
    title: 'Đề nghị xác nhận thông tin về cư trú (CT01)',
    sections: [
      { key: 'person', title: 'Người được xác nhận', fields: registrantFields() },
      {
        key: 'request',
        title: 'Nội dung đề nghị',
        fields: [
          { key: 'place.address', type: 'text', label: 'Nơi cư trú hiện tại', errorLabel: 'nơi cư trú hiện tại', required: true, maxLength: 300, prefill: { from: 'address', when: role('self') } },
          {
            key: 'content',
            type: 'radio',
            label: 'Đề nghị xác nhận',
            errorLabel: 'nội dung đề nghị xác nhận',
            required: true,
            options: [
              { value: 'current', label: 'Thông tin về nơi cư trú hiện tại' },
              { value: 'history', label: 'Quá trình cư trú (các nơi đã cư trú)' },
            ],
          },
          { key: 'history', type: 'textarea', label: 'Các nơi đã cư trú và thời gian', required: true, maxLength: 1000, when: { field: 'content', equals: 'history' } },
          { key: 'purpose', type: 'text', label: 'Mục đích sử dụng', errorLabel: 'mục đích sử dụng', required: true, maxLength: 200, hint: 'Ví dụ: bổ sung hồ sơ xin việc' },
          declarationField(),
        ],
      },
    ],
    documents: [{ key: 'ct01', name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', kind: 'submit', when: ON_PAPER, source: { text: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01' } }],
    result: { kind: 'residence-confirmation', name: 'Xác nhận thông tin về cư trú (CT07)' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'self',
    'person.fullName': 'Nguyễn Thị Hồng Nhung',
    'person.birthDate': '1990-01-25',
    'person.sex': 'female',
    'person.idNumber': '025190001234',
    'place.address': 'Số 25 đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ',
    content: 'current',
    purpose: 'Bổ sung hồ sơ vay vốn ngân hàng',
    declaration: true,
  },
};
