import type { AccessTarget, Principal, ResourceColumns, SqlCondition } from '../../../platform/access.ts';
import type { Queryable } from '../../../platform/db.ts';
import { problems } from '../../../platform/errors.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import type { IdentityConfig } from '../config.ts';
import type { StrengthEstimator } from '../domain/password-policy/password-policy.ts';
import { can, type CanContext } from '../policy/can/can.ts';
import type { CompiledPolicy } from '../policy/compile-policy/compile-policy.ts';
import { grantsSqlFilter } from '../policy/grants-sql-filter/grants-sql-filter.ts';
import type { UnitDirectory } from '../unit-directory.ts';

/** What the identity service is made from. */
export interface IdentityDeps {
  ctx: PlatformContext;
  config: IdentityConfig;
  policy: CompiledPolicy;
  units: UnitDirectory;
  /** Scores new passwords (zxcvbn-ts with its dictionaries, `password-strength.ts`). */
  strength: StrengthEstimator;
}

type AuditEntry = Parameters<NonNullable<PlatformContext['services']['audit']>['append']>[1];

/** The deps plus the small helpers every part of the service uses. */
export interface ServiceContext extends IdentityDeps {
  db: PlatformContext['db'];
  /** Appends an audit record in the caller's transaction. */
  audit(tx: Queryable, entry: AuditEntry): Promise<unknown>;
  actorOf(p: Principal): { kind: Principal['kind']; id: string; subject: string };
  /** The policy decision, without a request. */
  allows(p: Principal, permission: string, target?: AccessTarget): boolean;
  /** The policy decision as a SQL condition over a table's units, field key and owner columns. */
  visibleWhere(p: Principal, permission: string, columns: ResourceColumns): SqlCondition;
  /** 403 unless the principal is an official. */
  requireOfficial(p: Principal): void;
}

export function serviceContext(deps: IdentityDeps): ServiceContext {
  const { ctx, policy, units } = deps;
  const canCtx: CanContext = { policy, provinceOf: units.provinceOf };
  return {
    ...deps,
    db: ctx.db,
    audit: (tx, entry) => ctx.services.audit?.append(tx, entry) ?? Promise.resolve(),
    actorOf: (p) => ({ kind: p.kind, id: p.id, subject: p.subject }),
    allows: (p, permission, target) => can(p, permission, target, canCtx),
    visibleWhere: (p, permission, columns) => grantsSqlFilter(p, permission, columns, { ...canCtx, unitsOfProvince: units.unitsOfProvince }),
    requireOfficial(p) {
      if (p.kind !== 'official') throw problems.forbidden('Chức năng này chỉ dành cho cán bộ, công chức.');
    },
  };
}
