/**
 * Steps the browser tests repeat: signing in (officials through the back office's form, citizens
 * through the OpenID Connect provider of the demo), acting on a dossier through its page, reading the
 * demo people, and a few API calls for set-up (always through the public API, never the database).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vi } from '../../web/src/i18n/vi.ts';
import { launchBrowser, newContext, root, startPlatform, watchErrors, type Platform } from './browser.ts';
import { sampleAnswers } from '../../src/modules/forms/index.ts';

export interface DemoPerson {
  kind: 'official' | 'citizen';
  username?: string;
  personalId?: string;
  password: string;
  role: string;
  unit?: string;
  unitName?: string;
  fields: string[] | '*';
  displayName: string;
}

/** `lienthong demo users --json` (static: it does not open the database). */
export function demoPeople(): DemoPerson[] {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/lienthong.js'), 'demo', 'users', '--json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: path.join(os.tmpdir(), 'lienthong-e2e-demo-users'), LOG_LEVEL: 'silent' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as DemoPerson[];
}

/** The first demo official with this role in this unit (and this field, when given). */
export function official(people: DemoPerson[], role: string, unit: string, field?: string): DemoPerson {
  const p = people.find((x) => x.kind === 'official' && x.role === role && x.unit === unit && (!field || x.fields === '*' || x.fields.includes(field)));
  assert.ok(p, `no demo ${role} in ${unit}${field ? ` for ${field}` : ''}`);
  return p;
}

export interface Session {
  ctx: BrowserContext;
  page: Page;
  errors: string[];
}

export async function openSession(browser: Browser, baseURL: string, opts: { mobile?: boolean } = {}): Promise<Session> {
  const ctx = await newContext(browser, { baseURL, mobile: opts.mobile });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  return { ctx, page, errors: watchErrors(page) };
}

export interface BrowserSuite {
  /** The platform's address: E2E_BASE_URL, or that of the platform the suite started. */
  readonly base: string;
  /** The platform the suite started (null when E2E_BASE_URL names a running one). */
  readonly platform: Platform | null;
  readonly browser: Browser;
  /** The demo people (`lienthong demo users`, read when first asked). */
  readonly people: DemoPerson[];
  /** The sessions opened through `session`, in order. */
  readonly sessions: Session[];
  /** A new session (own cookies), closed when the suite ends; `mobile` = a 360-pixel-wide phone. */
  session(opts?: { mobile?: boolean }): Promise<Session>;
  /** The demo person with this user name. */
  person(username: string): DemoPerson;
}

/**
 * Registers, in the calling `describe`, the start-up and the end of a browser suite: before the tests the
 * platform is started (unless E2E_BASE_URL names a running one; a suite with its own `env` always starts
 * its own) and Chromium is opened (`browserArgs` added to the usual ones); after them every session, the
 * browser and the platform are closed. The errors pages logged are printed, or with `pageErrors: 'fail'`
 * fail the suite once everything is closed.
 */
