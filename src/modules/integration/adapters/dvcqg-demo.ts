import type { DvcqgAdapter } from './dvcqg.ts';

/**
 * The DEMO's stand-in for the national public service portal (ADR 0135): used only by the demo province when
 * no DVCQG_URL is set (DVCQG_DEMO, never in production). It runs in the server's process, holds no dossier
 * submitted on the portal (the intake finds nothing) and acknowledges every well-formed status update at
 * once, so that the demo's dossiers are synchronised the way a connected province's are — through the same
 * status-sync subscriber and the same confirmation on the dossier. Nothing leaves the machine and nothing is
 * written to the exchange log (no other system is involved); the start-up notes and the dossier page say
 * that it is the demo's.
 */
export const DVCQG_DEMO_LABEL = 'Cổng DVCQG mô phỏng của bản demo (không phải Cổng Dịch vụ công quốc gia thật)';

export function dvcqgDemo(): DvcqgAdapter {
  return {
    label: DVCQG_DEMO_LABEL,
    async pending() {
      return [];
    },
    async acknowledge() {
      return;
    },
    async sendStatus(u) {
      // the sandbox's checks (src/modules/integration/sandbox/server.ts), so that a malformed update fails here too
      if (!Number.isInteger(u.statusCode) || u.statusCode < 1 || u.statusCode > 10) throw new Error(`${DVCQG_DEMO_LABEL}: TrangThaiHoSo phải từ 1 đến 10.`);
      if (!u.localCode || !u.procedureCode) throw new Error(`${DVCQG_DEMO_LABEL}: thiếu MaHoSo hoặc MaTTHC.`);
    },
  };
}
