import crypto from 'node:crypto';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import type { Caller } from './service.ts';
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

/**
 * A few reports in the demo province (idempotent): one answered, rated and public in Phường Việt Trì, one
 * being handled in Phường Vân Phú, one just received for the provincial service centre.
 */
export async function seedDemoFeedback(ctx: PlatformContext): Promise<{ created: number }> {
  if ((ctx.config.provinceCode ?? '25') !== '25') return { created: 0 };
  if ((await ctx.db.query(`SELECT 1 FROM feedback.report WHERE demo LIMIT 1`)).rows.length) return { created: 0 };
  const identity = requireService(ctx, 'identity', 'feedback');
  const fb = ctx.services.feedback!;
  const as = async (unitCode: string, role: string): Promise<Caller | null> => {
    const o = (await identity.officialsWith({ unitCode, role }))[0];
    const p = o ? await identity.officialPrincipal(o.id, 'demo') : null;
    return p ? { principal: p, can: (perm, target) => identity.can(p, perm, target) } : null;
  };
  const anonymous: Caller = { principal: null, can: () => false };
  const desk = await as('07900', 'receiving_officer');
  const leader = await as('07900', 'leader');
  const vanphu = await as('07918', 'receiving_officer');
  if (!desk || !leader || !vanphu) return { created: 0 };
  const codes: string[] = [];
  const a = await fb.submit(
    { category: 'moi_truong', text: 'Rác thải sinh hoạt tồn đọng nhiều ngày ở đầu ngõ 12 đường Lê Lợi, gây mùi hôi. Đề nghị phường cho thu gom.', textPublic: true, address: 'Số 12 đường Lê Lợi, phường Gia Cẩm, thành phố Việt Trì, Phú Thọ', contact: { name: 'Phạm Thị Hoa', phone: '0912000111' } },
    anonymous,
  );
  codes.push(a.code);
  await fb.act(a.code, 'accept', {}, desk);
  await fb.act(a.code, 'propose_answer', { text: 'UBND phường đã chỉ đạo tổ vệ sinh môi trường thu gom rác tại ngõ 12 và bố trí thêm điểm tập kết rác đúng giờ.' }, desk);
  await fb.act(a.code, 'approve_answer', {}, leader);
  await fb.rate(a.code, a.key, { rating: 'satisfied' }, anonymous);
  const b = await fb.submit({ category: 'giao_thong', text: 'Mặt đường tổ dân phố 5 bị sụt lún, nước đọng sau mưa, xe máy đi lại nguy hiểm.', textPublic: false, communeCode: '07918', contact: { phone: '0987000222' } }, anonymous);
  codes.push(b.code);
  await fb.act(b.code, 'accept', {}, vanphu);
  const c = await fb.submit({ category: 'dich_vu_cong', text: 'Không tải được tờ khai khi nộp hồ sơ đăng ký khai sinh trực tuyến, trang báo lỗi.', textPublic: true, communeCode: '07900', contact: { email: 'nguoidan.demo@example.vn' } }, anonymous);
  codes.push(c.code);
  await ctx.db.query(`UPDATE feedback.report SET demo = true WHERE code = ANY($1::text[])`, [codes]);
  return { created: codes.length };
}
