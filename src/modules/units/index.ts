import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { unitsCommands } from './cli.ts';
import { unitsRoutes } from './http.ts';
import { createUnitsService, type InternalUnitsService } from './service.ts';
import type { UnitsService } from './types.ts';

export type * from './types.ts';
export type { AddressMatcher, MatchOutcome } from './domain/matcher.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    units: UnitsService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const internal = new WeakMap<object, InternalUnitsService>();

/**
 * Module `units`: administrative units before and after the 1 July 2025 merger, with validity periods
 * (`ctx.services.units`), the address converter, agencies, and the `import units` / `units convert` commands.
 */
export const unitsModule: AppModule = {
  name: 'units',
  provides: 'units',
  requires: ['audit'],
  migrationsDir: path.join(here, 'migrations'),
  create(ctx) {
    const service = createUnitsService(ctx);
    internal.set(ctx, service);
    ctx.services.units = service;
  },
  routes(app, ctx) {
    unitsRoutes(app, ctx.services.units!);
  },
  async seedReference(ctx) {
    const r = await internal.get(ctx)!.seedReference();
    if (!r.unchanged) ctx.log.info({ units: r.units, links: r.links, ms: r.ms }, 'units: reference data imported');
    for (const w of r.warnings) ctx.log.warn({ warning: w }, 'units: reference data');
  },
  async seedDemo(ctx) {
    await internal.get(ctx)!.seedDemoAgencies();
  },
  commands: unitsCommands,
};
