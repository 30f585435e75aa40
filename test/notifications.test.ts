import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { buildApp, openRuntime, type Runtime } from '../src/main.ts';
import { platformModule } from '../src/modules/index.ts';
import { notificationsModule } from '../src/modules/notifications/index.ts';
import type { App } from '../src/platform/http.ts';
import { loadConfig } from '../src/platform/config.ts';
import { loggerOptions } from '../src/platform/logger.ts';
import type { AppModule } from '../src/platform/modules.ts';
import type { Principal } from '../src/platform/access.ts';
import { freshDb } from './helpers/db.ts';

/**
 * Notifications end to end: a real SMTP conversation with a tiny SMTP server written here (node:net),
 * the outbox table on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), retries with
 * back-off, and the listing route behind the policy point.
 */

// ---------- a minimal SMTP sink ----------
interface Received {
  from: string;
  to: string[];
  raw: string;
}
function smtpSink() {
  const received: Received[] = [];
  const ctl = { failMail: 0, failCode: '451 4.3.0 Hệ thống tạm thời bận', rejectRcpt: false };
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let cur: Received = { from: '', to: [], raw: '' };
    const reply = (s: string) => sock.write(`${s}\r\n`);
    reply('220 sink.test ESMTP');
    sock.setEncoding('utf8');
    sock.on('error', () => undefined);
    sock.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(cur);
            cur = { from: '', to: [], raw: '' };
            reply('250 2.0.0 OK queued');
          } else cur.raw += (line.startsWith('..') ? line.slice(1) : line) + '\r\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-sink.test\r\n250 8BITMIME\r\n');
        else if (cmd === 'HELO') reply('250 sink.test');
        else if (cmd === 'MAIL') {
          if (ctl.failMail > 0) {
            ctl.failMail--;
            reply(ctl.failCode);
          } else {
            cur = { from: line.slice(10), to: [], raw: '' };
            reply('250 2.1.0 OK');
          }
        } else if (cmd === 'RCPT') {
          const addr = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (ctl.rejectRcpt) reply(`550 5.1.1 <${addr}>: Recipient address rejected: mailbox unavailable`);
          else {
            cur.to.push(addr);
            reply('250 2.1.5 OK');
          }
        } else if (cmd === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (cmd === 'RSET' || cmd === 'NOOP') reply('250 OK');
        else if (cmd === 'QUIT') {
          reply('221 Bye');
          sock.end();
        } else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  return { server, received, ctl };
}

// ---------- MIME decoding (RFC 2047 encoded words, quoted-printable, base64) ----------
function decodeQp(s: string): Buffer {
  const bytes: number[] = [];
  const t = s.replace(/=\r\n/g, '');
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) {
      bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(t[i]!, 'utf8'));
  }
  return Buffer.from(bytes);
}
function decodeWords(s: string): string {
  return s
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')).toString('utf8'),
    );
}
function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const h of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const k = h.slice(0, h.indexOf(':')).toLowerCase();
    headers[k] = h.slice(h.indexOf(':') + 1).trim();
  }
  let body = rest.join('\r\n\r\n');
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (cte === 'quoted-printable') body = decodeQp(body).toString('utf8');
  else if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers: { ...headers, subject: decodeWords(headers.subject ?? '') }, body: body.replace(/\r\n/g, '\n') };
}

// ---------- a test policy point: the role comes from a header ----------
const testAccess: AppModule = {
  name: 'test-access',
  accessControl: (ctx) => ({
    async authenticate(req) {
      const role = req.headers['x-test-role'];
      if (typeof role !== 'string') return null;
      const unitCode = String(req.headers['x-test-unit'] ?? 'H15.50');
      const p: Principal = { kind: 'official', id: 'u-1', subject: 'canbo1', displayName: 'Cán bộ một cửa', unitCode, grants: [{ role, unitCode, fields: '*' }], via: 'test' };
      return p;
    },
    can: (p, permission, target) =>
      p.grants.some((g) => (ctx.permissions[permission] ?? []).includes(g.role) && (!target?.unitCode || g.unitCode === target.unitCode)),
  }),
};

