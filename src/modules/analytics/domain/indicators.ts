/**
 * The sub-indicators of the national service index (Quyết định 766/QĐ-TTg), as listed in
 * shared/docs/INDEX-766.md (the portal's "Mô tả công thức tính chỉ số 766" and the maxima its reporting API
 * returns). One table: id, group, maximum, default target, the formula's source text, and the pure function
 * that reads the counts of a scope into a numerator and a denominator — or says why there is no data.
 */

/** What the projection counts for one scope (a unit, a field, the province) and one period. */
export interface IndexCounts {
  /** Dossiers received in the period (attributed to the scope). */
  received: number;
  /** … of them synchronised to the national portal (DVCQG). */
  synced: number;
  /** … resolved early or on time (end ≤ appointment, at most one supplement request, never late before the end). */
  onTime: number;
  /** … not on time (received − onTime). */
  late: number;
  /** … submitted online (channel 2). */
  online: number;
  /** … of procedures with a fee above 0. */
  feeDue: number;
  /** … of them paid online. */
  feePaidOnline: number;
  /** … whose processing ended with a result. */
  withResult: number;
  /** … of them with an electronic result. */
  resultElectronic: number;
  /** … digitised (components attached as files). */
  digitised: number;
  /** … whose applicant was verified through VNeID / the population database. */
  verified: number;
  /** … rated "not satisfied" (at or below the setting). */
  disliked: number;
  /** Distinct procedures with a dossier received in the period. */
  procedures: number;
  /** … with at least one verified applicant. */
  proceduresVerified: number;
  /** Hours from receipt to the end of processing, summed over the dossiers that ended (for the average). */
  resolvedHoursSum: number;
  resolved: number;
  /**
   * Facts from the procedure catalogue, when the scope is one unit: the services (offerings) received there,
   * and those of them that received at least one online dossier in the period. null = not known.
   */
  servicesOffered: number | null;
  servicesWithOnline: number | null;
  /** Citizens' feedback (phản ánh, kiến nghị) handled by the scope, from the feedback module; null = not known. */
  feedback: FeedbackCounts | null;
}

/** What the index reads of the feedback received in the period by the scope's handling units. */
export interface FeedbackCounts {
  /** Reports received in the period (all are classified: a report carries its category from submission). */
  received: number;
  /** … handled on time: answered by the answer deadline, refused by the acceptance deadline, or still open and not yet due. */
  handledOnTime: number;
  /** … not handled on time (received − handledOnTime): answered or refused late, or open past the deadline. */
  late: number;
  /** … rated "không hài lòng" by the citizen. */
  unsatisfied: number;
}

/** The per-unit facts the feedback module gives (ctx.services.feedback.facts), as far as the index reads them. */
export interface FeedbackUnitFacts {
  unitCode: string;
  received: number;
  answeredOnTime: number;
  refusedOnTime: number;
  open: number;
  overdueOpen: number;
  ratings: { unsatisfied: number };
}

/**
 * Sums the feedback facts of the units of a scope. A report still open and not yet due counts as on time (as a
 * dossier without a closing status is judged at the end of the period); every other report that is not
 * answered or refused on time is late.
 */
export function feedbackCountsOf(facts: FeedbackUnitFacts[]): FeedbackCounts {
  let received = 0;
  let handledOnTime = 0;
  let unsatisfied = 0;
  for (const f of facts) {
    received += f.received;
    handledOnTime += f.answeredOnTime + f.refusedOnTime + Math.max(0, f.open - f.overdueOpen);
    unsatisfied += f.ratings.unsatisfied;
  }
  handledOnTime = Math.min(handledOnTime, received);
  return { received, handledOnTime, late: received - handledOnTime, unsatisfied };
}

/** Satisfaction numerator: reports neither rated unsatisfied nor late (one both late and unsatisfied is subtracted twice — the facts do not say the overlap; re-raised reports are not collected). */
export function feedbackSatisfiedOf(f: FeedbackCounts): number {
  return Math.max(0, f.received - f.unsatisfied - f.late);
}

export function emptyCounts(): IndexCounts {
  return {
    received: 0, synced: 0, onTime: 0, late: 0, online: 0, feeDue: 0, feePaidOnline: 0, withResult: 0, resultElectronic: 0,
    digitised: 0, verified: 0, disliked: 0, procedures: 0, proceduresVerified: 0, resolvedHoursSum: 0, resolved: 0,
    servicesOffered: null, servicesWithOnline: null, feedback: null,
  };
}

