import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { mdmCommands } from './cli.ts';
import { mdmRoutes, PERMISSIONS } from './http.ts';
import { createMdmService } from './service.ts';
import type { MdmService } from './types.ts';

export type * from './types.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    mdm: MdmService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `mdm`: master data of people and businesses merged from the old provinces' databases — source
 * connectors and declarative mappings, standardisers, entity resolution (Fellegi–Sunter, EM), golden
 * records with lineage, the stewards' review queue, quality report, real-time match (docs/mdm.md).
 */
export const mdmModule: AppModule = {
  name: 'mdm',
  provides: 'mdm',
  requires: ['audit', 'units'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: {
    [PERMISSIONS.match]: ['receiving_officer', 'specialist', 'data_steward'],
    [PERMISSIONS.read]: ['data_steward'],
    [PERMISSIONS.review]: ['data_steward'],
    [PERMISSIONS.quality]: ['data_steward', 'province_admin'],
    [PERMISSIONS.run]: ['data_steward'],
    [PERMISSIONS.export]: ['data_steward'],
  },
  create(ctx) {
    ctx.services.mdm = createMdmService(ctx);
  },
  routes(app, ctx) {
    mdmRoutes(app, ctx.services.mdm!, ctx.db);
  },
  commands: mdmCommands,
};
