import type { FormDefinitionInput } from '../domain/types.ts';
import type { WrittenForm } from './registry-types.ts';
import { declarationField } from './shared.ts';

/**
 * Certification at the commune (Nghị định 23/2015/NĐ-CP as amended; certification statements of
 * Thông tư 01/2020/TT-BTP): copies certified from the original, signatures, and contracts about land,
 * houses and movable property. The person appears in person; the form records what is certified.
 */

// ---------------------------------------------------------------- 2.000815 Chứng thực bản sao từ bản chính
export const certifiedCopy: WrittenForm = {
  form: {
    procedureCode: '2.000815',
    version: 1,
    title: 'Yêu cầu chứng thực bản sao từ bản chính',
    sections: [
      {
        key: 'paper',
        title: 'Giấy tờ cần chứng thực',
        fields: [
          { key: 'paper.name', type: 'text', label: 'Tên giấy tờ, văn bản', errorLabel: 'tên giấy tờ, văn bản cần chứng thực', hint: 'Ví dụ: Bằng tốt nghiệp trung học phổ thông', required: true, maxLength: 200 },
          { key: 'paper.issuer', type: 'text', label: 'Cơ quan, tổ chức cấp', maxLength: 200 },
          { key: 'paper.number', type: 'text', label: 'Số, ký hiệu của giấy tờ', maxLength: 60, width: '10' },
          { key: 'paper.foreign', type: 'checkbox', label: 'Giấy tờ do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận' },
          { key: 'paper.pages', type: 'number', label: 'Số trang của bản chính', errorLabel: 'số trang của bản chính', required: true, min: 1, max: 500, width: '4' },
          { key: 'copies', type: 'number', label: 'Số bản sao cần chứng thực', errorLabel: 'số bản sao cần chứng thực', required: true, min: 1, max: 50, width: '2', default: '1' },
          {
            key: 'paper.copyBy',
            type: 'radio',
            label: 'Bản sao',
            errorLabel: 'ai chuẩn bị bản sao',
            required: true,
            options: [
              { value: 'applicant', label: 'Tôi mang theo bản sao (bản chụp)' },
              { value: 'office', label: 'Tôi chỉ mang bản chính, đề nghị cơ quan chụp' },
            ],
          },
        ],
      },
    ],
    documents: [
      { key: 'original', name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực (xuất trình, được trả lại)', kind: 'present', source: { text: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao' } },
      { key: 'copy', name: 'Bản sao (bản chụp) cần chứng thực', kind: 'submit', when: { field: 'paper.copyBy', equals: 'applicant' }, source: { text: 'bản sao cần chứng thực' } },
    ],
    result: { kind: 'certified-copy', name: 'Bản sao được chứng thực từ bản chính' },
  } satisfies FormDefinitionInput,
  sample: { 'paper.name': 'Bằng tốt nghiệp trung học phổ thông', 'paper.issuer': 'Sở Giáo dục và Đào tạo tỉnh Phú Thọ', 'paper.number': 'B 0123456', 'paper.foreign': false, 'paper.pages': '1', copies: '3', 'paper.copyBy': 'applicant' },
};