export type GroupId = 'cong_khai' | 'tien_do' | 'truc_tuyen' | 'thanh_toan' | 'so_hoa' | 'hai_long';

export const GROUPS: { id: GroupId; label: string; max: number }[] = [
  { id: 'cong_khai', label: 'Công khai, minh bạch', max: 18 },
  { id: 'tien_do', label: 'Tiến độ giải quyết', max: 20 },
  { id: 'truc_tuyen', label: 'Dịch vụ công trực tuyến', max: 12 },
  { id: 'thanh_toan', label: 'Thanh toán trực tuyến', max: 10 },
  { id: 'so_hoa', label: 'Số hóa hồ sơ', max: 22 },
  { id: 'hai_long', label: 'Mức độ hài lòng', max: 18 },
];

/** A rate's parts, or why the platform cannot compute it (facts not collected, formula open). */
export type Measure = { numerator: number; denominator: number } | { noData: string };

export interface Indicator {
  id: string;
  group: GroupId;
  label: string;
  /** Points at most (0: monitoring only). */
  max: number;
  /** Default target T (0..1]: at or above → full points. */
  target: number;
  /** Only computed for this level (e.g. province-level procedure publication). */
  onlyLevel?: 'province';
  /** The formula as the source states it (Vietnamese). */
  formula: string;
  /** How sure the source is of the ceiling or formula. */
  confidence: 'likely' | 'open';
  measure(c: IndexCounts): Measure;
}

const NOT_COLLECTED = (what: string) => ({ noData: `Chưa thu thập: ${what}.` });
const rate = (numerator: number, denominator: number): Measure => ({ numerator, denominator });
const NO_FEEDBACK = NOT_COLLECTED('phản ánh, kiến nghị của phạm vi này (chưa có số liệu từ phân hệ phản ánh, kiến nghị, hoặc không tính theo lĩnh vực)');

