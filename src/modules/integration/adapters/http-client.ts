import type { ExternalSystem } from '../config.ts';
import type { ExchangeLog } from '../exchange.ts';

/** A national system that answered with an error or could not be reached. */
export class ExternalSystemError extends Error {
  constructor(
    readonly system: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ExternalSystemError';
  }
}

/**
 * One JSON call to a national system, recorded in the exchange log (digests of the exact bytes sent and
 * received, the status) whatever its outcome. Times out after `timeoutMs`.
 */
export async function callSystem<T>(
  name: string,
  target: ExternalSystem,
  log: ExchangeLog,
  req: { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown; operation: string; timeoutMs?: number },
): Promise<T> {
  const body = req.body === undefined ? undefined : JSON.stringify(req.body);
  let status: number | null = null;
  let text = '';
  try {
    const res = await fetch(`${target.url}${req.path}`, {
      method: req.method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) },
      body,
      signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
    });
    status = res.status;
    text = await res.text();
    if (!res.ok) throw new ExternalSystemError(name, status, `${name} trả lời ${status} cho ${req.operation}`);
    return (text ? JSON.parse(text) : null) as T;
  } catch (err) {
    if (err instanceof ExternalSystemError) throw err;
    throw new ExternalSystemError(name, status, `Không kết nối được ${name} (${req.operation}): ${(err as Error).message}`);
  } finally {
    await log.append({ system: name, direction: 'outbound', operation: req.operation, request: body ?? `${req.method} ${req.path}`, response: text, status });
  }
}
