import type { Db, Queryable } from '../../../platform/db.ts';
import { Problem } from '../../../platform/errors.ts';
import { afterFailure, afterSuccess, signInGate, SIGN_IN_THROTTLE, type Gate, type ThrottleState } from '../domain/sign-in-throttle/sign-in-throttle.ts';
import * as store from '../store.ts';
import { sha256 } from '../tokens.ts';

/**
 * The sign-in throttle (ADR 0026, rules in domain/sign-in-throttle) on its table: used by the officials'
 * sign-in and by the development identity provider. An attempt is *reserved* before the password is
 * checked — the gate is read and the attempt counted as a failure in one transaction holding the
 * account's rows — so that a burst of parallel guesses cannot all pass an open gate; a success then
 * clears the counters.
 */
export const officialThrottleKey = (officialId: string) => `official:${officialId}`;
/** Demo citizens of the development provider, keyed by a hash so that no identification number is stored. */
export const devIdpThrottleKey = (personalId: string) => `dev-idp:${sha256(personalId).slice(0, 32)}`;
const addressKey = (ip: string | null) => (ip || 'unknown').slice(0, 100);

export type Refusal = Extract<Gate, { allowed: false }>;
export type Reservation = { allowed: true; blocksNow: boolean } | { allowed: false; refusal: Refusal };

function stateOf(rows: { address: store.ThrottleRow; account: store.ThrottleRow }): ThrottleState {
  return {
    address: { failedCount: rows.address.failed_count, lastFailedAt: rows.address.last_failed_at, blockedUntil: rows.address.blocked_until, lastSuccessAt: rows.address.last_success_at },
    account: { failedCount: rows.account.failed_count, lastFailedAt: rows.account.last_failed_at },
  };
}

async function save(tx: Queryable, account: string, address: string, s: ThrottleState): Promise<void> {
  const a = s.address;
  await store.saveThrottleRow(tx, account, address, { failed_count: a.failedCount, last_failed_at: a.lastFailedAt, blocked_until: a.blockedUntil, last_success_at: a.lastSuccessAt });
  await store.saveThrottleRow(tx, account, store.ACCOUNT_WIDE, { failed_count: s.account.failedCount, last_failed_at: s.account.lastFailedAt, blocked_until: null, last_success_at: null });
}

/** May this attempt go on? If so it is counted as a failure until `attemptSucceeded` says otherwise. */
export function reserveAttempt(db: Db, account: string, ip: string | null, now = new Date()): Promise<Reservation> {
  const address = addressKey(ip);
  return db.transaction(async (tx) => {
    const state = stateOf(await store.throttleRowsForUpdate(tx, account, address));
    const gate = signInGate(state, now);
    if (!gate.allowed) return { allowed: false, refusal: gate };
    const { blockedNow, ...next } = afterFailure(state, now);
    await save(tx, account, address, next);
    return { allowed: true, blocksNow: blockedNow };
  });
}

/** The password was right: clear the counters and remember the address (in the caller's transaction). */
export async function attemptSucceeded(tx: Queryable, account: string, ip: string | null, now = new Date()): Promise<void> {
  const address = addressKey(ip);
  await store.throttleRowsForUpdate(tx, account, address);
  await save(tx, account, address, afterSuccess(now));
}

/** The reason recorded in the sign-in log for a refused attempt. */
export const refusalReason = (r: Refusal): string => r.reason;

/** The Vietnamese problem for a refused attempt (with `retryAfter` for the Retry-After header). */
export function throttleProblem(r: Refusal): Problem {
  const wait = { retryAfter: r.retryAfterSeconds };
  if (r.reason === 'locked') {
    return new Problem(423, 'account-locked', 'Tạm khoá đăng nhập từ địa chỉ này', `Đăng nhập sai quá nhiều lần từ địa chỉ này, nên tài khoản tạm thời không đăng nhập được từ đây. Vui lòng thử lại sau ${Math.ceil(r.retryAfterSeconds / 60)} phút hoặc liên hệ quản trị viên.`, wait);
  }
  if (r.reason === 'throttled-account') {
    return new Problem(429, 'sign-in-throttled', 'Đăng nhập quá nhanh', `Tài khoản này vừa bị thử mật khẩu sai nhiều lần từ nhiều nơi. Từ một địa chỉ chưa từng đăng nhập thành công, vui lòng đợi ${r.retryAfterSeconds} giây rồi thử lại.`, wait);
  }
  return new Problem(429, 'sign-in-throttled', 'Đăng nhập quá nhanh', `Đăng nhập sai nhiều lần liên tiếp. Vui lòng đợi ${r.retryAfterSeconds} giây rồi thử lại.`, wait);
}

/** The problem when this failure has just blocked the address. */
export function blockedNowProblem(): Problem {
  const minutes = SIGN_IN_THROTTLE.address.blockMinutes;
  return new Problem(423, 'account-locked', 'Tạm khoá đăng nhập từ địa chỉ này', `Đăng nhập sai quá nhiều lần: tài khoản tạm thời không đăng nhập được từ địa chỉ này trong ${minutes} phút.`, { retryAfter: minutes * 60 });
}

/** Counters with nothing left to remember are dropped (run by the module's background timer). */
export const purgeStaleThrottle = (db: Queryable) => store.purgeStaleThrottle(db, SIGN_IN_THROTTLE.knownAddressDays, SIGN_IN_THROTTLE.account.windowHours);
