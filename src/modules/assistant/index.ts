import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { runEvery } from '../../platform/schedule.ts';
import { assistantRoutes } from './http.ts';
import { createAssistantService, PERMISSION_MANAGE, PERMISSION_CALLS, PERMISSION_POSTERS, PERMISSION_QUEUE_CALL, PERMISSION_READ_QUESTIONS, type AssistantService } from './service.ts';
import * as store from './store.ts';

export type { AssistantService, AskResult } from './service.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    assistant: AssistantService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `assistant`: one engine that understands citizens' own words (docs/assistant.md, ADR 0110) used
 * by the portal search (registered as the catalogue's ranker), the assistant API, the kiosk and Zalo; the
 * FAQ and vocabulary officials manage; the log of weak answers.
 */
export const assistantModule: AppModule = {
  name: 'assistant',
  provides: 'assistant',
  requires: ['units', 'catalog', 'audit', 'dossiers', 'feedback'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: {
    [PERMISSION_MANAGE]: ['province_admin', 'data_steward'],
    [PERMISSION_READ_QUESTIONS]: ['province_admin', 'data_steward', 'leader'],
    [PERMISSION_POSTERS]: ['receiving_officer', 'leader', 'province_admin'],
    [PERMISSION_QUEUE_CALL]: ['receiving_officer'],
    [PERMISSION_CALLS]: ['receiving_officer', 'leader', 'province_admin'],
  },
  create(ctx) {
    const service = createAssistantService(ctx);
    ctx.services.assistant = service;
    // the portal search ranks through the same engine (the SQL search answers until the index is built)
    ctx.services.catalog!.useRanker({
      async rank(q, filters) {
        const r = await service.rank(q, { level: filters.level, channel: filters.channel, field: filters.field, limit: 0 });
        if (!r.items.length) return null;
        const corrected = r.understood.corrections.length ? r.understood.words.join(' ') : null;
        return {
          items: r.items.map((i) => ({ code: i.code, name: i.name, field: i.row.field, levels: i.row.levels, channels: i.row.channels, agency: i.row.agency, score: i.score })),
          corrected,
        };
      },
    });
  },
  async routes(app, ctx) {
    await assistantRoutes(app, ctx.services.assistant!);
  },
  async start(ctx) {
    // build the engine's index now rather than on the first question (a second or two)
    void ctx.services.assistant!.getEngine().catch((err: unknown) => ctx.log.warn({ err }, 'assistant: engine not built at start-up'));
    // conversations unused for their lifetime (ADR 0112), Zalo message ids past the replay window
    return runEvery({ everyMs: 10 * 60_000, job: () => ctx.services.assistant!.purge(), onError: (err) => ctx.log.warn({ err }, 'assistant: purge failed') });
  },
  async seedDemo(ctx) {
    const c = await store.getContacts(ctx.db);
    if (c.hotline || c.centers.length) return;
    // the demo province's contact facts: clearly marked as the demo's, never a real number
    await store.putContact(ctx.db, 'hotline', '1900 0000 (số minh hoạ của bản demo)');
    await store.putContact(ctx.db, 'hours', 'từ thứ Hai đến thứ Sáu, 7 giờ 30 – 17 giờ');
    await store.putContact(ctx.db, 'center', ['Trung tâm Phục vụ hành chính công tỉnh Phú Thọ (bản demo)', 'Bộ phận một cửa của Ủy ban nhân dân các xã, phường']);
  },
};
