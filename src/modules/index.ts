import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../platform/modules.ts';
import { unitsModule } from './units/index.ts';
import { calendarModule } from './calendar/index.ts';
import { catalogModule } from './catalog/index.ts';
import { auditModule } from './audit/index.ts';
import { identityModule } from './identity/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { formsModule } from './forms/index.ts';
import { dossiersModule } from './dossiers/index.ts';
import { assistantModule } from './assistant/index.ts';
import { tasksModule } from './tasks/index.ts';
import { feedbackModule } from './feedback/index.ts';
import { integrationModule } from './integration/index.ts';
import { analyticsModule } from './analytics/index.ts';
import { mdmModule } from './mdm/index.ts';
import { eventsModule } from './events/index.ts';
import { webModule } from './web/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The platform's own tables (outbox, migrations bookkeeping). Always first. */
export const platformModule: AppModule = {
  name: 'platform',
  migrationsDir: path.join(here, '..', 'platform', 'migrations'),
};

/**
 * Every module of the platform, in dependency order: a module uses only the services it declares in
 * `requires`, and each of them must be provided by a module listed before it — checked at start-up
 * (`moduleOrderProblems`, src/platform/modules.ts) and by test/modules.test.ts. Migrations are applied in
 * this order too. docs/architecture.md draws the graph.
 */
export const modules: AppModule[] = [
  platformModule,
  auditModule, // requires nothing; every module that changes data records it here
  unitsModule,
  calendarModule,
  catalogModule,
  identityModule,
  notificationsModule,
  formsModule,
  dossiersModule,
  feedbackModule, // citizens' reports (phản ánh, kiến nghị)
  assistantModule, // after catalog, dossiers and feedback: registers its engine as the catalogue's search ranker; hands reports to feedback
  tasksModule, // leaders' tasks and case teams (a team may be formed for a dossier); writes officials' notices
  integrationModule, // after identity (wraps its policy point with client tokens) and dossiers (DVCQG intake)
  analyticsModule, // the leaders' dashboard: a projection of the dossier events
  mdmModule, // master data: requires audit and units
  eventsModule, // after the modules whose events leave the platform (they declare them in create): webhooks, NATS
  webModule, // last: its catch-all serves the front end after every module's routes
];
