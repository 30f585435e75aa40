import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import * as store from '../src/modules/analytics/store.ts';
import { firstWorkingDayOfMonth } from '../src/modules/analytics/domain/report-schedule.ts';
import { vnDate } from '../src/modules/analytics/domain/periods.ts';
import { createMonthlyReports } from '../src/modules/analytics/monthly-reports.ts';
import { seedDemoHistory, unitQuality, HISTORY_MONTHS, HISTORY_SOURCE } from '../src/modules/dossiers/demo-history.ts';
import type { EmailMessage } from '../src/modules/notifications/index.ts';
import { createNotificationsService } from '../src/modules/notifications/service.ts';
import { loadNotificationSettings } from '../src/modules/notifications/settings.ts';
import { createLogger } from '../src/platform/logger.ts';

/**
 * The demo province's twelve months of history (made through the real dossier workflow with an injected
 * clock) as the dashboard reads it — months, a spread of classes among communes, late dossiers, a rebuild
 * equal to the live projection — and the monthly report e-mailed once per unit with its PDF attached.
 */
describe('analytics demo: twelve months of history, monthly report e-mail', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-analytics-demo-'));
  // the demo's configuration: its DVCQG stand-in acknowledges every status (ADR 0135)
  const { rt, app } = await testRuntime({ demo: true, env: { DATA_DIR: dataDir, DVCQG_DEMO: 'true' } });
  const db = rt.ctx.db;
  const analytics = rt.ctx.services.analytics!;
  const now = new Date();
  const history = await seedDemoHistory(rt.ctx, { total: 300, now });
  await rt.ctx.events.drain();

  const s: Record<string, TestSession> = {};
  const as = async (u: string) => (s[u] ??= await signIn(app, u));

  it('makes the history through the workflow: dossiers in each of the twelve months, in every outcome', async () => {
    assert.ok(history.created >= 200, `created ${history.created}`);
    assert.ok(history.transitions > history.created * 5, `${history.transitions} transitions`);
    const r = await db.query<{ month: string; n: number }>(
      `SELECT to_char(((data->>'receivedAt')::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM') AS month, count(*)::int AS n
         FROM dossiers.dossier WHERE data->>'source' LIKE $1 AND data->>'receivedAt' IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [`${HISTORY_SOURCE}:%`],
    );
    assert.ok(r.rows.length >= 11, `months with history: ${r.rows.map((x) => x.month).join(', ')}`);
    const statuses = new Set((await store.allFacts(db)).map(store.factOfRow).map((f) => f.status));
    for (const st of ['returned', 'refused_at_reception']) assert.ok(statuses.has(st as never), `a dossier ${st}`);
    // run again: what exists is kept, nothing is made twice
    const again = await seedDemoHistory(rt.ctx, { total: 300, now });
    assert.equal(again.created, 0);
    assert.ok(again.skippedChunks > 0);
  });

  it('gives the communes a spread of classes and leaves late dossiers to drill into', async () => {
    const year = analytics.resolvePeriod({ from: vnDay(new Date(now.getTime() - 365 * 86_400_000)), to: vnDay(now) });
    const ranking = await analytics.ranking('25', 'commune', year);
    const withDossiers = ranking.rows.filter((r) => r.received > 0);
    assert.ok(withDossiers.length >= 60, `communes with dossiers: ${withDossiers.length}`);
    const scores = withDossiers.map((r) => r.score!);
    assert.ok(Math.max(...scores) - Math.min(...scores) >= 15, `scores from ${Math.min(...scores)} to ${Math.max(...scores)}`);
    const classes = new Set(ranking.rows.map((r) => r.class));
    assert.ok(classes.size >= 2, `classes: ${[...classes].join(', ')}`);
    // every dossier received was synchronised through the demo's portal and confirmed on the dossier
    const province = await analytics.serviceIndex({ provinceCode: '25' }, year);
    assert.ok(province.counts.received > 0);
    assert.equal(province.counts.synced, province.counts.received, 'synced / received');
    assert.equal(province.index.indicators.find((i) => i.id === 'dossiers_synced')!.points, 6);
    // without it a commune serving perfectly (and without feedback) could not pass 52 / 74 points = 70.27
    assert.ok(Math.max(...scores) > 70.27, `best commune ${Math.max(...scores)}`);
    // the seeded qualities (deterministic): some communes serve very well all year, some poorly
    const communes = (await rt.ctx.services.units!.listCommunes('25')).map((c) => c.code);
    const quality = (m: number) => communes.map((c) => unitQuality(c, m));
    assert.ok(quality(0).filter((q) => q >= 0.9).length >= 15, 'communes that serve very well from the first month');
    assert.ok(quality(HISTORY_MONTHS - 1).filter((q) => q < 0.4).length >= 15, 'communes still often late in the last month');
    // Phường Việt Trì (the walk-through's commune) is busy in every month
    assert.ok(ranking.rows.find((r) => r.unit.code === '07900')!.received >= 8, 'Phường Việt Trì has dossiers to show');
    const late = await analytics.lateDossiers({ provinceCode: '25' }, year);
    assert.ok(late.length >= 10, `late dossiers: ${late.length}`);
    const months = analytics.trend({ provinceCode: '25' }, 'month', 12);
    assert.ok((await months).filter((p) => p.received > 0).length >= 11);
  });

  it('rebuilds from the event log to exactly the live projection after the history', async () => {
    const live = await store.allFacts(db);
    await analytics.rebuild();
    assert.deepEqual(await store.allFacts(db), live);
  });

  it('lets a leader set who receives the monthly report of their unit, and no other unit', async () => {
    const put = (who: string, unit: string, recipients: string[]) =>
      as(who).then((x) => app.inject({ method: 'PUT', url: `/api/v1/analytics/report-recipients/${unit}`, headers: x.headers, payload: { recipients } }));
    const ok = await put('ld.viettri', '07900', ['Lanhdao.ViệtTri@example.vn'.replace('ệ', 'e'), 'chutich.viettri@example.vn']);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().recipients, ['chutich.viettri@example.vn', 'lanhdao.viettri@example.vn']);
    assert.equal((await put('ld.viettri', '07918', ['a@example.vn'])).statusCode, 403);
    const bad = await put('ld.viettri', '07900', ['không phải thư']);
    assert.equal(bad.statusCode, 422);
    const read = await app.inject({ method: 'GET', url: '/api/v1/analytics/report-recipients/07900', headers: (await as('ld.viettri')).headers });
    assert.equal(read.json().recipients.length, 2, 'a refused change changes nothing');
  });

  it('e-mails each unit the previous month report on the first working day, once, with the PDF and its chart', async () => {
    const cal = await rt.ctx.services.calendar!.calendar();
    const { y, m } = vnDate(now);
    const firstDay = firstWorkingDayOfMonth(y, m, (d) => cal.isWorkingDay(d))!;
    const at = new Date(`${firstDay}T08:30:00+07:00`);
    const reports = createMonthlyReports(rt.ctx, analytics, { now: () => at });
    // before the first working day of the month nothing is due (when the 1st is not one)
    if (!firstDay.endsWith('-01')) assert.equal((await reports.sendDue(new Date(`${firstDay.slice(0, 8)}01T09:00:00+07:00`))).period, null);
    const first = await reports.sendDue(at);
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    assert.equal(first.period, prev);
    assert.deepEqual(first.units.sort(), ['07900', '25', '25.SNNMT']);
    assert.deepEqual((await reports.sendDue(at)).units, [], 'sent once per unit and month');
    assert.deepEqual((await reports.sendDue(new Date(at.getTime() + 3 * 86_400_000))).units, []);

    // deliver with a transport that keeps what it is given
    const sent: EmailMessage[] = [];
    const notifications = createNotificationsService({
      db, log: createLogger('silent'), settings: loadNotificationSettings(dataDir, {}),
      email: { name: 'capture', send: async (msg) => (sent.push(msg), {}) },
      sms: { name: 'none', send: async () => ({}) },
    });
    for (let i = 0; i < 10 && (await notifications.deliverDue(new Date(Date.now() + 60_000), 100)).sent > 0; i++);
    const reportsSent = sent.filter((x) => x.attachments?.length);
    assert.deepEqual(reportsSent.map((x) => x.to).sort(), ['chutich.viettri@example.vn', 'lanhdao.snnmt@phutho.example.vn', 'lanhdao.tinh@phutho.example.vn', 'lanhdao.viettri@example.vn']);
    const mail = reportsSent.find((x) => x.to === 'lanhdao.viettri@example.vn')!;
    assert.match(mail.subject, new RegExp(`Báo cáo chỉ số phục vụ tháng ${Number(prev.slice(5))}/${prev.slice(0, 4)}: Phường Việt Trì`));
    const [file] = mail.attachments!;
    assert.equal(file!.filename, `bao-cao-07900-${prev}.pdf`);
    assert.equal(file!.contentType, 'application/pdf');
    const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
    if (pdftotext) {
      const p = path.join(dataDir, 'report.pdf');
      fs.writeFileSync(p, file!.content);
      const text = spawnSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }).stdout;
      assert.match(text, /Phường Việt Trì/);
      assert.match(text, /Diễn biến điểm \(quy đổi thang 100\) 12 tháng gần nhất/, 'the chart');
      assert.match(text, new RegExp(`${Number(prev.slice(5))}/${prev.slice(0, 4)}`), 'the chart labels its months');
      // the province's own report names the province
      const province = reportsSent.find((x) => x.to === 'lanhdao.tinh@phutho.example.vn')!;
      assert.match(province.subject, /: Tỉnh Phú Thọ$/);
      fs.writeFileSync(p, province.attachments![0]!.content);
      assert.match(spawnSync('pdftotext', [p, '-'], { encoding: 'utf8' }).stdout, /Tỉnh Phú Thọ/);
    } else assert.equal(Buffer.from(file!.content).subarray(0, 5).toString(), '%PDF-');
  });
});

function vnDay(d: Date): string {
  const v = vnDate(d);
  return `${v.y}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;
}
