import type { PlatformContext } from '../../platform/modules.ts';
import { requireService } from '../../platform/modules.ts';
import type { Caller } from './service.ts';

/**
 * A few tasks in the demo province (idempotent: nothing when demo tasks exist): the Department of
 * Agriculture and Environment hands down a land task to two wards, a civil-status digitisation task with
 * progress reported, and a quarterly report already late (overdue and escalated by the sweep).
 */
export async function seedDemoTasks(ctx: PlatformContext): Promise<{ created: number }> {
  if ((ctx.config.provinceCode ?? '25') !== '25') return { created: 0 };
  const exists = await ctx.db.query(`SELECT 1 FROM tasks.task WHERE demo LIMIT 1`);
  if (exists.rows.length) return { created: 0 };
  const identity = requireService(ctx, 'identity', 'tasks');
  const tasks = ctx.services.tasks!;
  const callerOf = async (unitCode: string, role: string): Promise<Caller | null> => {
    const o = (await identity.officialsWith({ unitCode, role }))[0];
    const p = o ? await identity.officialPrincipal(o.id, 'demo') : null;
    return p ? { principal: p, can: (perm, target) => identity.can(p, perm, target) } : null;
  };
  const leader = await callerOf('25.SNNMT', 'leader');
  const ward = await callerOf('07900', 'specialist');
  if (!leader || !ward) return { created: 0 };
  const day = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
  let created = 0;
  const land = await tasks.create(
    { title: 'Rà soát, cập nhật cơ sở dữ liệu đất đai các thửa đất công', content: 'Lập danh sách thửa đất công bị lấn chiếm, đề xuất phương án xử lý.', legalSource: 'Kế hoạch 57/KH-UBND của UBND tỉnh', issuingUnit: '25.SNNMT', leadUnits: ['07900', '07918'], cooperating: [{ unitCode: '25.SXD' }], deadline: { date: day(20) }, priority: 'high' },
    leader,
    { demo: true },
  );
  created += land.length;
  const [digitise] = await tasks.create(
    { title: 'Số hóa sổ hộ tịch giai đoạn 2016–2020', content: 'Số hóa và cập nhật vào cơ sở dữ liệu hộ tịch điện tử.', legalSource: 'Đề án 06/QĐ-TTg', issuingUnit: '25.SNNMT', leadUnits: ['07900'], deadline: { date: day(45) } },
    leader,
    { demo: true },
  );
  created++;
  await tasks.act(digitise!.id, 'accept', {}, ward);
  await tasks.act(digitise!.id, 'report_progress', { percent: 30, text: 'Đã số hóa 1.200/4.000 trang sổ.' }, ward);
  const late = await tasks.create(
    { title: 'Báo cáo kết quả cải cách hành chính quý IV', legalSource: 'Kế hoạch cải cách hành chính năm 2026', issuingUnit: '25.SNNMT', leadUnits: ['08707'], deadline: { date: day(-7) }, priority: 'urgent' },
    leader,
    { demo: true, allowPast: true },
  );
  created += late.length;
  await tasks.sweep();
  return { created };
}
