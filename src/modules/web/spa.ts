/**
 * Which document the platform answers for a path of the web front end. Pure (no I/O), tested in
 * spa.test.ts. The route list mirrors web/src/App.tsx at the level of first path segments.
 */

/** First path segments that belong to the front end (besides the home page "/"). */
export const WEB_SECTIONS = ['thu-tuc', 'tra-cuu', 'dang-nhap', 'ho-so', 'can-bo'] as const;

/** The static HTML files web/scripts/build.mjs writes. */
export type ShellFile = 'index.html' | 'app.html' | 'office.html';

export type WebAnswer =
  /** A page of the front end: the HTML document to send, with its status. */
  | { kind: 'page'; file: ShellFile; status: 200 | 404 }
  /** A file at the root of web/dist (favicon.svg, robots.txt). */
  | { kind: 'file'; file: string }
  /** Not the front end's: the platform's problem+json 404. */
  | { kind: 'not-found' };

const ROOT_FILE = /^\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.(svg|txt|ico|png|webmanifest|json)$/;

/**
 * Decides the answer for a GET of `pathname`. `rootFiles` are the files present at the root of
 * web/dist; `acceptsHtml` is whether the client asked for HTML (a browser) — an unknown path gets the
 * front end's own "page not found" (status 404) in a browser, and problem+json for everyone else.
 */
export function resolveWebPath(pathname: string, rootFiles: ReadonlySet<string>, acceptsHtml: boolean): WebAnswer {
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'not-found' };
  if (pathname === '/' || pathname === '/index.html') return { kind: 'page', file: 'index.html', status: 200 };
  if (ROOT_FILE.test(pathname)) {
    const name = pathname.slice(1);
    if (rootFiles.has(name) && !name.endsWith('.html')) return { kind: 'file', file: name };
    return { kind: 'not-found' };
  }
  const first = pathname.split('/')[1] ?? '';
  if ((WEB_SECTIONS as readonly string[]).includes(first)) {
    return { kind: 'page', file: first === 'can-bo' ? 'office.html' : 'app.html', status: 200 };
  }
  return acceptsHtml ? { kind: 'page', file: 'app.html', status: 404 } : { kind: 'not-found' };
}

/** True when an Accept header prefers or allows HTML explicitly (browsers send text/html first). */
export function acceptsHtml(accept: string | undefined): boolean {
  return !!accept && /(^|,)\s*text\/html\b/.test(accept);
}

/** The pages rendered on the server per request: the procedure search and one procedure (not its form). */
export function serverRendered(pathname: string): boolean {
  return /^\/thu-tuc\/?$/.test(pathname) || /^\/thu-tuc\/\d\.\d{6}\/?$/.test(pathname);
}

const escAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** JSON inside <script type="application/json">: nothing in it may close the element or break a line terminator rule. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The HTML document of a page rendered on the server: the frame (`template`, holding
 * `<div id="root"></div>`) filled with the markup, marked with the address it was rendered for (the
 * browser hydrates only that one), the answers it read as JSON, and the page's own title (its h1).
 * A procedure the catalogue does not have answers 404.
 */
export function ssrPage(template: string, url: string, r: { html: string; entries: unknown[]; statuses: Record<string, number> }): { status: number; body: string } {
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(r.html)?.[1]?.replace(/<[^>]+>/g, '').trim();
  let body = template.replace(
    '<div id="root"></div>',
    `<div id="root" data-prerendered="${escAttr(url)}">${r.html}</div><script type="application/json" id="ssr-data">${scriptJson(r.entries)}</script>`,
  );
  if (h1) body = body.replace(/<title>([\s\S]*?)<\/title>/, (_m, site: string) => `<title>${h1} — ${escText(site.replace(/&amp;/g, '&'))}</title>`);
  const missing = Object.entries(r.statuses).some(([u, st]) => st === 404 && /^\/api\/v1\/procedures\/\d\.\d{6}(\?|$)/.test(u));
  return { status: missing ? 404 : 200, body };
}
