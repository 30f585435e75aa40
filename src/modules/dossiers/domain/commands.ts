import { z } from 'zod';
import { RETURN_METHODS, type Action } from './states.ts';

/** The input each action takes (the body of POST /api/v1/dossiers/{code}/actions/{action}). */

const note = z.string().trim().max(2000).optional();
const reason = z.string().trim().min(1, 'cần ghi rõ lý do').max(2000);
const isoDateTime = z.iso.datetime({ offset: true });
/** A Vietnamese telephone number (landline or mobile, digits with optional spaces, dots or a leading +84). */
const phone = z
  .string({ error: 'cần số điện thoại liên hệ (in trên phiếu yêu cầu bổ sung)' })
  .trim()
  .regex(/^(\+84|0)[0-9 .]{8,13}$/, 'số điện thoại không hợp lệ (ví dụ 0210 3846 123 hoặc 0912 345 678)');

export const DocumentEntrySchema = z.object({
  name: z.string().trim().min(1).max(300),
  copies: z.number().int().min(1).max(100).default(1),
  /** The form's document this is (GET /api/v1/procedures/{code}/form → documents[].key), when known. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/).optional(),
  /** Handed in (default) or only shown and given back (xuất trình): form 01 lists the documents handed in. */
  kind: z.enum(['submit', 'present']).optional(),
});

export const ACTION_INPUT = {
  submit: z.object({ note }),
  receive: z.object({ note, documents: z.array(DocumentEntrySchema).max(100).optional(), digitised: z.boolean().optional() }),
  refuse_reception: z.object({ reason }),
  request_supplement: z.object({
    items: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
    reason,
    /** Printed on form 02: whom the applicant calls for guidance (default: the official making the request). */
    contactName: z.string().trim().min(1).max(200).optional(),
    contactPhone: phone,
    note,
  }),
  supplement: z.object({ note, documents: z.array(DocumentEntrySchema).max(100).optional() }),
  accept_supplement: z.object({ note }),
  request_payment: z.object({ amount: z.number().int().min(1).max(1_000_000_000).optional(), reason: reason.optional(), note }),
  record_payment: z.object({
    amount: z.number().int().min(0).max(1_000_000_000),
    method: z.enum(['cash', 'transfer', 'vietqr', 'post', 'online']).default('cash'),
    reference: z.string().trim().max(100).optional(),
    note,
  }),
  forward: z.object({
    note,
    /** Who receives the dossier at the hand-over (username of an official of the next step): assigned at once. */
    assignee: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'tên đăng nhập của cán bộ không hợp lệ').optional(),
  }),
  assign: z.object({ assignee: z.string().trim().min(1).max(200), note }),
  return_to_step: z.object({ step: z.string().min(1).max(40), reason }),
  appraise: z.object({ opinion: z.enum(['favourable', 'unfavourable']), note: z.string().trim().min(1).max(4000) }),
  request_consultation: z
    .object({
      unitCode: z.string().min(1).max(40),
      question: z.string().trim().min(1).max(4000),
      deadline: isoDateTime.optional(),
      days: z.number().int().min(1).max(60).optional(),
    })
    .refine((v) => v.deadline || v.days, { message: 'cần thời hạn trả lời (deadline hoặc days)' }),
  reply_consultation: z.object({ consultationId: z.number().int().min(1).optional(), reply: z.string().trim().min(1).max(4000) }),
  approve: z.object({ note, resultNumber: z.string().trim().max(60).optional() }),
  refuse: z.object({ reason }),
  sign: z.object({ note }),
  issue_result: z.object({ electronic: z.boolean().default(true), resultNumber: z.string().trim().max(60).optional(), note }),
  return_result: z.object({ method: z.enum(RETURN_METHODS).optional(), note }),
  apologize: z.object({ reason, newDueAt: isoDateTime }),
  withdraw: z.object({ reason }),
  stop: z.object({ reason }),
  rate: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() }),
} as const satisfies Record<Action, z.ZodType>;

export type ActionInput<A extends Action = Action> = z.infer<(typeof ACTION_INPUT)[A]>;
