import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCounts, feedbackCountsOf, feedbackSatisfiedOf, GROUPS, INDICATORS, indicatorById, type FeedbackUnitFacts, type IndexCounts } from './indicators.ts';
import { classify, computeIndex, pointsFor, roundHalfUp, scoreIndicator } from './score.ts';
import { DEFAULT_SETTINGS, mergeSettings, type IndexSettings } from './settings.ts';

const counts = (c: Partial<IndexCounts>): IndexCounts => ({ ...emptyCounts(), ...c });
const score = (id: string, c: Partial<IndexCounts>, s: IndexSettings = DEFAULT_SETTINGS, level: 'commune' | 'province' = 'province') =>
  scoreIndicator(indicatorById(id)!, counts(c), s, level);

describe('the indicator table', () => {
  it('adds up to 100 points, each group to its ceiling', () => {
    for (const g of GROUPS) assert.equal(INDICATORS.filter((i) => i.group === g.id).reduce((s, i) => s + i.max, 0), g.max, g.id);
    assert.equal(GROUPS.reduce((s, g) => s + g.max, 0), 100);
    assert.equal(new Set(INDICATORS.map((i) => i.id)).size, INDICATORS.length);
  });
});

describe('general rules', () => {
  it('rounds half up to the decimals, without binary surprises', () => {
    assert.equal(roundHalfUp(1.005, 2), 1.01);
    assert.equal(roundHalfUp(2.344, 2), 2.34);
    assert.equal(roundHalfUp(16.666666, 2), 16.67);
    assert.equal(roundHalfUp(16.666666, 0), 17);
  });
  it('gives full points at or above the target, rate × points / T below', () => {
    assert.equal(pointsFor(0.5, 6, 0.5), 6);
    assert.equal(pointsFor(0.9, 6, 0.5), 6);
    assert.equal(pointsFor(0.3, 6, 0.5), 3.5999999999999996); // 0.3 × 6 / 0.5, rounded by the caller
    assert.equal(pointsFor(0, 6, 0.5), 0);
  });
  it('classifies by the first band reached', () => {
    assert.equal(classify(95, DEFAULT_SETTINGS.bands), 'Xuất sắc');
    assert.equal(classify(80, DEFAULT_SETTINGS.bands), 'Tốt');
    assert.equal(classify(79.99, DEFAULT_SETTINGS.bands), 'Khá');
    assert.equal(classify(10, DEFAULT_SETTINGS.bands), 'Yếu');
    assert.equal(classify(84, [{ min: 85, label: 'Tốt' }, { min: 70, label: 'Khá' }]), 'Khá');
    assert.equal(classify(50, [{ min: 70, label: 'Khá' }]), null);
  });
});

describe('worked examples, one per computed sub-indicator', () => {
  it('dossiers synced to DVCQG: 45 of 50 received → 90% → 0.9 × 6 = 5.4', () => {
    const r = score('dossiers_synced', { synced: 45, received: 50 });
    assert.deepEqual([r.numerator, r.denominator, r.rate, r.points, r.status], [45, 50, 0.9, 5.4, 'computed']);
  });
  it('dossiers on time: 47 of 50 → 94% (target 100%) → 18.8 of 20', () => {
    const r = score('dossiers_on_time', { onTime: 47, late: 3, received: 50 });
    assert.deepEqual([r.numerator, r.denominator, r.points], [47, 50, 18.8]);
  });
  it('dossiers on time with a province target of 95%: 47/50 → 0.94 × 20 / 0.95 = 19.79', () => {
    const r = score('dossiers_on_time', { onTime: 47, received: 50 }, mergeSettings(DEFAULT_SETTINGS, { targets: { dossiers_on_time: 0.95 } }));
    assert.equal(r.points, 19.79);
  });
  it('average resolution time: shown, no points (120 h over 4 dossiers = 30 h)', () => {
    const r = score('average_resolution_time', { resolvedHoursSum: 120, resolved: 4 });
    assert.deepEqual([r.numerator, r.denominator, r.points, r.max], [120, 4, null, 0]);
  });
  it('dossiers online: 20 of 50 = 40% against a 50% target → 0.4 × 6 / 0.5 = 4.8; 30 of 50 → 6', () => {
    assert.equal(score('dossiers_online', { online: 20, received: 50 }).points, 4.8);
    assert.equal(score('dossiers_online', { online: 30, received: 50 }).points, 6);
  });
  it('services with online dossiers: 3 of 12 offered → 25% → 1 of 4; unknown offering → no data', () => {
    assert.equal(score('services_with_online_dossiers', { servicesOffered: 12, servicesWithOnline: 3 }).points, 1);
    const r = score('services_with_online_dossiers', { received: 50 });
    assert.equal(r.status, 'no_data');
    assert.equal(r.points, null);
  });
  it('dossiers paid online: 7 of 9 fee dossiers → 77.78% → 4.67 of 6', () => {
    const r = score('dossiers_paid_online', { feePaidOnline: 7, feeDue: 9 });
    assert.deepEqual([r.rate, r.points], [0.7778, 4.67]);
  });
  it('electronic result: 10 of 16 results → 62.5% → 3.75 of 6', () => {
    assert.equal(score('dossiers_electronic_result', { resultElectronic: 10, withResult: 16 }).points, 3.75);
  });
  it('digitised: 30 of 50 = 60% against 80% → 0.6 × 4 / 0.8 = 3; 40 of 50 → 4', () => {
    assert.equal(score('dossiers_digitised', { digitised: 30, received: 50 }).points, 3);
    assert.equal(score('dossiers_digitised', { digitised: 40, received: 50 }).points, 4);
  });
  it('population data: 25 of 50 verified → 1 of 2; procedures sharing it: 3 of 4 → 1.5 of 2', () => {
    assert.equal(score('dossiers_population_data', { verified: 25, received: 50 }).points, 1);
    assert.equal(score('procedures_population_data', { proceduresVerified: 3, procedures: 4 }).points, 1.5);
  });
  it('satisfaction with dossier handling: 100% − (3 late + 2 disliked)/50 = 90% → target reached → 6; with 10 late → 74% → 4.93', () => {
    const r = score('dossier_satisfaction', { received: 50, late: 3, disliked: 2 });
    assert.deepEqual([r.numerator, r.denominator, r.points], [45, 50, 6]);
    assert.equal(score('dossier_satisfaction', { received: 50, late: 10, disliked: 3 }).points, 4.93); // 0.74 × 6 / 0.9 = 4.933
  });
});

