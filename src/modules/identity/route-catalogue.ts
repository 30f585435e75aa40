import { createRequire } from 'node:module';
import type { RouteAccess } from '../../platform/access.ts';

/** One route of the server as the router holds it, with the access it declared. */
export interface CataloguedRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/**
 * Records every route the HTTP router registers from now on, with its `config.access` — for the test that
 * walks every route of the platform (test/routes-permissions.test.ts) and for tooling.
 *
 * How it works: Fastify keeps no public list of routes with their configuration, and an `onRoute` hook only
 * sees routes added after it, while the platform adds its own routes before any module runs. So this wraps
 * the router's registration method (find-my-way's `Router.prototype.on`, the module Fastify itself loads),
 * whose `store` argument is the route context holding `config`. Call it before building the server; the
 * returned list fills as routes are registered (the not-found fallback is left out). `stop()` restores the router.
 */
export function catalogueRoutes(): { routes: CataloguedRoute[]; stop(): void } {
  const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const Router = requireFromFastify('find-my-way') as { prototype: { on: (...args: unknown[]) => unknown } };
  const original = Router.prototype.on;
  const routes: CataloguedRoute[] = [];
  Router.prototype.on = function (this: unknown, method: unknown, path: unknown, opts: unknown, handler: unknown, store: unknown) {
    // Fastify registers routes as on(method, url, { constraints }, handler, context); its not-found
    // fallback comes through router.all(url, handler, context), with no options object: not a route
    if (typeof opts === 'function') return original.apply(this, arguments as unknown as unknown[]);
    const config = (store as { config?: { access?: RouteAccess; url?: string } } | undefined)?.config;
    for (const m of Array.isArray(method) ? method : [method]) routes.push({ method: String(m), url: String(path), access: config?.access });
    // eslint-disable-next-line prefer-rest-params
    return original.apply(this, arguments as unknown as unknown[]);
  };
  return {
    routes,
    stop: () => {
      Router.prototype.on = original;
    },
  };
}
