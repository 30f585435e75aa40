import crypto from 'node:crypto';
import type { PlatformContext } from '../../platform/modules.ts';
import { PLACE_COMMUNE, type RoutingRule } from './domain/routing.ts';

/**
 * The demo province's routing rules (a province edits its own through PUT /api/v1/feedback-routing-rules):
 * by default the commune where the problem is answers within 10 working days; environment and sanitation
 * within 7; land to the commune within 15; public services to the provincial service centre; security and
 * order to the provincial police.
 */
export const DEMO_RULES: RoutingRule[] = [
  { category: '*', communeCode: null, target: PLACE_COMMUNE, answerWorkingDays: 10 },
  { category: 'moi_truong', communeCode: null, target: PLACE_COMMUNE, answerWorkingDays: 7 },
  { category: 'dat_dai', communeCode: null, target: PLACE_COMMUNE, answerWorkingDays: 15 },
  { category: 'dich_vu_cong', communeCode: null, target: '25.TTPVHCC', answerWorkingDays: 5 },
  { category: 'an_ninh_trat_tu', communeCode: null, target: '25.CAT', answerWorkingDays: 10 },
];

/** Seeds the demo province's rules when the province has none (an edited set is never overwritten). */
export async function seedRoutingRules(ctx: PlatformContext): Promise<void> {
  const province = ctx.config.provinceCode ?? '25';
  if (province !== '25') return;
  const r = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback.routing_rule WHERE province_code = $1`, [province]);
  if (r.rows[0]!.n > 0) return;
  let i = 0;
  for (const rule of DEMO_RULES)
    await ctx.db.query(`INSERT INTO feedback.routing_rule (id, province_code, position, category, commune_code, target, answer_working_days, updated_at, updated_by) VALUES ($1,$2,$3,$4,$5,$6,$7,now(),'seed') ON CONFLICT DO NOTHING`, [
      crypto.randomUUID(), province, i++, rule.category, rule.communeCode, rule.target, rule.answerWorkingDays,
    ]);
}

export async function seedDemoFeedback(_ctx: PlatformContext): Promise<void> {}