export function browserSuite(opts: { env?: Record<string, string>; browserArgs?: string[]; pageErrors?: 'log' | 'fail' } = {}): BrowserSuite {
  let base = opts.env ? '' : (process.env.E2E_BASE_URL ?? '');
  let platform: Platform | null = null;
  let browser: Browser | undefined;
  let people: DemoPerson[] | undefined;
  const sessions: Session[] = [];

  before(async () => {
    if (!base) {
      platform = await startPlatform(opts.env);
      base = platform.url;
    }
    browser = await launchBrowser(opts.browserArgs);
  });

  after(async () => {
    const errors = sessions.flatMap((s) => s.errors);
    for (const s of sessions) {
      if (s.errors.length && opts.pageErrors !== 'fail') console.log(`# lỗi trang: ${s.errors.join(' | ')}`);
      await s.ctx.close().catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
    if (opts.pageErrors === 'fail') assert.deepEqual(errors, [], 'no errors in the browser console');
  });

  const suite: BrowserSuite = {
    get base() {
      return base;
    },
    get platform() {
      return platform;
    },
    get browser() {
      assert.ok(browser, 'the browser is opened before the tests');
      return browser;
    },
    get people() {
      return (people ??= demoPeople());
    },
    sessions,
    async session(sessionOpts = {}) {
      const s = await openSession(suite.browser, base, sessionOpts);
      sessions.push(s);
      return s;
    },
    person(username) {
      const p = suite.people.find((x) => x.username === username);
      assert.ok(p, `demo person ${username}`);
      return p;
    },
  };
  return suite;
}

/**
 * An official signs in through /can-bo/dang-nhap and lands on the inbox; with `{ form: false }` the
 * session cookie is opened through the API (same cookie jar), for tests that are not about signing in.
 */
export async function signInOfficial(s: Session, person: DemoPerson, opts: { form?: boolean } = {}): Promise<void> {
  const { page } = s;
  if (opts.form === false) {
    const r = await s.ctx.request.post('/api/v1/auth/login', { data: { username: person.username, password: person.password } });
    assert.equal(r.status(), 200, await r.text());
    return;
  }
  await page.goto('/can-bo/dang-nhap');
  await page.getByLabel(vi.signIn.username).fill(person.username!);
  await page.getByLabel(vi.signIn.password).fill(person.password);
  await page.getByRole('button', { name: vi.signIn.button }).click();
  await page.getByRole('heading', { level: 1, name: vi.office.inbox }).waitFor();
}

/** A citizen signs in with the demo identity provider (the stand-in for VNeID). */
export async function signInCitizen(s: Session, person: DemoPerson): Promise<void> {
  const { page } = s;
  await page.goto('/dang-nhap');
  await page.goto('/api/v1/auth/citizen/login');
  await page.locator('#personalId').fill(person.personalId ?? person.username!);
  await page.locator('#password').fill(person.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/oidc'));
  const me = await page.request.get('/api/v1/auth/me');
  assert.equal(me.status(), 200, 'the citizen is signed in');
  assert.equal((await me.json()).kind, 'citizen');
}

/** Opens the dossier in the back office and runs one action through its form. */
export async function act(s: Session, code: string, action: string, fill?: (page: Page) => Promise<void>, opts: { reload?: boolean } = {}): Promise<void> {
  const { page } = s;
  const name = vi.actions[action]!;
  if (opts.reload !== false) await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { name: vi.office.actions }).waitFor();
  await page.getByRole('heading', { name: vi.office.timeline }).waitFor();
  const button = page.getByRole('button', { name, exact: true });
  await button.waitFor().catch(async () => {
    const available = await page.locator('.actions-list button').allTextContents();
    throw new Error(`"${name}" is not offered on ${code}; offered: ${available.join(', ') || 'nothing'}`);
  });
  await button.click();
  if (fill) await fill(page);
  await page.getByRole('button', { name: `${vi.office.confirm}: ${name}` }).click();
  await page.getByText(vi.office.done(name)).waitFor().catch(async (err: Error) => {
    // say what the page said instead (a refusal, a field error) rather than only that the wait timed out
    const said = (await page.locator('[role=alert], .field-error, .notice').allTextContents()).map((t) => t.trim()).filter(Boolean);
    throw new Error(`"${name}" on ${code} did not finish: ${said.join(' | ') || err.message}`);
  });
}

/** Runs the action when the dossier's page offers it now (a hand-over the process may do by itself). */
export async function actIfOffered(s: Session, code: string, action: string): Promise<boolean> {
  const { page } = s;
  // right after an action on the same page, the page shows the new version by itself
  if (new URL(page.url()).pathname !== `/can-bo/ho-so/${encodeURIComponent(code)}`) await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { name: vi.office.actions }).waitFor();
  await page.getByRole('heading', { name: vi.office.timeline }).waitFor();
  await page.locator('.actions-list').or(page.getByText(vi.office.noActions)).first().waitFor();
  if (!(await page.getByRole('button', { name: vi.actions[action]!, exact: true }).count())) return false;
  await act(s, code, action, undefined, { reload: false });
  return true;
}

