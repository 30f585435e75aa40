/**
 * At the counter: find the citizen's golden record (master data) from what has been typed, and fill the
 * applicant from it. Only officials who may match (receiving officers, specialists, data stewards) see
 * results; the match itself is audited on the server.
 */
import { useState } from 'react';
import { api, ok, problemText } from '../lib/api.ts';

const t = {
  find: 'Tìm trong dữ liệu công dân của tỉnh',
  hint: 'Tìm theo họ tên, số định danh, số điện thoại và địa chỉ đã nhập (không cần dấu).',
  none: 'Không tìm thấy bản ghi gốc nào phù hợp.',
  use: 'Dùng thông tin này',
  used: 'Đã điền thông tin người nộp từ bản ghi gốc.',
  probability: (p: number) => `khả năng khớp ${(p * 100).toFixed(p >= 0.999 ? 2 : 1).replace('.', ',')}%`,
  review: 'cần kiểm tra thêm',
  born: 'sinh',
};

export interface GoldenApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  /** the golden record the applicant was filled from */
  masterRecordId?: string;
}

export function GoldenLookup({ person, onUse }: { person: GoldenApplicant; onUse: (p: GoldenApplicant) => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [found, setFound] = useState<{ goldenId: string; probability: number; decision: string; golden: Record<string, unknown> }[] | null>(null);
  const typed = person.fullName.trim() || person.idNumber.trim() || person.phone.trim();
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return (
    <div className="form-group">
      <button
        type="button"
        className="button secondary"
        disabled={busy || !typed}
        onClick={async () => {
          setBusy(true);
          setMessage(null);
          try {
            const r = await ok(
              api.POST('/api/v1/mdm/persons/match', {
                body: {
                  ...(person.fullName.trim() ? { full_name: person.fullName.trim() } : {}),
                  ...(person.idNumber.trim() ? { personal_id: person.idNumber.trim() } : {}),
                  ...(person.phone.trim() ? { phone: person.phone.trim() } : {}),
                  ...(person.address.trim() ? { permanent_address: person.address.trim() } : {}),
                },
              }),
            );
            setFound(r.candidates);
            if (!r.candidates.length) setMessage(t.none);
          } catch (e) {
            setFound(null);
            setMessage(problemText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t.find}
      </button>
      <p className="hint">{t.hint}</p>
      {message && <p role="status">{message}</p>}
      {found && found.length > 0 && (
        <ul aria-label={t.find}>
          {found.map((c) => (
            <li key={c.goldenId}>
              <strong>{str(c.golden.full_name)}</strong>
              {str(c.golden.birth_date) && ` · ${t.born} ${str(c.golden.birth_date).split('-').reverse().join('/')}`}
              {str(c.golden.personal_id) && <span className="mono"> · {str(c.golden.personal_id)}</span>}
              {str(c.golden.permanent_address) && ` · ${str(c.golden.permanent_address)}`}{' '}
              <span className="small muted">
                ({t.probability(c.probability)}
                {c.decision === 'review' ? `, ${t.review}` : ''})
              </span>{' '}
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  onUse({
                    fullName: str(c.golden.full_name) || person.fullName,
                    idNumber: str(c.golden.personal_id) || person.idNumber,
                    phone: str(c.golden.phone) || person.phone,
                    address: str(c.golden.permanent_address) || str(c.golden.current_address) || person.address,
                    masterRecordId: c.goldenId,
                  });
                  setFound(null);
                  setMessage(t.used);
                }}
              >
                {t.use}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
