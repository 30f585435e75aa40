/**
 * The dossier's life as ONE checked table (after OpenCRVS `availableActions.ts`): every status lists the
 * actions that may happen in it, written `as const satisfies Record<DossierStatus, readonly Action[]>`
 * so that adding a status without deciding its actions does not compile. The national portal's status
 * code (REGULATIONS §2.5, [likely]) sits beside each status in a second checked table, so that the later
 * synchronisation to DVCQG is a lookup.
 *
 * Whether an action is allowed at a given moment is then narrowed by the process definition (the step's
 * own list, see process.ts) and by the rules (rules.ts): one supplement request, apology once, fee paid...
 */

export const DOSSIER_STATUSES = [
  'draft',
  'submitted',
  'received',
  'refused_at_reception',
  'supplement_requested',
  'supplemented',
  'awaiting_payment',
  'in_processing',
  'in_consultation',
  'appraised',
  'approved',
  'refused',
  'result_signed',
  'result_issued',
  'returned',
  'withdrawn',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const ACTIONS = [
  'submit',
  'receive',
  'refuse_reception',
  'request_supplement',
  'supplement',
  'accept_supplement',
  'request_payment',
  'record_payment',
  'forward',
  'assign',
  'return_to_step',
  'appraise',
  'request_consultation',
  'reply_consultation',
  'approve',
  'refuse',
  'sign',
  'issue_result',
  'return_result',
  'apologize',
  'withdraw',
  'stop',
  'rate',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The status → allowed-actions table. The compiler proves it complete; dossier tests prove it sane. */
export const AVAILABLE_ACTIONS = {
  draft: ['submit', 'withdraw'],
  submitted: ['receive', 'refuse_reception', 'request_supplement', 'record_payment', 'withdraw'],
  received: ['forward', 'request_payment', 'record_payment', 'apologize', 'withdraw', 'stop'],
  refused_at_reception: [],
  supplement_requested: ['supplement', 'record_payment', 'withdraw', 'stop'],
  supplemented: ['receive', 'accept_supplement', 'refuse_reception', 'record_payment', 'withdraw', 'stop'],
  awaiting_payment: ['record_payment', 'withdraw', 'stop'],
  in_processing: [
    'assign',
    'appraise',
    'forward',
    'return_to_step',
    'request_supplement',
    'request_consultation',
    'request_payment',
    'record_payment',
    'apologize',
    'withdraw',
    'stop',
  ],
  in_consultation: ['reply_consultation', 'record_payment', 'apologize', 'withdraw', 'stop'],
  appraised: [
    'approve',
    'refuse',
    'forward',
    'return_to_step',
    'request_supplement',
    'request_payment',
    'record_payment',
    'apologize',
    'withdraw',
    'stop',
  ],
  approved: ['sign', 'forward', 'return_to_step', 'record_payment', 'apologize', 'stop'],
  refused: ['issue_result'],
  result_signed: ['issue_result', 'record_payment', 'apologize'],
  result_issued: ['return_result', 'record_payment'],
  returned: ['rate'],
  withdrawn: [],
  stopped: [],
} as const satisfies Record<DossierStatus, readonly Action[]>;

/** Codes of the DVCQG status synchronisation (REGULATIONS §2.5 [likely]). */
export const NATIONAL_STATUS_LABELS = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;
export type NationalStatusCode = keyof typeof NATIONAL_STATUS_LABELS;

export interface StatusInfo {
  /** Vietnamese label shown to people. */
  label: string;
  /** DVCQG status code. A draft is never synchronised (`synced: false`) but still maps to 1. */
  national: NationalStatusCode;
  synced: boolean;
  /** Terminal: no more work on the dossier (except rating a returned one). */
  terminal: boolean;
  /** The applicant owes something: the processing clock is paused. */
  clockPaused: boolean;
  /** Where it counts in an official's inbox. */
  inbox: 'new' | 'in_progress' | 'waiting_applicant' | 'done';
}

/** Every status with its national code and flags (one table; the compiler proves it complete). */
export const STATUS_INFO = {
  draft: { label: 'Bản nháp', national: 1, synced: false, terminal: false, clockPaused: false, inbox: 'done' },
  submitted: { label: 'Mới đăng ký (chờ tiếp nhận)', national: 1, synced: true, terminal: false, clockPaused: false, inbox: 'new' },
  received: { label: 'Đã tiếp nhận', national: 2, synced: true, terminal: false, clockPaused: false, inbox: 'new' },
  refused_at_reception: { label: 'Từ chối tiếp nhận', national: 3, synced: true, terminal: true, clockPaused: false, inbox: 'done' },
  supplement_requested: { label: 'Yêu cầu bổ sung hồ sơ', national: 5, synced: true, terminal: false, clockPaused: true, inbox: 'waiting_applicant' },
  supplemented: { label: 'Đã bổ sung hồ sơ', national: 4, synced: true, terminal: false, clockPaused: true, inbox: 'new' },
  awaiting_payment: { label: 'Chờ thực hiện nghĩa vụ tài chính', national: 6, synced: true, terminal: false, clockPaused: true, inbox: 'waiting_applicant' },
  in_processing: { label: 'Đang xử lý', national: 4, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  in_consultation: { label: 'Đang lấy ý kiến phối hợp', national: 4, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  appraised: { label: 'Đã thẩm định, chờ phê duyệt', national: 4, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  approved: { label: 'Đã phê duyệt', national: 4, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  refused: { label: 'Từ chối giải quyết', national: 9, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  result_signed: { label: 'Đã ký kết quả', national: 9, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  result_issued: { label: 'Đã có kết quả, chờ trả', national: 9, synced: true, terminal: false, clockPaused: false, inbox: 'in_progress' },
  returned: { label: 'Đã trả kết quả', national: 10, synced: true, terminal: true, clockPaused: false, inbox: 'done' },
  withdrawn: { label: 'Đã rút hồ sơ', national: 7, synced: true, terminal: true, clockPaused: false, inbox: 'done' },
  stopped: { label: 'Dừng xử lý', national: 8, synced: true, terminal: true, clockPaused: false, inbox: 'done' },
} as const satisfies Record<DossierStatus, StatusInfo>;

/** Vietnamese labels of the actions (timeline, control sheet, problems). */
export const ACTION_LABELS = {
  submit: 'Nộp hồ sơ',
  receive: 'Tiếp nhận hồ sơ',
  refuse_reception: 'Từ chối tiếp nhận',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  accept_supplement: 'Nhận hồ sơ bổ sung, tính lại thời hạn',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  record_payment: 'Ghi nhận thanh toán phí, lệ phí',
  forward: 'Chuyển bước xử lý',
  assign: 'Phân công xử lý',
  return_to_step: 'Trả lại bước trước',
  appraise: 'Thẩm định',
  request_consultation: 'Xin ý kiến phối hợp',
  reply_consultation: 'Trả lời ý kiến phối hợp',
  approve: 'Phê duyệt',
  refuse: 'Từ chối giải quyết',
  sign: 'Ký kết quả',
  issue_result: 'Ban hành kết quả',
  return_result: 'Trả kết quả',
  apologize: 'Xin lỗi và hẹn lại ngày trả',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng xử lý',
  rate: 'Đánh giá mức độ hài lòng',
} as const satisfies Record<Action, string>;

/** How a dossier came in (recorded with its source), and its DVCQG `KenhThucHien`. */
export const CHANNELS = ['counter', 'post', 'province_portal', 'national_portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_INFO = {
  counter: { label: 'Trực tiếp tại Trung tâm Phục vụ hành chính công', kenhThucHien: 1, online: false, paper: true },
  post: { label: 'Qua dịch vụ bưu chính công ích', kenhThucHien: 3, online: false, paper: true },
  province_portal: { label: 'Trực tuyến qua cổng dịch vụ công của tỉnh', kenhThucHien: 2, online: true, paper: false },
  national_portal: { label: 'Trực tuyến qua Cổng Dịch vụ công quốc gia', kenhThucHien: 2, online: true, paper: false },
} as const satisfies Record<Channel, { label: string; kenhThucHien: 1 | 2 | 3; online: boolean; paper: boolean }>;

export const RETURN_METHODS = ['counter', 'post', 'online'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];
export const RETURN_METHOD_LABELS = {
  counter: 'Trực tiếp tại bộ phận một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến (bản điện tử)',
} as const satisfies Record<ReturnMethod, string>;

export function availableActions(status: DossierStatus): readonly Action[] {
  return AVAILABLE_ACTIONS[status];
}

export function isActionAvailable(status: DossierStatus, action: Action): boolean {
  return (AVAILABLE_ACTIONS[status] as readonly Action[]).includes(action);
}

export function nationalStatus(status: DossierStatus): { code: NationalStatusCode; label: string } {
  const code = STATUS_INFO[status].national;
  return { code, label: NATIONAL_STATUS_LABELS[code] };
}

export function isStatus(v: string): v is DossierStatus {
  return (DOSSIER_STATUSES as readonly string[]).includes(v);
}

export function isAction(v: string): v is Action {
  return (ACTIONS as readonly string[]).includes(v);
}
