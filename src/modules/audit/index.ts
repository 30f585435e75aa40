import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `audit` (placeholder: filled by its issue). */
export const auditModule: AppModule = {
  name: 'audit',
  migrationsDir: path.join(here, 'migrations'),
};
