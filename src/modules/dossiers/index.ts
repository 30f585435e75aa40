import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `dossiers` (placeholder: filled by its issue). */
export const dossiersModule: AppModule = {
  name: 'dossiers',
  migrationsDir: path.join(here, 'migrations'),
};
