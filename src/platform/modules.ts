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
 * A module reaches another module only through this registry (never its tables).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

export interface PlatformContext {
  db: Db;
  config: Config;
  log: Logger;
  /** Filled as modules are created, in the order of src/modules/index.ts. */
  services: Partial<Services>;
  /** Outbox events: subscribe in `create` to react to other modules' changes (idempotent handlers). */
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
  /** Absolute path of this module's migrations folder (NNN_name.sql files). */
  migrationsDir?: string;
  /** Creates the module's service and registers it in ctx.services. */
  create?(ctx: PlatformContext): void | Promise<void>;
  /** The identity module supplies the policy point; the last module that returns one wins. */
  accessControl?(ctx: PlatformContext): AccessControl;
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
