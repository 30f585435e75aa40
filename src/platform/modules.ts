import type { Command } from 'commander';
import type { AccessControl } from './access.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { App } from './http.ts';
import type { Logger } from './logger.ts';
import type { OutboxRelay } from './outbox.ts';

/**
 * The services each module exports to the others. Every module adds its own entry by declaration
 * merging in its index.ts:
 *
 *   declare module '../../platform/modules.ts' { interface Services { units: UnitsService } }
 *
 * A module reaches another module only through this registry (never its tables), typed by the other
 * module's contract (its index.ts), and declares it in `requires` (checked at start-up).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

/** The name of a service in the registry (each module registers its own under its name). */
export type ServiceName = keyof Services;

export interface PlatformContext {
  db: Db;
  config: Config;
  log: Logger;
  /** Filled as modules are created, in the order of src/modules/index.ts. */
  services: Partial<Services>;
  /**
   * Outbox events (docs/events.md). In `create`, a module reacts to other modules' changes with a durable
   * subscriber: `ctx.events.subscribe({ name: 'analytics.projection', types: ['dossiers.dossier.*'],
   * handle: async (event) => … })` — `name` keeps its own position and retries, `types` are exact types or
   * prefixes ending in '*', handlers are idempotent on `event.eventId`. `await ctx.events.drain()` delivers
   * everything pending (tests, CLI); `serve` runs the relay in the background.
   */
  events: OutboxRelay;
  /** Every module's declared permissions, merged: permission → roles that hold it by default. */
  permissions: Record<string, readonly string[]>;
  /** Shows progress on a terminal for long jobs (no-op when not a TTY or in the server). */
  progress: ProgressReporter;
}

export interface ProgressReporter {
  start(label: string, total?: number): { tick(n?: number): void; done(summary?: string): void };
}

export interface AppModule {
  name: string;
  /** The service this module registers in `ctx.services` in `create` (checked right after). */
  provides?: ServiceName;
  /**
   * The services this module uses. Each must be provided by a module listed BEFORE it in
   * src/modules/index.ts: checked at start-up (and by a test), so a missing or misplaced module stops the
   * platform with a clear message instead of a silent stand-in.
   */
  requires?: readonly ServiceName[];
  /** Absolute path of this module's migrations folder (NNN_name.sql files). */
  migrationsDir?: string;
  /** Creates the module's service and registers it in ctx.services. */
  create?(ctx: PlatformContext): void | Promise<void>;
  /**
   * The identity module supplies the policy point; the last module that returns one wins. `inner` is the
   * policy point of the modules before (deny-all at first), for a module that adds a way to authenticate
   * (client systems' tokens) and leaves every decision to it.
   */
  accessControl?(ctx: PlatformContext, inner: AccessControl): AccessControl;
  /** Registers HTTP routes. Every route must declare config.access. */
  routes?(app: App, ctx: PlatformContext): void | Promise<void>;
  /** Loads reference data the platform needs (idempotent). Runs at start-up on an empty database. */
  seedReference?(ctx: PlatformContext): Promise<void>;
  /** Loads the demo province's data (idempotent), after every module's reference seed. */
  seedDemo?(ctx: PlatformContext): Promise<void>;
  /** Lines printed after start-up (e.g. where to find demo logins). */
  startupNotes?(ctx: PlatformContext): Promise<string[]>;
  /**
   * The permissions this module's routes and services check, each with the roles that hold it by default
   * ("<module>.<thing>.<verb>" → role names). The identity module gathers them into the policy.
   * Roles: receiving_officer, specialist, leader, clerk, province_admin, data_steward, security_officer,
   * citizen (any signed-in citizen, for their own data), api_client (through token scopes only).
   */
  permissions?: Record<string, readonly string[]>;
  /** Adds CLI sub-commands; `open` gives a ready runtime (database migrated, services created). */
  commands?(program: Command, open: () => Promise<PlatformContext>): void;
  /** Background work started by `serve` (outbox publishers...), stopped on shutdown. */
  start?(ctx: PlatformContext): Promise<() => Promise<void>>;
}

/** A module list whose contracts do not fit together (a required service missing or created too late). */
export class ModuleContractError extends Error {
  constructor(readonly problems: string[]) {
    super(`Không khởi động được: các mô-đun không khớp nhau.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ModuleContractError';
  }
}

/**
 * The problems of a module list's dependency order (Vietnamese, empty when it is right): every service a
 * module requires is provided by a module listed before it, and no two modules provide the same service.
 */
export function moduleOrderProblems(modules: readonly AppModule[]): string[] {
  const problems: string[] = [];
  const providedBy = new Map<string, string>();
  for (const m of modules) {
    for (const r of m.requires ?? []) {
      if (providedBy.has(r)) continue;
      const later = modules.find((x) => x.provides === r);
      problems.push(
        later
          ? `Mô-đun "${m.name}" cần dịch vụ "${r}" nhưng mô-đun "${later.name}" cung cấp nó được xếp sau; hãy đặt "${later.name}" trước "${m.name}" trong src/modules/index.ts.`
          : `Mô-đun "${m.name}" cần dịch vụ "${r}" nhưng không có mô-đun nào cung cấp dịch vụ này; hãy cài mô-đun "${r}".`,
      );
    }
    if (m.provides) {
      const other = providedBy.get(m.provides);
      if (other) problems.push(`Hai mô-đun "${other}" và "${m.name}" cùng cung cấp dịch vụ "${m.provides}".`);
      else providedBy.set(m.provides, m.name);
    }
  }
  return problems;
}

/**
 * A service this module declared in `requires`. The start-up check guarantees it exists; reaching a
 * service that is absent (undeclared, or used before the modules are created) throws a clear error
 * instead of letting a caller substitute something else.
 */
export function requireService<K extends ServiceName>(ctx: Pick<PlatformContext, 'services'>, name: K, by: string): NonNullable<Services[K]> {
  const s = ctx.services[name];
  if (!s) throw new ModuleContractError([`Mô-đun "${by}" cần dịch vụ "${String(name)}" nhưng dịch vụ này chưa được tạo (khai báo nó trong requires và đặt mô-đun cung cấp trước "${by}" trong src/modules/index.ts).`]);
  return s as NonNullable<Services[K]>;
}
