/**
 * The data layer: plain fetch with problem+json errors, the session's CSRF token, a tiny cache and
 * React hooks (see docs/adr/0051). Every request goes to the same origin (the platform serves the
 * web), so the session cookie travels by itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

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

let csrfToken: string | null = null;

/** Keeps the CSRF token handed out at sign-in (or by /auth/me) for state-changing requests. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export interface SendOptions {
  ifMatch?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

async function toError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
  return new ApiError(res.status, String(body.code ?? `http-${res.status}`), String(body.title ?? res.statusText ?? 'Lỗi'), typeof body.detail === 'string' ? body.detail : undefined, errors, body);
}

export async function request<T>(method: string, url: string, body?: unknown, opts: SendOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ', 'Kiểm tra kết nối mạng rồi thử lại.');
  }
  if (!res.ok) throw await toError(res);
  const text = res.status === 204 ? '' : await res.text();
  const data = (text ? JSON.parse(text) : null) as T;
  return { data, etag: res.headers.get('etag'), status: res.status };
}

export const api = {
  get: async <T,>(url: string, opts?: SendOptions) => (await request<T>('GET', url, undefined, opts)).data,
  post: async <T,>(url: string, body?: unknown, opts?: SendOptions) => (await request<T>('POST', url, body ?? {}, opts)).data,
  put: async <T,>(url: string, body?: unknown, opts?: SendOptions) => (await request<T>('PUT', url, body ?? {}, opts)).data,
  del: async <T,>(url: string, opts?: SendOptions) => (await request<T>('DELETE', url, undefined, opts)).data,
};

/** Builds '/path?a=1&b=2', leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A fresh key for Idempotency-Key headers (a retried submission creates one dossier). */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

// ---- cache + hooks ---------------------------------------------------------------------------

interface CacheEntry {
  at: number;
  value: ApiResponse<unknown>;
}
const cache = new Map<string, CacheEntry>();
const inflight = new Map<string, Promise<ApiResponse<unknown>>>();
const listeners = new Set<(url: string) => void>();

/** Forgets cached answers whose URL starts with `prefix` and makes mounted hooks fetch again. */
export function invalidate(prefix: string): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
  for (const l of listeners) l(prefix);
}

function load<T>(url: string): Promise<ApiResponse<T>> {
  let p = inflight.get(url);
  if (!p) {
    p = request<unknown>('GET', url).finally(() => inflight.delete(url));
    inflight.set(url, p);
  }
  return p.then((value) => {
    cache.set(url, { at: Date.now(), value });
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
    return value as ApiResponse<T>;
  });
}

export interface Query<T> {
  data: T | undefined;
  etag: string | null;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Reads `url` (null: nothing to read yet). A cached answer younger than `staleMs` is shown at once;
 * an older one is shown while it is fetched again (stale-while-revalidate).
 */
export function useApi<T>(url: string | null, { staleMs = 30_000, pollMs }: { staleMs?: number; pollMs?: number } = {}): Query<T> {
  const cached = url ? cache.get(url) : undefined;
  const [state, setState] = useState<{ url: string | null; res?: ApiResponse<T>; error?: ApiError; loading: boolean }>(() => ({
    url,
    res: cached?.value as ApiResponse<T> | undefined,
    loading: !!url && !cached,
  }));
  const [tick, setTick] = useState(0);
  const urlRef = useRef(url);
  urlRef.current = url;

  // A different URL: show its cached answer (or nothing) straight away.
  if (state.url !== url) {
    setState({ url, res: cached?.value as ApiResponse<T> | undefined, loading: !!url && !cached });
  }

  useEffect(() => {
    if (!url) return;
    const entry = cache.get(url);
    if (entry && Date.now() - entry.at < staleMs && tick === 0) return;
    let alive = true;
    setState((s) => (s.url === url ? { ...s, loading: true } : s));
    load<T>(url).then(
      (res) => alive && setState({ url, res, loading: false }),
      (error: unknown) => alive && setState((s) => ({ url, res: s.url === url ? s.res : undefined, error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)), loading: false })),
    );
    return () => {
      alive = false;
    };
  }, [url, tick, staleMs]);

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

  return { data: state.res?.data, etag: state.res?.etag ?? null, error: state.error, loading: state.loading, reload };
}

/** Runs a state-changing call with its pending flag and problem, for forms and action buttons. */
export function useMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (err) {
        setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', 'Đã có lỗi', String(err)));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { run, pending, error, setError };
}
