/**
 * A citizen's report (phản ánh, kiến nghị) as ONE checked table, like the dossier and task states: the
 * actions each status allows. The routed unit accepts or transfers it (with a reason) or refuses it (not
 * within its remit, or not a report at all — within 2 working days, as the service index counts it); a
 * specialist proposes the answer, the unit's leader approves it (it is then sent to the reporter) or
 * returns it; the reporter rates the answer.
 */
export const FEEDBACK_STATUSES = ['received', 'accepted', 'answer_proposed', 'answered', 'refused'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_ACTIONS = ['accept', 'transfer', 'refuse', 'propose_answer', 'approve_answer', 'return_answer', 'rate'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export const FEEDBACK_AVAILABLE_ACTIONS = {
  received: ['accept', 'transfer', 'refuse'],
  accepted: ['propose_answer', 'transfer'],
  answer_proposed: ['approve_answer', 'return_answer'],
  answered: ['rate'],
  refused: [],
} as const satisfies Record<FeedbackStatus, readonly FeedbackAction[]>;

/** Who acts: the unit's officials (handle), its leader (approve), the reporter (rate). */
export const FEEDBACK_ACTION_ACTOR = {
  accept: 'handler',
  transfer: 'handler',
  refuse: 'handler',
  propose_answer: 'handler',
  approve_answer: 'leader',
  return_answer: 'leader',
  rate: 'reporter',
} as const satisfies Record<FeedbackAction, 'handler' | 'leader' | 'reporter'>;

export const FEEDBACK_STATUS_INFO = {
  received: { label: 'Đã nhận, chờ đơn vị tiếp nhận xử lý', terminal: false },
  accepted: { label: 'Đang xử lý', terminal: false },
  answer_proposed: { label: 'Đã có dự thảo trả lời, chờ lãnh đạo duyệt', terminal: false },
  answered: { label: 'Đã trả lời', terminal: false },
  refused: { label: 'Không thuộc phạm vi xử lý', terminal: true },
} as const satisfies Record<FeedbackStatus, { label: string; terminal: boolean }>;

export const FEEDBACK_ACTION_LABELS = {
  accept: 'Tiếp nhận xử lý',
  transfer: 'Chuyển đơn vị khác',
  refuse: 'Từ chối (không thuộc phạm vi)',
  propose_answer: 'Trình dự thảo trả lời',
  approve_answer: 'Duyệt và gửi trả lời',
  return_answer: 'Trả lại dự thảo',
  rate: 'Đánh giá trả lời',
} as const satisfies Record<FeedbackAction, string>;

/** Categories of reports (the province may add rules for each; labels shown on the intake page). */
export const CATEGORIES = {
  moi_truong: 'Môi trường, vệ sinh',
  giao_thong: 'Giao thông, đường sá',
  trat_tu_do_thi: 'Trật tự đô thị, xây dựng',
  dat_dai: 'Đất đai',
  an_ninh_trat_tu: 'An ninh, trật tự',
  dich_vu_cong: 'Thủ tục hành chính, dịch vụ công',
  y_te: 'Y tế',
  giao_duc: 'Giáo dục',
  dien_nuoc: 'Điện, nước, hạ tầng',
  khac: 'Khác',
} as const;
export type Category = keyof typeof CATEGORIES;

export const CHANNELS = ['portal', 'phone', 'letter', 'assistant', 'zalo'] as const;
export type FeedbackChannel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS = { portal: 'Cổng dịch vụ công', phone: 'Điện thoại', letter: 'Thư, đơn', assistant: 'Trợ lý ảo', zalo: 'Zalo' } as const satisfies Record<FeedbackChannel, string>;

/** Ratings (the index's satisfaction group counts 'satisfied' and 'very_satisfied'). */
export const RATINGS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS = { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', unsatisfied: 'Không hài lòng' } as const satisfies Record<Rating, string>;

export function isFeedbackActionAvailable(status: FeedbackStatus, action: FeedbackAction): boolean {
  return (FEEDBACK_AVAILABLE_ACTIONS[status] as readonly FeedbackAction[]).includes(action);
}
export function isCategory(v: string): v is Category {
  return Object.hasOwn(CATEGORIES, v);
}
