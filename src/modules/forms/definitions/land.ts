import type { Condition, FormDefinitionInput } from '../domain/types.ts';
import type { WrittenForm } from './registry-types.ts';
import { declarationField, personFields } from './shared.ts';

/**
 * Land and construction at the commune: first registration of land used by a household or an
 * individual (Luật Đất đai 2024; Nghị định 151/2025/NĐ-CP on the two-tier split; the registration form
 * "Đơn đăng ký đất đai, tài sản gắn liền với đất"), and the building permit of a detached house
 * (Luật Xây dựng; Nghị định 175/2024/NĐ-CP, Phụ lục II, Mẫu số 1 the application).
 */

const SEC_A = 'a) Đối với trường hợp thực hiện thủ tục đăng ký, cấp Giấy chứng nhận cho hộ gia đình';
const origin = (v: string): Condition => ({ field: 'parcel.origin', equals: v });
const ticked = (k: string): Condition => ({ field: k, equals: true });

// ---------------------------------------------------------------- 1.013978 Đăng ký đất đai lần đầu (hộ gia đình, cá nhân)
export const landRegistration: WrittenForm = {
  form: {
    procedureCode: '1.013978',
    version: 1,
    title: 'Đơn đăng ký đất đai, tài sản gắn liền với đất',
    intro: 'Đăng ký lần đầu thửa đất hộ gia đình, cá nhân đang sử dụng. Cơ quan đăng ký đất đai đo đạc, kiểm tra hiện trạng trước khi xác nhận.',
    sections: [
      {
        key: 'applicant',
        title: 'Người nộp hồ sơ',
        fields: [
          {
            key: 'applicant.role',
            type: 'radio',
            label: 'Bạn là',
            errorLabel: 'bạn là người sử dụng đất hay người đại diện',
            required: true,
            options: [
              { value: 'user', label: 'Người sử dụng đất' },
              { value: 'proxy', label: 'Người đại diện theo pháp luật hoặc theo ủy quyền' },
            ],
          },
        ],
      },
      { key: 'user', title: 'Người sử dụng đất', fields: personFields('user', { of: 'của người sử dụng đất', ethnicity: false, nationality: false, idNumber: 'required', prefillWhen: { field: 'applicant.role', equals: 'user' } }) },
      {
        key: 'parcel',
        title: 'Thửa đất',
        fields: [
          { key: 'parcel.address', type: 'text', label: 'Địa chỉ thửa đất', errorLabel: 'địa chỉ thửa đất', required: true, maxLength: 300 },
          { key: 'parcel.mapSheet', type: 'text', label: 'Tờ bản đồ số', maxLength: 20, width: '4' },
          { key: 'parcel.number', type: 'text', label: 'Thửa đất số', maxLength: 20, width: '4' },
          { key: 'parcel.area', type: 'number', label: 'Diện tích đang sử dụng (m²)', errorLabel: 'diện tích thửa đất', required: true, min: 1, max: 1e7, width: '10' },
          {
            key: 'parcel.use',
            type: 'select',
            label: 'Mục đích sử dụng',
            errorLabel: 'mục đích sử dụng đất',
            required: true,
            options: [
              { value: 'ont', label: 'Đất ở tại nông thôn (ONT)' },
              { value: 'odt', label: 'Đất ở tại đô thị (ODT)' },
              { value: 'luc', label: 'Đất chuyên trồng lúa (LUC)' },
              { value: 'bhk', label: 'Đất trồng cây hàng năm khác (BHK)' },
              { value: 'cln', label: 'Đất trồng cây lâu năm (CLN)' },
              { value: 'rsx', label: 'Đất rừng sản xuất (RSX)' },
              { value: 'nts', label: 'Đất nuôi trồng thủy sản (NTS)' },
            ],
          },
          { key: 'parcel.usedSince', type: 'year', label: 'Sử dụng từ năm', errorLabel: 'năm bắt đầu sử dụng đất', required: true, width: '4' },
          {
            key: 'parcel.origin',
            type: 'radio',
            label: 'Nguồn gốc sử dụng đất',
            errorLabel: 'nguồn gốc sử dụng đất',
            required: true,
            options: [
              { value: 'papers', label: 'Có giấy tờ về quyền sử dụng đất (Điều 137 Luật Đất đai)' },
              { value: 'transfer', label: 'Nhận chuyển nhượng, tặng cho nhưng chưa làm thủ tục' },
              { value: 'inherited', label: 'Nhận thừa kế' },
              { value: 'stable', label: 'Sử dụng ổn định, không có giấy tờ' },
            ],
          },
          { key: 'parcel.householdShared', type: 'checkbox', label: 'Đất của hộ gia đình, nhiều thành viên có chung quyền sử dụng' },
          { key: 'parcel.coOwners', type: 'checkbox', label: 'Nhiều người chung quyền, đề nghị cấp chung một Giấy chứng nhận' },
          { key: 'parcel.violation', type: 'checkbox', label: 'Đã từng bị xử phạt vi phạm hành chính trong lĩnh vực đất đai' },
        ],
      },
      {
        key: 'asset',
        title: 'Tài sản gắn liền với đất',
        fields: [
          { key: 'house.has', type: 'checkbox', label: 'Có nhà ở, công trình xây dựng trên đất và đề nghị chứng nhận quyền sở hữu' },
          { key: 'house.floorArea', type: 'number', label: 'Diện tích sàn nhà ở (m²)', errorLabel: 'diện tích sàn nhà ở', required: true, min: 1, max: 1e6, width: '10', when: ticked('house.has') },
          { key: 'house.floors', type: 'number', label: 'Số tầng', errorLabel: 'số tầng', required: true, min: 1, max: 100, width: '2', when: ticked('house.has') },
          {
            key: 'certificate.wanted',
            type: 'radio',
            label: 'Đề nghị',
            errorLabel: 'đề nghị đăng ký hay cấp Giấy chứng nhận',
            required: true,
            options: [
              { value: 'yes', label: 'Đăng ký và cấp Giấy chứng nhận' },
              { value: 'no', label: 'Chỉ đăng ký đất đai (chưa cấp Giấy chứng nhận)' },
            ],
          },
          declarationField('Tôi cam đoan nội dung kê khai trên đơn là đúng sự thật, nếu sai tôi hoàn toàn chịu trách nhiệm trước pháp luật.'),
        ],
      },
    ],
    documents: [
      { key: 'application', name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Đơn đăng ký đất đai, tài sản gắn liền với đất', section: SEC_A } },
      { key: 'landPapers', name: 'Một trong các giấy tờ về quyền sử dụng đất quy định tại Điều 137 Luật Đất đai', kind: 'submit', when: origin('papers'), source: { text: 'Một trong các loại giấy tờ quy định tại Điều 137', section: SEC_A } },
      { key: 'transferPapers', name: 'Giấy tờ về việc chuyển quyền sử dụng đất có chữ ký của bên chuyển quyền và bên nhận chuyển quyền', kind: 'submit', when: origin('transfer'), source: { text: 'Giấy tờ về việc chuyển quyền sử dụng đất', section: SEC_A } },
      { key: 'inheritance', name: 'Giấy tờ về việc nhận thừa kế quyền sử dụng đất', kind: 'submit', when: origin('inherited'), source: { text: 'nhận thừa kế quyền sử dụng đất theo quy định của pháp luật về dân sự đối với trường hợp', section: SEC_A } },
      { key: 'householdMembers', name: 'Văn bản xác định các thành viên có chung quyền sử dụng đất của hộ gia đình', kind: 'submit', when: ticked('parcel.householdShared'), source: { text: 'Văn bản xác định các thành viên có chung quyền sử dụng đất', section: SEC_A } },
      { key: 'coOwnersAgreement', name: 'Văn bản thỏa thuận về việc cấp chung một Giấy chứng nhận', kind: 'submit', when: ticked('parcel.coOwners'), source: { text: 'Văn bản thỏa thuận về việc cấp chung một Giấy chứng nhận', section: SEC_A } },
      { key: 'violation', name: 'Giấy tờ liên quan đến xử phạt vi phạm hành chính trong lĩnh vực đất đai', kind: 'submit', when: ticked('parcel.violation'), source: { text: 'Giấy tờ liên quan đến xử phạt vi phạm hành chính', section: SEC_A } },
      { key: 'design', name: 'Hồ sơ thiết kế xây dựng công trình đã được thẩm định hoặc chấp thuận nghiệm thu (nếu có)', kind: 'submit', required: false, when: ticked('house.has'), source: { text: 'Hồ sơ thiết kế xây dựng công trình', section: SEC_A } },
      { key: 'representation', name: 'Văn bản về việc đại diện theo quy định của pháp luật về dân sự', kind: 'submit', when: { field: 'applicant.role', equals: 'proxy' }, source: { text: 'Văn bản về việc đại diện', section: SEC_A } },
      { key: 'cadastralExtract', name: 'Mảnh trích đo bản đồ địa chính thửa đất (nếu có)', kind: 'submit', required: false, source: { text: 'Mảnh trích đo bản đồ địa chính', section: SEC_A } },
    ],
    result: { kind: 'land-registration-notice', name: 'Thông báo xác nhận kết quả đăng ký đất đai' },
  } satisfies FormDefinitionInput,
  sample: {
    'applicant.role': 'user',
    'user.fullName': 'Nguyễn Văn Hải',
    'user.birthDate': '1970-06-01',
    'user.idNumber': '025070001111',
    'user.residence': 'Khu 4, xã Hy Cương, tỉnh Phú Thọ',
    'parcel.address': 'Khu 4, xã Hy Cương, tỉnh Phú Thọ',
    'parcel.mapSheet': '18',
    'parcel.number': '131',
    'parcel.area': '236.5',
    'parcel.use': 'ont',
    'parcel.usedSince': '1992',
    'parcel.origin': 'stable',
    'parcel.householdShared': false,
    'parcel.coOwners': false,
    'parcel.violation': false,
    'house.has': true,
    'house.floorArea': '96',
    'house.floors': '1',
    'certificate.wanted': 'yes',
    declaration: true,
  },
};

// ---------------------------------------------------------------- 1.013225 Cấp giấy phép xây dựng mới (nhà ở riêng lẻ)
const SEC_HOUSE = '(1.7) Đối với công trình nhà ở riêng lẻ';
export const buildingPermit: WrittenForm = {
  form: {
    procedureCode: '1.013225',
    version: 1,
    title: 'Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)',
    intro: 'Biểu mẫu này dành cho nhà ở riêng lẻ của hộ gia đình, cá nhân. Công trình cấp III, cấp IV khác nộp theo danh mục giấy tờ của thủ tục.',
    sections: [
      {
        key: 'owner',
        title: 'Chủ đầu tư',
        fields: [
          { key: 'owner.fullName', type: 'text', label: 'Họ, chữ đệm, tên chủ đầu tư', errorLabel: 'họ, chữ đệm, tên chủ đầu tư', required: true, maxLength: 100, prefill: { from: 'fullName' } },
          { key: 'owner.idNumber', type: 'idNumber', label: 'Số định danh cá nhân', errorLabel: 'số định danh cá nhân của chủ đầu tư', required: true, width: '10', prefill: { from: 'idNumber' } },
          { key: 'owner.residence', type: 'text', label: 'Nơi cư trú', errorLabel: 'nơi cư trú của chủ đầu tư', required: true, maxLength: 300, prefill: { from: 'address' } },
          { key: 'owner.phone', type: 'phone', label: 'Số điện thoại', errorLabel: 'số điện thoại của chủ đầu tư', required: true, width: '10', prefill: { from: 'phone' } },
        ],
      },
      {
        key: 'site',
        title: 'Địa điểm xây dựng',
        fields: [
          { key: 'site.address', type: 'text', label: 'Địa chỉ', errorLabel: 'địa chỉ xây dựng', required: true, maxLength: 300 },
          { key: 'site.parcel', type: 'text', label: 'Thửa đất số', errorLabel: 'số thửa đất', required: true, maxLength: 20, width: '4' },
          { key: 'site.mapSheet', type: 'text', label: 'Tờ bản đồ số', errorLabel: 'số tờ bản đồ', required: true, maxLength: 20, width: '4' },
          { key: 'site.landArea', type: 'number', label: 'Diện tích lô đất (m²)', errorLabel: 'diện tích lô đất', required: true, min: 1, max: 1e6, width: '10' },
          {
            key: 'site.landPaper',
            type: 'radio',
            label: 'Giấy tờ về đất',
            errorLabel: 'giấy tờ về đất',
            required: true,
            options: [
              { value: 'certificate', label: 'Giấy chứng nhận quyền sử dụng đất (sổ đỏ, sổ hồng)' },
              { value: 'other', label: 'Giấy tờ hợp pháp khác về đất đai' },
            ],
          },
        ],
      },
      {
        key: 'building',
        title: 'Nội dung đề nghị cấp phép',
        fields: [
          { key: 'building.grade', type: 'radio', label: 'Cấp công trình', errorLabel: 'cấp công trình', required: true, options: [{ value: 'iii', label: 'Cấp III' }, { value: 'iv', label: 'Cấp IV' }] },
          { key: 'building.footprint', type: 'number', label: 'Diện tích xây dựng tầng 1 (m²)', errorLabel: 'diện tích xây dựng tầng 1', required: true, min: 1, max: 1e5, width: '10' },
          { key: 'building.totalFloorArea', type: 'number', label: 'Tổng diện tích sàn (m²)', errorLabel: 'tổng diện tích sàn', required: true, min: 1, max: 1e6, width: '10' },
          { key: 'building.floors', type: 'number', label: 'Số tầng (không kể tầng hầm, tum)', errorLabel: 'số tầng', required: true, min: 1, max: 7, width: '2' },
          { key: 'building.basement', type: 'checkbox', label: 'Có tầng hầm' },
          { key: 'building.height', type: 'number', label: 'Chiều cao công trình (m)', errorLabel: 'chiều cao công trình', required: true, min: 1, max: 50, width: '4' },
          { key: 'building.designer', type: 'text', label: 'Tổ chức, cá nhân thiết kế', maxLength: 200 },
          { key: 'building.months', type: 'number', label: 'Dự kiến thời gian hoàn thành (tháng)', min: 1, max: 60, width: '2' },
          declarationField('Tôi cam kết xây dựng đúng theo giấy phép được cấp, nếu sai tôi hoàn toàn chịu trách nhiệm và bị xử lý theo quy định của pháp luật.'),
        ],
      },
    ],
    documents: [
      { key: 'application', name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP)', kind: 'submit', when: { channel: ['counter', 'post'] }, source: { text: 'Đơn đề nghị cấp giấy phép', section: SEC_HOUSE } },
      { key: 'landCertificate', name: 'Giấy chứng nhận quyền sử dụng đất (nếu chưa có trong Cơ sở dữ liệu quốc gia về đất đai)', kind: 'submit', when: { field: 'site.landPaper', equals: 'certificate' }, source: { text: 'Giấy chứng nhận quyền sử dụng đất được cấp theo quy định của Luật Đất đai', section: SEC_HOUSE } },
      { key: 'landPaper', name: 'Giấy tờ hợp pháp về đất đai chứng minh sự phù hợp mục đích sử dụng đất (Điều 53 Nghị định 175/2024/NĐ-CP)', kind: 'submit', when: { field: 'site.landPaper', equals: 'other' }, source: { text: 'Một trong những giấy tờ hợp pháp về đất đai', section: SEC_HOUSE } },
      { key: 'drawings', name: '02 bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)', kind: 'submit', copies: 2, source: { text: 'Hồ sơ thiết kế xây dựng', section: SEC_HOUSE } },
    ],
    result: { kind: 'construction-permit', name: 'Giấy phép xây dựng (nhà ở riêng lẻ)' },
  } satisfies FormDefinitionInput,
  sample: {
    'owner.fullName': 'Nguyễn Văn Hải',
    'owner.idNumber': '025070001111',
    'owner.residence': 'Khu 4, xã Hy Cương, tỉnh Phú Thọ',
    'owner.phone': '0983111222',
    'site.address': 'Khu 4, xã Hy Cương, tỉnh Phú Thọ',
    'site.parcel': '131',
    'site.mapSheet': '18',
    'site.landArea': '236.5',
    'site.landPaper': 'certificate',
    'building.grade': 'iii',
    'building.footprint': '96',
    'building.totalFloorArea': '288',
    'building.floors': '3',
    'building.basement': false,
    'building.height': '12.6',
    'building.designer': 'Công ty TNHH Tư vấn thiết kế Đất Tổ',
    'building.months': '8',
    declaration: true,
  },
};
