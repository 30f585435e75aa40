/** Marital status vocabulary (pure): the many ways legacy systems wrote it → one code. */
import { fold } from './text.ts';
import { issue, isBlank, text, type Std } from './issues.ts';

export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

export const MARITAL_LABELS: Record<MaritalStatus, string> = {
  single: 'Chưa kết hôn',
  married: 'Đã kết hôn',
  divorced: 'Đã ly hôn',
  widowed: 'Góa (vợ/chồng đã chết)',
};

/** Folded phrases → status. Order matters: "chua ket hon" must be tested before "ket hon". */
const RULES: [RegExp, MaritalStatus][] = [
  [/^(chua (ket hon|lap gia dinh|co (vo|chong|gia dinh))|doc than|single|never married|s|0|dt|ckh)$/, 'single'],
  [/^(da ly hon|ly hon|ly di|da ly di|divorced|d|lh|dlh)$/, 'divorced'],
  [/^(goa|goa (vo|chong)|vo (da )?(chet|mat)|chong (da )?(chet|mat)|widowed|w|vo mat|chong mat)$/, 'widowed'],
  [/^(da ket hon|ket hon|co (vo|chong)|da co (vo|chong|gia dinh)|co gia dinh|da lap gia dinh|married|m|1|dkh|kh)$/, 'married'],
];

/** A marital status in any usual wording → single | married | divorced | widowed; "ly thân" (separated) is still married and doubtful. */
export function standardiseMaritalStatus(raw: unknown, field = 'marital_status'): Std<MaritalStatus> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const f = fold(text(raw)).replace(/[.,;:()]/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(ly than|separated)$/.test(f)) {
    return { value: 'married', issues: [issue(field, 'marital-separated', 'doubtful', '"Ly thân" vẫn là đã kết hôn theo pháp luật; cần kiểm tra')] };
  }
  for (const [re, v] of RULES) if (re.test(f)) return { value: v, issues: [] };
  return { value: null, issues: [issue(field, 'marital-unknown', 'rejected', `Tình trạng hôn nhân "${text(raw)}" không rõ`)] };
}
