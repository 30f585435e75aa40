import crypto from 'node:crypto';

/**
 * The exchange message log's chain: each entry is hashed with the previous entry's hash
 * (SHA-256(prev || "\n" || canonical JSON of the entry)) and the hash is signed with the province's
 * Ed25519 exchange key. Editing, removing or re-ordering an entry breaks the hash of every later one;
 * re-computing the hashes after an edit needs the private key to re-sign them.
 */
export const GENESIS = '0'.repeat(64);

export interface ExchangeEntry {
  seq: number;
  id: string;
  /** ISO 8601 with milliseconds, as stored. */
  occurredAt: string;
  system: string;
  direction: 'outbound' | 'inbound';
  clientId: string | null;
  operation: string;
  requestDigest: string | null;
  responseDigest: string | null;
  status: number | null;
}

export interface SealedEntry {
  entry: ExchangeEntry;
  prevHash: string;
  hash: string;
  keyId: string;
  signature: string;
}

/** JSON with object keys sorted at every level (the same value always gives the same text). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** SHA-256 hex of a message body (a string or bytes as sent, or a value's canonical JSON); null for none. */
export function digest(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : canonicalJson(body);
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function entryHash(prevHash: string, entry: ExchangeEntry): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}

export function signHash(hash: string, privateKey: crypto.KeyObject): string {
  return crypto.sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64url');
}

export type ExchangeBreak = { seq: number; reason: 'missing-entry' | 'prev-hash-mismatch' | 'hash-mismatch' | 'bad-signature' | 'unknown-key' | 'retired-key' };

/** A key the log may be signed with; a retired key signed no entry after `lastSeq` (null: still signing, or no bound known). */
export interface TrustedKey {
  publicKey: crypto.KeyObject;
  lastSeq: number | null;
}

/**
 * Checks entries in seq order from `from` (seq 0 and the genesis hash at the start): consecutive seq,
 * prev_hash = the previous hash, the recomputed hash = the stored hash, and a valid signature by the key
 * the entry names, which must be known and, if retired, retired after the entry. Returns the first break,
 * or the last good link.
 */
export function checkExchangeLinks(
  links: Iterable<SealedEntry>,
  from: { seq: number; hash: string },
  keys: ReadonlyMap<string, TrustedKey>,
): { ok: true; last: { seq: number; hash: string }; checked: number } | { ok: false; broken: ExchangeBreak; checked: number } {
  let cursor = from;
  let checked = 0;
  for (const l of links) {
    if (l.entry.seq !== cursor.seq + 1) return { ok: false, checked, broken: { seq: cursor.seq + 1, reason: 'missing-entry' } };
    if (l.prevHash !== cursor.hash) return { ok: false, checked, broken: { seq: l.entry.seq, reason: 'prev-hash-mismatch' } };
    if (entryHash(l.prevHash, l.entry) !== l.hash) return { ok: false, checked, broken: { seq: l.entry.seq, reason: 'hash-mismatch' } };
    const key = keys.get(l.keyId);
    if (!key) return { ok: false, checked, broken: { seq: l.entry.seq, reason: 'unknown-key' } };
    if (key.lastSeq !== null && l.entry.seq > key.lastSeq) return { ok: false, checked, broken: { seq: l.entry.seq, reason: 'retired-key' } };
    if (!crypto.verify(null, Buffer.from(l.hash, 'hex'), key.publicKey, Buffer.from(l.signature, 'base64url'))) return { ok: false, checked, broken: { seq: l.entry.seq, reason: 'bad-signature' } };
    cursor = { seq: l.entry.seq, hash: l.hash };
    checked++;
  }
  return { ok: true, last: cursor, checked };
}

export function describeExchangeBreak(b: ExchangeBreak): string {
  switch (b.reason) {
    case 'missing-entry':
      return `Thiếu bản ghi trao đổi số ${b.seq}: một bản ghi đã bị xoá.`;
    case 'prev-hash-mismatch':
      return `Bản ghi trao đổi số ${b.seq} không nối với bản ghi trước: nhật ký đã bị cắt hoặc sắp xếp lại.`;
    case 'hash-mismatch':
      return `Nội dung bản ghi trao đổi số ${b.seq} không khớp mã băm: bản ghi đã bị sửa.`;
    case 'bad-signature':
      return `Chữ ký của bản ghi trao đổi số ${b.seq} không hợp lệ: mã băm đã bị tính lại mà không có khóa ký.`;
    case 'unknown-key':
      return `Bản ghi trao đổi số ${b.seq} được ký bằng một khóa không rõ nguồn gốc.`;
    case 'retired-key':
      return `Bản ghi trao đổi số ${b.seq} được ký bằng một khóa đã được thay trước khi bản ghi này được ghi.`;
  }
}
