import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `notifications` (placeholder: filled by its issue). */
export const notificationsModule: AppModule = {
  name: 'notifications',
  migrationsDir: path.join(here, 'migrations'),
};
