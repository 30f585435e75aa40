/**
 * The data layer (docs/adr/0051, 0053): openapi-fetch over the types generated from the platform's
 * OpenAPI document (web/src/api/schema.d.ts), problem+json turned into `ApiError`, the session's CSRF
 * token, a tiny cache and React hooks. Every request goes to the same origin (the platform serves the
 * web), so the session cookie travels by itself. A path, a parameter or a field the server does not
 * have is a type error.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import createClient, { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import type { paths } from '../api/schema.d.ts';
import { vi } from '../i18n/vi.ts';

export interface FieldProblem {
  path: string;
  message: string;
}

/** An RFC 9457 problem answered by the platform, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldProblem[] = [],
    readonly body?: unknown,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

/** A failure as an ApiError: a problem answered by the platform as it is, anything else as "Đã có lỗi". */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'unknown', vi.app.errorTitle);
}

/** The Vietnamese sentence a person reads for a failure. */
export function problemText(err: unknown): string {
  const e = asApiError(err);
  return e.detail ?? e.title;
}

// ---- types over the generated contract ---------------------------------------------------------

type Method = 'get' | 'post' | 'put' | 'delete';
/** The paths that answer `method`. */
export type PathWith<M extends Method> = { [P in keyof paths]: paths[P] extends Record<M, unknown> ? P : never }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = paths[P] extends Record<M, infer O> ? O : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
/** What a successful call answers (200 or 201, JSON). */
export type Answer<P extends PathWith<M>, M extends Method = 'get'> = Operation<P, M> extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;
/** The parameters (path, query, header) a call takes. */
export type Params<P extends PathWith<M>, M extends Method = 'get'> = Operation<P, M> extends { parameters: infer X } ? X : Record<string, never>;
/** The JSON body a call takes. */
export type BodyOf<P extends PathWith<M>, M extends Method> = Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

// ---- the client --------------------------------------------------------------------------------

let csrfToken: string | null = null;

