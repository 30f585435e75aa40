import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `catalog` (placeholder: filled by its issue). */
export const catalogModule: AppModule = {
  name: 'catalog',
  migrationsDir: path.join(here, 'migrations'),
};
