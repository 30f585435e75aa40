import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireService, type AppModule, type PlatformContext } from '../../platform/modules.ts';
import { runEvery } from '../../platform/schedule.ts';
import { openLocalFileStore, type FileStore } from '../../platform/documents/index.ts';
import { taskRoutes } from './http.ts';
import { noticeHandlers } from './notices.ts';
import { createTasksService, TASK_PERMISSIONS, type TasksCore } from './service.ts';
import { createTeams, type Teams } from './teams.ts';
import { seedDemoTasks } from './demo.ts';

export type { Caller, TaskView, TaskDetail, TaskCompletionFacts, CreateTaskInput } from './service.ts';
export type { TeamView } from './teams.ts';
export { TASK_STATUSES, TASK_STATUS_INFO, type TaskStatus, type TaskAction } from './domain/states.ts';

/**
 * `ctx.services.tasks`: the task use cases, the case teams, and the facts the leaders' dashboard reads
 * (`completionFacts`: per unit in charge, tasks assigned, approved, approved on time, overdue and open).
 */
export type TasksService = TasksCore & { teams: Teams };

declare module '../../platform/modules.ts' {
  interface Services {
    tasks: TasksService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

function subscribe(ctx: PlatformContext, teams: () => Teams): void {
  const h = noticeHandlers(ctx, teams);
  // durable subscribers (ADR 0070): officials' notices and the dissolution of teams whose case closed
  ctx.events.subscribe({ name: 'tasks.notices', types: ['tasks.*', 'feedback.*'], handle: h.onTaskEvent });
  ctx.events.subscribe({ name: 'tasks.dossier-teams', types: ['dossiers.dossier.*'], handle: h.onDossierEvent, startAt: 'end' });
}

/**
 * Module `tasks`: the work leaders hand down (tasks with sub-tasks, progress, extensions, reminders and
 * escalation on the working-day calendar, spreadsheet import and export) and case teams. See docs/tasks.md.
 */
export const tasksModule: AppModule = {
  name: 'tasks',
  provides: 'tasks',
  requires: ['units', 'calendar', 'audit', 'identity', 'dossiers'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: TASK_PERMISSIONS,
  create(ctx) {
    const core = createTasksService(ctx);
    const teams = createTeams(ctx, core);
    ctx.services.tasks = { ...core, teams };
    subscribe(ctx, () => teams);
    // the members of a dossier's open case team read that dossier (recorded; acting stays with its units) — ADR 0093
    requireService(ctx, 'dossiers', 'tasks').useReadGrant((q, code, official) => core.isTeamMemberOf(code, official.id, 'dossier', q));
  },
  async routes(app, ctx) {
    let files: FileStore | null = null;
    const s = ctx.services.tasks!;
    await taskRoutes(app, s, s.teams, noticeHandlers(ctx, () => s.teams), () => (files ??= openLocalFileStore(ctx.config.dataDir)));
  },
  async seedDemo(ctx) {
    await seedDemoTasks(ctx);
  },
  async start(ctx) {
    // reminders, overdue and escalation: at start, then every minute
    return runEvery({ everyMs: 60_000, immediately: true, job: () => ctx.services.tasks!.sweep(), onError: (err) => ctx.log.error({ err }, 'tasks sweep failed') });
  },
  commands(program, open) {
    const cmd = program.command('tasks').description('Nhiệm vụ do lãnh đạo giao');
    cmd
      .command('sweep')
      .description('Nhắc hạn, chuyển quá hạn và báo cáo lãnh đạo ngay bây giờ')
      .action(async () => {
        const ctx = await open();
        const r = await ctx.services.tasks!.sweep();
        process.stdout.write(`Đã nhắc hạn ${r.reminded}, chuyển quá hạn ${r.overdue}, báo cáo lãnh đạo ${r.escalated} nhiệm vụ.\n`);
      });
  },
};
