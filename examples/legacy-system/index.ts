/**
 * A province's legacy system (e.g. an old civil-status register of a department) connected to Liên Thông
 * as a client system: it authenticates with its client credentials, reads the shared dossier data it was
 * granted through the typed SDK (sdk/), and receives dossier events by webhook, checking each delivery's
 * signature (Standard Webhooks) before using it. Events carry ids and statuses only; details are read
 * back through the API with the client's own scopes.
 *
 *   LIENTHONG_URL=http://localhost:3000 CLIENT_ID=so-tu-phap CLIENT_SECRET=ltc_… npx tsx examples/legacy-system/index.ts
 *   (WEBHOOK_PORT=4100 to subscribe to dossier events and receive them; DOSSIER_CODE=… to read one dossier)
 *
 * See examples/legacy-system/README.md and docs/integration.md.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { createLienThongClient, type LienThongClient } from '../../sdk/index.ts';

export interface LegacyOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** A dossier to read through the data-sharing catalogue (the client's grant decides the fields). */
  dossierCode?: string;
  log?: (line: string) => void;
}

/** What the legacy system learned in one run. */
export interface LegacyReport {
  scope: string;
  datasets: string[];
  dossiers: { code: string; status: string }[] | null;
  record: Record<string, unknown> | null;
}

/** One synchronisation pass: authenticate, read the catalogue, the dossiers it may see, one record. */
export async function syncOnce(o: LegacyOptions, lt: LienThongClient = createLienThongClient(o)): Promise<LegacyReport> {
  const log = o.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const token = await lt.token();
  log(`Đã xác thực với Liên Thông; phạm vi: ${token.scope || '(không có)'}`);

  const catalogue = await lt.GET('/api/v1/datasets');
  const datasets = catalogue.data?.items.map((d) => d.code) ?? [];
  if (catalogue.data) for (const d of catalogue.data.items) log(`Bộ dữ liệu ${d.code}: ${d.name} (${d.classification}; căn cứ: ${d.legalBasis})`);

  let dossiers: LegacyReport['dossiers'] = null;
  const list = await lt.GET('/api/v1/dossiers', { params: { query: { limit: 10 } } });
  if (list.data) {
    dossiers = list.data.items.map((d) => ({ code: d.code, status: d.status }));
    log(`${list.data.total} hồ sơ trong phạm vi của hệ thống; 10 hồ sơ đầu: ${dossiers.map((d) => d.code).join(', ') || '—'}`);
  } else log(`Không đọc được danh sách hồ sơ: ${list.error?.title ?? list.response.status}`);

  let record: Record<string, unknown> | null = null;
  if (o.dossierCode) {
    const r = await lt.GET('/api/v1/datasets/{dataset}/records/{key}', { params: { path: { dataset: 'ho-so-tthc', key: o.dossierCode } } });
    if (r.data) {
      record = r.data.record;
      log(`Hồ sơ ${o.dossierCode}: ${JSON.stringify(record)}${r.data.withheld.length ? ` (không được cấp: ${r.data.withheld.map((w) => w.field).join(', ')})` : ''}`);
    } else log(`Không đọc được hồ sơ ${o.dossierCode}: ${r.error?.title ?? r.response.status}`);
  }
  return { scope: token.scope, datasets, dossiers, record };
}

export interface ReceivedEvent {
  id: string;
  type: string;
  subject?: string;
  data?: Record<string, unknown>;
}

/**
 * The webhook receiver: verifies each delivery's signature with the subscription's secret (Standard
 * Webhooks: webhook-id, webhook-timestamp, webhook-signature) and answers 204; a bad signature gets 401
 * and is not used. `onEvent` gets the verified event (a CloudEvents 1.0 envelope).
 */
export async function startWebhookReceiver(o: { port: number; secret: string | (() => string); onEvent: (e: ReceivedEvent) => void | Promise<void> }): Promise<{ url: string; close: () => Promise<void> }> {
  // the secret may be known only once the subscription exists (it needs the receiver's address first)
  const secretOf = typeof o.secret === 'string' ? () => o.secret as string : o.secret;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: ReceivedEvent;
      try {
        event = new Webhook(secretOf()).verify(body, Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))) as ReceivedEvent;
      } catch {
        res.writeHead(401).end();
        return;
      }
      try {
        await o.onEvent(event);
        res.writeHead(204).end();
      } catch {
        res.writeHead(500).end(); // the platform retries later, in order
      }
    });
  });
  await new Promise<void>((r) => server.listen(o.port, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/lienthong/su-kien`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Subscribes the client to dossier events by webhook (POST /api/v1/webhooks, as itself: needs the scopes
 * events.webhooks.manage and dossiers.read); returns the subscription's signing secret (shown once).
 */
export async function subscribeDossierEvents(lt: LienThongClient, url: string): Promise<{ id: string; secret: string }> {
  const r = await lt.POST('/api/v1/webhooks', { body: { url, types: ['dossiers.dossier.*'], description: 'Hệ thống cũ: sự kiện hồ sơ' } });
  if (!r.data) throw new Error(`Không đăng ký được webhook: ${(r.error as { detail?: string; title?: string } | undefined)?.detail ?? r.response.status}`);
  return { id: r.data.id, secret: r.data.secret };
}

/** The dossier an event is about (its data carries the code; the subject is "dossier/<code>"). */
export function dossierCodeOf(e: ReceivedEvent): string | undefined {
  return (e.data?.code as string | undefined) ?? (e.subject?.startsWith('dossier/') ? e.subject.slice('dossier/'.length) : undefined);
}

async function main(): Promise<void> {
  const env = process.env;
  const baseUrl = env.LIENTHONG_URL ?? 'http://localhost:3000';
  if (!env.CLIENT_ID || !env.CLIENT_SECRET) {
    process.stderr.write('Cần CLIENT_ID và CLIENT_SECRET của hệ thống kết nối (đăng ký tại /can-bo/ket-noi hoặc POST /api/v1/integration/clients).\n');
    process.exit(2);
  }
  const lt = createLienThongClient({ baseUrl, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET });
  await syncOnce({ baseUrl, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET, dossierCode: env.DOSSIER_CODE }, lt);
  if (env.WEBHOOK_PORT) {
    let secret = env.WEBHOOK_SECRET ?? '';
    const receiver = await startWebhookReceiver({
      port: Number(env.WEBHOOK_PORT),
      secret: () => secret,
      onEvent: async (e) => {
        const code = dossierCodeOf(e);
        process.stdout.write(`Sự kiện ${e.type} (${e.id}) của hồ sơ ${code}\n`);
        // the event says what changed; the details are read back with the client's own scopes
        if (code) {
          const d = await lt.GET('/api/v1/dossiers/{code}', { params: { path: { code } } });
          if (d.data) process.stdout.write(`  → trạng thái ${d.data.statusLabel} (mã quốc gia ${d.data.nationalStatus.code})\n`);
        }
      },
    });
    if (!secret) {
      const sub = await subscribeDossierEvents(lt, receiver.url);
      secret = sub.secret;
      process.stdout.write(`Đã đăng ký webhook ${sub.id} cho các sự kiện dossiers.dossier.*\n`);
    }
    process.stdout.write(`Đang nhận sự kiện tại ${receiver.url} (Ctrl+C để dừng)\n`);
    await new Promise<void>((r) => process.once('SIGINT', () => r()));
    await receiver.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