// ---------------------------------------------------------------- 2.000884 Chứng thực chữ ký
export const signature: WrittenForm = {
  form: {
    procedureCode: '2.000884',
    version: 1,
    title: 'Yêu cầu chứng thực chữ ký',
    intro: 'Người yêu cầu ký (hoặc điểm chỉ) trước mặt người thực hiện chứng thực.',
    sections: [
      {
        key: 'signer',
        title: 'Người ký',
        fields: [
          { key: 'signer.fullName', type: 'text', label: 'Họ, chữ đệm, tên người ký', errorLabel: 'họ, chữ đệm, tên người ký', required: true, maxLength: 100, prefill: { from: 'fullName' } },
          { key: 'signer.idNumber', type: 'idNumber', label: 'Số định danh cá nhân (hoặc số hộ chiếu)', errorLabel: 'số định danh cá nhân của người ký', required: true, width: '10', prefill: { from: 'idNumber' } },
          {
            key: 'signer.mode',
            type: 'radio',
            label: 'Cách xác nhận',
            errorLabel: 'cách xác nhận',
            required: true,
            options: [
              { value: 'sign', label: 'Ký' },
              { value: 'fingerprint', label: 'Điểm chỉ' },
              { value: 'neither', label: 'Không thể ký, không thể điểm chỉ' },
            ],
          },
          { key: 'signer.witness', type: 'text', label: 'Họ tên, giấy tờ tùy thân của người làm chứng', required: true, maxLength: 300, when: { field: 'signer.mode', equals: 'neither' } },
        ],
      },
      {
        key: 'paper',
        title: 'Giấy tờ, văn bản được ký',
        fields: [
          { key: 'paper.name', type: 'text', label: 'Tên giấy tờ, văn bản', errorLabel: 'tên giấy tờ, văn bản', hint: 'Ví dụ: Giấy ủy quyền, Đơn xin việc', required: true, maxLength: 200 },
          { key: 'paper.foreignLanguage', type: 'checkbox', label: 'Văn bản bằng tiếng nước ngoài' },
          { key: 'copies', type: 'number', label: 'Số bản cần chứng thực', errorLabel: 'số bản cần chứng thực', required: true, min: 1, max: 50, width: '2', default: '1' },
        ],
      },
    ],
    documents: [
      { key: 'identity', name: 'Căn cước điện tử, thẻ căn cước hoặc hộ chiếu còn giá trị sử dụng', kind: 'present', source: { text: 'Một trong các giấy tờ sau: Căn cước điện tử' } },
      { key: 'paper', name: 'Giấy tờ, văn bản sẽ ký trước người thực hiện chứng thực', kind: 'present', source: { text: 'Giấy tờ, văn bản mà mình sẽ yêu cầu chứng thực chữ ký' } },
      { key: 'translation', name: 'Bản dịch ra tiếng Việt của văn bản (nếu người thực hiện chứng thực yêu cầu)', kind: 'submit', required: false, when: { field: 'paper.foreignLanguage', equals: true }, source: { text: 'bằng tiếng nước ngoài' } },
    ],
    result: { kind: 'signature-certification', name: 'Giấy tờ, văn bản được chứng thực chữ ký' },
  } satisfies FormDefinitionInput,
  sample: { 'signer.fullName': 'Nguyễn Thị Hồng Nhung', 'signer.idNumber': '025190001234', 'signer.mode': 'sign', 'paper.name': 'Giấy ủy quyền nhận lương hưu', 'paper.foreignLanguage': false, copies: '2' },
};

