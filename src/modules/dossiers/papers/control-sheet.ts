import { drawHeader } from './common.ts';
import { formatDateTimeWords } from './format.ts';
import { HANDOVER_RESULT_LABELS, type HandoverResult, handoverResult } from './handover.ts';
import { Paper } from './layout.ts';
import type { PaperHeader } from './types.ts';

/** One hand-over of the dossier between units (one row of form 05). */
export interface HandoverStep {
  fromUnit: string;
  fromPerson?: string;
  toUnit: string;
  toPerson?: string;
  /** When the dossier was handed over. */
  at: Date;
  /** When the step was due; used to classify the step when `result` is not given. */
  dueAt?: Date | null;
  /** Explicit classification (overrides the one computed from `dueAt`). */
  result?: HandoverResult | null;
  note?: string;
}

/** Form 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ (recorded automatically by the system). */
export interface ProcessControlInput extends PaperHeader {
  dossierCode: string;
  decidingBody: string;
  coordinatingBodies?: string[];
  receivedAt: Date;
  appointmentAt: Date;
  steps: HandoverStep[];
}

export const CONTROL_SHEET_SUFFIX = 'PKS';

export async function renderProcessControlSheet(input: ProcessControlInput): Promise<Uint8Array> {
  const p = await Paper.create({ size: 'A5L', title: `Phiếu kiểm soát quá trình giải quyết hồ sơ — ${input.dossierCode}`, createdAt: input.issuedAt, bodySize: 8 });
  drawHeader(p, input, CONTROL_SHEET_SUFFIX);
  p.title('Phiếu kiểm soát quá trình giải quyết hồ sơ', `(Kèm theo hồ sơ có mã số: ${input.dossierCode})`);
  p.field('Cơ quan (bộ phận) giải quyết hồ sơ', input.decidingBody);
  p.field('Cơ quan phối hợp giải quyết hồ sơ', input.coordinatingBodies?.length ? input.coordinatingBodies.join('; ') : 'Không');
  p.field('Thời gian nhận hồ sơ', formatDateTimeWords(input.receivedAt));
  p.field('Thời gian hẹn trả kết quả', formatDateTimeWords(input.appointmentAt), { after: 5 });
  p.table(
    [
      { header: 'STT', width: 0.6, align: 'center' },
      { header: 'Tên cơ quan (giao, nhận)', width: 3.6 },
      { header: 'Thời gian giao, nhận hồ sơ', width: 2.6 },
      { header: 'Kết quả giải quyết hồ sơ (Trước hạn/ đúng hạn/ quá hạn)', width: 1.9, align: 'center' },
      { header: 'Người giao, người nhận', width: 2.4 },
      { header: 'Ghi chú', width: 1.7 },
    ],
    input.steps.map((s, i) => {
      const result = s.result === undefined ? handoverResult(s.at, s.dueAt) : s.result;
      return [
        String(i + 1),
        `1. Giao: ${s.fromUnit}\n2. Nhận: ${s.toUnit}`,
        formatDateTimeWords(s.at),
        result ? HANDOVER_RESULT_LABELS[result] : '',
        `Người giao: ${s.fromPerson ?? '…'}\nNgười nhận: ${s.toPerson ?? '…'}`,
        s.note ?? '',
      ];
    }),
  );
  return p.save();
}
