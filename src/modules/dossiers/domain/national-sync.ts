import { problems } from '../../../platform/errors.ts';
import type { Dossier, TransitionRecord } from './model.ts';
import { recordInPlace } from './decide.ts';
import { STATUS_INFO } from './states.ts';

/**
 * The national public service portal (DVCQG) confirmed that it holds the dossier with its receipt: the
 * dossier is "synchronised to DVCQG" (Quyết định 766, sub-indicator "Hồ sơ được đồng bộ lên Cổng Dịch vụ công
 * quốc gia": dossiers synced with receipt / dossiers received). Not a workflow action: nobody performs it,
 * the status, step and clock stay; it is recorded as a version of its own (the timeline, the audit trail and
 * a dossier event whose facts carry `syncedToNational`, so that the analytics projection and its rebuild see it).
 */
export const NATIONAL_SYNC_ACTION = 'confirm_national_sync';
/** The action's name as a type: other modules name it with a type import (module contracts). */
export type NationalSyncAction = typeof NATIONAL_SYNC_ACTION;
export const NATIONAL_SYNC_LABEL = 'Cổng Dịch vụ công quốc gia xác nhận đã đồng bộ hồ sơ';

export interface NationalSyncAck {
  /** The dossier version whose status the portal acknowledged. */
  version: number;
  /** When the portal acknowledged it. */
  at: Date;
  /** The portal's dossier id when the dossier came from it (null: a dossier of the province pushed to it). */
  nationalId: string | null;
}

/**
 * The next dossier and its record when the acknowledgement makes the dossier synced; null when it changes
 * nothing (already synced, or not received yet — a dossier counts as synced once the portal holds its
 * receipt, and a later acknowledgement will do it). An acknowledgement of a version the dossier never had is
 * a programming error of the caller (400).
 */
export function confirmNationalSync(d: Dossier, ack: NationalSyncAck): { next: Dossier; record: TransitionRecord } | null {
  if (!Number.isInteger(ack.version) || ack.version < 1 || ack.version > d.version)
    throw problems.badRequest('national-sync-version-invalid', `Phiên bản ${ack.version} không có trên hồ sơ ${d.code} (phiên bản hiện tại ${d.version}).`);
  if (d.syncedToNational || !d.receivedAt || !STATUS_INFO[d.status].synced) return null;
  const next: Dossier = { ...d, syncedToNational: true, version: d.version + 1 };
  const record = recordInPlace(d, NATIONAL_SYNC_ACTION, null, { acknowledgedVersion: ack.version, acknowledgedAt: ack.at.toISOString(), nationalId: ack.nationalId });
  return { next, record };
}

/**
 * Whether the caller's `If-Match` version is still good: the versions written since are only the portal's
 * confirmations (they change nothing an official decided on), so an official who loaded the dossier just
 * before its confirmation is not sent back to reload it.
 */
export function onlyConfirmationsSince(actionsSince: readonly string[]): boolean {
  return actionsSince.length > 0 && actionsSince.every((a) => a === NATIONAL_SYNC_ACTION);
}