// ---------------------------------------------------------------- 2.001035 Chứng thực giao dịch liên quan đến tài sản
export const contract: WrittenForm = {
  form: {
    procedureCode: '2.001035',
    version: 1,
    title: 'Yêu cầu chứng thực hợp đồng, giao dịch',
    intro: 'Các bên giao kết cùng có mặt, ký (hoặc điểm chỉ) vào hợp đồng trước người thực hiện chứng thực.',
    sections: [
      {
        key: 'contract',
        title: 'Hợp đồng, giao dịch',
        fields: [
          {
            key: 'contract.kind',
            type: 'select',
            label: 'Loại hợp đồng, giao dịch',
            errorLabel: 'loại hợp đồng, giao dịch',
            required: true,
            options: [
              { value: 'transfer', label: 'Chuyển nhượng quyền sử dụng đất' },
              { value: 'gift', label: 'Tặng cho quyền sử dụng đất, nhà ở' },
              { value: 'lease', label: 'Thuê, cho thuê nhà ở, quyền sử dụng đất' },
              { value: 'mortgage', label: 'Thế chấp quyền sử dụng đất, tài sản' },
              { value: 'sale', label: 'Mua bán tài sản là động sản' },
              { value: 'other', label: 'Giao dịch khác' },
            ],
          },
          { key: 'contract.title', type: 'text', label: 'Tên hợp đồng, giao dịch', errorLabel: 'tên hợp đồng, giao dịch', required: true, maxLength: 200, hint: 'Như ghi ở đầu dự thảo, ví dụ: Hợp đồng chuyển nhượng quyền sử dụng đất' },
          {
            key: 'property.kind',
            type: 'radio',
            label: 'Tài sản',
            errorLabel: 'loại tài sản',
            required: true,
            options: [
              { value: 'land', label: 'Quyền sử dụng đất' },
              { value: 'house', label: 'Nhà ở (và quyền sử dụng đất)' },
              { value: 'movable', label: 'Động sản (xe, máy móc…)' },
            ],
          },
          { key: 'property.description', type: 'textarea', label: 'Mô tả tài sản', errorLabel: 'mô tả tài sản', hint: 'Thửa đất số, tờ bản đồ số, địa chỉ, diện tích, số Giấy chứng nhận; hoặc loại xe, biển số', required: true, maxLength: 1000 },
          { key: 'contract.value', type: 'number', label: 'Giá trị giao dịch (đồng)', min: 0, max: 1e15, width: '10' },
        ],
      },
      {
        key: 'parties',
        title: 'Các bên',
        fields: [
          { key: 'partyA.fullName', type: 'text', label: 'Bên A: họ, chữ đệm, tên (hoặc tên tổ chức)', errorLabel: 'họ, chữ đệm, tên của bên A', required: true, maxLength: 200, prefill: { from: 'fullName' } },
          { key: 'partyA.idNumber', type: 'idNumber', label: 'Bên A: số định danh cá nhân', errorLabel: 'số định danh cá nhân của bên A', required: true, width: '10', prefill: { from: 'idNumber' } },
          { key: 'partyA.residence', type: 'text', label: 'Bên A: nơi cư trú', errorLabel: 'nơi cư trú của bên A', required: true, maxLength: 300, prefill: { from: 'address' } },
          { key: 'partyB.fullName', type: 'text', label: 'Bên B: họ, chữ đệm, tên (hoặc tên tổ chức)', errorLabel: 'họ, chữ đệm, tên của bên B', required: true, maxLength: 200 },
          { key: 'partyB.idNumber', type: 'idNumber', label: 'Bên B: số định danh cá nhân', errorLabel: 'số định danh cá nhân của bên B', required: true, width: '10' },
          { key: 'partyB.residence', type: 'text', label: 'Bên B: nơi cư trú', errorLabel: 'nơi cư trú của bên B', required: true, maxLength: 300 },
          { key: 'copies', type: 'number', label: 'Số bản hợp đồng cần chứng thực', errorLabel: 'số bản cần chứng thực', required: true, min: 1, max: 20, width: '2', default: '2' },
          declarationField('Các bên cam đoan tự nguyện giao kết hợp đồng, giao dịch và chịu trách nhiệm về nội dung của hợp đồng, giao dịch.'),
        ],
      },
    ],
    documents: [
      { key: 'draft', name: 'Dự thảo hợp đồng, giao dịch', kind: 'submit', source: { text: 'Dự thảo giao dịch' } },
      {
        key: 'ownership',
        name: 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản (bản chính hoặc bản sao có chứng thực)',
        kind: 'submit',
        source: { text: 'giấy chứng nhận quyền sở hữu, quyền sử dụng' },
      },
    ],
    result: { kind: 'contract-certification', name: 'Hợp đồng, giao dịch được chứng thực' },
  } satisfies FormDefinitionInput,
  sample: {
    'contract.kind': 'transfer',
    'contract.title': 'Hợp đồng chuyển nhượng quyền sử dụng đất',
    'property.kind': 'land',
    'property.description': 'Thửa đất số 125, tờ bản đồ số 18, diện tích 120 m², khu 4, xã Hy Cương, tỉnh Phú Thọ; Giấy chứng nhận số CS 012345 cấp ngày 12/5/2019',
    'contract.value': '850000000',
    'partyA.fullName': 'Nguyễn Văn Hải',
    'partyA.idNumber': '025070001111',
    'partyA.residence': 'Khu 4, xã Hy Cương, tỉnh Phú Thọ',
    'partyB.fullName': 'Lương Thị Thảo',
    'partyB.idNumber': '025185002222',
    'partyB.residence': 'Phường Vân Phú, tỉnh Phú Thọ',
    copies: '3',
    declaration: true,
  },
};