export const INDICATORS: Indicator[] = [
  // 1. Công khai, minh bạch (18)
  {
    id: 'procedures_published_on_time', group: 'cong_khai', label: 'Thủ tục được công bố đúng hạn', max: 6, target: 1, confidence: 'likely',
    formula: 'Số thủ tục công bố đúng hạn / số thủ tục được công bố (cấp tỉnh: quyết định ≤ ngày hiệu lực − 5 ngày làm việc)',
    measure: () => NOT_COLLECTED('ngày ban hành quyết định công bố và ngày hiệu lực của thủ tục'),
  },
  {
    id: 'procedures_updated_on_time', group: 'cong_khai', label: 'Thủ tục được cập nhật, công khai đúng hạn', max: 4, target: 1, onlyLevel: 'province', confidence: 'likely',
    formula: 'Số thủ tục công khai ≤ 5 ngày làm việc sau quyết định công bố / số thủ tục phải công khai (chỉ cấp tỉnh)',
    measure: () => NOT_COLLECTED('ngày công khai thủ tục trên Cơ sở dữ liệu quốc gia'),
  },
  {
    id: 'procedures_complete', group: 'cong_khai', label: 'Thủ tục công khai đầy đủ các bộ phận', max: 2, target: 1, confidence: 'likely',
    formula: 'Số thủ tục có đủ tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, đối tượng, cơ quan / số thủ tục công khai (tại thời điểm hiện tại)',
    measure: () => NOT_COLLECTED('ngày và mức độ đầy đủ khi công khai thủ tục'),
  },
  {
    id: 'dossiers_synced', group: 'cong_khai', label: 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia', max: 6, target: 1, confidence: 'likely',
    formula: 'Số hồ sơ đồng bộ có ngày tiếp nhận trong kỳ / số hồ sơ tiếp nhận trong kỳ',
    measure: (c) => rate(c.synced, c.received),
  },
  // 2. Tiến độ giải quyết (20)
  {
    id: 'dossiers_on_time', group: 'tien_do', label: 'Hồ sơ giải quyết trước hạn, đúng hạn', max: 20, target: 1, confidence: 'likely',
    formula:
      'Số hồ sơ đúng hạn / số hồ sơ tiếp nhận và xử lý; đúng hạn khi thời điểm kết thúc ≤ ngày hẹn trả (kết thúc: đã xử lý xong > đã trả > dừng/từ chối/rút; chưa kết thúc: cuối kỳ); thời gian chờ bổ sung được trừ; yêu cầu bổ sung quá một lần: trễ hạn',
    measure: (c) => rate(c.onTime, c.received),
  },
  {
    id: 'average_resolution_time', group: 'tien_do', label: 'Thời gian giải quyết trung bình', max: 0, target: 1, confidence: 'likely',
    formula: 'Chỉ hiển thị (không tính điểm): tổng thời gian từ tiếp nhận đến xử lý xong / số hồ sơ đã xử lý xong',
    measure: (c) => rate(Math.round(c.resolvedHoursSum * 100) / 100, c.resolved),
  },
  // 3. Dịch vụ công trực tuyến (12)
  {
    id: 'procedures_online', group: 'truc_tuyen', label: 'Thủ tục cung cấp dịch vụ công trực tuyến', max: 2, target: 0.8, confidence: 'likely',
    formula: 'Số thủ tục có dịch vụ công trực tuyến một phần hoặc toàn trình / số thủ tục thuộc thẩm quyền (chỉ tiêu 80%)',
    measure: () => NOT_COLLECTED('mức độ dịch vụ công trực tuyến của từng thủ tục tại đơn vị'),
  },
  {
    id: 'services_with_online_dossiers', group: 'truc_tuyen', label: 'Dịch vụ công trực tuyến có phát sinh hồ sơ', max: 4, target: 1, confidence: 'likely',
    formula: 'Số dịch vụ có ít nhất 1 hồ sơ trực tuyến / số dịch vụ (chỉ tiêu 100%)',
    measure: (c) => (c.servicesOffered === null || c.servicesWithOnline === null ? { noData: 'Chỉ tính cho một đơn vị (cần danh mục thủ tục tiếp nhận tại đơn vị).' } : rate(c.servicesWithOnline, c.servicesOffered)),
  },
  {
    id: 'dossiers_online', group: 'truc_tuyen', label: 'Hồ sơ nộp trực tuyến', max: 6, target: 0.5, confidence: 'likely',
    formula: 'Số hồ sơ nộp trực tuyến / số hồ sơ tiếp nhận (chỉ tiêu 50%); cách chia 2/4/6 điểm là "có khả năng", một nguồn dồn cả 12 điểm cho hồ sơ toàn trình',
    measure: (c) => rate(c.online, c.received),
  },
  // 4. Thanh toán trực tuyến (10)
  {
    id: 'fee_procedures_integrated', group: 'thanh_toan', label: 'Thủ tục có phí được tích hợp thanh toán trực tuyến', max: 2, target: 0.8, confidence: 'likely',
    formula: 'Số thủ tục có dữ liệu phí đã đồng bộ / số thủ tục có phí (chỉ tiêu 80%)',
    measure: () => NOT_COLLECTED('trạng thái đồng bộ dữ liệu phí của thủ tục với nền tảng thanh toán'),
  },
  {
    id: 'fee_procedures_with_transactions', group: 'thanh_toan', label: 'Thủ tục có phí phát sinh giao dịch thanh toán trực tuyến', max: 2, target: 1, confidence: 'open',
    formula: 'Công thức chưa được công bố rõ',
    measure: () => ({ noData: 'Công thức của chỉ số chưa được công bố rõ.' }),
  },
  {
    id: 'dossiers_paid_online', group: 'thanh_toan', label: 'Hồ sơ thanh toán trực tuyến', max: 6, target: 1, confidence: 'likely',
    formula: 'Số hồ sơ thanh toán trực tuyến (Cổng DVCQG hoặc cổng thanh toán của tỉnh) / số hồ sơ của thủ tục có phí, trừ hồ sơ có phí bằng 0',
    measure: (c) => rate(c.feePaidOnline, c.feeDue),
  },
  // 5. Số hóa hồ sơ (22)
  {
    id: 'dossiers_electronic_result', group: 'so_hoa', label: 'Hồ sơ có kết quả điện tử', max: 6, target: 1, confidence: 'likely',
    formula: 'Số hồ sơ có tệp kết quả điện tử / số hồ sơ đã có kết quả',
    measure: (c) => rate(c.resultElectronic, c.withResult),
  },
  {
    id: 'dossiers_digitised', group: 'so_hoa', label: 'Hồ sơ được số hóa', max: 4, target: 0.8, confidence: 'likely',
    formula: 'Số hồ sơ có tệp đính kèm thành phần (và kết quả điện tử khi phải có) / số hồ sơ (chỉ tiêu 80%)',
    measure: (c) => rate(c.digitised, c.received),
  },
  {
    id: 'certified_copies', group: 'so_hoa', label: 'Chứng thực bản sao điện tử', max: 2, target: 1, confidence: 'open',
    formula: 'Công thức chưa được công bố rõ',
    measure: () => ({ noData: 'Công thức của chỉ số chưa được công bố rõ; chưa thu thập bản sao chứng thực điện tử.' }),
  },
  {
    id: 'dossiers_reusing_data', group: 'so_hoa', label: 'Hồ sơ tái sử dụng dữ liệu số hóa', max: 2, target: 0.8, confidence: 'likely',
    formula: 'Số hồ sơ có ít nhất 1 thành phần tái sử dụng dữ liệu đã số hóa / số hồ sơ tiếp nhận (chỉ tiêu 80%)',
    measure: () => NOT_COLLECTED('thành phần hồ sơ được tái sử dụng từ dữ liệu đã số hóa'),
  },
  {
    id: 'dossiers_citizen_store', group: 'so_hoa', label: 'Hồ sơ kết nối kho dữ liệu công dân', max: 4, target: 1, confidence: 'likely',
    formula: 'Số hồ sơ có thành phần lấy từ kho dữ liệu của công dân trên Cổng DVCQG hoặc có kết quả đồng bộ vào kho / số hồ sơ tiếp nhận',
    measure: () => NOT_COLLECTED('thành phần lấy từ (và kết quả đồng bộ vào) kho dữ liệu công dân'),
  },
  {
    id: 'dossiers_population_data', group: 'so_hoa', label: 'Hồ sơ sử dụng dữ liệu dân cư', max: 2, target: 1, confidence: 'likely',
    formula: 'Số hồ sơ có người nộp được xác thực qua VNeID hoặc Cơ sở dữ liệu quốc gia về dân cư / số hồ sơ',
    measure: (c) => rate(c.verified, c.received),
  },
  {
    id: 'procedures_population_data', group: 'so_hoa', label: 'Thủ tục có chia sẻ dữ liệu dân cư', max: 2, target: 1, confidence: 'likely',
    formula: 'Số thủ tục có ít nhất 1 hồ sơ như trên / số thủ tục có hồ sơ của công dân trong kỳ',
    measure: (c) => rate(c.proceduresVerified, c.procedures),
  },
  // 6. Mức độ hài lòng (18)
  {
    id: 'feedback_classified', group: 'hai_long', label: 'Phản ánh, kiến nghị được phân loại', max: 0, target: 1, confidence: 'likely',
    formula: 'Chỉ theo dõi (không tính điểm): số phản ánh được phân loại / số phản ánh tiếp nhận',
    measure: (c) => (c.feedback ? rate(c.feedback.received, c.feedback.received) : NO_FEEDBACK),
  },
  {
    id: 'feedback_on_time', group: 'hai_long', label: 'Phản ánh, kiến nghị được xử lý đúng hạn', max: 6, target: 1, confidence: 'likely',
    formula: 'Từ chối ≤ 2 ngày làm việc, yêu cầu bổ sung lần đầu ≤ 5, xử lý ≤ 15, công khai ≤ 2 sau khi có kết quả / số phản ánh tiếp nhận',
    measure: (c) => (c.feedback ? rate(c.feedback.handledOnTime, c.feedback.received) : NO_FEEDBACK),
  },
  {
    id: 'feedback_satisfaction', group: 'hai_long', label: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị', max: 6, target: 1, confidence: 'likely',
    formula: '(Số phản ánh − số bị đánh giá không hài lòng, quá hạn hoặc phản ánh lại) / số phản ánh',
    measure: (c) => (c.feedback ? rate(feedbackSatisfiedOf(c.feedback), c.feedback.received) : NO_FEEDBACK),
  },
  {
    id: 'dossier_satisfaction', group: 'hai_long', label: 'Mức độ hài lòng về giải quyết hồ sơ', max: 6, target: 0.9, confidence: 'likely',
    formula: '100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ hồ sơ bị phản ánh hoặc không hài lòng); chỉ tiêu 90%',
    measure: (c) => rate(Math.max(0, c.received - c.late - c.disliked), c.received),
  },
];

export const INDICATOR_IDS = INDICATORS.map((i) => i.id);
export const indicatorById = (id: string) => INDICATORS.find((i) => i.id === id);