export interface ApiSession {
  cookie: string;
  csrf: string;
}

const apiSessions = new Map<string, ApiSession>();

/** Signs in through the API (for set-up steps that are not what a test is about); one session per person. */
export async function apiLogin(baseURL: string, person: DemoPerson): Promise<ApiSession> {
  const known = apiSessions.get(`${baseURL} ${person.username}`);
  if (known) return known;
  const r = await fetch(`${baseURL}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: person.username, password: person.password }) });
  assert.equal(r.status, 200, await r.clone().text());
  const body = (await r.json()) as { csrfToken: string };
  const cookie = (r.headers.getSetCookie?.() ?? [r.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
  const s = { cookie, csrf: body.csrfToken };
  apiSessions.set(`${baseURL} ${person.username}`, s);
  return s;
}

export async function apiGet<T>(baseURL: string, s: ApiSession | null, url: string): Promise<{ status: number; body: T; etag: string | null }> {
  const r = await fetch(`${baseURL}${url}`, { headers: s ? { cookie: s.cookie } : {} });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T, etag: r.headers.get('etag') };
}

export async function apiAct(baseURL: string, s: ApiSession, code: string, action: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const d = await apiGet<{ version: number }>(baseURL, s, `/api/v1/dossiers/${encodeURIComponent(code)}`);
  const r = await fetch(`${baseURL}/api/v1/dossiers/${encodeURIComponent(code)}/actions/${action}`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', 'if-match': d.etag ?? `"${d.body.version}"` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  assert.equal(r.status, 200, `${action} on ${code}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The citizen's dossier page offers the result to download: it is a PDF with a digital signature. */
export async function downloadResult(page: Page, code: string): Promise<Buffer> {
  await page.goto(`/ho-so/${encodeURIComponent(code)}`);
  const download = page.getByRole('link', { name: vi.my.resultDownload });
  await download.waitFor();
  const pdf = await page.request.get((await download.getAttribute('href'))!);
  assert.equal(pdf.status(), 200);
  const bytes = await pdf.body();
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.match(bytes.toString('latin1'), /\/ByteRange/, 'the result carries a digital signature');
  return bytes;
}

/** A tiny valid PDF to upload as a scanned document. */
export function samplePdf(): string {
  const file = path.join(os.tmpdir(), 'lienthong-e2e-giay-to.pdf');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
  }
  return file;
}

/** No horizontal scrolling on a 360-pixel-wide phone. */
export async function assertFitsPhone(page: Page, label: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client + 1, `${label}: the page is ${scroll}px wide on a ${client}px screen`);
}

/**
 * A signed-in citizen applies online through the four steps of the form and gets the receipt;
 * `check` runs at each step (accessibility checks, screenshots). Returns the dossier code.
 */
/**
 * Fills a procedure's form on the page with its written sample (src/modules/forms/definitions), in the
 * form's order, as a person would: radios clicked, dates typed in their three inputs, ticks ticked.
 */
export async function fillForm(page: Page, procedureCode: string, answers: Record<string, string | boolean> = sampleAnswers(procedureCode) ?? {}): Promise<void> {
  const form = (await (await page.request.get(`/api/v1/procedures/${procedureCode}/form`)).json()) as { sections: { fields: { key: string; type: string; options?: { value: string }[] }[] }[] };
  const id = (key: string) => `f-${key.replace(/\./g, '-')}`;
  for (const f of form.sections.flatMap((x) => x.fields)) {
    const v = answers[f.key];
    if (v === undefined) continue;
    const el = page.locator(`#${id(f.key)}`);
    if (!(await el.count())) continue;
    if (f.type === 'radio') {
      const first = f.options?.[0]?.value === v;
      await page.locator(`#${first ? id(f.key) : `${id(f.key)}-${String(v)}`}`).check();
    } else if (f.type === 'checkbox') await el.setChecked(v === true);
    else if (f.type === 'select') await el.selectOption(String(v));
    else if (f.type === 'date') {
      const [y, m, d] = String(v).split('-');
      await el.fill(String(Number(d)));
      await page.locator(`#${id(f.key)}-month`).fill(String(Number(m)));
      await page.locator(`#${id(f.key)}-year`).fill(y!);
    } else await el.fill(String(v));
  }
}

