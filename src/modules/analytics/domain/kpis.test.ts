import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossings, kpisOf, type KpiCounts } from './kpis.ts';

const base: KpiCounts = {
  received: 40, online: 10, finished: 20, early: 8, onTime: 9, late: 3, inProgress: 15, dueSoon: 4, overdue: 2, waitingApplicant: 1,
  processingHoursMedian: 30, processingHoursP90: 80, backlogAgeDaysMedian: 3, backlogAgeDaysMax: 12,
};

describe('operational KPIs', () => {
  it('divides: online share 10/40, on time (8 early + 9) / 20, late 3/20', () => {
    const k = kpisOf(base);
    assert.deepEqual([k.onlineShare, k.onTimeRate, k.lateRate], [0.25, 0.85, 0.15]);
  });
  it('has no rate when nothing was received or finished', () => {
    const k = kpisOf({ ...base, received: 0, online: 0, finished: 0, early: 0, onTime: 0, late: 0 });
    assert.deepEqual([k.onlineShare, k.onTimeRate, k.lateRate], [null, null, null]);
  });
  it('raises a crossing strictly beyond the limit, in the bad direction only, for the unit only', () => {
    const k = kpisOf(base);
    const c = crossings('07900', 'Phường Việt Trì', k, [
      { unitCode: '07900', kpi: 'overdue', limit: 1, email: null },
      { unitCode: '07900', kpi: 'overdue', limit: 2, email: null }, // equal: not crossed
      { unitCode: '07900', kpi: 'onTimeRate', limit: 0.9, email: null },
      { unitCode: '07900', kpi: 'onlineShare', limit: 0.2, email: null }, // 25% ≥ 20%: fine
      { unitCode: '07918', kpi: 'overdue', limit: 0, email: null },
    ]);
    assert.deepEqual(c.map((x) => [x.kpi, x.limit]), [['overdue', 1], ['onTimeRate', 0.9]]);
    assert.equal(c[1]!.message, 'Phường Việt Trì: Tỷ lệ hồ sơ đúng hạn là 85%, dưới ngưỡng 90%.');
  });
});
