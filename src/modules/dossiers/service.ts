import type { PlatformContext } from '../../platform/modules.ts';
import { createCommands } from './service/commands.ts';
import { createComments } from './service/comments.ts';
import { createConfiguration } from './service/configuration.ts';
import { createDossiersCore, type DossiersServiceOptions } from './service/core.ts';
import { createPapers } from './service/papers.ts';
import { createNationalSync } from './service/national-sync.ts';
import { createPayments } from './service/payments.ts';
import { createQueries } from './service/queries.ts';
import { createStaging } from './service/staging.ts';

/**
 * The dossier use cases: load → decide (domain) → save + audit record + domain event (+ notifications)
 * in ONE transaction. Time comes from an injected clock so that the demo can drive the real workflow
 * with back-dated moments.
 *
 * Split by responsibility (service/): core.ts (what they share: checks, definitions, the one way a
 * transition is saved), queries.ts (reads), commands.ts (submit, actions), papers.ts (attachments),
 * payments.ts (bank transfers), national-sync.ts (the national portal's confirmation), configuration.ts (process definitions, unit identifiers), staging.ts
 * (staged uploads and drafts).
 */

export { boundToTransaction, systemCaller, type Caller, type DossiersServiceOptions } from './service/core.ts';
export { findDossierCode, type PaymentOutcome } from './service/payments.ts';
export { MODULE_PERMISSIONS } from './permissions.ts';

export function createDossiersService(ctx: PlatformContext, opts: DossiersServiceOptions = {}) {
  const core = createDossiersCore(ctx, opts);
  const configuration = createConfiguration(core);
  return {
    ...createCommands(core, configuration),
    ...createQueries(core),
    ...configuration.useCases,
    ...createPapers(core),
    ...createPayments(core),
    ...createStaging(core),
    ...createComments(core),
    ...createNationalSync(core),
    now: core.now,
    calendar: core.calendar,
    ports: core.ports,
    definition: (procedureCode: string, version: number) => core.definition(core.db, procedureCode, version),
    trackingUrl: core.trackingUrl,
    /** Registers another module's read relationship (a case team's members, module tasks; ADR 0093). */
    useReadGrant: core.useReadGrant,
  };
}

export type DossiersService = ReturnType<typeof createDossiersService>;
