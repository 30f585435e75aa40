import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fastifyCookie } from '@fastify/cookie';
import type { AppModule, PlatformContext } from '../../platform/modules.ts';
import { createAccessControl } from './access-control.ts';
import { identityCommands } from './cli.ts';
import { loadIdentityConfig, type IdentityConfig } from './config.ts';
import { DEMO_PASSWORD } from './demo/people.ts';
import { demoDirectoryRoute } from './demo/panel.ts';
import { seedDemoPeople } from './demo/seed.ts';
import { IDENTITY_PERMISSIONS } from './domain/roles.ts';
import { identityApiRoutes } from './http.ts';
import { purgeExpired } from './oidc/adapter.ts';
import { citizenRoutes } from './oidc/citizen-routes.ts';
import { mountDevProvider } from './oidc/dev-provider.ts';
import { createPasswordStrength } from './password-strength.ts';
import { compilePolicy, type CompiledPolicy } from './policy/compile-policy/compile-policy.ts';
import { recordRefusals, refusalRoutes, REFUSALS_PERMISSION } from './refusals.ts';
import { createIdentityService, type IdentityService } from './service.ts';
import { purgeStaleThrottle } from './service/sign-in-throttle.ts';
import { UnitDirectory } from './unit-directory.ts';
import { identityWebRoutes } from './web.ts';
import { runEvery } from '../../platform/schedule.ts';

export type { IdentityService, OfficialSummary, SessionResult, RequestMeta, DelegationView, TokenView } from './service.ts';
export { checkPersonalId, isValidPersonalId } from './domain/personal-id/personal-id.ts';
export { checkTaxCode, isValidTaxCode } from './domain/tax-code/tax-code.ts';
export { ROLES, ROLE_LABELS, type Role } from './domain/roles.ts';
export { SESSION_COOKIE, CSRF_HEADER } from './access-control.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    identity: IdentityService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

interface Internals {
  config: IdentityConfig;
  policy: CompiledPolicy;
  units: UnitDirectory;
}
const internals = new WeakMap<PlatformContext, Internals>();
const internalsOf = (ctx: PlatformContext): Internals => {
  const i = internals.get(ctx);
  if (!i) throw new Error('identity module used before create()');
  return i;
};

/**
 * Module `identity`: who is acting (officials, citizens, API tokens), the single policy point of every
 * route (unit × field × role), delegations, the sign-in pages, citizen sign-in through OpenID Connect with
 * a built-in development provider, and the demo people of Tỉnh Phú Thọ.
 */
export const identityModule: AppModule = {
  name: 'identity',
  provides: 'identity',
  requires: ['units', 'audit'],
  migrationsDir: path.join(here, 'migrations'),
  permissions: { ...IDENTITY_PERMISSIONS, [REFUSALS_PERMISSION]: ['security_officer'] },

  create(ctx) {
    const config = loadIdentityConfig(ctx.config);
    const policy = compilePolicy(ctx.permissions);
    const units = new UnitDirectory(ctx);
    internals.set(ctx, { config, policy, units });
    ctx.services.identity = createIdentityService({ ctx, config, policy, units, strength: createPasswordStrength({ referenceDir: ctx.config.referenceDir }) });
  },

  accessControl(ctx) {
    return createAccessControl(ctx.services.identity!);
  },

  async routes(app, ctx) {
    const { config, policy, units } = internalsOf(ctx);
    const deps = { identity: ctx.services.identity!, config, policy, units };
    if (!app.hasReplyDecorator('setCookie')) await app.register(fastifyCookie, { secret: config.sessionSecret });
    recordRefusals(app, ctx);
    refusalRoutes(app, ctx);
    identityApiRoutes(app, deps);
    citizenRoutes(app, deps, !ctx.config.production);
    await identityWebRoutes(app, deps);
    demoDirectoryRoute(app, config.demoPasswordAllowed);
    if (config.oidc.devProvider) await mountDevProvider(app, ctx, config);
  },

  async seedDemo(ctx) {
    const r = await seedDemoPeople(ctx);
    if (r.officials || r.citizens) ctx.log.info(r, 'demo people seeded');
  },

  async startupNotes(ctx) {
    const { config } = internalsOf(ctx);
    const notes = [`Đăng nhập: ${config.publicUrl}/dang-nhap (cán bộ) · công dân: nút "Đăng nhập bằng VNeID" trên cùng trang`];
    const r = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM identity.official WHERE demo`);
    if (r.rows[0]?.n) {
      notes.push(`Tài khoản demo: chạy \`lienthong demo users\` (hoặc --json), xem docs/identity.md; mật khẩu chung ${DEMO_PASSWORD}`);
      if (ctx.config.production) notes.push('CẢNH BÁO: máy chủ production đang có tài khoản demo với mật khẩu công khai. Đặt SEED_DEMO=false và vô hiệu hoá các tài khoản này.');
    }
    if (config.oidc.devProvider) notes.push(`Nhà cung cấp định danh thử nghiệm (thay VNeID): ${config.oidc.issuer}`);
    return notes;
  },

  commands(program, open) {
    identityCommands(program, open);
  },

  async start(ctx) {
    const purge = async () => {
      await purgeExpired(ctx.db);
      await purgeStaleThrottle(ctx.db);
    };
    return runEvery({ everyMs: 10 * 60_000, job: purge, onError: (err) => ctx.log.warn({ err }, 'identity purge failed') });
  },
};
