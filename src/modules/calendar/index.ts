import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Module `calendar` (placeholder: filled by its issue). */
export const calendarModule: AppModule = {
  name: 'calendar',
  migrationsDir: path.join(here, 'migrations'),
};
