import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { auditCommands } from './cli.ts';
import { auditRoutes, registerAuditHooks } from './http.ts';
import { createAuditService, type AuditService } from './service.ts';
import { runEvery } from '../../platform/schedule.ts';

export type { AuditService, AuditAppendEntry, VerifyReport, SealResult, AuditRecordView } from './service.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    audit: AuditService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** How often the running server seals new audit records into the chain. */

/**
 * Module `audit`: the append-only, hash-chained audit trail (`ctx.services.audit`), the request-level
 * hook that records every state-changing request a service did not audit itself, the security officer's
 * endpoints, and `lienthong audit verify`.
 */
export const auditModule: AppModule = {
  name: 'audit',
  provides: 'audit',
  migrationsDir: path.join(here, 'migrations'),
  permissions: {
    'audit.read': ['security_officer'],
    'audit.verify': ['security_officer'],
  },
  create(ctx) {
    ctx.services.audit = createAuditService(ctx.db, ctx.log);
  },
  routes(app, ctx) {
    const audit = ctx.services.audit!;
    registerAuditHooks(app, audit, ctx);
    auditRoutes(app, audit, ctx.db);
  },
  commands: (program, open) => auditCommands(program, open),
  async start(ctx) {
    const audit = ctx.services.audit!;
    const stop = runEvery({
      everyMs: ctx.config.auditSealIntervalMs,
      immediately: true,
      job: () => audit.seal(),
      onError: (err) => ctx.log.error({ err }, 'audit seal failed'),
    });
    return async () => {
      await stop();
      const last = await audit.seal().catch(() => null);
      if (last?.head) ctx.log.info({ head: `${last.head.seq}:${last.head.hash}` }, 'audit chain head at shutdown');
    };
  },
};
