import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireService, type AppModule, type PlatformContext } from '../../platform/modules.ts';
import { catalogueFee } from './domain/offering.ts';
import { DEMO_DEFAULT_AGENCY, DEMO_DEPARTMENTS, DEMO_EXPECTED_FEES, DEMO_PROVINCE, demoOfferingFor } from './domain/demo-offering.ts';
import { formatReport } from './domain/normalise/report.ts';
import { catalogRoutes } from './http.ts';
import { importProcedures } from './import.ts';
import { createCatalogService, PERMISSION_IMPORT_READ, PERMISSION_MANAGE } from './service.ts';
import * as store from './store.ts';
import type { CatalogService } from './types.ts';

export type { CatalogService } from './types.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    catalog: CatalogService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function proceduresDir(ctx: PlatformContext): string {
  return path.join(ctx.config.referenceDir, 'procedures');
}

/** The demo province's offering (idempotent: only missing rows are added, nothing is changed). */
export async function seedDemoOffering(ctx: PlatformContext): Promise<{ added: number; overrides: string[] }> {
  const procedures = await store.listProcedureBasics(ctx.db);
  const overrides: string[] = [];
  const rows = procedures.flatMap((p) => {
    const where = demoOfferingFor(p);
    if (!where) return [];
    const expected = DEMO_EXPECTED_FEES.find((f) => f.procedure_code === p.code);
    const fee = catalogueFee(p);
    let override: number | null = null;
    if (expected && fee?.amount_vnd !== expected.amount_vnd) {
      override = expected.amount_vnd;
      overrides.push(`${p.code}: danh mục ghi ${fee?.amount_vnd ?? 'không rõ'} đ, tỉnh áp dụng ${expected.amount_vnd} đ`);
    }
    return [{ procedure_code: p.code, scope: where.scope, agency_code: where.agency_code, fee_override_vnd: override }];
  });
  const added = await ctx.db.transaction((tx) => store.insertOfferingsIfMissing(tx, DEMO_PROVINCE, rows));
  if (added) await store.tidyAfterImport(ctx.db);
  const units = requireService(ctx, 'units', 'catalog');
  const missing: string[] = [];
  for (const a of [...DEMO_DEPARTMENTS.map((d) => d.agency_code), DEMO_DEFAULT_AGENCY.agency_code]) {
    if (!(await units.resolveOrgUnit(a).catch(() => null))) missing.push(a);
  }
  if (missing.length) ctx.log.warn({ missing }, 'catalog: demo offering names agencies the units module does not know');
  for (const o of overrides) ctx.log.info(`catalog: phí địa phương tỉnh demo — ${o}`);
  return { added, overrides };
}

/** Module `catalog`: the national procedure catalogue and each province's offering. */
export const catalogModule: AppModule = {
  name: 'catalog',
  provides: 'catalog',
  requires: ['units', 'audit'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: {
    [PERMISSION_MANAGE]: ['province_admin'],
    [PERMISSION_IMPORT_READ]: ['province_admin', 'data_steward'],
  },
  create(ctx) {
    ctx.services.catalog = createCatalogService(ctx);
  },
  routes(app, ctx) {
    catalogRoutes(app, ctx.services.catalog!);
  },
  async seedReference(ctx) {
    if ((await store.countProcedures(ctx.db)) > 0) return;
    const report = await importProcedures(ctx, proceduresDir(ctx));
    ctx.log.info({ total: report.total, ms: report.duration_ms }, 'catalog: procedures imported');
  },
  async seedDemo(ctx) {
    const r = await seedDemoOffering(ctx);
    if (r.added) ctx.log.info({ added: r.added }, 'catalog: demo province offering seeded');
  },
  commands(program, open) {
    const importCmd = program.commands.find((c) => c.name() === 'import');
    if (!importCmd) return;
    importCmd
      .command('procedures')
      .description('Nhập danh mục thủ tục hành chính (tệp .jsonl) và in báo cáo chuẩn hoá; chạy lại không thay đổi gì')
      .option('--from <dir>', 'thư mục chứa các tệp tthc_*.jsonl (mặc định: reference/procedures)')
      .action(async (opts: { from?: string }) => {
        const ctx = await open();
        const dir = opts.from ? path.resolve(opts.from) : proceduresDir(ctx);
        const report = await importProcedures(ctx, dir);
        process.stdout.write(formatReport(report) + '\n');
      });
  },
};
