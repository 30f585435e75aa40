import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { sealKeyFrom } from '../../platform/seal.ts';
import { eventRoutes } from './http.ts';
import { natsPublisher, type NatsPublisher } from './nats.ts';
import { MODULE_PERMISSIONS } from './permissions.ts';
import { createWebhooks, type WebhooksService } from './webhooks.ts';

export type { WebhooksService, WebhookView, CreateWebhookInput } from './webhooks.ts';
export type { CloudEvent } from './domain/cloudevents.ts';
export { toCloudEvent, natsSubject, natsStream } from './domain/cloudevents.ts';
export { EVENTS_PERMISSIONS } from './permissions.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    events: WebhooksService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const publishers = new WeakMap<object, NatsPublisher>();

/**
 * Module `events`: events leaving the platform — webhook subscriptions (CloudEvents signed per Standard
 * Webhooks) and the NATS JetStream publisher — plus the back office and CLI of every event subscriber
 * (dead letters, replay, delivery log). The delivery engine itself is platform/outbox.ts. docs/events.md.
 * Listed after the modules whose events it publishes (they declare their public types in `create`).
 */
export const eventsModule: AppModule = {
  name: 'events',
  provides: 'events',
  requires: ['audit', 'identity'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: MODULE_PERMISSIONS,
  create(ctx) {
    const webhooks = createWebhooks({
      db: ctx.db,
      events: ctx.events,
      log: ctx.log,
      settings: {
        allowPrivate: ctx.config.webhooksAllowPrivateTargets,
        provinceCode: ctx.config.provinceCode,
        timeoutMs: ctx.config.webhooksTimeoutMs,
        key: sealKeyFrom(ctx.config.env, 'WEBHOOKS_ENCRYPTION_KEY', ctx.config.dataDir, 'webhooks.json'),
      },
    });
    ctx.services.events = webhooks;
    ctx.events.addSource(() => webhooks.subscribers());
    if (ctx.config.natsUrl) {
      const pub = natsPublisher({ url: ctx.config.natsUrl, events: ctx.events, log: ctx.log, provinceCode: ctx.config.provinceCode });
      ctx.events.subscribe(pub.subscriber);
      publishers.set(webhooks, pub);
    }
  },
  routes(app, ctx) {
    eventRoutes(app, ctx, ctx.services.events!);
  },
  async startupNotes(ctx) {
    return ctx.config.natsUrl ? [`Sự kiện: xuất bản lên NATS JetStream tại ${ctx.config.natsUrl.replace(/\/\/[^@]*@/, '//')} (luồng LIENTHONG_<mã tỉnh>).`] : [];
  },
  async start(ctx) {
    // subscriptions created before their secrets were sealed (migration 002) are sealed now
    const sealed = await ctx.services.events!.sealClearSecrets();
    if (sealed) ctx.log.info({ sealed }, 'webhook signing secrets encrypted at rest');
    return async () => {
      await publishers.get(ctx.services.events!)?.close();
    };
  },
  commands(program, open) {
    const cmd = program.command('events').description('Sự kiện: các bên nhận, thư chết, chuyển lại, nhật ký chuyển phát');
    const print = (rows: string[][]) => process.stdout.write(rows.map((r) => r.join('\t')).join('\n') + (rows.length ? '\n' : ''));
    cmd
      .command('subscribers')
      .description('Liệt kê các bên nhận sự kiện và trạng thái (đã chuyển, đang thử lại, đang chờ, thư chết)')
      .action(async () => {
        const ctx = await open();
        print([['tên', 'đã chuyển', 'thử lại', 'đang chờ', 'thư chết', 'lần cuối', 'lỗi gần nhất'], ...(await ctx.events.status()).map((s) => [s.name, String(s.delivered), String(s.retrying), String(s.waiting), String(s.dead), s.lastDeliveredAt ?? '-', s.lastError ?? ''])]);
      });
    cmd
      .command('dead')
      .description('Liệt kê thư chết (sự kiện đã hết số lần thử)')
      .option('--subscriber <name>', 'chỉ của một bên nhận')
      .option('--all', 'cả sự kiện đang chờ thử lại và đang xếp sau')
      .action(async (o: { subscriber?: string; all?: boolean }) => {
        const ctx = await open();
        const rows = await ctx.events.parked({ subscriber: o.subscriber, status: o.all ? 'all' : 'dead', limit: 1000 });
        print(rows.map((p) => [p.subscriber, String(p.seq), p.status, p.type, `${p.aggregateType}/${p.aggregateId}`, String(p.attempts), p.lastError ?? '']));
        if (!rows.length) process.stdout.write('Không có thư chết.\n');
      });
    cmd
      .command('replay <subscriber>')
      .description('Chuyển lại thư chết của một bên nhận (tất cả, hoặc một sự kiện với --seq), hoặc mọi sự kiện từ một thời điểm (--from)')
      .option('--seq <n>', 'số thứ tự của sự kiện')
      .option('--from <time>', 'chuyển lại mọi sự kiện từ thời điểm này (ISO 8601)')
      .action(async (name: string, o: { seq?: string; from?: string }) => {
        const ctx = await open();
        if (o.from) {
          const from = new Date(o.from);
          if (Number.isNaN(from.getTime())) throw new Error(`Thời điểm không hợp lệ: ${o.from}`);
          process.stdout.write(`Sẽ chuyển lại ${await ctx.events.rewind(name, from)} sự kiện cho ${name}.\n`);
        } else process.stdout.write(`Đã đặt lại ${await ctx.events.replayDead(name, o.seq ? Number(o.seq) : undefined)} thư chết của ${name}.\n`);
      });
    cmd
      .command('drain')
      .description('Chuyển ngay mọi sự kiện đang chờ cho mọi bên nhận (--retry-now: coi mọi lần thử lại là đã đến hạn)')
      .option('--retry-now', 'thử lại ngay các sự kiện đang chờ thử lại')
      .action(async (o: { retryNow?: boolean }) => {
        const ctx = await open();
        const r = await ctx.events.drain({ retryNow: !!o.retryNow });
        process.stdout.write(`Đã chuyển ${r.delivered}, lỗi ${r.failed}, thành thư chết ${r.dead}.\n`);
      });
    cmd
      .command('log')
      .description('Nhật ký chuyển phát, mới nhất trước')
      .option('--subscriber <name>', 'chỉ của một bên nhận')
      .option('--event <id>', 'chỉ của một sự kiện')
      .option('--limit <n>', 'số dòng', '50')
      .action(async (o: { subscriber?: string; event?: string; limit: string }) => {
        const ctx = await open();
        print((await ctx.events.deliveries({ subscriber: o.subscriber, eventId: o.event, limit: Number(o.limit) })).map((d) => [d.at, d.subscriber, String(d.seq), d.type, `#${d.attempt}`, d.outcome, d.durationMs === null ? '' : `${d.durationMs} ms`, d.error ?? '']));
      });
  },
};
