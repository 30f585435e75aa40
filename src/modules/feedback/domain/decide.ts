import { FEEDBACK_ACTION_LABELS, FEEDBACK_STATUS_INFO, isFeedbackActionAvailable, type FeedbackAction, type FeedbackStatus, type Rating } from './states.ts';

export class FeedbackRuleError extends Error {
  constructor(readonly code: string, readonly detail: string, readonly status: 409 | 422 = 409) {
    super(detail);
    this.name = 'FeedbackRuleError';
  }
}

/** The part of a report the rules decide on. */
export interface FeedbackState {
  status: FeedbackStatus;
  unitCode: string;
  acceptDueAt: Date;
  answerDueAt: Date;
  answerDraft: string | null;
  answer: string | null;
  answeredAt: Date | null;
  refusedAt: Date | null;
  rating: Rating | null;
  transfers: number;
  version: number;
}

export type FeedbackCommand =
  | { action: 'accept' }
  | { action: 'transfer'; toUnit: string; reason: string; acceptDueAt: Date }
  | { action: 'refuse'; reason: string }
  | { action: 'propose_answer'; text: string }
  | { action: 'approve_answer'; text?: string }
  | { action: 'return_answer'; reason: string }
  | { action: 'rate'; rating: Rating; comment?: string };

/** A report may be passed on at most this many times (then the province's desk decides). */
export const MAX_TRANSFERS = 3;

export function decideFeedback(f: FeedbackState, cmd: FeedbackCommand, now: Date): { next: FeedbackState; from: FeedbackStatus; to: FeedbackStatus } {
  const a: FeedbackAction = cmd.action;
  if (!isFeedbackActionAvailable(f.status, a))
    throw new FeedbackRuleError('feedback-action-not-available', `Không thể "${FEEDBACK_ACTION_LABELS[a]}" khi phản ánh ở trạng thái "${FEEDBACK_STATUS_INFO[f.status].label}".`);
  const next: FeedbackState = { ...f, version: f.version + 1 };
  switch (cmd.action) {
    case 'accept':
      next.status = 'accepted';
      break;
    case 'transfer':
      if (cmd.toUnit === f.unitCode) throw new FeedbackRuleError('transfer-same-unit', 'Chọn một đơn vị khác đơn vị đang xử lý.', 422);
      if (f.transfers >= MAX_TRANSFERS) throw new FeedbackRuleError('transfer-limit', `Phản ánh đã được chuyển ${MAX_TRANSFERS} lần; đề nghị bộ phận tiếp nhận của tỉnh phân loại lại.`);
      next.status = 'received';
      next.unitCode = cmd.toUnit;
      next.acceptDueAt = cmd.acceptDueAt;
      next.transfers = f.transfers + 1;
      next.answerDraft = null;
      break;
    case 'refuse':
      next.status = 'refused';
      next.refusedAt = now;
      break;
    case 'propose_answer':
      next.status = 'answer_proposed';
      next.answerDraft = cmd.text;
      break;
    case 'approve_answer': {
      const text = cmd.text?.trim() || f.answerDraft;
      if (!text) throw new FeedbackRuleError('answer-empty', 'Chưa có nội dung trả lời.', 422);
      next.status = 'answered';
      next.answer = text;
      next.answeredAt = now;
      break;
    }
    case 'return_answer':
      next.status = 'accepted';
      break;
    case 'rate':
      if (f.rating) throw new FeedbackRuleError('already-rated', 'Phản ánh này đã được đánh giá.');
      next.rating = cmd.rating;
      break;
  }
  return { next, from: f.status, to: next.status };
}
