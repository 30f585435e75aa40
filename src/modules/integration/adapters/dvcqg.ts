import type { ExternalSystem } from '../config.ts';
import type { ExchangeLog } from '../exchange.ts';
import { callSystem } from './http-client.ts';

/**
 * The national public service portal (Cổng Dịch vụ công quốc gia, DVCQG) as the province's one-stop system
 * sees it: dossiers submitted there for the province's units are pulled, acknowledged with the local
 * dossier code, and every status change — of those dossiers and of every other dossier of the province (ADR
 * 0135) — is sent with the national status code (1–10) and the channel code (KenhThucHien). The field names follow Thông tư 04/2025/TT-VPCP as far as it is known; its full
 * field list is open (docs/integration.md), so the mapping lives in this one adapter.
 */
export interface NationalApplicant {
  fullName: string;
  idNumber?: string;
  dateOfBirth?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface NationalDossier {
  /** The portal's dossier id (MaHoSoQG). */
  nationalId: string;
  procedureCode: string;
  /** The commune (5-digit code) the dossier is addressed to. */
  communeCode: string;
  submittedAt: string;
  applicant: NationalApplicant;
  request?: string;
  answers?: Record<string, string | boolean>;
  documents?: { key?: string; name: string; copies: number }[];
}

export interface NationalStatusUpdate {
  /** The portal's id of a dossier taken in from it; null for a dossier of the province (known by its local code). */
  nationalId: string | null;
  localCode: string;
  /** MaTTHC: the procedure. */
  procedureCode: string;
  /** The unit that received the dossier (MaCoQuan). */
  receivingUnit: string | null;
  /** NgayTiepNhan: when it was received (null before receipt). */
  receivedAt: string | null;
  /** TrangThaiHoSo: 1 Mới đăng ký … 10 Đã trả kết quả. */
  statusCode: number;
  kenhThucHien: number;
  version: number;
  at: string;
  dueAt: string | null;
}

export interface DvcqgAdapter {
  /** Dossiers submitted on the portal for this province and not yet acknowledged. */
  pending(province: string): Promise<NationalDossier[]>;
  /** Tells the portal the dossier was received, with its local code. */
  acknowledge(nationalId: string, localCode: string): Promise<void>;
  /**
   * Sends one status change of a dossier (one taken in from the portal, or any other dossier of the province);
   * returns when the portal acknowledged it, throws when it does not accept it (to be retried).
   */
  sendStatus(update: NationalStatusUpdate): Promise<void>;
  /** What the back office and the start-up notes call this portal (the demo's stand-in says so). */
  readonly label: string;
}

export function dvcqgHttp(target: ExternalSystem, log: ExchangeLog): DvcqgAdapter {
  const call = <T>(r: Parameters<typeof callSystem>[3]) => callSystem<T>('dvcqg', target, log, r);
  return {
    label: 'Cổng Dịch vụ công quốc gia',
    async pending(province) {
      const r = await call<{ items: NationalDossier[] }>({ method: 'GET', path: `/api/v1/ho-so?tinh=${encodeURIComponent(province)}&trang-thai=cho-tiep-nhan`, operation: 'dvcqg.dossiers.pending' });
      return r.items;
    },
    async acknowledge(nationalId, localCode) {
      await call({ method: 'POST', path: `/api/v1/ho-so/${encodeURIComponent(nationalId)}/tiep-nhan`, body: { MaHoSo: localCode }, operation: 'dvcqg.dossiers.acknowledge' });
    },
    async sendStatus(u) {
      if (u.nationalId === null) {
        // a dossier of the province that the portal did not hand over: synchronised by its local code
        await call({
          method: 'POST',
          path: '/api/v1/dong-bo-ho-so',
          body: { MaHoSo: u.localCode, MaTTHC: u.procedureCode, MaCoQuan: u.receivingUnit, TrangThaiHoSo: u.statusCode, KenhThucHien: u.kenhThucHien, PhienBan: u.version, ThoiGian: u.at, NgayTiepNhan: u.receivedAt, NgayHenTra: u.dueAt },
          operation: 'dvcqg.dossiers.sync',
        });
        return;
      }
      await call({
        method: 'POST',
        path: `/api/v1/ho-so/${encodeURIComponent(u.nationalId)}/trang-thai`,
        body: { MaHoSo: u.localCode, TrangThaiHoSo: u.statusCode, KenhThucHien: u.kenhThucHien, PhienBan: u.version, ThoiGian: u.at, NgayHenTra: u.dueAt },
        operation: 'dvcqg.dossiers.status',
      });
    },
  };
}