/** Keeps the CSRF token handed out at sign-in (or by /auth/me) for state-changing requests. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Leaves out empty values, as the platform treats an empty filter as no filter. */
const serializeQuery = (() => {
  const serialize = createQuerySerializer();
  return (query: Record<string, unknown> | undefined) => serialize(Object.fromEntries(Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')));
})();

/** The typed client: `api.GET('/api/v1/procedures/{code}', { params: { path: { code } } })`. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', querySerializer: serializeQuery });
api.use({
  onRequest({ request }) {
    request.headers.set('accept', 'application/json, application/problem+json');
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

/** The address a call goes to (the cache's key; links to files the API serves). */
export function urlOf(path: string, params?: { path?: Record<string, unknown>; query?: Record<string, unknown> }): string {
  return createFinalURL(path, { baseUrl: '', params: params ?? {}, querySerializer: serializeQuery, pathSerializer: defaultPathSerializer });
}

function toError(status: number, statusText: string, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : [];
  return new ApiError(status, String(b.code ?? `http-${status}`), String(b.title ?? (statusText || 'Lỗi')), typeof b.detail === 'string' ? b.detail : undefined, errors, body);
}

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * The answer of an openapi-fetch call, with its ETag; a problem becomes an `ApiError`, a failed
 * connection an `ApiError` with status 0.
 */
export async function answer<R extends Result>(call: Promise<R>): Promise<{ data: Exclude<R['data'], undefined>; etag: string | null; status: number }> {
  let r: R;
  try {
    r = await call;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ', 'Kiểm tra kết nối mạng rồi thử lại.');
  }
  if (!r.response.ok) throw toError(r.response.status, r.response.statusText, r.error);
  return { data: r.data as Exclude<R['data'], undefined>, etag: r.response.headers.get('etag'), status: r.response.status };
}

/** Only the data of a call (see `answer`). */
export async function ok<R extends Result>(call: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  return (await answer(call)).data;
}

/** Builds '/path?a=1&b=2' for the web's own addresses, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | boolean | null | undefined>): string {
  const s = serializeQuery(params);
  return s ? `${path}?${s}` : path;
}

/** A fresh key for Idempotency-Key headers (a retried submission creates one dossier). */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// ---- cache + hooks ---------------------------------------------------------------------------

interface Loaded {
  data: unknown;
  etag: string | null;
}
interface CacheEntry {
  at: number;
  value: Loaded;
}
const cache = new Map<string, CacheEntry>();
const inflight = new Map<string, Promise<Loaded>>();
const listeners = new Set<(url: string) => void>();

/** Forgets cached answers whose URL starts with `prefix` and makes mounted hooks fetch again. */
export function invalidate(prefix: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
  for (const l of listeners) l(prefix);
}

type Get = (path: string, init: { params: unknown }) => Promise<Result>;

function load(url: string, path: string, params: unknown): Promise<Loaded> {
  let p = inflight.get(url);
  if (!p) {
    p = answer((api.GET as unknown as Get)(path, { params })).finally(() => inflight.delete(url));
    inflight.set(url, p);
  }
  return p.then((value) => {
    cache.set(url, { at: Date.now(), value });
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    return value;
  });
}

// ---- server rendering (web/src/ssr.tsx, docs/web.md "Rendered on the server") ---------------------

/** An answer read on the server for a page it renders, handed to the browser with the page. */
export interface SsrEntry {
  url: string;
  data: unknown;
  etag: string | null;
}

let collecting: Set<string> | null = null;
const seeded = new Set<string>();

/** Server only: starts recording the reads the next render asks for (and forgets every cached answer). */
export function startCollecting(): Set<string> {
  cache.clear();
  seeded.clear();
  return (collecting = new Set());
}

export function stopCollecting(): void {
  collecting = null;
}

/** Puts answers read on the server into the cache, so the page renders (and hydrates) with them at once. */
export function seedCache(entries: readonly SsrEntry[]): void {
  const at = Date.now();
  for (const e of entries) {
    cache.set(e.url, { at, value: { data: e.data, etag: e.etag } });
    seeded.add(e.url);
  }
}

/**
 * The address of an answer the server read for this page, starting with `prefix`: a read whose address
 * holds the moment it was made (the due date "if submitted now") reuses the server's moment, so that the
 * browser hydrates exactly what the server rendered.
 */
export function seededWith(prefix: string): string | undefined {
  for (const u of seeded) if (u.startsWith(prefix)) return u;
  return undefined;
}

export interface Query<T> {
  data: T | undefined;
  etag: string | null;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads `path` with `params` (null: nothing to read yet). A cached answer younger than `staleMs` is
 * shown at once; an older one is shown while it is fetched again (stale-while-revalidate).
 */
export function useApi<P extends PathWith<'get'>>(path: P, params: Params<P> | null, { staleMs = 30_000, pollMs }: { staleMs?: number; pollMs?: number } = {}): Query<Answer<P>> {
  const url = params ? urlOf(path, params as { path?: Record<string, unknown>; query?: Record<string, unknown> }) : null;
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const cached = url ? cache.get(url) : undefined;
  if (collecting && url && !cached) collecting.add(url);
  const [state, setState] = useState<{ url: string | null; res?: Loaded; error?: ApiError; loading: boolean }>(() => ({
    url,
    res: cached?.value,
    loading: !!url && !cached,
  }));
  const [tick, setTick] = useState(0);
  const urlRef = useRef(url);
  urlRef.current = url;

  // A different URL: show its cached answer (or nothing) straight away.
  if (state.url !== url) {
    setState({ url, res: cached?.value, loading: !!url && !cached });
  }

  useEffect(() => {
    if (!url) return;
    const entry = cache.get(url);
    if (entry && Date.now() - entry.at < staleMs && tick === 0) return;
    let alive = true;
    setState((s) => (s.url === url ? { ...s, loading: true } : s));
    load(url, path, paramsRef.current).then(
      (res) => alive && setState({ url, res, loading: false }),
      (error: unknown) => alive && setState((s) => ({ url, res: s.url === url ? s.res : undefined, error: asApiError(error), loading: false })),
    );
    return () => {
      alive = false;
    };
  }, [url, path, tick, staleMs]);

  useEffect(() => {
    const l = (prefix: string) => {
      if (urlRef.current?.startsWith(prefix)) setTick((t) => t + 1);
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);

  useEffect(() => {
    if (!url || !pollMs) return;
    const id = setInterval(() => {
      cache.delete(url);
      setTick((t) => t + 1);
    }, pollMs);
    return () => clearInterval(id);
  }, [url, pollMs]);

  const reload = useCallback(() => {
    if (urlRef.current) cache.delete(urlRef.current);
    setTick((t) => t + 1);
  }, []);

  return { data: state.res?.data as Answer<P> | undefined, etag: state.res?.etag ?? null, error: state.error, loading: state.loading, reload };
}
