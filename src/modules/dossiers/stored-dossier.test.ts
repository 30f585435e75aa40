import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cal, citizen, clerk, leader, makeDossier, officer, run, specialist, vn } from './domain/testkit.ts';
import { pauseClock } from './domain/time-limit.ts';
import type { Dossier } from './domain/model.ts';
import { MIGRATIONS, STORED_DOSSIER_VERSION, StoredDossierError, StoredDossierSchema, parseStoredDossier, toStoredDossier } from './stored-dossier.ts';

/** A dossier that went through every part of the workflow, so that every field holds a value. */
function fullDossier(): Dossier {
  const d = run(makeDossier({ feeAmount: 8000, applicant: { fullName: 'Hoàng Văn Dân', idNumber: '025090000001', address: 'Thôn 1', phone: '0912345678', email: 'dan@example.vn', organisation: 'HTX', taxCode: '0101234567' }, request: 'Xin cấp', source: 'dvcqg:1', documents: [{ name: 'Tờ khai', copies: 1 }] }), [
    ['receive', { digitised: true }, officer, '2025-11-24 09:00'],
    ['forward', {}, officer, '2025-11-24 09:30'],
    ['assign', { assignee: 'u-specialist' }, leader, '2025-11-24 09:40'],
    ['request_consultation', { unitCode: '25.STP', question: 'Xác minh', days: 2 }, specialist, '2025-11-24 10:00'],
    ['reply_consultation', { reply: 'Đúng' }, specialist, '2025-11-24 14:00'],
    ['request_supplement', { items: ['Bản sao'], reason: 'Thiếu', contactPhone: '02103812345' }, specialist, '2025-11-24 15:00'],
    ['supplement', {}, citizen, '2025-11-25 09:00'],
    ['accept_supplement', {}, specialist, '2025-11-25 10:00'],
    ['apologize', { reason: 'Cần xác minh', newDueAt: '2025-12-05T17:00:00+07:00' }, leader, '2025-11-26 10:00'],
    ['appraise', { opinion: 'favourable', note: 'Đủ điều kiện' }, specialist, '2025-11-26 11:00'],
    ['approve', { resultNumber: '12/QĐ' }, leader, '2025-11-26 14:00'],
    ['sign', {}, leader, '2025-11-26 14:05'],
    ['issue_result', { electronic: true }, clerk, '2025-11-26 15:00'],
    ['record_payment', { amount: 8000, method: 'vietqr', reference: 'FT1' }, officer, '2025-11-27 08:00'],
    ['return_result', {}, officer, '2025-11-27 08:30'],
    ['rate', { score: 5, comment: 'Nhanh' }, citizen, '2025-11-27 09:00'],
  ]);
  // the fields that a finished dossier has cleared: give them values so the round trip covers them
  const filled: Dossier = {
    ...d,
    supplement: d.supplement && { ...d.supplement, contact: d.supplement.contact ?? { name: 'Trần Thị Thẩm', phone: '02103812345' } },
    result: { ...d.result, signer: d.result.signer ?? { name: 'Lê Văn Duyệt', position: 'Chủ tịch Ủy ban nhân dân phường' } },
    form: d.form ?? { version: 1, answers: { hoTen: 'Hoàng Văn Dân', song: true } },
    documents: d.documents.map((x, i) => (i === 0 ? { ...x, key: x.key ?? 'to-khai', kind: x.kind ?? 'submit' } : x)),
    lateness: d.lateness ?? { firstMissedDueAt: vn('2025-11-27 17:00'), hours: 2, bankedHours: 0, asOf: vn('2025-11-28 09:30') },
  };
  return { ...filled, paused: { status: 'in_processing', step: 1, reason: 'payment' }, reason: 'Lý do', assignee: 'u-clerk', stepDueAt: vn('2025-11-28 17:00'), clock: { ...d.clock, pausedAt: vn('2025-11-27 10:00') }, endedAt: d.endedAt ?? vn('2025-11-27 09:00') };
}

const roundTrip = (d: Dossier) => parseStoredDossier(JSON.parse(toStoredDossier(d)));

describe('stored dossier schema', () => {
  it('gives back exactly the aggregate it stored, every field of a full lifecycle included', () => {
    const d = fullDossier();
    const empty = Object.entries(d).filter(([, v]) => v === null).map(([k]) => k);
    assert.deepEqual(empty, [], 'the fixture fills every field, so a field the schema forgets is caught');
    assert.deepEqual(Object.keys(StoredDossierSchema.shape).filter((k) => k !== 'schemaVersion' && !(k in d)), [], 'every stored field, optional ones too');
    assert.equal(JSON.parse(toStoredDossier(d)).schemaVersion, STORED_DOSSIER_VERSION);
    assert.deepEqual(roundTrip(d), d);
    const fresh = makeDossier();
    assert.deepEqual(roundTrip(fresh), fresh, 'and a new dossier, with its nulls');
  });

  it('refuses a field it does not know, a wrong type and a version from the future, naming the place', () => {
    const raw = JSON.parse(toStoredDossier(fullDossier()));
    assert.throws(() => parseStoredDossier({ ...raw, newField: 1 }), (e: unknown) => e instanceof StoredDossierError && /newField/.test(e.message));
    assert.throws(() => parseStoredDossier({ ...raw, fee: { ...raw.fee, paidAt: 'hôm qua' } }), (e: unknown) => e instanceof StoredDossierError && /fee\.paidAt/.test(e.message));
    assert.throws(() => parseStoredDossier({ ...raw, schemaVersion: STORED_DOSSIER_VERSION + 1 }), /mới hơn/);
  });

  it('migrates a version-1 dossier (own clock, no schema version) to the calendar module DueClock state', () => {
    const v2 = pauseClock(run(makeDossier(), [['receive', {}, officer, '2025-11-24 09:00'], ['forward', {}, officer, '2025-11-24 09:30']]).clock, vn('2025-11-25 09:00'), cal);
    const d = { ...run(makeDossier(), [['receive', {}, officer, '2025-11-24 09:00'], ['forward', {}, officer, '2025-11-24 09:30']]), clock: v2 };
    const current = JSON.parse(toStoredDossier(d));
    const { state: _state, ...v1Clock } = current.clock;
    const { schemaVersion: _v, ...v1 } = { ...current, clock: { ...v1Clock, dueAt: '2025-11-27T10:00:00.000Z' } };
    const migrated = parseStoredDossier(v1);
    assert.equal(migrated.clock.state?.startedAt, new Date(vn('2025-11-24 09:00')).toISOString());
    assert.deepEqual(migrated.clock.state?.pauses, [{ from: vn('2025-11-25 09:00').toISOString(), to: null }], 'the open pause stays open');
    assert.deepEqual(migrated.clock.dueAt, new Date('2025-11-27T10:00:00.000Z'), 'the printed date is kept');
    assert.equal(Object.keys(MIGRATIONS).length, STORED_DOSSIER_VERSION - 1, 'one migration per older version');
  });
});
