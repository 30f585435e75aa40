// The leaders' dashboard in a real browser (issue 11, "Done means"), against the platform started as the
// README starts it; every page visited is checked with axe-core.
//  1. Live update: a commune chairman watches the dashboard of their commune; a receiving officer receives
//     a dossier in another session; the figure changes without reloading the page (server-sent events).
//  2. Drill-down: the province administrator ranks the communes, opens a commune with late dossiers, its
//     late dossiers, and one dossier's page; the dashboard fits a 360-pixel phone.
//  3. Tasks and feedback per unit, and the counter queue of the service centers (kiosk numbers taken and
//     called), as the API gives them.
//  4. The KPIs per field and per official: a dossier assigned to a specialist shows under the specialist's
//     full name (never the username), the others under "Chưa phân công"; both tables export and stack on a phone.
//     A range of days chosen on the page shows the API's figures for it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { browserSkipReason, checkA11y, screenshot } from './browser.ts';
import { apiAct, apiGet, apiLogin, assertFitsPhone, browserSuite, official, signInOfficial, type DemoPerson } from './flows.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('leaders dashboard in Chromium', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  const e2e = browserSuite();
  const { session, person } = e2e;
  let base = '';
  let people: DemoPerson[] = [];
  before(() => {
    ({ base, people } = e2e);
  });

  it('shows a commune chairman a figure change live when a dossier is received in another window', async () => {
    const leader = await session();
    await signInOfficial(leader, person('ld.viettri'), { form: false });
    const { page } = leader;
    await page.goto('/can-bo/dieu-hanh');
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    const received = page.getByTestId('index-received');
    await received.waitFor();
    const before = Number((await received.textContent())!.replace(/\D/g, ''));
    await checkA11y(page, 'bảng điều hành (xã)');

    // the receiving officer of the same ward receives a dossier at the counter (another window)
    const officer = await apiLogin(base, official(people, 'receiving_officer', '07900'));
    const r = await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: '1.001193', applicant: { fullName: 'Trần Văn Bình', idNumber: '025190001111' }, documents: [{ name: 'Tờ khai', copies: 1 }] }),
    });
    assert.equal(r.status, 201, await r.text());
    // no reload: the stream makes the page fetch again
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="index-received"]')?.textContent?.replace(/\D/g, '')) === n, before + 1, { timeout: 15_000 });
    await screenshot(page, 'dashboard-live');
  });

  it('lets the province drill down from the ranking to a late dossier, and fits a phone', async () => {
    const admin = person('qtv.tinh');
    const api = await apiLogin(base, admin);
    const year = String(new Date().getFullYear());
    const ranking = await apiGet<{ rows: { unit: { code: string; name: string }; late: number }[] }>(base, api, `/api/v1/analytics/ranking?level=commune&period=${year}`);
    assert.equal(ranking.status, 200);
    const withLate = ranking.body.rows.find((x) => x.late > 0);
    assert.ok(withLate, 'the demo has a commune with late dossiers');

    const s = await session();
    await signInOfficial(s, admin, { form: false });
    const { page } = s;
    await page.goto(`/can-bo/dieu-hanh?ky=${year}`);
    const table = page.getByTestId('ranking-table');
    await table.waitFor();
    const showAll = page.getByRole('button', { name: /Xem tất cả/ });
    if (await showAll.isVisible()) await showAll.click();
    await table.getByRole('link', { name: withLate.unit.name, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Hồ sơ trễ hạn — ${withLate.unit.name}`) }).waitFor();
    const late = page.getByTestId('late-table');
    await late.waitFor();
    await checkA11y(page, 'bảng điều hành: hồ sơ trễ hạn của một xã');
    const first = late.getByRole('link').first();
    const code = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL((u) => u.pathname === `/can-bo/ho-so/${encodeURIComponent(code)}`);
    await page.waitForFunction((c) => document.title.includes(c), code);

    const phone = await session({ mobile: true });
    await signInOfficial(phone, admin, { form: false });
    await phone.page.goto(`/can-bo/dieu-hanh?ky=${year}`);
    await phone.page.getByTestId('ranking-table').waitFor();
    await assertFitsPhone(phone.page, 'bảng điều hành trên điện thoại');
    await checkA11y(phone.page, 'bảng điều hành (điện thoại)');
  });

  it('shows the tasks and feedback of the units and the counter queue of the service centers', async () => {
    // two people take a number at Phường Việt Trì's kiosk; the receiving officer calls one of them
    for (let i = 0; i < 2; i++) {
      const t = await fetch(`${base}/api/v1/assistant/queue/07900/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ counter: 1 }) });
      assert.equal(t.status, 201, await t.text());
    }
    const officer = await apiLogin(base, official(people, 'receiving_officer', '07900'));
    const call = await fetch(`${base}/api/v1/assistant/queue/07900/call`, { method: 'POST', headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf } });
    assert.equal(call.status, 200, await call.text());

    const admin = person('qtv.tinh');
    const api = await apiLogin(base, admin);
    const queues = await apiGet<{ total: { waiting: number; served: number }; centers: { unit: { code: string; name: string }; waiting: number; served: number }[] }>(base, api, '/api/v1/analytics/queues');
    assert.equal(queues.status, 200);
    const ward = queues.body.centers.find((c) => c.unit.code === '07900');
    assert.ok(ward && ward.waiting >= 1 && ward.served >= 1, JSON.stringify(queues.body));
    const year = String(new Date().getFullYear());
    const ranking = await apiGet<{ rows: { unit: { name: string }; tasks: { assigned: number } | null; feedback: { received: number } | null }[] }>(base, api, `/api/v1/analytics/ranking?level=commune&period=${year}`);
    const busy = ranking.body.rows.filter((r) => (r.tasks?.assigned ?? 0) > 0 || (r.feedback?.received ?? 0) > 0);
    assert.ok(busy.length > 0, 'the demo has communes with tasks or feedback');

    const s = await session();
    await signInOfficial(s, admin, { form: false });
    const { page } = s;
    await page.goto(`/can-bo/dieu-hanh?ky=${year}`);
    await page.getByRole('heading', { level: 2, name: 'Hàng đợi tại bộ phận một cửa hôm nay' }).waitFor();
    const queueTable = page.getByTestId('queue-table');
    await queueTable.waitFor();
    assert.equal(Number((await page.getByTestId('queue-waiting').textContent())!.replace(/\D/g, '')), queues.body.total.waiting);
    assert.equal(Number((await page.getByTestId('queue-served').textContent())!.replace(/\D/g, '')), queues.body.total.served);
    await queueTable.getByRole('cell', { name: ward.unit.name, exact: true }).waitFor();
    assert.match((await page.getByTestId('queue-wait').textContent())!, /phút/);

    await page.getByRole('heading', { level: 2, name: 'Nhiệm vụ hoàn thành đúng hạn và phản ánh, kiến nghị' }).waitFor();
    const work = page.getByTestId('work-table');
    await work.waitFor();
    assert.equal(await work.locator('tbody tr').count(), busy.length);
    await work.getByRole('cell', { name: busy[0]!.unit.name, exact: true }).waitFor();
    assert.match((await page.getByTestId('tasks-on-time').textContent())!, /^(\d+(,\d)?%|—)$/);
    await checkA11y(page, 'bảng điều hành: nhiệm vụ, phản ánh và hàng đợi');
    await screenshot(page, 'dashboard-queue');
  });

  it('shows the KPIs of the commune per field and per official, officials by full name', async () => {
    const chairman = person('ld.viettri');
    const specialist = person('cv.hotich.viettri');
    const api = await apiLogin(base, chairman);
    const list = await apiGet<{ items: { code: string }[] }>(base, api, '/api/v1/dossiers?unit=07900&state=in_processing');
    assert.equal(list.status, 200);
    const dossier = list.body.items[0];
    assert.ok(dossier, 'Việt Trì has a dossier in processing');
    await apiAct(base, api, dossier.code, 'assign', { assignee: specialist.username! });

    const s = await session();
    await signInOfficial(s, chairman, { form: false });
    const { page } = s;
    await page.goto('/can-bo/dieu-hanh');
    await page.getByRole('heading', { level: 2, name: /^Chỉ tiêu điều hành theo lĩnh vực và cán bộ — Phường Việt Trì/ }).waitFor();
    const fields = page.getByTestId('kpi-field-table');
    await fields.getByRole('rowheader', { name: 'Hộ tịch', exact: true }).waitFor();
    const officials = page.getByTestId('kpi-official-table');
    await officials.getByRole('rowheader', { name: specialist.displayName, exact: true }).waitFor();
    await officials.getByRole('rowheader', { name: 'Chưa phân công', exact: true }).waitFor();
    assert.ok(!(await officials.textContent())!.includes(specialist.username!), 'officials are named, never by username');
    // the per-official figures are the API's, and they export like the other tables
    const api2 = await apiGet<{ rows: { name: string; kpis: { inProgress: number } }[] }>(base, api, `/api/v1/analytics/kpis?unit=07900&by=official`);
    const mine = api2.body.rows.find((r) => r.name === specialist.displayName)!;
    const row = officials.getByRole('row').filter({ has: page.getByRole('rowheader', { name: specialist.displayName, exact: true }) });
    assert.equal(Number((await row.getByRole('cell').nth(4).textContent())!.replace(/\D/g, '')), mine.kpis.inProgress);
    const csv = page.getByRole('link', { name: 'Tải CSV: chỉ tiêu theo cán bộ' });
    const href = (await csv.getAttribute('href'))!;
    assert.match(href, /table=kpis/);
    assert.match(href, /by=official/);
    const file = await fetch(`${base}${href}`, { headers: { cookie: api.cookie } });
    assert.equal(file.status, 200);
    assert.ok((await file.text()).includes(specialist.displayName));

    // any range of days: from the first of January to today, the figures the API gives for it
    const from = `${new Date().getFullYear()}-01-01`;
    const to = new Date().toISOString().slice(0, 10);
    const expected = await apiGet<{ counts: { received: number }; period: { label: string } }>(base, api, `/api/v1/analytics/service-index?from=${from}&to=${to}`);
    assert.equal(expected.status, 200);
    await page.getByText('Khoảng ngày tùy chọn').click();
    await page.getByLabel('Từ ngày').fill(from);
    await page.getByLabel('Đến ngày').fill(to);
    await page.getByRole('button', { name: 'Xem khoảng ngày này' }).click();
    await page.getByRole('heading', { level: 2, name: `Phường Việt Trì — ${expected.body.period.label}` }).waitFor();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="index-received"]')?.textContent?.replace(/\D/g, '')) === n, expected.body.counts.received);
    await page.getByTestId('kpi-official-table').getByRole('rowheader', { name: specialist.displayName, exact: true }).waitFor();
    await checkA11y(page, 'bảng điều hành: chỉ tiêu theo lĩnh vực và cán bộ, khoảng ngày tùy chọn');

    // the chairman sets the commune's alert thresholds on the page (a rate typed as a percentage); a bad value is
    // named beside its field and nothing is saved
    await page.getByText('Đặt ngưỡng cảnh báo cho Phường Việt Trì').click();
    await page.getByLabel(/^Hồ sơ quá hạn — báo khi lớn hơn/).fill('-1');
    await page.getByRole('button', { name: 'Lưu ngưỡng' }).click();
    await page.getByText('Nhập một số không âm').waitFor();
    assert.deepEqual((await apiGet<{ thresholds: unknown[] }>(base, api, '/api/v1/analytics/thresholds/07900')).body.thresholds, []);
    await page.getByLabel(/^Hồ sơ quá hạn — báo khi lớn hơn/).fill('3');
    await page.getByLabel(/^Tỷ lệ hồ sơ đúng hạn — báo khi nhỏ hơn/).fill('92,5');
    await page.getByRole('button', { name: 'Lưu ngưỡng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu ngưỡng cảnh báo.' }).waitFor();
    const saved = await apiGet<{ thresholds: { kpi: string; limit: number }[] }>(base, api, '/api/v1/analytics/thresholds/07900');
    assert.deepEqual(saved.body.thresholds.map((x) => [x.kpi, x.limit]).sort(), [['onTimeRate', 0.925], ['overdue', 3]]);
    await checkA11y(page, 'bảng điều hành: ngưỡng cảnh báo');

    const phone = await session({ mobile: true });
    await signInOfficial(phone, chairman, { form: false });
    await phone.page.goto('/can-bo/dieu-hanh');
    await phone.page.getByTestId('kpi-official-table').getByRole('rowheader', { name: specialist.displayName, exact: true }).waitFor();
    await assertFitsPhone(phone.page, 'chỉ tiêu theo cán bộ trên điện thoại');
    await screenshot(phone.page, 'dashboard-kpis-by-official-phone');
  });
});