export async function applyOnline(s: Session, procedureCode: string, address: string, check?: (step: 'applicant' | 'errors' | 'address' | 'form' | 'review' | 'receipt') => Promise<void>): Promise<string> {
  const { page } = s;
  await page.goto(`/thu-tuc/${procedureCode}`);
  await page.getByRole('link', { name: vi.procedure.apply }).click();
  await page.locator('#draft-status').waitFor({ state: 'attached' });
  // a draft left by an earlier visit resumes where it was: start again from the first step
  if (await page.locator('#draft-resumed').count()) {
    await page.getByRole('button', { name: vi.submission.startOver }).click();
    await page.locator('#draft-status').waitFor({ state: 'attached' });
  }
  await page.getByRole('heading', { level: 1, name: vi.apply.steps[0] }).waitFor();
  await check?.('applicant');
  const phone = page.getByLabel(vi.apply.phone);
  if (!(await phone.inputValue())) {
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('alert').getByRole('link', { name: vi.form.required(vi.apply.phone) }).waitFor();
    await check?.('errors');
    await phone.fill('0912345678');
  }
  await page.getByRole('button', { name: vi.form.continue }).click();
  await page.getByRole('heading', { level: 1, name: vi.apply.steps[1] }).waitFor();
  await page.getByLabel(vi.apply.addressLabel).fill(address);
  await page.getByRole('button', { name: vi.apply.convert }).click();
  await page.locator('#conversion').waitFor();
  await check?.('address');
  await page.getByLabel(vi.apply.confirmAddress).check();
  await page.getByRole('button', { name: vi.form.continue }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^(${vi.forms.step}|${vi.apply.steps[2]})$`) }).waitFor();
  if (await page.getByRole('heading', { level: 1, name: vi.forms.step }).count()) {
    // the procedure's own form: the server checks it and names each wrong answer beside its field
    await fillForm(page, procedureCode);
    await check?.('form');
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[2] }).waitFor();
  }
  const files = page.locator('input[type=file]');
  for (let i = 0; i < (await files.count()); i++) await files.nth(i).setInputFiles(samplePdf());
  await waitForUploads(page);
  await page.getByRole('button', { name: vi.form.continue }).click();
  await page.getByRole('heading', { level: 1, name: vi.apply.steps[3] }).waitFor();
  await check?.('review');
  // a written form carries its own declaration; the generic one asks for it on the review page
  if (await page.getByLabel(vi.apply.declaration).count()) await page.getByLabel(vi.apply.declaration).check();
  await page.getByRole('button', { name: vi.apply.submit }).click();
  await page.getByRole('heading', { level: 1, name: vi.apply.receiptTitle }).waitFor();
  const code = (await page.locator('.panel .code').textContent())!.trim();
  assert.match(code, /^[A-Z]\d{2}(\.[0-9A-Z]+)*-\d{6}-\d{4}$/);
  await check?.('receipt');
  return code;
}

/** Files are uploaded (staged, checked) the moment they are chosen: waits until every file input says so. */
export async function waitForUploads(page: Page): Promise<void> {
  const n = await page.locator('input[type=file]').count();
  const done = vi.submission.uploadedOk('', '').split(':')[0]!;
  await page.waitForFunction(
    ([count, prefix]) => [...document.querySelectorAll('input[type=file]')].filter((i) => i.parentElement?.querySelector('p.small.muted')?.textContent?.startsWith(prefix as string)).length >= (count as number),
    [n, done] as const,
  );
}

/** dd/mm/yyyy → a comparable number (yyyymmdd). */
export function dayNumber(text: string): number {
  const m = /(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
  assert.ok(m, `no date in "${text}"`);
  return Number(`${m[3]}${m[2]}${m[1]}`);
}
