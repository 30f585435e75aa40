import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule, PlatformContext } from '../../platform/modules.ts';
import { withClientTokens } from './access.ts';
import { dvcqgHttp, type DvcqgAdapter } from './adapters/dvcqg.ts';
import { dvcqgDemo } from './adapters/dvcqg-demo.ts';
import { ndxpHttp, type NdxpAdapter } from './adapters/ndxp.ts';
import { populationHttp, type PopulationAdapter } from './adapters/population.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import { integrationCommands } from './cli.ts';
import { createClients, type ClientsService } from './clients.ts';
import { loadIntegrationConfig, type IntegrationConfig } from './config.ts';
import { createExchangeLog, type ExchangeLog } from './exchange.ts';
import { integrationRoutes } from './http.ts';
import { createKeyRing, type KeyRing } from './keys.ts';
import { createNational, type National } from './national.ts';
import { MODULE_PERMISSIONS } from './permissions.ts';
import { runEvery } from '../../platform/schedule.ts';

export type { ClientView, UsageRow } from './clients.ts';
export type { DvcqgAdapter, NationalDossier, NationalStatusUpdate } from './adapters/dvcqg.ts';
export type { PopulationAdapter, PopulationResult } from './adapters/population.ts';
export type { NdxpAdapter } from './adapters/ndxp.ts';
export { startSandbox, SANDBOX_KINDS, type SandboxKind } from './sandbox/server.ts';

/**
 * The integration service (`ctx.services.integration`): client systems and their tokens, the signing keys,
 * the exchange log, the national systems' adapters (DVCQG, population database, data coordination
 * platform) and the data-sharing catalogue.
 */
export interface IntegrationService {
  config: IntegrationConfig;
  clients: ClientsService;
  keys: KeyRing;
  exchange: ExchangeLog;
  national: National;
  catalogue: Catalogue;
  adapters: { dvcqg: DvcqgAdapter | null; population: PopulationAdapter | null; ndxp: NdxpAdapter | null };
}

declare module '../../platform/modules.ts' {
  interface Services {
    integration: IntegrationService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const service = (ctx: PlatformContext) => ctx.services.integration!;

/** The dossier events the DVCQG status sync follows. */
export const STATUS_SYNC_EVENTS = 'dossiers.dossier.*';
export const STATUS_SYNC_SUBSCRIBER = 'dvcqg.status-sync';
/** How many dossiers the status sync sends at the same time (each dossier's statuses one after the other). */
export const STATUS_SYNC_CONCURRENCY = 8;

/**
 * Module `integration` (issue 10 §3–6, docs/integration.md): the province's integration and data-sharing
 * platform — OAuth 2.0 client systems with scopes and quotas, DVCQG intake and status sync, the
 * population database, the national data coordination platform, the signed exchange log, and the
 * catalogue of shared datasets with grants and logged releases.
 */
export const integrationModule: AppModule = {
  name: 'integration',
  provides: 'integration',
  requires: ['audit', 'identity', 'dossiers'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: MODULE_PERMISSIONS,

  create(ctx) {
    const config = loadIntegrationConfig(ctx.config);
    const exchange = createExchangeLog(ctx.db, config.exchangeKeys);
    const keys = createKeyRing(ctx.db, config);
    const adapters = {
      dvcqg: config.dvcqg ? dvcqgHttp(config.dvcqg, exchange) : config.dvcqgDemo ? dvcqgDemo() : null,
      population: config.population ? populationHttp(config.population, exchange) : null,
      ndxp: config.ndxp ? ndxpHttp(config.ndxp, exchange) : null,
    };
    const national = createNational(ctx, { dvcqg: () => service(ctx).adapters.dvcqg, population: () => service(ctx).adapters.population });
    ctx.services.integration = {
      config,
      clients: createClients(ctx, config, keys),
      keys,
      exchange,
      national,
      catalogue: createCatalogue(ctx, exchange),
      adapters,
    };
    // every status change of a dossier of the province is sent to the national portal (those taken in from it
    // by their national id, the others by their local code; ADR 0135), and the portal's acknowledgement of a
    // received dossier is confirmed on the dossier through the dossiers module (syncedToNational)
    // (a durable subscriber: a refused update is retried with back-off and holds that dossier's later events only)
    // (dossiers side by side, each in order: a round trip to the portal per status does not hold the whole province)
    ctx.events.subscribe({ name: STATUS_SYNC_SUBSCRIBER, types: [STATUS_SYNC_EVENTS], concurrency: STATUS_SYNC_CONCURRENCY, handle: (event) => national.syncEvent(event) });
  },

  accessControl(ctx, inner) {
    // wraps the identity module's policy point (listed before): client JWTs are resolved here
    return withClientTokens(inner, () => service(ctx).clients);
  },

  routes(app, ctx) {
    const s = service(ctx);
    integrationRoutes(app, ctx, { clients: s.clients, keys: s.keys, exchange: s.exchange, national: s.national, catalogue: s.catalogue, ndxp: () => s.adapters.ndxp });
  },

  async seedReference(ctx) {
    await service(ctx).catalogue.seed();
  },

  async startupNotes(ctx) {
    const s = service(ctx);
    const notes = [`Hệ thống kết nối: lấy mã truy cập tại ${s.config.issuer}/api/v1/oauth/token, khóa công khai tại ${s.config.issuer}/api/v1/oauth/jwks`];
    const on = (x: unknown, name: string, env: string) => (x ? `${name}: đã kết nối` : `${name}: chưa kết nối (${env})`);
    notes.push(
      [s.config.dvcqgDemo && !s.config.dvcqg ? `DVCQG: ${s.adapters.dvcqg?.label} — hồ sơ được xác nhận đồng bộ ngay; đặt DVCQG_URL để kết nối cổng thật` : on(s.adapters.dvcqg, 'DVCQG', 'DVCQG_URL'), on(s.adapters.population, 'CSDLQG dân cư', 'POPULATION_URL'), on(s.adapters.ndxp, 'Nền tảng điều phối dữ liệu', 'NDXP_URL')].join(' · '),
    );
    return notes;
  },

  commands(program, open) {
    integrationCommands(program, open);
  },

  async start(ctx) {
    const s = service(ctx);
    // the demo's stand-in holds no portal dossier: nothing to take in
    if (!s.national.enabled() || !s.config.dvcqg) return async () => undefined;
    return runEvery({
      everyMs: s.config.dvcqgPollMs,
      immediately: true,
      job: () => s.national.intake(),
      onError: (err) => ctx.log.warn({ err: (err as Error).message }, 'DVCQG intake failed; will retry'),
    });
  },
};
