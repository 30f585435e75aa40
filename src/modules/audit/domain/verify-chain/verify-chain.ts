import { linkHash, type ChainedRecord } from '../chain-hash/chain-hash.ts';

/** One sealed record as read back from the database, with its stored chain columns. */
export interface StoredLink {
  record: ChainedRecord;
  prevHash: string;
  hash: string;
}

/** Where a verification pass stands: the last good link (seq 0 and the genesis hash before the first). */
export interface ChainCursor {
  seq: number;
  hash: string;
}

export type BrokenReason =
  /** A seq number is missing: a record was deleted (or its seal removed). */
  | 'missing-link'
  /** The record's stored prev_hash is not the previous record's hash: links were removed, re-ordered or re-sealed. */
  | 'prev-hash-mismatch'
  /** The record's content no longer hashes to its stored hash: the record was edited. */
  | 'hash-mismatch'
  /** The chain does not reach, or does not match, a head recorded earlier outside the database. */
  | 'anchor-mismatch';

export interface BrokenLink {
  seq: number;
  recordId: string | null;
  reason: BrokenReason;
  expected: string;
  found: string;
}

export type CheckResult = { ok: true; last: ChainCursor; checked: number } | { ok: false; broken: BrokenLink; checked: number };

/**
 * Checks a run of links (ordered by seq) that continues the chain at `from`.
 *
 * How it works: for each link, the seq must be the next integer, the stored prev_hash must equal the
 * hash of the previous link, and recomputing the hash from the record content must give the stored hash.
 * The first link failing one of these is reported (the earliest point of tampering); later links are
 * not examined, because everything after a broken link is unproven. Runs are checked one after another
 * (the caller pages through the table), so memory stays flat however long the chain is.
 */
export function checkLinks(links: Iterable<StoredLink>, from: ChainCursor): CheckResult {
  let cursor = from;
  let checked = 0;
  for (const link of links) {
    const expectedSeq = cursor.seq + 1;
    if (link.record.seq !== expectedSeq) {
      return { ok: false, checked, broken: { seq: expectedSeq, recordId: null, reason: 'missing-link', expected: `seq ${expectedSeq}`, found: `seq ${link.record.seq}` } };
    }
    if (link.prevHash !== cursor.hash) {
      return { ok: false, checked, broken: { seq: link.record.seq, recordId: link.record.id, reason: 'prev-hash-mismatch', expected: cursor.hash, found: link.prevHash } };
    }
    const recomputed = linkHash(link.prevHash, link.record);
    if (recomputed !== link.hash) {
      return { ok: false, checked, broken: { seq: link.record.seq, recordId: link.record.id, reason: 'hash-mismatch', expected: recomputed, found: link.hash } };
    }
    cursor = { seq: link.record.seq, hash: link.hash };
    checked++;
  }
  return { ok: true, last: cursor, checked };
}

/** Vietnamese explanation of a broken link, for the CLI and the API. */
export function describeBroken(b: BrokenLink): string {
  switch (b.reason) {
    case 'missing-link':
      return `Thiếu mắt xích số ${b.seq} (gặp ${b.found}): một bản ghi đã bị xoá hoặc bị gỡ niêm phong.`;
    case 'prev-hash-mismatch':
      return `Mắt xích số ${b.seq} (bản ghi ${b.recordId}) không nối với mắt xích trước: chuỗi đã bị cắt, sắp xếp lại hoặc niêm phong lại.`;
    case 'hash-mismatch':
      return `Nội dung bản ghi số ${b.seq} (bản ghi ${b.recordId}) không khớp mã băm đã niêm phong: bản ghi đã bị sửa.`;
    case 'anchor-mismatch':
      return `Chuỗi không khớp mốc đã ghi nhận trước đó tại mắt xích số ${b.seq} (mong đợi ${b.expected}, gặp ${b.found}): phần cuối chuỗi đã bị cắt hoặc viết lại.`;
  }
}

/**
 * Compares the chain with an anchor (a seq and its hash written down outside the database, e.g. printed
 * by an earlier `lienthong audit verify`). Deleting the newest records leaves a shorter chain that is
 * internally consistent; only an anchor taken before the deletion reveals it.
 */
export function checkAnchor(anchor: ChainCursor, hashAtAnchorSeq: string | null): BrokenLink | null {
  if (hashAtAnchorSeq === anchor.hash) return null;
  return { seq: anchor.seq, recordId: null, reason: 'anchor-mismatch', expected: anchor.hash, found: hashAtAnchorSeq ?? 'không có' };
}
