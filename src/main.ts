import fs from 'node:fs';
import path from 'node:path';
import { type Config, projectRoot } from './platform/config.ts';
import { type Db, openDb } from './platform/db.ts';
import { buildHttp, type App } from './platform/http.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { loadMigrations, migrate, pendingMigrations } from './platform/migrations.ts';
import { type AccessControl, denyAll } from './platform/access.ts';
import { ModuleContractError, moduleOrderProblems, type AppModule, type PlatformContext, type ProgressReporter } from './platform/modules.ts';
import { silentProgress } from './platform/progress.ts';
import { OutboxRelay } from './platform/outbox.ts';
import { modules as allModules } from './modules/index.ts';

/**
 * Composition root: config → database → migrations → module services → HTTP server.
 */
export const version: string = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version;

export interface Runtime {
  ctx: PlatformContext;
  modules: AppModule[];
  access: AccessControl;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  db?: Db;
  log?: Logger;
  progress?: ProgressReporter;
  modules?: AppModule[];
  migrate?: boolean;
}

export async function openRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.log ?? createLogger(config.logLevel);
  const modules = opts.modules ?? allModules;
  const orderProblems = moduleOrderProblems(modules);
  if (orderProblems.length) throw new ModuleContractError(orderProblems);
  const db = opts.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  if (opts.migrate !== false) {
    await migrate(db, loadMigrations(modules), (id) => log.debug({ migration: id }, 'migration applied'));
  }
  const permissions: Record<string, readonly string[]> = {};
  for (const m of modules) Object.assign(permissions, m.permissions ?? {});
  const ctx: PlatformContext = { db, config, log, services: {}, permissions, events: new OutboxRelay(db, { log, pollMs: config.eventsPollMs, deliveryLogDays: config.eventDeliveryLogDays }), progress: opts.progress ?? silentProgress };
  try {
    for (const m of modules) {
      await m.create?.(ctx);
      if (m.provides && !ctx.services[m.provides]) throw new ModuleContractError([`Mô-đun "${m.name}" khai báo cung cấp dịch vụ "${m.provides}" nhưng không tạo dịch vụ này.`]);
    }
    // subscribers seen for the first time get their start position now, before this runtime emits anything
    // (not in a runtime opened without migrating: describing the API, or `migrate` before its tables exist)
    if (opts.migrate !== false) await ctx.events.register();
  } catch (err) {
    if (!opts.db) await db.close();
    throw err;
  }
  let access: AccessControl = denyAll;
  for (const m of modules) if (m.accessControl) access = m.accessControl(ctx, access);
  return {
    ctx,
    modules,
    access,
    close: async () => {
      if (!opts.db) await db.close();
    },
  };
}

/** Seeds reference data and, when asked, the demo province. Idempotent. */
export async function seed(rt: Runtime, { demo }: { demo: boolean }): Promise<void> {
  for (const m of rt.modules) await m.seedReference?.(rt.ctx);
  if (demo) for (const m of rt.modules) await m.seedDemo?.(rt.ctx);
}

export async function buildApp(rt: Runtime): Promise<App> {
  const { ctx } = rt;
  const migrations = loadMigrations(rt.modules);
  const app = await buildHttp({
    logLevel: ctx.config.logLevel,
    logger: ctx.log,
    access: rt.access,
    corsOrigins: ctx.config.publicUrl ? [new URL(ctx.config.publicUrl).origin] : [],
    trustProxy: ctx.config.trustProxy,
    version,
    readiness: async () => {
      try {
        const pending = await pendingMigrations(ctx.db, migrations);
        return pending.length ? { ok: false, detail: `Còn ${pending.length} migration chưa áp dụng.` } : { ok: true };
      } catch {
        return { ok: false, detail: 'Không kết nối được cơ sở dữ liệu.' };
      }
    },
  });
  for (const m of rt.modules) await m.routes?.(app, ctx);
  await app.ready();
  return app;
}

/** Runs the platform until SIGTERM/SIGINT, then finishes in-flight requests and closes the database. */
export async function serve(config: Config, progress?: ProgressReporter): Promise<{ app: App; stop: () => Promise<void> }> {
  const t0 = Date.now();
  const rt = await openRuntime(config, { progress });
  const log = rt.ctx.log;
  await seed(rt, { demo: config.seedDemo });
  const app = await buildApp(rt);
  const stoppers: (() => Promise<void>)[] = [];
  const stopBackground = async () => {
    for (const s of stoppers.reverse()) await s().catch((err) => log.error({ err }, 'stop failed'));
  };
  try {
    for (const m of rt.modules) if (m.start) stoppers.push(await m.start(rt.ctx));
    stoppers.push(rt.ctx.events.start());
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // a start that fails (port in use...) must not leave background work or the database open
    await app.close().catch(() => undefined);
    await stopBackground();
    await rt.close();
    throw err;
  }
  const notes: string[] = [];
  for (const m of rt.modules) if (m.startupNotes) notes.push(...(await m.startupNotes(rt.ctx)));
  log.info({ port: config.port, engine: rt.ctx.db.engine, startup_ms: Date.now() - t0 }, 'Liên Thông đã sẵn sàng');
  const banner = [
    `Liên Thông ${version} đang chạy tại ${config.publicUrl} (cơ sở dữ liệu: ${rt.ctx.db.engine === 'pglite' ? `PGlite nhúng tại ${config.dataDir}` : 'PostgreSQL'}; khởi động ${((Date.now() - t0) / 1000).toFixed(1)} giây)`,
    `Tài liệu API: ${config.publicUrl}/docs`,
    ...notes,
  ];
  process.stderr.write(banner.join('\n') + '\n');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('đang dừng: hoàn tất các yêu cầu đang xử lý');
      await app.close();
      await stopBackground();
      await rt.close();
      log.info('đã dừng');
    })());
  return { app, stop };
}
