import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `identity` (placeholder: filled by its issue). */
export const identityModule: AppModule = {
  name: 'identity',
  migrationsDir: path.join(here, 'migrations'),
};