describe('feedback (phản ánh, kiến nghị) from the feedback module', () => {
  const unit = (unitCode: string, f: Partial<FeedbackUnitFacts>): FeedbackUnitFacts => ({ unitCode, received: 0, answeredOnTime: 0, refusedOnTime: 0, open: 0, overdueOpen: 0, ratings: { unsatisfied: 0 }, ...f });
  // a commune's month: 20 reports — 12 answered on time, 2 answered late, 1 refused on time, 1 refused late,
  // 4 still open of which 1 is past its deadline; 3 ratings "không hài lòng"
  const facts = [unit('25001', { received: 20, answeredOnTime: 12, refusedOnTime: 1, open: 4, overdueOpen: 1, ratings: { unsatisfied: 3 } })];

  it('sums the units: on time = answered on time + refused on time + open not yet due; the rest is late', () => {
    assert.deepEqual(feedbackCountsOf(facts), { received: 20, handledOnTime: 16, late: 4, unsatisfied: 3 }); // 12 + 1 + (4 − 1)
    const two = feedbackCountsOf([...facts, unit('25002', { received: 5, answeredOnTime: 5, ratings: { unsatisfied: 1 } })]);
    assert.deepEqual(two, { received: 25, handledOnTime: 21, late: 4, unsatisfied: 4 });
    assert.deepEqual(feedbackCountsOf([]), { received: 0, handledOnTime: 0, late: 0, unsatisfied: 0 });
  });
  it('feedback handled on time: 16 / 20 = 0.8 → 0.8 × 6 = 4.8 points', () => {
    const r = score('feedback_on_time', { feedback: feedbackCountsOf(facts) });
    assert.deepEqual([r.numerator, r.denominator, r.rate, r.points, r.status], [16, 20, 0.8, 4.8, 'computed']);
  });
  it('satisfaction: (20 − 3 unsatisfied − 4 late) / 20 = 0.65 → 3.9 points; never below 0', () => {
    const r = score('feedback_satisfaction', { feedback: feedbackCountsOf(facts) });
    assert.deepEqual([r.numerator, r.denominator, r.points], [13, 20, 3.9]);
    assert.equal(feedbackSatisfiedOf({ received: 4, handledOnTime: 0, late: 4, unsatisfied: 3 }), 0);
  });
  it('classified is monitoring only: counted, no points', () => {
    const r = score('feedback_classified', { feedback: feedbackCountsOf(facts) });
    assert.deepEqual([r.numerator, r.denominator, r.points, r.status], [20, 20, null, 'computed']);
  });
  it('no report in the period follows the empty-denominator setting; unknown feedback stays "no data"', () => {
    const none = { feedback: feedbackCountsOf([]) };
    assert.deepEqual([score('feedback_on_time', none).points, score('feedback_on_time', none).status], [0, 'computed']);
    const na = score('feedback_on_time', none, mergeSettings(DEFAULT_SETTINGS, { emptyDenominator: 'not_applicable' }));
    assert.deepEqual([na.points, na.status], [null, 'not_applicable']);
    const unknown = score('feedback_satisfaction', { received: 50 });
    assert.deepEqual([unknown.points, unknown.status], [null, 'no_data']);
  });
});

