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
