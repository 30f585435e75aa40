import { z } from 'zod';
import { problems } from '../../../platform/errors.ts';
import type { App } from '../../../platform/http.ts';
import { problemResponses } from '../../../platform/http.ts';
import { esc } from '../html.ts';
import { DEMO_PASSWORD, demoPeople } from './people.ts';

/**
 * The demo people for the sign-in pages' panel "Dành cho bản trình diễn": who to sign in as, in words a
 * visitor reads (no command lines). Shown only while the demo password opens accounts (SEED_DEMO on and
 * not production); otherwise the pages show nothing and the API answers 404.
 */
export const DemoDirectorySchema = z.object({
  password: z.string(),
  officials: z.array(z.object({ username: z.string(), displayName: z.string(), position: z.string(), unitName: z.string() })),
  citizens: z.array(z.object({ personalId: z.string(), displayName: z.string() })),
});
export type DemoDirectory = z.infer<typeof DemoDirectorySchema>;

export function demoDirectory(): DemoDirectory {
  const { officials, citizens } = demoPeople();
  return {
    password: DEMO_PASSWORD,
    officials: officials.map((o) => ({ username: o.username, displayName: o.displayName, position: o.position, unitName: o.unitName })),
    citizens: citizens.map((c) => ({ personalId: c.personalId, displayName: c.displayName })),
  };
}

/** The panel as HTML for the server-rendered pages (`who`: the people that page signs in). */
export function demoPanelHtml(who: 'officials' | 'citizens' | 'both'): string {
  const d = demoDirectory();
  const citizens = `<table><caption>Công dân (đăng nhập bằng số định danh cá nhân)</caption><thead><tr><th scope="col">Số định danh</th><th scope="col">Họ và tên</th></tr></thead><tbody>${d.citizens
    .map((c) => `<tr><td><code>${esc(c.personalId)}</code></td><td>${esc(c.displayName)}</td></tr>`)
    .join('')}</tbody></table>`;
  const officials = `<table><caption>Cán bộ (đăng nhập bằng tên đăng nhập)</caption><thead><tr><th scope="col">Tên đăng nhập</th><th scope="col">Chức vụ</th><th scope="col">Đơn vị</th></tr></thead><tbody>${d.officials
    .map((o) => `<tr><td><code>${esc(o.username)}</code></td><td>${esc(o.position)}</td><td>${esc(o.unitName)}</td></tr>`)
    .join('')}</tbody></table>`;
  return `<section class="demo-panel" aria-labelledby="demo-panel-title">
<h2 id="demo-panel-title">Dành cho bản trình diễn</h2>
<p>Những người dưới đây là người giả lập của bản trình diễn. Mật khẩu của mọi tài khoản: <code>${esc(d.password)}</code></p>
<details><summary>Xem danh sách người dùng thử</summary>
${who !== 'officials' ? citizens : ''}${who !== 'citizens' ? officials : ''}
</details>
</section>`;
}

/** GET /api/v1/demo/people: the same list for the web front end's sign-in pages. */
export function demoDirectoryRoute(app: App, enabled: boolean): void {
  app.get(
    '/api/v1/demo/people',
    {
      config: { access: { public: 'Người dùng thử của bản trình diễn, để khách tham quan đăng nhập (chỉ khi bật dữ liệu trình diễn; máy chủ thật trả 404)' } },
      schema: { tags: ['identity'], summary: 'Người dùng thử của bản trình diễn (404 khi không bật bản trình diễn)', response: { 200: DemoDirectorySchema, ...problemResponses } },
    },
    async (_request, reply) => {
      if (!enabled) throw problems.notFound('danh sách người dùng thử (bản trình diễn không bật)', 'demo-off');
      return reply.header('cache-control', 'public, max-age=300').send(demoDirectory());
    },
  );
}
