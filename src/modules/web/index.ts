import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { requireService, type AppModule, type PlatformContext } from '../../platform/modules.ts';
import { acceptsHtml, resolveWebPath, serverRendered, ssrPage } from './spa.ts';

/**
 * Module `web`: serves the built front end (web/dist) on the platform's port — the citizen portal and
 * the officials' back office — plus the small configuration the front end reads at start.
 *
 *  - /assets/*  hashed bundles, cached for a year, sent pre-compressed (Brotli or gzip);
 *  - /          the home page, rendered at build time (readable before the JavaScript arrives);
 *  - /thu-tuc (search) and /thu-tuc/{code} (a procedure) rendered on the server per request with the
 *    public answers they read (web/dist/ssr/render.mjs), hydrated by the browser when JavaScript runs;
 *  - /thu-tuc…, /tra-cuu…, /dang-nhap, /ho-so… the citizen frame; /can-bo… the back office;
 *  - any other path: the front end's "page not found" (404) to a browser, problem+json to others;
 *    every /api/* path stays with the platform's problem+json 404.
 *
 * Registered last, so that every module's routes win over the front end's catch-all.
 */

const PUBLIC = 'Giao diện web công khai';
const HTML_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=31536000, immutable';

export const WebConfigSchema = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  demo: z.boolean(),
  citizen_sign_in: z.boolean(),
  upload_max_bytes: z.number().int(),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;

/** The province this deployment serves (the demo province Phú Thọ unless configured). */
export const DEFAULT_PROVINCE = { code: '25', name: 'Tỉnh Phú Thọ' };

async function siteConfig(ctx: PlatformContext): Promise<WebConfig> {
  const cfg = ctx.config as typeof ctx.config & { uploadMaxBytes?: number };
  const code = cfg.provinceCode ?? DEFAULT_PROVINCE.code;
  let name = code === DEFAULT_PROVINCE.code ? DEFAULT_PROVINCE.name : code;
  const units = requireService(ctx, 'units', 'web');
  try {
    const u = await units.resolveOrgUnit(code);
    if (u?.name) name = u.name;
  } catch {
    /* the units service may not know the code yet: keep the default name */
  }
  return { province: { code, name }, demo: cfg.seedDemo, citizen_sign_in: true, upload_max_bytes: cfg.uploadMaxBytes ?? 10 * 1024 * 1024 };
}

async function webRoutes(app: App, ctx: PlatformContext): Promise<void> {
  let cached: WebConfig | null = null;
  app.get(
    '/api/v1/web/config',
    {
      config: { access: { public: 'Cấu hình công khai cho giao diện web (tỉnh, chế độ trình diễn)' } },
      schema: { tags: ['web'], summary: 'Cấu hình giao diện web: tỉnh phục vụ, chế độ trình diễn, giới hạn tải lên', response: { 200: WebConfigSchema } },
    },
    async (_req, reply) => {
      cached ??= await siteConfig(ctx);
      void reply.header('cache-control', 'public, max-age=300');
      return cached;
    },
  );

  const dist = ctx.config.webDistDir;
  const built = fs.existsSync(path.join(dist, 'index.html'));
  if (!built) ctx.log.warn({ dist }, 'web/dist chưa có: chạy "npm run build:web" (npm start tự build)');
  // the server renderer of the public pages (web/src/ssr.tsx), loaded on first use
  const ssrDir = path.join(dist, 'ssr');
  const ssrAvailable = built && fs.existsSync(path.join(ssrDir, 'render.mjs')) && fs.existsSync(path.join(ssrDir, 'template.html'));
  type Renderer = { render(url: string, fetcher: (u: string) => Promise<{ status: number; data: unknown; etag: string | null }>): Promise<{ html: string; entries: unknown[]; statuses: Record<string, number> }> };
  let renderer: Promise<Renderer> | null = null;
  const template = ssrAvailable ? fs.readFileSync(path.join(ssrDir, 'template.html'), 'utf8') : '';
  const serverRender = async (req: FastifyRequest, url: string): Promise<{ status: number; body: string } | null> => {
    renderer ??= import(pathToFileURL(path.join(ssrDir, 'render.mjs')).href) as Promise<Renderer>;
    const r = await (await renderer).render(url, async (u) => {
      // read as an anonymous visitor would (public data only), under the visitor's own rate limits
      const res = await app.inject({ method: 'GET', url: u, headers: { accept: 'application/json' }, remoteAddress: req.ip });
      let data: unknown = null;
      try {
        data = res.statusCode < 300 ? res.json() : null;
      } catch {
        data = null;
      }
      return { status: res.statusCode, data, etag: (res.headers.etag as string | undefined) ?? null };
    });
    return ssrPage(template, url, r);
  };
  const rootFiles = new Set(built ? fs.readdirSync(dist).filter((f) => fs.statSync(path.join(dist, f)).isFile()) : []);

  await app.register(async (web) => {
    await web.register(fastifyStatic, { root: dist, serve: false, preCompressed: true, index: false, dotfiles: 'ignore', cacheControl: false, etag: true, lastModified: true });

    web.get('/assets/*', { config: { access: { public: PUBLIC } }, schema: { hide: true } }, (req, reply) => {
      const rel = (req.params as { '*': string })['*'];
      if (!built || !rel || rel.includes('..')) return reply.callNotFound();
      void reply.header('cache-control', ASSET_CACHE);
      return reply.sendFile(`assets/${rel}`);
    });

    const page = async (req: FastifyRequest, reply: FastifyReply) => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(req.url.split('?')[0] ?? '/');
      } catch {
        return reply.callNotFound();
      }
      const answer = resolveWebPath(pathname, rootFiles, acceptsHtml(req.headers.accept as string | undefined));
      if (answer.kind === 'not-found') return reply.callNotFound();
      if (!built) {
        return reply
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Liên Thông</title><p>Giao diện web chưa được build. Chạy <code>npm run build:web</code> rồi tải lại trang (<code>npm start</code> tự làm việc này).</p><p><a href="/docs">Tài liệu API</a></p></html>');
      }
      if (answer.kind === 'file') {
        void reply.header('cache-control', 'public, max-age=86400');
        return reply.sendFile(answer.file);
      }
      const url = req.url.length <= 2000 ? req.url : null;
      if (ssrAvailable && url && answer.status === 200 && serverRendered(pathname)) {
        try {
          const page = await serverRender(req, url);
          if (page) return reply.code(page.status).type('text/html; charset=utf-8').header('cache-control', HTML_CACHE).send(page.body);
        } catch (err) {
          req.log.warn({ err }, 'server rendering failed: the static frame is sent');
        }
      }
      void reply.code(answer.status).header('cache-control', HTML_CACHE);
      return reply.sendFile(answer.file);
    };
    web.get('/', { config: { access: { public: PUBLIC } }, schema: { hide: true } }, (req, reply) => page(req, reply));
    web.get('/*', { config: { access: { public: PUBLIC } }, schema: { hide: true } }, (req, reply) => page(req, reply));
  });
}

export const webModule: AppModule = {
  name: 'web',
  requires: ['units'],
  routes: webRoutes,
  async startupNotes(ctx) {
    return [`Cổng dịch vụ công: ${ctx.config.publicUrl}/  ·  Một cửa điện tử (cán bộ): ${ctx.config.publicUrl}/can-bo`];
  },
};
