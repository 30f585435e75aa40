/**
 * Renders a public page of the portal on the server, per request (the procedure search and the procedure
 * pages: readable without JavaScript and on weak phones; docs/web.md). Bundled by web/scripts/build.mjs
 * (Vite SSR build, web/dist/ssr/render.mjs) and called by the web module.
 *
 * The page is rendered with the same components as in the browser. Each pass records the API reads the
 * components ask for (useApi); the server reads them — anonymously, so only public data is ever rendered —
 * and renders again with the answers, until nothing new is asked (at most four passes). The answers go
 * into the page as JSON, so that the browser starts from the same data and hydrates the same markup.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { App } from './App.tsx';
import { seedCache, startCollecting, stopCollecting, type SsrEntry } from './lib/api.ts';

export type Fetcher = (url: string) => Promise<{ status: number; data: unknown; etag: string | null }>;

let queue: Promise<unknown> = Promise.resolve();

/** One render at a time: the answers live in the module's cache while a page is rendered. */
export function render(url: string, fetcher: Fetcher): Promise<{ html: string; entries: SsrEntry[]; statuses: Record<string, number> }> {
  const run = queue.then(() => renderNow(url, fetcher));
  queue = run.catch(() => undefined);
  return run;
}

async function renderNow(url: string, fetcher: Fetcher) {
  const entries: SsrEntry[] = [];
  const statuses: Record<string, number> = {};
  let html = '';
  try {
    for (let pass = 0; pass < 4; pass++) {
      const asked = startCollecting();
      seedCache(entries);
      html = renderToString(
        <StrictMode>
          <StaticRouter location={url}>
            <App />
          </StaticRouter>
        </StrictMode>,
      );
      const fresh = [...asked].filter((u) => !(u in statuses));
      if (!fresh.length) break;
      await Promise.all(
        fresh.map(async (u) => {
          const r = await fetcher(u);
          statuses[u] = r.status;
          // a refused read stays unanswered: the browser asks again and shows its message
          if (r.status >= 200 && r.status < 300) entries.push({ url: u, data: r.data, etag: r.etag });
        }),
      );
    }
  } finally {
    stopCollecting();
  }
  return { html, entries, statuses };
}
