import { createHash } from 'node:crypto';

/** A source row's fingerprint: an unchanged row is not standardised and matched again by an incremental run. */
export function hashRaw(raw: unknown): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 32);
}
