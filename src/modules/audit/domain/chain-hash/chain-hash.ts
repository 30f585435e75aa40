import crypto from 'node:crypto';
import { canonicalJson } from '../canonical-json/canonical-json.ts';

/** The hash that precedes the first link of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of one audit record as it is chained (everything except the chain columns themselves). */
export interface ChainedRecord {
  seq: number;
  id: string;
  /** UTC timestamp with microseconds, exactly as stored ("2026-11-25T14:30:00.123456Z"). */
  occurredAt: string;
  actorKind: string | null;
  actorId: string | null;
  actorSubject: string | null;
  actingUnit: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  requestId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  meta: Record<string, unknown>;
}

/**
 * SHA-256 of a value's canonical JSON, hex; null for "no value". Used for the before/after states of an
 * audit entry so that the chain proves what the states were without holding personal data.
 */
export function digestOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The hash of one link: SHA-256(prev_hash || "\n" || canonical JSON of the record, its seq included).
 *
 * How it works: because each link's input holds the previous link's hash, changing, removing or
 * re-ordering any record changes every later hash; a verifier that recomputes the hashes from the first
 * record finds the first link whose stored hash (or stored prev_hash) no longer matches.
 */
export function linkHash(prevHash: string, record: ChainedRecord): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(record)).digest('hex');
}
