import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countFacts, factFromEvent, newerFact, newestValidFacts, onTimeAt, type DossierFact } from './facts.ts';
import { asOfFor, parsePeriod, trailingPeriods, vnMidnight } from './periods.ts';

const t = (s: string) => new Date(s);
export function fact(over: Partial<DossierFact> = {}): DossierFact {
  return {
    code: 'X', version: 3, provinceCode: '25', procedureCode: '1.001', field: 'Hộ tịch', level: 'commune',
    receivingUnit: '07900', decidingUnit: '07900', online: false, status: 'in_processing', terminal: false, waitingApplicant: false,
    receivedAt: t('2026-11-02T02:00:00Z'), dueAt: t('2026-11-05T10:00:00Z'), finishedAt: null, returnedAt: null, endedAt: null, lateSince: null,
    supplementRequests: 0, resultElectronic: false, feeDue: false, feePaidOnline: false, digitised: false, verified: false, synced: false,
    rating: null, assignee: null, updatedAt: t('2026-11-02T02:00:00Z'), ...over,
  };
}

describe('on time, as the index reads it', () => {
  const asOf = t('2026-12-01T00:00:00Z');
  it('ends at "processed" first: finished before the appointment is on time even when returned later', () => {
    assert.equal(onTimeAt(fact({ finishedAt: t('2026-11-05T09:00:00Z'), returnedAt: t('2026-11-09T09:00:00Z') }), asOf), true);
    assert.equal(onTimeAt(fact({ finishedAt: t('2026-11-05T10:00:01Z') }), asOf), false);
  });
  it('a dossier not ended by the end of the period is measured at that end', () => {
    assert.equal(onTimeAt(fact({ dueAt: t('2026-12-03T10:00:00Z') }), asOf), true);
    assert.equal(onTimeAt(fact(), asOf), false);
  });
  it('more than one supplement request, or a due date missed before the end, is late', () => {
    assert.equal(onTimeAt(fact({ supplementRequests: 2, finishedAt: t('2026-11-03T00:00:00Z') }), asOf), false);
    // an apology moved the appointment, but the first one was missed: late for good
    assert.equal(onTimeAt(fact({ lateSince: t('2026-11-05T10:00:00Z'), dueAt: t('2026-11-12T10:00:00Z'), finishedAt: t('2026-11-10T00:00:00Z') }), asOf), false);
  });
  it('no time limit: on time', () => assert.equal(onTimeAt(fact({ dueAt: null }), asOf), true));
});

describe('counting a scope', () => {
  const p = parsePeriod('2026-11')!;
  it('counts the dossiers received in the period, looked at on its end', () => {
    const facts = [
      fact({ code: 'A', finishedAt: t('2026-11-04T00:00:00Z'), resultElectronic: true, synced: true, online: true, verified: true }),
      fact({ code: 'B', procedureCode: '1.002', feeDue: true, feePaidOnline: true, rating: 2, finishedAt: t('2026-11-06T00:00:00Z') }),
      fact({ code: 'C', receivedAt: t('2026-10-31T16:59:59Z') }), // 23:59:59 on 31/10 in Vietnam: October
      fact({ code: 'D', receivedAt: null }), // submitted, not received
      fact({ code: 'E', receivedAt: t('2026-10-31T17:00:00Z'), dueAt: t('2026-12-20T00:00:00Z'), digitised: true, feeDue: true }), // 00:00 on 1/11: November
    ];
    const c = countFacts(facts, p.from, p.to, asOfFor(p, t('2027-01-01T00:00:00Z')), { dislikeAtOrBelow: 2 });
    assert.deepEqual(
      { received: c.received, onTime: c.onTime, late: c.late, synced: c.synced, online: c.online, feeDue: c.feeDue, feePaidOnline: c.feePaidOnline, withResult: c.withResult, resultElectronic: c.resultElectronic, digitised: c.digitised, verified: c.verified, disliked: c.disliked, procedures: c.procedures, proceduresVerified: c.proceduresVerified, resolved: c.resolved, resolvedHoursSum: c.resolvedHoursSum },
      { received: 3, onTime: 2, late: 1, synced: 1, online: 1, feeDue: 2, feePaidOnline: 1, withResult: 2, resultElectronic: 1, digitised: 1, verified: 1, disliked: 1, procedures: 2, proceduresVerified: 1, resolved: 2, resolvedHoursSum: 46 + 94 },
    );
  });
});