const CODE = 'H15.50.05.13-261008-0975';
const EMAIL = 'nhung.nguyen@example.vn';
const PHONE = '0912345678';
const received = {
  procedureName: 'Đăng ký khai sinh',
  agencyName: 'Trung tâm Phục vụ hành chính công xã Tân Lạc',
  appointmentAt: new Date('2026-10-13T09:00:00Z').toISOString(),
  trackingUrl: `https://dichvucong.phutho.gov.vn/tra-cuu/ho-so/${CODE}`,
};

describe('notifications', () => {
  const sink = smtpSink();
  const logLines: string[] = [];
  let rt: Runtime;
  let app: App;
  let drop: () => Promise<void>;
  let dataDir: string;
  const svc = () => rt.ctx.services.notifications!;
  const row = async (id: string) =>
    (await rt.ctx.db.query<{ status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>('SELECT status, attempts, next_attempt_at, last_error FROM notifications.message WHERE id = $1', [id])).rows[0]!;

  before(async () => {
    await new Promise<void>((r) => sink.server.listen(0, '127.0.0.1', r));
    const port = (sink.server.address() as net.AddressInfo).port;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-notify-'));
    const fresh = await freshDb();
    drop = fresh.drop;
    const log = pino(loggerOptions('info'), { write: (s: string) => void logLines.push(s) });
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${port}`, NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_SECONDS: '30' };
    rt = await openRuntime(loadConfig(env), { db: fresh.db, log, modules: [platformModule, notificationsModule, testAccess] });
    app = await buildApp(rt);
  });

  after(async () => {
    await app?.close();
    await rt?.close();
    await drop?.();
    await new Promise((r) => sink.server.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes in the caller’s transaction: a rollback leaves no message', async () => {
    await assert.rejects(
      rt.ctx.db.transaction(async (tx) => {
        await svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'received', data: received, dossierCode: 'ROLLBACK-1' });
        throw new Error('dossier change failed');
      }),
      /dossier change failed/,
    );
    assert.deepEqual(await svc().list({ dossierCode: 'ROLLBACK-1' }), []);
  });

  it('delivers an e-mail over SMTP with a Vietnamese subject and body', async () => {
    const { id, status } = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'received', data: received, dossierCode: CODE, unitCode: 'H15.50' }));
    assert.equal(status, 'pending');
    const before = sink.received.length;
    const report = await svc().deliverDue(new Date());
    assert.deepEqual(report, { sent: 1, retrying: 0, failed: 0 });
    assert.equal(sink.received.length, before + 1);
    const mail = sink.received.at(-1)!;
    assert.deepEqual(mail.to, [EMAIL]);
    const { headers, body } = parseMail(mail.raw);
    assert.equal(headers.subject, `[Liên Thông] Hồ sơ ${CODE} đã được tiếp nhận`);
    assert.match(headers['content-type']!, /text\/plain; charset=utf-8/i);
    assert.match(body, /Kính gửi Ông\/Bà,/);
    assert.match(body, /Trung tâm Phục vụ hành chính công xã Tân Lạc đã tiếp nhận hồ sơ của Ông\/Bà\./);
    assert.match(body, /Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 13 tháng 10 năm 2026\./);
    const r = await row(id);
    assert.equal(r.status, 'sent');
    assert.equal(r.attempts, 1);
    const events = await rt.ctx.db.query<{ type: string; payload: Record<string, unknown> }>(`SELECT type, payload FROM platform.outbox_event WHERE aggregate_id = $1`, [id]);
    assert.deepEqual(events.rows.map((e) => e.type), ['notifications.message.sent']);
    assert.ok(!JSON.stringify(events.rows).includes(EMAIL), 'events carry no recipient');
    assert.deepEqual(await svc().deliverDue(new Date()), { sent: 0, retrying: 0, failed: 0 }, 'a sent message is not sent again');
  });

  it('sends a file attached to an e-mail over SMTP (a monthly report), once even when enqueued twice', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% báo cáo tháng thử\n%%EOF\n');
    const message = { channel: 'email' as const, to: EMAIL, template: 'monthly_report', data: { agencyName: 'Phường Việt Trì', periodLabel: 'tháng 11/2026' }, unitCode: '07900', key: 'test:monthly-report:07900:2026-11', attachments: [{ filename: 'bao-cao-07900-2026-11.pdf', contentType: 'application/pdf', content: pdf }] };
    const first = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, message));
    const again = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, message));
    assert.equal(again.id, first.id);
    const before = sink.received.length;
    assert.equal((await svc().deliverDue(new Date())).sent, 1);
    assert.equal(sink.received.length, before + 1);
    const raw = sink.received.at(-1)!.raw;
    assert.match(parseMail(raw).headers['content-type']!, /multipart\/mixed/i);
    assert.match(raw, /Content-Type: application\/pdf; name=bao-cao-07900-2026-11\.pdf/i);
    assert.match(raw, /Content-Disposition: attachment; filename=bao-cao-07900-2026-11\.pdf/i);
    const b64 = /filename=bao-cao-07900-2026-11\.pdf\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(raw)![1]!;
    assert.deepEqual(Buffer.from(b64.replace(/\r\n/g, ''), 'base64'), pdf);
  });

  it('keeps recipients and template data encrypted at rest', async () => {
    const all = await rt.ctx.db.query<{ j: string }>(`SELECT row_to_json(m)::text AS j FROM notifications.message m`);
    assert.ok(all.rows.length > 0);
    for (const { j } of all.rows) {
      assert.ok(!j.includes(EMAIL) && !j.includes(PHONE), 'no recipient in clear');
      assert.ok(!j.includes('Đăng ký khai sinh') && !j.includes('Tân Lạc'), 'no template data in clear');
      assert.match(j, /"recipient_enc":"v1\./);
    }
  });

  it('sends SMS through the development provider, which logs them masked and without diacritics', async () => {
    await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'sms', to: '+84 912 345 678', template: 'result_ready', data: { returnPlace: 'Trung tâm Phục vụ hành chính công xã Tân Lạc' }, dossierCode: CODE }));
    logLines.length = 0;
    assert.deepEqual(await svc().deliverDue(new Date()), { sent: 1, retrying: 0, failed: 0 });
    const line = logLines.find((l) => l.includes('"channel":"sms"'));
    assert.ok(line, 'the SMS is written to the log');
    assert.ok(!line.includes(PHONE) && !line.includes('912345678'), 'the phone number is masked');
    assert.match(line, /09\*\*\*\*\*\*78/);
    assert.match(line, new RegExp(`Ho so ${CODE.replace(/\./g, '\\.')} da co ket qua`));
    const listed = (await svc().list({ dossierCode: CODE })).find((m) => m.channel === 'sms')!;
    assert.equal(listed.recipient, '09******78');
    assert.equal(listed.status, 'sent');
  });

  it('retries a failing SMTP server with exponential back-off, never throwing into the caller, then fails', async () => {
    sink.ctl.failMail = 10;
    const { id } = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'late_apology', data: { newAppointmentAt: '2026-10-15T09:00:00Z' }, dossierCode: CODE }));
    const t0 = new Date();
    assert.deepEqual(await svc().deliverDue(t0), { sent: 0, retrying: 1, failed: 0 });
    let r = await row(id);
    assert.equal(r.status, 'pending');
    assert.equal(r.attempts, 1);
    assert.equal(r.next_attempt_at.getTime(), t0.getTime() + 30_000, 'first retry after 30 s');
    assert.match(r.last_error!, /451/);
    assert.deepEqual(await svc().deliverDue(new Date(t0.getTime() + 29_000)), { sent: 0, retrying: 0, failed: 0 }, 'not before its time');
    const t1 = new Date(t0.getTime() + 30_000);
    assert.deepEqual(await svc().deliverDue(t1), { sent: 0, retrying: 1, failed: 0 });
    r = await row(id);
    assert.equal(r.attempts, 2);
    assert.equal(r.next_attempt_at.getTime(), t1.getTime() + 60_000, 'second retry after 60 s');
    const t2 = new Date(t1.getTime() + 60_000);
    assert.deepEqual(await svc().deliverDue(t2), { sent: 0, retrying: 0, failed: 1 });
    r = await row(id);
    assert.equal(r.status, 'failed');
    assert.equal(r.attempts, 3);
    assert.deepEqual(await svc().deliverDue(new Date(t2.getTime() + 3_600_000)), { sent: 0, retrying: 0, failed: 0 }, 'a failed message stays failed');
    sink.ctl.failMail = 0;
  });

  it('delivers on a later attempt once the server recovers', async () => {
    sink.ctl.failMail = 1;
    const { id } = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'payment_received', data: { amount: 20000 }, dossierCode: CODE }));
    const t0 = new Date();
    assert.deepEqual(await svc().deliverDue(t0), { sent: 0, retrying: 1, failed: 0 });
    const before = sink.received.length;
    assert.deepEqual(await svc().deliverDue(new Date(t0.getTime() + 30_000)), { sent: 1, retrying: 0, failed: 0 });
    assert.equal((await row(id)).status, 'sent');
    const { headers, body } = parseMail(sink.received[before]!.raw);
    assert.equal(headers.subject, `[Liên Thông] Đã nhận thanh toán cho hồ sơ ${CODE}`);
    assert.match(body, /Số tiền: 20\.000 đ/);
  });

  it('fails at once on a permanent rejection (5xx), with the address masked in the error', async () => {
    sink.ctl.rejectRcpt = true;
    try {
      const { id } = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'result_ready', data: {}, dossierCode: CODE }));
      assert.deepEqual(await svc().deliverDue(new Date()), { sent: 0, retrying: 0, failed: 1 });
      const r = await row(id);
      assert.equal(r.status, 'failed');
      assert.equal(r.attempts, 1);
      assert.match(r.last_error!, /550/);
      assert.ok(!r.last_error!.includes(EMAIL), `error text masked: ${r.last_error}`);
    } finally {
      sink.ctl.rejectRcpt = false;
    }
  });

  it('records an unusable recipient as failed instead of throwing; refuses an unknown template', async () => {
    const r = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'sms', to: 'không có số', template: 'received', data: {}, dossierCode: 'BAD-RECIPIENT' }));
    assert.equal(r.status, 'failed');
    const [m] = await svc().list({ dossierCode: 'BAD-RECIPIENT' });
    assert.equal(m!.lastError, 'Số điện thoại di động không hợp lệ');
    await assert.rejects(
      rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'khong-co', data: {} })),
      /Mẫu thông báo không tồn tại: khong-co/,
    );
  });

  it('the sender loop started by serve delivers what is due and stops cleanly', async () => {
    const { id } = await rt.ctx.db.transaction((tx) => svc().enqueue(tx, { channel: 'email', to: EMAIL, template: 'result_ready', data: {}, dossierCode: 'LOOP-1' }));
    const stop = await notificationsModule.start!(rt.ctx);
    await stop(); // waits for the round that started immediately
    assert.equal((await row(id)).status, 'sent');
  });

  it('GET /api/v1/notifications: 401 anonymous, 403 without the permission, masked list for officers of the unit', async () => {
    const url = `/api/v1/notifications?dossier=${encodeURIComponent(CODE)}`;
    assert.equal((await app.inject(url)).statusCode, 401);
    const citizen = await app.inject({ url, headers: { 'x-test-role': 'citizen' } });
    assert.equal(citizen.statusCode, 403);
    assert.equal(citizen.json().code, 'forbidden');
    const ok = await app.inject({ url, headers: { 'x-test-role': 'receiving_officer', 'x-test-unit': 'H15.50' } });
    assert.equal(ok.statusCode, 200);
    const items = ok.json().items as { recipient: string; dossierCode: string; unitCode: string | null; template: string }[];
    assert.ok(items.length >= 5);
    assert.ok(items.every((m) => m.dossierCode === CODE));
    assert.ok(!ok.body.includes(EMAIL) && !ok.body.includes(PHONE), 'recipients are masked');
    assert.ok(items.some((m) => m.recipient === 'n***@example.vn'));
    assert.ok(items.some((m) => m.unitCode === 'H15.50'));
    // an officer of another unit does not see the message tied to H15.50
    const other = await app.inject({ url, headers: { 'x-test-role': 'leader', 'x-test-unit': 'H15.99' } });
    assert.equal(other.statusCode, 200);
    assert.ok((other.json().items as { unitCode: string | null }[]).every((m) => m.unitCode !== 'H15.50'));
    assert.equal((await app.inject({ url: '/api/v1/notifications?limit=0', headers: { 'x-test-role': 'security_officer' } })).statusCode, 400);
    const doc = (await app.inject('/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/notifications'].get);
  });
});