describe('what the source leaves open', () => {
  it('no data: facts not collected are null with a reason, never 0 nor full points', () => {
    for (const id of ['procedures_published_on_time', 'procedures_complete', 'procedures_online', 'fee_procedures_integrated', 'fee_procedures_with_transactions', 'certified_copies', 'dossiers_reusing_data', 'dossiers_citizen_store', 'feedback_on_time', 'feedback_satisfaction']) {
      const r = score(id, { received: 50, synced: 50, onTime: 50 });
      assert.equal(r.status, 'no_data', id);
      assert.equal(r.points, null, id);
      assert.match(r.reason!, /Chưa thu thập|chưa được công bố/, id);
    }
  });
  it('an empty denominator scores 0 by default, or is left out of the maximum when set so', () => {
    const zero = score('dossiers_paid_online', { feeDue: 0 });
    assert.deepEqual([zero.points, zero.status, zero.rate], [0, 'computed', null]);
    const na = score('dossiers_paid_online', { feeDue: 0 }, mergeSettings(DEFAULT_SETTINGS, { emptyDenominator: 'not_applicable' }));
    assert.deepEqual([na.points, na.status], [null, 'not_applicable']);
  });
  it('the commune full-points rule applies only to the listed indicators and only to communes', () => {
    const s = mergeSettings(DEFAULT_SETTINGS, { communeFullPoints: ['dossiers_population_data'] });
    assert.deepEqual([score('dossiers_population_data', { verified: 0, received: 50 }, s, 'commune').points, score('dossiers_population_data', { verified: 0, received: 50 }, s, 'commune').status], [2, 'full_points_rule']);
    assert.equal(score('dossiers_population_data', { verified: 0, received: 50 }, s, 'province').points, 0);
    assert.equal(score('dossiers_population_data', { verified: 0, received: 50 }, DEFAULT_SETTINGS, 'commune').points, 0);
  });
  it('province-only procedure updates do not apply to a commune', () => {
    assert.equal(score('procedures_updated_on_time', {}, DEFAULT_SETTINGS, 'commune').status, 'not_applicable');
  });
  it('refuses bands that do not decrease and targets outside (0, 1]', () => {
    assert.throws(() => mergeSettings(DEFAULT_SETTINGS, { bands: [{ min: 70, label: 'Khá' }, { min: 80, label: 'Tốt' }] }));
    assert.throws(() => mergeSettings(DEFAULT_SETTINGS, { targets: { dossiers_online: 1.5 } }));
  });
});

describe('the whole index of a scope', () => {
  // a commune's month: 50 dossiers received, 47 on time, 20 online, 45 synced, 9 with a fee (7 paid online),
  // 16 results (10 electronic), 30 digitised, 25 verified over 3 of 4 procedures, 2 rated unsatisfied
  const month = counts({ received: 50, onTime: 47, late: 3, synced: 45, online: 20, feeDue: 9, feePaidOnline: 7, withResult: 16, resultElectronic: 10, digitised: 30, verified: 25, procedures: 4, proceduresVerified: 3, disliked: 2 });

  it('sums the points of the sub-indicators with data and scales them to 100', () => {
    const r = computeIndex(month, DEFAULT_SETTINGS, 'commune');
    // 5.4 + 18.8 + 4.8 + 4.67 + 3.75 + 3 + 1 + 1.5 + 6 = 48.92 over 6+20+6+6+6+4+2+2+6 = 58
    assert.equal(r.total, 48.92);
    assert.equal(r.maxWithData, 58);
    assert.equal(r.scaled, 84.34); // 48.92 × 100 / 58
    assert.equal(r.class, 'Tốt');
    assert.deepEqual(r.groups.map((g) => [g.id, g.points, g.maxWithData]), [
      ['cong_khai', 5.4, 6], ['tien_do', 18.8, 20], ['truc_tuyen', 4.8, 6], ['thanh_toan', 4.67, 6], ['so_hoa', 9.25, 14], ['hai_long', 6, 6],
    ]);
    assert.ok(r.settingsNotes.some((l) => l.includes('2 chữ số thập phân')));
  });
  it('can classify on the raw total instead', () => {
    const r = computeIndex(month, mergeSettings(DEFAULT_SETTINGS, { classBasis: 'total' }), 'commune');
    assert.equal(r.score, 48.92);
    assert.equal(r.class, 'Yếu');
  });
  it('has no score and no class when nothing has data', () => {
    const r = computeIndex(emptyCounts(), mergeSettings(DEFAULT_SETTINGS, { emptyDenominator: 'not_applicable' }), 'province');
    assert.deepEqual([r.total, r.maxWithData, r.scaled, r.class], [0, 0, null, null]);
  });
});