describe('the projection merge rule', () => {
  it('keeps the newest version whatever the order, and a repeat changes nothing', () => {
    const v2 = fact({ version: 2, status: 'received' });
    const v5 = fact({ version: 5, status: 'returned' });
    assert.equal(newerFact(newerFact(undefined, v2), v5), v5);
    assert.equal(newerFact(newerFact(undefined, v5), v2), v5);
    assert.equal(newerFact(v5, fact({ version: 5, status: 'other' })), v5);
  });
  it('reads an event payload, and ignores one without facts', () => {
    assert.equal(factFromEvent({ code: 'A', version: 1 }, new Date()), null);
    const f = factFromEvent({
      code: 'A', version: 2, procedureCode: '1.001', provinceCode: '25',
      facts: { field: 'Hộ tịch', level: 'commune', receivingUnit: '07900', decidingUnit: '07900', channel: 'counter', online: false, status: 'received', terminal: false, waitingApplicant: false, submittedAt: null, receivedAt: '2026-11-02T02:00:00.000Z', dueAt: null, finishedAt: null, returnedAt: null, endedAt: null, lateSince: null, supplementRequests: 0, supplementWaitingHours: null, outcome: null, resultElectronic: false, feeDue: false, feePaidOnline: false, digitised: true, applicantVerified: false, syncedToNational: false, rating: null, assignee: null },
    }, t('2026-11-02T02:00:00Z'));
    assert.equal(f?.digitised, true);
    assert.equal(f?.receivedAt?.toISOString(), '2026-11-02T02:00:00.000Z');
  });
  it('picks for each dossier its newest event whose facts are accepted, as events applied in order keep', () => {
    const facts = { field: 'Hộ tịch', level: 'commune', receivingUnit: '07900', decidingUnit: '07900', online: false, status: 'received', terminal: false, waitingApplicant: false, receivedAt: '2026-11-02T02:00:00.000Z', dueAt: null, finishedAt: null, returnedAt: null, endedAt: null, lateSince: null, supplementRequests: 0, resultElectronic: false, feeDue: false, feePaidOnline: false, digitised: false, applicantVerified: false, syncedToNational: false, rating: null, assignee: null };
    const ev = (seq: number, code: string, version: unknown, patch: Record<string, unknown> = {}) => ({ seq, aggregateId: code, occurredAt: t('2026-11-02T02:00:00Z'), payload: { code, version, procedureCode: '1.001', provinceCode: '25', facts: { ...facts, ...patch } } });
    const events = [
      ev(1, 'A', 1), ev(2, 'A', 2, { syncedToNational: true }), ev(3, 'A', 3, { level: 'district' }), ev(4, 'A', 4, { online: 'yes' }), ev(5, 'A', 5.5),
      // equal versions: the first written wins, as live (an older or repeated version changes nothing)
      ev(7, 'B', 2, { status: 'in_processing' }), ev(6, 'B', 2, { status: 'appraised' }),
      ev(8, 'C', 1, { level: 'district' }),
    ];
    // whatever the order they are read in
    for (const order of [events, [...events].reverse()]) {
      const r = newestValidFacts(order);
      assert.deepEqual(r.facts.map((f) => [f.code, f.version, f.status, f.synced]), [['A', 2, 'received', true], ['B', 2, 'appraised', false]]);
      assert.deepEqual(r.skipped, [3, 4, 8], 'the refused newer events (a version that is not a whole number never counts)');
      // the same as applying the events one by one in log order with the merge rule
      const live = new Map<string, DossierFact>();
      for (const e of [...order].sort((a, b) => a.seq - b.seq)) {
        const f = factFromEvent(e.payload, e.occurredAt);
        if (f) live.set(f.code, newerFact(live.get(f.code), f));
      }
      assert.deepEqual(r.facts, [...live.values()].sort((a, b) => a.code.localeCompare(b.code)));
    }
  });
});

describe('periods', () => {
  it('parses months, quarters, halves, years and ranges on Vietnam midnights', () => {
    assert.equal(parsePeriod('2026-11')!.from.toISOString(), '2026-10-31T17:00:00.000Z');
    assert.equal(parsePeriod('2026-Q4')!.to.toISOString(), '2026-12-31T17:00:00.000Z');
    assert.equal(parsePeriod('2026-H1')!.label, '6 tháng đầu năm 2026');
    assert.equal(parsePeriod('2026')!.to.getTime(), vnMidnight(2027, 1).getTime());
    const r = parsePeriod('2026-02-01..2026-02-28')!;
    assert.equal(r.to.toISOString(), '2026-02-28T17:00:00.000Z');
    for (const bad of ['2026-13', '2026-Q5', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', 'x', '1999']) assert.equal(parsePeriod(bad), null, bad);
  });
  it('lists the trailing periods oldest first', () => {
    assert.deepEqual(trailingPeriods('month', t('2026-02-10T00:00:00Z'), 3).map((p) => p.key), ['2025-12', '2026-01', '2026-02']);
    assert.deepEqual(trailingPeriods('quarter', t('2026-02-10T00:00:00Z'), 2).map((p) => p.key), ['2025-Q4', '2026-Q1']);
  });
});
