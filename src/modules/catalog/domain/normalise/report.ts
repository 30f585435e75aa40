import type { FieldReport, FieldStatus, ImportReport } from '../../types.ts';
import type { Normalised, ReportField } from './procedure.ts';
import { REPORT_FIELDS } from './procedure.ts';

const EXAMPLES = 5;

/** Collects per-field statuses and issues of many records into the import report (counts + example codes). */
export function createReportBuilder() {
  const fields = Object.fromEntries(
    REPORT_FIELDS.map((f) => [f, { ok: 0, empty: 0, partial: 0, failed: 0, issues: {} } satisfies FieldReport]),
  ) as Record<ReportField, FieldReport>;
  return {
    add(n: Pick<Normalised, 'status' | 'issues'> & { procedure: { code: string } }) {
      for (const f of REPORT_FIELDS) {
        const r = fields[f];
        const s: FieldStatus = n.status[f];
        r[s]++;
        // count each kind once per record
        for (const kind of new Set((n.issues[f] ?? []).map((i) => i.kind))) {
          const entry = (r.issues[kind] ??= { count: 0, examples: [] });
          entry.count++;
          if (entry.examples.length < EXAMPLES) entry.examples.push(n.procedure.code);
        }
      }
    },
    build(): Record<string, FieldReport> {
      return fields;
    },
  };
}

/** Share of records whose field was read fully or was empty at the source (not a parsing failure). */
export function coverage(r: FieldReport): number {
  const total = r.ok + r.empty + r.partial + r.failed;
  return total ? (r.ok + r.empty) / total : 1;
}

export const FIELD_LABELS: Readonly<Record<ReportField, string>> = {
  name: 'Tên thủ tục',
  field: 'Lĩnh vực',
  levels: 'Cấp thực hiện',
  agency: 'Cơ quan thực hiện',
  applicant_types: 'Đối tượng thực hiện',
  channels: 'Cách thức thực hiện',
  processing_time: 'Thời hạn giải quyết',
  fees: 'Phí, lệ phí',
  documents: 'Thành phần hồ sơ',
  steps: 'Trình tự thực hiện',
  legal_basis: 'Căn cứ pháp lý',
  results: 'Kết quả thực hiện',
  conditions: 'Yêu cầu, điều kiện',
  decision_number: 'Số quyết định công bố',
  source_url: 'Đường dẫn nguồn',
};

export const ISSUE_LABELS: Readonly<Record<string, string>> = {
  'unknown-level': 'cấp thực hiện ngoài danh sách đã biết',
  'unknown-applicant-type': 'đối tượng ngoài danh sách đã biết (giữ nguyên nhãn, mã "other")',
  'row-unreadable': 'một dòng không tách được thời hạn và phí',
  'text-before-first-row': 'có chữ trước dòng đầu tiên của bảng',
  'no-rows': 'không tìm thấy dòng nào trong bảng',
  'time-unit-missing': 'thời hạn chỉ có con số, không có đơn vị (đơn vị để trống, không suy đoán)',
  'time-missing': 'không có thời hạn',
  'time-not-numeric': 'thời hạn là văn bản, không có con số',
  'fee-unreadable': 'không đọc được mức phí',
  'fee-foreign-currency': 'phí tính bằng ngoại tệ (không quy đổi ra VNĐ)',
  'template-not-separated': 'không tách được tên mẫu đơn khỏi tên giấy tờ',
  'no-table': 'không có bảng giấy tờ (văn bản tự do)',
  'text-without-quantity': 'đoạn cuối không có số lượng',
  'table-without-rows': 'bảng không có dòng nào có số lượng',
  'row-without-name': 'dòng có số lượng nhưng không có tên',
  'row-without-number': 'văn bản không có số hiệu',
  'no-result': 'không đọc được kết quả',
  'result-without-code': 'kết quả không có mã',
  'not-a-url': 'đường dẫn không hợp lệ',
};

const pct = (n: number, total: number) => `${((n / Math.max(1, total)) * 100).toFixed(1).replace('.', ',')}%`;

/** The report as Vietnamese text for the terminal. */
export function formatReport(r: Pick<ImportReport, 'total' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'fields' | 'duration_ms' | 'source_dir'>): string {
  const out: string[] = [];
  out.push(`Nguồn: ${r.source_dir}`);
  out.push(
    `Đã nhập ${r.total.toLocaleString('vi-VN')} thủ tục trong ${(r.duration_ms / 1000).toFixed(1).replace('.', ',')} giây: ` +
      `mới ${r.inserted}, cập nhật ${r.updated}, không đổi ${r.unchanged}, bị loại ${r.rejected.length}.`,
  );
  for (const rej of r.rejected.slice(0, 10)) out.push(`  loại ${rej.line}: ${rej.reason}`);
  out.push('');
  out.push('Kết quả chuẩn hoá theo trường (đủ / trống ở nguồn / một phần / không đọc được):');
  for (const f of REPORT_FIELDS) {
    const x = r.fields[f];
    if (!x) continue;
    const total = x.ok + x.empty + x.partial + x.failed;
    out.push(`- ${FIELD_LABELS[f]}: ${x.ok} / ${x.empty} / ${x.partial} / ${x.failed} (đọc được ${pct(x.ok + x.empty, total)})`);
    for (const [kind, v] of Object.entries(x.issues).sort((a, b) => b[1].count - a[1].count)) {
      out.push(`    ${ISSUE_LABELS[kind] ?? kind}: ${v.count} thủ tục, ví dụ ${v.examples.join(', ')}`);
    }
  }
  return out.join('\n');
}
