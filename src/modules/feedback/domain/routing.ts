import type { Category } from './states.ts';

/**
 * Routing as data the province edits (table feedback.routing_rule): a category and the place's commune
 * decide the responsible unit and the answer time. The most specific rule wins:
 *   1. this category at this commune;  2. this category anywhere;  3. any category at this commune;
 *   4. any category anywhere.
 * A rule's target is a unit code, or `place_commune` — the commune where the problem is. A report with no
 * known commune that a rule sends to `place_commune` goes to the province's fallback desk.
 */
export const PLACE_COMMUNE = 'place_commune';

export interface RoutingRule {
  id?: string;
  category: Category | '*';
  /** null = any commune. */
  communeCode: string | null;
  /** A unit code, or PLACE_COMMUNE. */
  target: string;
  /** Working days to answer, counted from receipt. */
  answerWorkingDays: number;
}

export interface Route {
  unitCode: string;
  answerWorkingDays: number;
  rule: RoutingRule | null;
  /** Vietnamese: why this unit (shown to the handlers). */
  reason: string;
}

/** Default answer time when no rule says otherwise [open: the province decides; ADR 0091]. */
export const DEFAULT_ANSWER_WORKING_DAYS = 10;

function specificity(r: RoutingRule): number {
  return (r.category !== '*' ? 2 : 0) + (r.communeCode !== null ? 1 : 0);
}

export function routeFeedback(rules: readonly RoutingRule[], input: { category: Category; communeCode: string | null }, fallbackUnit: string): Route {
  const matching = rules
    .filter((r) => (r.category === '*' || r.category === input.category) && (r.communeCode === null || r.communeCode === input.communeCode))
    .sort((a, b) => specificity(b) - specificity(a));
  for (const rule of matching) {
    if (rule.target !== PLACE_COMMUNE) return { unitCode: rule.target, answerWorkingDays: rule.answerWorkingDays, rule, reason: 'Theo quy tắc phân loại của tỉnh.' };
    if (input.communeCode) return { unitCode: input.communeCode, answerWorkingDays: rule.answerWorkingDays, rule, reason: 'Ủy ban nhân dân cấp xã nơi xảy ra sự việc.' };
  }
  if (input.communeCode) return { unitCode: input.communeCode, answerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS, rule: null, reason: 'Không có quy tắc riêng: Ủy ban nhân dân cấp xã nơi xảy ra sự việc.' };
  return { unitCode: fallbackUnit, answerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS, rule: null, reason: 'Chưa xác định được xã, phường: chuyển bộ phận tiếp nhận phản ánh của tỉnh để phân loại.' };
}

/** The problems of a rule set before it is saved (Vietnamese, empty when valid). */
export function rulesProblems(rules: readonly RoutingRule[], unitKnown: (code: string) => boolean): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    const key = `${r.category}|${r.communeCode ?? '*'}`;
    if (seen.has(key)) problems.push(`Quy tắc ${i + 1}: trùng lĩnh vực và xã, phường với một quy tắc trước.`);
    seen.add(key);
    if (r.target !== PLACE_COMMUNE && !unitKnown(r.target)) problems.push(`Quy tắc ${i + 1}: không có đơn vị mã "${r.target}" trong tỉnh.`);
    if (r.communeCode !== null && !unitKnown(r.communeCode)) problems.push(`Quy tắc ${i + 1}: không có xã, phường mã "${r.communeCode}" trong tỉnh.`);
    if (!Number.isInteger(r.answerWorkingDays) || r.answerWorkingDays < 1 || r.answerWorkingDays > 60) problems.push(`Quy tắc ${i + 1}: thời hạn trả lời từ 1 đến 60 ngày làm việc.`);
  });
  return problems;
}
