import { z } from 'zod';
import type { Queryable } from '../../platform/db.ts';
import { problemResponses, type App } from '../../platform/http.ts';
import { maskIdNumber, maskText } from '../../platform/mask.ts';
import type { PlatformContext } from '../../platform/modules.ts';

/** The permission of the security officer's view of refused requests. */
export const REFUSALS_PERMISSION = 'identity.refusals.read';

export interface RefusalRow {
  id: string;
  at: Date;
  actor_kind: string | null;
  actor_id: string | null;
  actor_subject: string | null;
  via: string | null;
  method: string;
  route: string;
  path: string;
  code: string | null;
  ip: string | null;
}

/**
 * Records every refused attempt (an answer 403) for the security officer: who (kind, id, username or the
 * masked identification number, how they authenticated), when, the route and the path asked for (without
 * its query string, which may carry secrets such as a tracking key), the problem code, the address.
 *
 * How it works: one onSend hook on the whole server, installed by the identity module — the owner of the
 * policy point — before the modules after it register their routes, so that every 403 is caught wherever
 * it was decided: the platform's route-level check, a handler's `request.authorize`, or a module's own
 * resource check. The record is written before the answer leaves (a reader right after sees it); a failed
 * write is logged and never changes the answer.
 */
export function recordRefusals(app: App, ctx: PlatformContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 403) return payload;
    const p = request.principal;
    let code: string | null = null;
    if (typeof payload === 'string' && payload.startsWith('{')) {
      try {
        const c = (JSON.parse(payload) as { code?: unknown }).code;
        code = typeof c === 'string' ? c.slice(0, 100) : null;
      } catch {
        /* not a problem document */
      }
    }
    try {
      await ctx.db.query(
        `INSERT INTO identity.refused_request (actor_kind, actor_id, actor_subject, via, method, route, path, code, ip, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          p?.kind ?? null,
          p?.id ?? null,
          p ? (p.kind === 'citizen' ? maskIdNumber(p.subject) : maskText(p.subject)) : null,
          p?.via ?? null,
          request.method,
          (request.routeOptions.url ?? '').slice(0, 300),
          maskText(request.url.split('?')[0]!.slice(0, 500)),
          code,
          request.ip ?? null,
          String(request.id).slice(0, 100),
        ],
      );
    } catch (err) {
      request.log.error({ err }, 'refused request not recorded');
    }
    return payload;
  });
}

export async function listRefusals(q: Queryable, f: { actorId?: string; before?: string; limit: number }): Promise<RefusalRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.actorId) where.push(`actor_id = $${params.push(f.actorId)}`);
  // the id is compared and sorted as a number (the text alias would sort 9 before 52)
  if (f.before) where.push(`refused_request.id < $${params.push(f.before)}::bigint`);
  params.push(f.limit);
  const r = await q.query<RefusalRow>(
    `SELECT id::text AS id, at, actor_kind, actor_id, actor_subject, via, method, route, path, code, ip FROM identity.refused_request
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY refused_request.id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}

/** GET /api/v1/identity/refused-requests — the security officer's list, newest first, by cursor. */
export function refusalRoutes(app: App, ctx: PlatformContext): void {
  app.get(
    '/api/v1/identity/refused-requests',
    {
      config: { access: { permission: REFUSALS_PERMISSION } },
      schema: {
        tags: ['identity'],
        summary: 'Nhật ký các yêu cầu bị từ chối (403): ai, khi nào, đường dẫn nào, mới nhất trước',
        querystring: z.object({
          actorId: z.string().max(64).optional(),
          cursor: z.string().regex(/^\d{1,19}$/, 'con trỏ không hợp lệ').optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                at: z.string(),
                actor: z.object({ kind: z.string(), id: z.string().nullable(), subject: z.string().nullable(), via: z.string().nullable() }).nullable(),
                method: z.string(),
                route: z.string(),
                path: z.string(),
                code: z.string().nullable(),
                ip: z.string().nullable(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listRefusals(ctx.db, { actorId: q.actorId, before: q.cursor, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return {
        items: items.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actor: r.actor_kind ? { kind: r.actor_kind, id: r.actor_id, subject: r.actor_subject, via: r.via } : null,
          method: r.method,
          route: r.route,
          path: r.path,
          code: r.code,
          ip: r.ip,
        })),
        nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null,
      };
    },
  );
}
