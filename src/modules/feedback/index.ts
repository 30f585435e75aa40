import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { runEvery } from '../../platform/schedule.ts';
import { openLocalFileStore, type FileStore } from '../../platform/documents/index.ts';
import { feedbackRoutes } from './http.ts';
import { createFeedbackService, FEEDBACK_PERMISSIONS, type FeedbackService } from './service.ts';
import { seedDemoFeedback, seedRoutingRules } from './demo.ts';

export type { FeedbackService, FeedbackFacts, ReportView, RoutePreview, SubmitInput } from './service.ts';
export { CATEGORIES, FEEDBACK_STATUSES, RATINGS, type Category, type FeedbackStatus, type Rating } from './domain/states.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    feedback: FeedbackService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `feedback`: citizens' reports and recommendations (phản ánh, kiến nghị) — intake, routing by the
 * province's rules, handling deadlines on the working-day calendar, answers approved by the unit's leader,
 * ratings, and the public page of answered reports with personal data masked. See docs/feedback.md.
 * Analytics reads `facts()` (per unit: received, answered on time, refused on time, open, overdue, ratings)
 * and the `feedback.report.*` events.
 */
export const feedbackModule: AppModule = {
  name: 'feedback',
  provides: 'feedback',
  requires: ['units', 'calendar', 'audit', 'notifications', 'identity'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: FEEDBACK_PERMISSIONS,
  create(ctx) {
    ctx.services.feedback = createFeedbackService(ctx);
  },
  async routes(app, ctx) {
    let files: FileStore | null = null;
    await feedbackRoutes(app, ctx.services.feedback!, () => (files ??= openLocalFileStore(ctx.config.dataDir)));
  },
  async seedReference(ctx) {
    await seedRoutingRules(ctx);
  },
  async seedDemo(ctx) {
    await seedDemoFeedback(ctx);
  },
  async start(ctx) {
    return runEvery({ everyMs: 60_000, immediately: true, job: () => ctx.services.feedback!.sweep(), onError: (err) => ctx.log.error({ err }, 'feedback sweep failed') });
  },
};
