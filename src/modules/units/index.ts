import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `units` (placeholder: filled by its issue). */
export const unitsModule: AppModule = {
  name: 'units',
  migrationsDir: path.join(here, 'migrations'),
};
