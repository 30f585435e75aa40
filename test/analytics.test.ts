import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { countFacts } from '../src/modules/analytics/domain/facts.ts';
import { parsePeriod, yearPeriod } from '../src/modules/analytics/domain/periods.ts';
import { DEFAULT_SETTINGS } from '../src/modules/analytics/domain/settings.ts';
import * as store from '../src/modules/analytics/store.ts';
import { emitEvent } from '../src/platform/outbox.ts';
import { INDICATORS } from '../src/modules/analytics/domain/indicators.ts';
import type { ChangeNotice } from '../src/modules/analytics/index.ts';

/**
 * The analytics projection on a real database, fed by the demo province's dossiers (made through the real
 * workflow): it matches the dossiers' own facts, a rebuild from the event log gives exactly the same rows,
 * the SQL counts equal the reference counting, a new event changes the figures, and the API follows the
 * policy point (a commune chairman sees their commune; the province sees all).
 */
describe('analytics: projection, rebuild, service index API', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-analytics-'));
  // with the demo's DVCQG stand-in (ADR 0135): the received dossiers are synchronised and confirmed, as in the demo
  const { rt, app } = await testRuntime({ demo: true, env: { DATA_DIR: dataDir, DVCQG_DEMO: 'true' } });
  const db = rt.ctx.db;
  const analytics = rt.ctx.services.analytics!;
  const drain = async () => {
    await rt.ctx.events.drain();
  };
  await drain();

  const s: Record<string, TestSession> = {};
  const as = async (u: string) => (s[u] ??= await signIn(app, u));
  const get = async (who: string, url: string) => app.inject({ method: 'GET', url, headers: (await as(who)).headers });

  const Y = new Date().getUTCFullYear();
  const facts = async () => (await store.allFacts(db)).map(store.factOfRow);

  it('holds one row per dossier, agreeing with what the dossiers module says of each', async () => {
    const mine = await facts();
    const theirs = await rt.ctx.services.dossiers!.indexFacts('25', new Date(0), 100_000);
    assert.ok(mine.length >= 200, `the demo dossiers are projected (${mine.length})`);
    assert.equal(mine.length, theirs.length);
    const byCode = new Map(mine.map((f) => [f.code, f]));
    for (const d of theirs) {
      const f = byCode.get(d.code)!;
      assert.ok(f, d.code);
      assert.equal(f.status, d.status, d.code);
      assert.equal(f.decidingUnit, d.decidingUnit);
      assert.equal(f.online, d.online);
      assert.equal(f.receivedAt?.getTime() ?? null, d.receivedAt?.getTime() ?? null);
      assert.equal(f.dueAt?.getTime() ?? null, d.appointmentAt?.getTime() ?? null);
      assert.equal(f.finishedAt?.getTime() ?? null, d.finishedAt?.getTime() ?? null);
      assert.equal(f.feePaidOnline, d.feePaidOnline);
      assert.equal(f.rating, d.rating);
      assert.equal(f.synced, d.syncedToNational, d.code);
    }
    // every received dossier was acknowledged by the portal with its receipt; the others are not synced
    assert.ok(mine.some((f) => f.synced));
    for (const f of mine) assert.equal(f.synced, f.receivedAt !== null && f.status !== 'draft', `${f.code} ${f.status}`);
  });

  it('rebuilds from the event log to exactly the live projection, and a repeated event changes nothing', async () => {
    const live = await store.allFacts(db);
    const liveMonths = await store.allCounters(db);
    assert.ok(liveMonths.months.length > 0 && liveMonths.procedures.length > 0 && liveMonths.days.length > 0 && liveMonths.dayProcedures.length > 0);
    assert.ok(live.some((f) => f.synced === true) && live.some((f) => f.synced === false), 'synced and not synced dossiers are both compared');
    const r = await analytics.rebuild(7); // small batches: the paging is exercised too
    assert.equal(r.dossiers, live.length);
    assert.ok(r.events > r.dossiers);
    assert.deepEqual(await store.allFacts(db), live);
    assert.deepEqual(await store.allCounters(db), liveMonths, 'the month counters kept live equal the rebuilt ones');
    // the same events again, newest first: still the same rows
    const events = (await store.readDossierEvents(db, 0, 100_000)).reverse();
    await analytics.applyEvents(events);
    assert.deepEqual(await store.allFacts(db), live);
    assert.deepEqual(await store.allCounters(db), liveMonths);
    // and an empty projection caught up by replaying them (oldest first, one by one: every dossier moves
    // between month counters as it ends) is the same too
    await store.clearFacts(db);
    for (const e of events.reverse()) await analytics.applyEvents([e]);
    assert.deepEqual(await store.allFacts(db), live);
    assert.deepEqual(await store.allCounters(db), liveMonths);
  });

  it('rebuilds unusual events exactly as the live projection reads them (the database projects the plain ones, Node the rest)', async () => {
    // another province, so that the other tests' figures stay those of the demo
    const base = {
      field: 'Đất đai', level: 'commune', receivingUnit: '99001', decidingUnit: '99001', online: true, status: 'processing', terminal: false,
      waitingApplicant: false, receivedAt: '2026-03-31T23:59:59.5+07:00', dueAt: '2026-04-30T10:00:00Z', finishedAt: null, returnedAt: null,
      endedAt: null, lateSince: null, supplementRequests: 0, resultElectronic: false, feeDue: true, feePaidOnline: false, digitised: true,
      applicantVerified: false, syncedToNational: true, rating: null, assignee: null,
    };
    const variants: [string, number, Record<string, unknown>][] = [
      ['PLAIN', 1, {}],
      ['NEWFIELD', 1, { field: ' Hộ  TỊCH ', rating: 4, assignee: 'u-1' }],
      ['LEAPDAY', 2, { receivedAt: '2024-02-29T08:00:00Z', finishedAt: '2024-03-01T00:00:00.123-05:30' }],
      ['ROLLOVER', 1, { dueAt: '2026-02-30T00:00:00Z' }],
      ['NOSECONDS', 1, { dueAt: '2026-05-01T08:00+07:00' }],
      ['FLOATVERSION', 3, { supplementRequests: 1.0, rating: 5 }],
      ['BADLEVEL', 1, { level: 'district' }],
      ['NOFACTFIELD', 1, { online: 'yes' }],
    ];
    await db.transaction(async (tx) => {
      for (const [code, version, patch] of variants)
        await emitEvent(tx, { type: 'dossiers.dossier.receive', aggregateType: 'dossier', aggregateId: `99-${code}`, payload: { code: `99-${code}`, version, procedureCode: 'P1', provinceCode: '99', facts: { ...base, ...patch } } });
      // versions that are not whole numbers (a fraction, a string, beyond the column): skipped live and by the rebuild, which records them
      for (const version of [1.5, '2', 2 ** 31])
        await emitEvent(tx, { type: 'dossiers.dossier.finish', aggregateType: 'dossier', aggregateId: '99-PLAIN', payload: { code: '99-PLAIN', version, procedureCode: 'P1', provinceCode: '99', facts: { ...base, status: 'result_issued' } } });
      // the newest versions carry facts the live projection refuses: it keeps the newest valid one (version 2), so must the rebuild
      for (const [version, patch] of [[1, {}], [2, { status: 'received', syncedToNational: false }], [3, { level: 'district' }], [4, { online: 'yes' }]] as const)
        await emitEvent(tx, { type: 'dossiers.dossier.forward', aggregateType: 'dossier', aggregateId: '99-NEWESTBAD', payload: { code: '99-NEWESTBAD', version, procedureCode: 'P1', provinceCode: '99', facts: { ...base, ...patch } } });
    });
    await drain();
    const live = await store.allFacts(db);
    const liveMonths = await store.allCounters(db);
    assert.ok(live.some((f) => f.code === '99-LEAPDAY') && !live.some((f) => f.code === '99-BADLEVEL'));
    assert.equal(live.find((f) => f.code === '99-PLAIN')?.status, 'processing', 'the events with a bad version are skipped live');
    assert.deepEqual(live.filter((f) => f.code === '99-NEWESTBAD').map((f) => [f.version, f.status, f.synced]), [[2, 'received', false]], 'live keeps the newest valid version');
    const rebuilt = await analytics.rebuild(3);
    assert.equal(rebuilt.rejected.count, 3);
    assert.equal(rebuilt.rejected.seqs.length, 3);
    assert.deepEqual(await store.allFacts(db), live);
    assert.deepEqual(await store.allCounters(db), liveMonths);
    // the demo province alone again for the next tests
    await db.query(`DELETE FROM platform.outbox_event WHERE aggregate_id LIKE '99-%'`);
    await analytics.rebuild();
    assert.ok(!(await store.allFacts(db)).some((f) => f.province_code === '99'));
  });

  it('sums whole past months from the month counters exactly as the dossier rows count, across month edges', async () => {
    // a province of its own (98), so that the demo's figures stay as they are; Vietnam midnights are 17:00 UTC
    const at = (s: string) => new Date(s);
    const ev = (code: string, version: number, f: Record<string, unknown>) => ({
      occurredAt: at('2025-06-01T00:00:00Z'),
      payload: {
        code, version, procedureCode: String(f.procedureCode ?? '1.000001'), provinceCode: '98',
        facts: {
          field: 'Hộ tịch', level: 'commune', receivingUnit: 'U2', decidingUnit: 'U1', online: false, status: 'received', terminal: false, waitingApplicant: false,
          receivedAt: null, dueAt: null, finishedAt: null, returnedAt: null, endedAt: null, lateSince: null, supplementRequests: 0, resultElectronic: false,
          feeDue: false, feePaidOnline: false, digitised: false, applicantVerified: false, syncedToNational: false, rating: null, assignee: null, ...f,
        },
      },
    });
    const events = [
      // received 31/01 23:00, result exactly at midnight 01/02 (the end of January): ended by then, on time
      ev('M-A', 3, { receivedAt: '2025-01-31T16:00:00Z', finishedAt: '2025-01-31T17:00:00Z', dueAt: '2025-02-03T10:00:00Z', status: 'result_issued', resultElectronic: true, online: true }),
      // open past its appointment at the end of January
      ev('M-B', 1, { receivedAt: '2025-01-20T03:00:00Z', dueAt: '2025-01-25T10:00:00Z', decidingUnit: 'U2', field: 'Đất đai', procedureCode: '1.000002', digitised: true }),
      // open on time at the end of January, ended on time in February
      ev('M-C', 4, { receivedAt: '2025-01-28T03:00:00Z', finishedAt: '2025-02-05T03:00:00Z', dueAt: '2025-02-10T10:00:00Z', status: 'result_issued', applicantVerified: true, rating: 1 }),
      // open on time at the end of January and of February, ended late in March
      ev('M-D', 5, { receivedAt: '2025-01-10T03:00:00Z', finishedAt: '2025-03-02T03:00:00Z', dueAt: '2025-02-15T10:00:00Z', lateSince: '2025-02-15T10:00:00Z', status: 'result_issued', syncedToNational: true, rating: 4 }),
      // more than one supplement request: never on time; fee paid online
      ev('M-E', 2, { receivedAt: '2025-02-10T03:00:00Z', supplementRequests: 2, feeDue: true, feePaidOnline: true, rating: 2, procedureCode: '1.000003', online: true }),
      // returned without a result (ended, no result)
      ev('M-F', 6, { receivedAt: '2025-02-14T03:00:00Z', returnedAt: '2025-02-20T03:00:00Z', endedAt: '2025-02-20T03:00:00Z', status: 'returned', terminal: true }),
      // an older version arriving after the newer one changes nothing
      ev('M-G', 2, { receivedAt: '2025-01-05T03:00:00Z', finishedAt: '2025-01-07T03:00:00Z', dueAt: '2025-01-09T10:00:00Z', status: 'result_issued' }),
      ev('M-G', 1, { receivedAt: '2025-01-05T03:00:00Z', dueAt: '2025-01-09T10:00:00Z' }),
      // not received yet: counted nowhere
      ev('M-H', 1, { receivedAt: null, status: 'draft' }),
      // a first version, then the dossier moves to another unit and month
      ev('M-I', 1, { receivedAt: '2025-03-31T16:59:59Z', dueAt: '2025-04-02T10:00:00Z' }),
    ];
    for (const e of events) await analytics.applyEvents([e]);
    await analytics.applyEvents([ev('M-I', 2, { receivedAt: '2025-03-31T17:00:00Z', dueAt: '2025-04-02T10:00:00Z', decidingUnit: 'U3', receivingUnit: 'U3' })]);
    const mine = (await facts()).filter((f) => f.provinceCode === '98');
    assert.equal(mine.length, 9);
    const periods = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-Q1', '2025-H1', '2025', '2025-01-15..2025-02-10', '2025-01-31..2025-01-31', '2025-02-01..2025-03-31'].map((k) => parsePeriod(k)!);
    for (const p of periods)
      for (const unitColumn of ['deciding_unit', 'receiving_unit'] as const)
        for (const dislike of [1, 2, 4]) {
          const unitOf = (f: (typeof mine)[number]) => (unitColumn === 'deciding_unit' ? f.decidingUnit : f.receivingUnit);
          const got = await store.indexCounts(db, { scope: { provinceCode: '98', unitColumn }, from: p.from, to: p.to, asOf: p.to, dislikeAtOrBelow: dislike, groupBy: 'unit' });
          for (const u of ['U1', 'U2', 'U3']) {
            const ref = countFacts(mine.filter((f) => unitOf(f) === u), p.from, p.to, p.to, { dislikeAtOrBelow: dislike });
            const c = got.get(u);
            if (!ref.received) assert.equal(c, undefined, `${p.key} ${unitColumn} ${u}`);
            else {
              const { onlineProcedures: _o, ...counts } = c!;
              assert.deepEqual(counts, ref, `${p.key} ${unitColumn} ${u} dislike ≤ ${dislike}`);
            }
          }
          // a whole-months period: the counters and the dossier rows agree, grouped every way and for a field
          const fromMonth = store.vnMonthStart(p.from);
          const toMonth = store.vnMonthStart(p.to);
          if (!fromMonth || !toMonth) continue;
          for (const groupBy of ['none', 'unit', 'field'] as const)
            for (const field of [undefined, 'Đất đai']) {
              const scope = { provinceCode: '98', unitColumn, field };
              const c = { scope, from: p.from, to: p.to, asOf: p.to, dislikeAtOrBelow: dislike, groupBy };
              assert.deepEqual(
                await store.indexCountsFromMonths(db, c),
                await store.indexCountsFromDossiers(db, c),
                `${p.key} ${unitColumn} ${groupBy} ${field}`,
              );
            }
        }
    // any range of whole days, looked at on its end or at any moment within it (the running period: the day
    // rows plus the dossier rows of the day looked at): the day counters and the dossier rows agree, at every
    // moment a dossier is received, ends or falls due, a millisecond either side, and during each day
    const moments = new Set<number>();
    for (const e of events)
      for (const k of ['receivedAt', 'dueAt', 'finishedAt', 'returnedAt', 'lateSince'] as const) {
        const v = (e.payload.facts as Record<string, unknown>)[k];
        if (typeof v === 'string') for (const d of [-1, 0, 1, 3_600_000, -3_600_000]) moments.add(Date.parse(v) + d);
      }
    for (const p of periods)
      for (const unitColumn of ['deciding_unit', 'receiving_unit'] as const) {
        const looks = [p.to, ...[...moments].filter((t) => t > p.from.getTime() && t < p.to.getTime()).map((t) => new Date(t))];
        for (const asOf of looks) {
          const c = { scope: { provinceCode: '98', unitColumn }, from: p.from, to: p.to, asOf, dislikeAtOrBelow: 2, groupBy: 'unit' as const };
          assert.deepEqual(await store.indexCountsFromDays(db, c), await store.indexCountsFromDossiers(db, c), `${p.key} ${unitColumn} on ${asOf.toISOString()}`);
        }
        for (const groupBy of ['none', 'field'] as const)
          for (const field of [undefined, 'Đất đai']) {
            const c = { scope: { provinceCode: '98', unitColumn, field }, from: p.from, to: p.to, asOf: looks[looks.length >> 1]!, dislikeAtOrBelow: 4, groupBy };
            assert.deepEqual(await store.indexCountsFromDays(db, c), await store.indexCountsFromDossiers(db, c), `${p.key} ${unitColumn} ${groupBy} ${field}`);
          }
      }
    // the counters kept event by event equal the counters summed again from the dossier rows
    const live = await store.allCounters(db);
    assert.ok(live.months.some((m) => m.province_code === '98') && live.days.some((m) => m.province_code === '98'));
    await db.transaction((tx) => store.rebuildCounters(tx));
    assert.deepEqual(await store.allCounters(db), live);
    await db.query(`DELETE FROM analytics.dossier_fact WHERE province_code = '98'`);
    await db.transaction((tx) => store.rebuildCounters(tx));
  });

  it('counts in SQL exactly what the reference counting counts, for the province, each unit and each field', async () => {
    const all = await facts();
    const now = new Date();
    const year = yearPeriod(now.getUTCFullYear());
    const periods = [year, parsePeriod(`${now.getUTCFullYear() - 1}`)!, parsePeriod(`${now.toISOString().slice(0, 7)}`)!];
    for (const p of periods) {
      const asOf = p.to < now ? p.to : now;
      const sql = await store.indexCounts(db, { scope: { provinceCode: '25', unitColumn: 'deciding_unit' }, from: p.from, to: p.to, asOf, dislikeAtOrBelow: 2, groupBy: 'unit' });
      const units = new Set(all.map((f) => f.decidingUnit));
      for (const u of units) {
        const ref = countFacts(all.filter((f) => f.decidingUnit === u), p.from, p.to, asOf, DEFAULT_SETTINGS);
        const got = sql.get(u);
        if (!ref.received) {
          assert.equal(got, undefined);
          continue;
        }
        const { onlineProcedures: _o, ...counts } = got!;
        assert.deepEqual(counts, ref, `${p.key} ${u}`);
      }
      const byField = await store.indexCounts(db, { scope: { provinceCode: '25', unitColumn: 'deciding_unit' }, from: p.from, to: p.to, asOf, dislikeAtOrBelow: 2, groupBy: 'field' });
      for (const [field, c] of byField) {
        const { onlineProcedures: _o, ...counts } = c;
        assert.deepEqual(counts, countFacts(all.filter((f) => f.field === field), p.from, p.to, asOf, DEFAULT_SETTINGS), field);
      }
    }
  });

  it('shows a new event in the figures and announces it to the stream', async () => {
    const notices: ChangeNotice[] = [];
    const stop = analytics.onChange((n) => notices.push(n));
    const year = `${new Date().getUTCFullYear()}`;
    const before = await analytics.serviceIndex({ provinceCode: '25', unit: '07900' }, parsePeriod(year)!);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: (await as('tn.viettri')).headers,
      payload: { procedureCode: '1.001193', applicant: { fullName: 'Trần Văn Bình', idNumber: '025190001111' }, documents: [{ name: 'Tờ khai', copies: 1 }], digitised: true },
    });
    assert.equal(created.statusCode, 201, created.body);
    const code = created.json().code as string;
    await drain();
    stop();
    const after = await analytics.serviceIndex({ provinceCode: '25', unit: '07900' }, parsePeriod(year)!);
    assert.equal(after.counts.received, before.counts.received + 1);
    assert.equal(after.counts.digitised, before.counts.digitised + 1);
    assert.ok(notices.some((n) => n.units.includes('07900')));
    const row = (await facts()).find((f) => f.code === code)!;
    assert.equal(row.status, 'received');
  });

  it('lets a commune chairman read their commune only, and the province administrator the province', async () => {
    const own = await get('ld.viettri', `/api/v1/analytics/service-index?period=${Y}`);
    assert.equal(own.statusCode, 200, own.body);
    const body = own.json();
    assert.equal(body.scope.level, 'commune');
    assert.equal(body.scope.unit.code, '07900');
    assert.equal(body.index.indicators.length, INDICATORS.length);
    const published = body.index.indicators.find((i: { id: string }) => i.id === 'procedures_published_on_time');
    assert.deepEqual([published.points, published.status], [null, 'no_data']);
    assert.ok(body.index.settingsNotes.length > 0);

    assert.equal((await get('ld.viettri', '/api/v1/analytics/service-index?unit=07918')).statusCode, 403);
    assert.equal((await get('ld.viettri', '/api/v1/analytics/service-index?unit=25')).statusCode, 403);
    assert.equal((await get('cv.hotich.viettri', '/api/v1/analytics/service-index')).statusCode, 403);

    const province = await get('qtv.tinh', `/api/v1/analytics/service-index?period=${Y}`);
    assert.equal(province.statusCode, 200, province.body);
    assert.equal(province.json().scope.level, 'province');
    assert.ok(province.json().counts.received >= body.counts.received);
    const field = await get('qtv.tinh', `/api/v1/analytics/service-index?field=${encodeURIComponent('Hộ tịch')}&period=${Y}`);
    assert.equal(field.json().scope.level, 'field');

    assert.equal((await get('qtv.tinh', '/api/v1/analytics/service-index?period=2026-13')).statusCode, 400);
    assert.equal((await get('qtv.tinh', '/api/v1/analytics/service-index?from=2026-03-01&to=2026-02-01')).statusCode, 400);
  });

  it('ranks all communes for the province, and shows a commune chairman their own row with its rank', async () => {
    const all = await get('qtv.tinh', `/api/v1/analytics/ranking?level=commune&period=${Y}`);
    assert.equal(all.statusCode, 200, all.body);
    const r = all.json();
    assert.equal(r.rows.length, r.total);
    assert.ok(r.total >= 100, `every commune of the province (${r.total})`);
    const scores = r.rows.map((x: { score: number | null }) => x.score ?? -1);
    assert.deepEqual(scores, [...scores].sort((a: number, b: number) => b - a));
    const viettri = r.rows.find((x: { unit: { code: string } }) => x.unit.code === '07900');
    // the tasks and feedback modules answer: every row carries their per-unit figures (the seed gives Việt Trì tasks)
    assert.ok(viettri.tasks.assigned > 0 && viettri.tasks.assigned >= viettri.tasks.approved + viettri.tasks.open, JSON.stringify(viettri.tasks));
    assert.ok(r.rows.every((x: { tasks: unknown; feedback: unknown }) => x.tasks && x.feedback));
    const idx = (await get('qtv.tinh', `/api/v1/analytics/service-index?period=${Y}`)).json();
    assert.ok(idx.counts.feedback, 'the feedback counts come from the feedback module');
    assert.notEqual(idx.index.indicators.find((i: { id: string }) => i.id === 'feedback_on_time').status, 'no_data');
    const mine = await get('ld.viettri', `/api/v1/analytics/ranking?level=commune&period=${Y}`);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json().rows, [viettri]);
    assert.equal(mine.json().total, r.total);
    const departments = await get('qtv.tinh', `/api/v1/analytics/ranking?level=department&period=${Y}`);
    assert.ok(departments.json().rows.some((x: { unit: { code: string } }) => x.unit.code === '25.SNNMT'));
  });

  it('lets only the province administrator change the settings, refusing unknown indicators', async () => {
    const put = async (who: string, body: unknown) =>
      app.inject({ method: 'PUT', url: '/api/v1/analytics/settings', payload: body as object, headers: (await as(who)).headers });
    assert.equal((await put('ld.viettri', { dislikeAtOrBelow: 1 })).statusCode, 403);
    assert.equal((await put('qtv.tinh', { communeFullPoints: ['nope'] })).statusCode, 422);
    assert.equal((await put('qtv.tinh', { bands: [{ min: 10, label: 'A' }, { min: 20, label: 'B' }] })).statusCode, 400);
    const ok = await put('qtv.tinh', { bands: [{ min: 85, label: 'Tốt' }, { min: 70, label: 'Khá' }, { min: 0, label: 'Trung bình' }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = (await get('ld.viettri', `/api/v1/analytics/service-index?period=${Y}`)).json();
    assert.ok(['Tốt', 'Khá', 'Trung bình', null].includes(after.index.class));
    assert.ok(after.index.settingsNotes.some((l: string) => l.includes('Tốt từ 85')));
  });

  it('counts the operational KPIs consistently, and drills down to the late dossiers of a unit', async () => {
    const r = await get('qtv.tinh', `/api/v1/analytics/kpis?period=${Y}`);
    assert.equal(r.statusCode, 200, r.body);
    const k = r.json().rows[0].kpis;
    assert.equal(k.early + k.onTime + k.late, k.finished);
    assert.ok(k.inProgress >= k.overdue + k.waitingApplicant);
    assert.ok(k.received > 0 && k.inProgress > 0);
    // per unit: the rows add up to the province
    const byUnit = (await get('qtv.tinh', `/api/v1/analytics/kpis?period=${Y}&by=unit`)).json().rows;
    assert.equal(byUnit.reduce((s: number, x: { kpis: { received: number } }) => s + x.kpis.received, 0), k.received);
    assert.equal(byUnit.reduce((s: number, x: { kpis: { overdue: number } }) => s + x.kpis.overdue, 0), k.overdue);
    // a commune chairman's "by unit" lists their commune only
    const mine = (await get('ld.viettri', `/api/v1/analytics/kpis?period=${Y}&by=unit`)).json().rows;
    assert.deepEqual(mine.map((x: { key: string }) => x.key), ['07900']);

    const all = await facts();
    const lateUnit = all.find((f) => f.lateSince)?.decidingUnit;
    assert.ok(lateUnit, 'the demo has a late dossier');
    const late = await get('qtv.tinh', `/api/v1/analytics/late-dossiers?unit=${lateUnit}&period=${Y}`);
    assert.equal(late.statusCode, 200, late.body);
    const rows = late.json().rows;
    assert.ok(rows.length > 0);
    for (const x of rows) assert.equal(x.unit, lateUnit);
    // each one is a dossier the province administrator can open
    const one = await get('qtv.tinh', `/api/v1/dossiers/${rows[0].code}`);
    assert.equal(one.statusCode, 200, one.body);
  });

  it('names the officials and fields of the KPIs per official and per field (full names from the identity module), to their readers only', async () => {
    // a leader of Phường Việt Trì assigns two dossiers being processed: to a specialist, and to a username nobody has
    const open = (await facts()).filter((f) => f.decidingUnit === '07900' && f.status === 'in_processing' && !f.assignee);
    const assigned: string[] = [];
    for (const f of open) {
      if (assigned.length === 2) break;
      const who = assigned.length ? 'nguoi.da.nghi' : 'cv.hotich.viettri';
      const r = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${f.code}/actions/assign`, headers: (await as('ld.viettri')).headers, payload: { assignee: who } });
      if (r.statusCode < 300) assigned.push(f.code);
    }
    assert.equal(assigned.length, 2, `two dossiers of Việt Trì in processing could be assigned (${open.length} candidates)`);
    await drain();
    const specialist = (await rt.ctx.services.identity!.officialsWith({ unitCode: '07900' })).find((o) => o.username === 'cv.hotich.viettri')!;
    assert.ok(specialist?.displayName);
    // the contract also answers by id; refs that name nobody (or are not ids at all) are left out
    const names = await rt.ctx.services.identity!.officialNames([specialist.id, 'cv.hotich.viettri', 'not-a-uuid', '00000000-0000-4000-8000-000000000000']);
    assert.deepEqual([...names].sort(), [[specialist.id, specialist.displayName], ['cv.hotich.viettri', specialist.displayName]].sort());

    const total = (await get('ld.viettri', `/api/v1/analytics/kpis?unit=07900&period=${Y}`)).json().rows[0].kpis;
    const r = await get('ld.viettri', `/api/v1/analytics/kpis?unit=07900&period=${Y}&by=official`);
    assert.equal(r.statusCode, 200, r.body);
    const rows: { key: string; name: string; kpis: { received: number; inProgress: number } }[] = r.json().rows;
    const byKey = new Map(rows.map((x) => [x.key, x]));
    assert.equal(byKey.get('cv.hotich.viettri')?.name, specialist.displayName);
    assert.ok(byKey.get('cv.hotich.viettri')!.kpis.inProgress >= 1);
    assert.equal(byKey.get('nguoi.da.nghi')?.name, 'Cán bộ không còn trong danh sách');
    assert.equal(byKey.get('')?.name, 'Chưa phân công');
    for (const x of rows) assert.ok(x.name && x.name !== x.key && !x.name.includes(x.key || '\u0000'), `a name, not the username: ${x.name}`);
    // the rows per official and per field add up to the unit's figures
    const sum = (xs: { kpis: Record<string, number> }[], k: string) => xs.reduce((s, x) => s + x.kpis[k]!, 0);
    assert.equal(sum(rows, 'received'), total.received);
    assert.equal(sum(rows, 'inProgress'), total.inProgress);
    const fields: { key: string; name: string; kpis: Record<string, number> }[] = (await get('ld.viettri', `/api/v1/analytics/kpis?unit=07900&period=${Y}&by=field`)).json().rows;
    assert.ok(fields.some((x) => x.name === 'Hộ tịch'), fields.map((x) => x.name).join(', '));
    assert.equal(sum(fields, 'received'), total.received);
    assert.equal(sum(fields, 'inProgress'), total.inProgress);

    // exported with the names, never the usernames
    const csv = await get('ld.viettri', `/api/v1/analytics/export?table=kpis&by=official&unit=07900&period=${Y}&format=csv`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-disposition']), /kpis-official-/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0]!, /^Cán bộ,Tiếp nhận,/);
    assert.equal(lines.length, rows.length + 1);
    assert.ok(lines.some((l) => l.startsWith(`${specialist.displayName},`)));
    assert.ok(!csv.body.includes('cv.hotich.viettri') && !csv.body.includes('nguoi.da.nghi'));
    const xlsx = await get('qtv.tinh', `/api/v1/analytics/export?table=kpis&by=field&unit=07900&period=${Y}&format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.getRow(1).getCell(1).value, 'Lĩnh vực');
    assert.equal(sheet.rowCount, fields.length + 1);

    // the same readers as the KPIs: another commune's chairman and a specialist are refused
    assert.equal((await get('ld.vanphu', `/api/v1/analytics/kpis?unit=07900&period=${Y}&by=official`)).statusCode, 403);
    assert.equal((await get('cv.hotich.viettri', `/api/v1/analytics/kpis?unit=07900&period=${Y}&by=official`)).statusCode, 403);
    assert.equal((await get('ld.vanphu', `/api/v1/analytics/export?table=kpis&by=official&unit=07900&period=${Y}`)).statusCode, 403);
  });

  it('raises an alert when a threshold is crossed (dashboard and e-mail), and clears it when lifted', async () => {
    const put = async (who: string, unit: string, body: unknown) =>
      app.inject({ method: 'PUT', url: `/api/v1/analytics/thresholds/${unit}`, payload: body as object, headers: (await as(who)).headers });
    assert.equal((await put('ld.viettri', '07918', { thresholds: [] })).statusCode, 403);
    assert.equal((await put('ld.viettri', '07900', { thresholds: [{ kpi: 'nope', limit: 1 }] })).statusCode, 400);
    assert.equal((await put('ld.viettri', '07900', { thresholds: [{ kpi: 'inProgress', limit: 1 }, { kpi: 'inProgress', limit: 2 }] })).statusCode, 422);
    const set = await put('ld.viettri', '07900', { thresholds: [{ kpi: 'inProgress', limit: 0, email: 'lanhdao@viettri.example.vn' }] });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().thresholds[0].label, 'Hồ sơ đang giải quyết');
    const alerts = (await get('ld.viettri', '/api/v1/analytics/alerts')).json().rows;
    assert.equal(alerts.length, 1);
    assert.match(alerts[0].message, /Hồ sơ đang giải quyết là \d+, vượt ngưỡng 0/);
    const mails = await rt.ctx.services.notifications!.list({ limit: 50 });
    assert.ok(mails.some((m) => m.template === 'kpi_alert'), 'the alert is e-mailed');
    // checked again: still one alert, no second e-mail
    await analytics.checkAlerts();
    assert.equal((await analytics.alerts(['07900'])).length, 1);
    assert.equal((await rt.ctx.services.notifications!.list({ limit: 50 })).filter((m) => m.template === 'kpi_alert').length, 1);
    // another commune's chairman does not see it
    assert.equal((await get('ld.vanphu', '/api/v1/analytics/alerts')).json().rows.length, 0);
    // a limit above the value clears it
    await put('ld.viettri', '07900', { thresholds: [{ kpi: 'inProgress', limit: 100000 }] });
    assert.equal((await analytics.alerts(['07900'])).length, 0);
  });

  it('exports tables as CSV and XLSX, and the monthly report of a unit as a PDF', async () => {
    const csv = await get('qtv.tinh', `/api/v1/analytics/export?table=ranking&level=commune&period=${Y}&format=csv`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0]!, /^Hạng,Mã đơn vị,Tên đơn vị/);
    assert.ok(lines.length > 100);
    // a commune chairman's export holds their row only
    const own = await get('ld.viettri', `/api/v1/analytics/export?table=ranking&level=commune&period=${Y}&format=csv`);
    assert.equal(own.body.replace(/^\uFEFF/, '').trim().split('\r\n').length, 2);
    const xlsx = await get('qtv.tinh', `/api/v1/analytics/export?table=kpis&period=${Y}&format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    assert.equal(wb.worksheets[0]!.getRow(1).getCell(1).value, 'Mã đơn vị');
    // every table of the dashboard exports: the sub-indicators of a unit (with the total), tasks and feedback per unit, the queue
    const index = await get('ld.viettri', `/api/v1/analytics/export?table=index&period=${Y}&format=csv`);
    assert.equal(index.statusCode, 200, index.body);
    const indexLines = index.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(indexLines[0]!, /^Nhóm,Chỉ số thành phần,Tử số,Mẫu số/);
    assert.equal(indexLines.length, INDICATORS.length + 2);
    const viettri = (await get('ld.viettri', `/api/v1/analytics/service-index?period=${Y}`)).json();
    assert.ok(indexLines.at(-1)!.startsWith(`Tổng,"Phường Việt Trì: điểm quy đổi ${viettri.index.scaled}/100, xếp loại ${viettri.index.class ?? '—'}",,,,,${viettri.index.total},${viettri.index.maxWithData},,`), indexLines.at(-1));
    assert.ok(indexLines.some((l) => l.includes('Chưa có dữ liệu')), 'an indicator without facts says so');
    assert.equal((await get('ld.viettri', `/api/v1/analytics/export?table=index&unit=07918&period=${Y}`)).statusCode, 403);
    const work = await get('qtv.tinh', `/api/v1/analytics/export?table=work&level=commune&period=${Y}&format=xlsx`);
    assert.equal(work.statusCode, 200);
    const wbWork = new ExcelJS.Workbook();
    await wbWork.xlsx.load(work.rawPayload as never);
    const ranked = (await get('qtv.tinh', `/api/v1/analytics/ranking?level=commune&period=${Y}`)).json().rows as { tasks: { assigned: number } | null; feedback: { received: number } | null }[];
    assert.equal(wbWork.worksheets[0]!.rowCount, ranked.filter((x) => (x.tasks?.assigned ?? 0) > 0 || (x.feedback?.received ?? 0) > 0).length + 1);
    assert.equal(wbWork.worksheets[0]!.getRow(1).getCell(3).value, 'Nhiệm vụ giao');
    const queues = await get('qtv.tinh', '/api/v1/analytics/export?table=queues&format=csv');
    assert.equal(queues.statusCode, 200);
    assert.match(queues.body.replace(/^\uFEFF/, ''), /^Mã đơn vị,Trung tâm, bộ phận một cửa|^Mã đơn vị,"Trung tâm, bộ phận một cửa"/);
    const month = new Date().toISOString().slice(0, 7);
    const pdf = await get('ld.viettri', `/api/v1/analytics/report?period=${month}`);
    assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await get('ld.viettri', `/api/v1/analytics/report?period=${Y}`)).statusCode, 400);
    assert.equal((await get('ld.viettri', `/api/v1/analytics/report?unit=07918&period=${month}`)).statusCode, 403);
  });
});
