/**
 * The province's routing rules for citizens' feedback (/can-bo/phan-anh/quy-tac, permission
 * feedback.configure): category + commune → the unit that handles it and the working days to answer. The
 * platform checks the whole set before saving (known units, no duplicates, 1–60 days) and keeps the old one
 * on any problem.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Loading, PageHeading, ProblemNotice } from '../components/ui.tsx';
import { ApiError, api, invalidate, ok, useApi, type Answer, asApiError } from '../lib/api.ts';

type Rule = Answer<'/api/v1/feedback-routing-rules'>['rules'][number];
type Row = { category: string; communeCode: string; target: string; answerWorkingDays: string };

const PLACE_COMMUNE = 'place_commune';
const toRow = (r: Rule): Row => ({ category: r.category, communeCode: r.communeCode ?? '', target: r.target === PLACE_COMMUNE ? '' : r.target, answerWorkingDays: String(r.answerWorkingDays) });

export default function FeedbackRulesPage() {
  const { data, error, loading, reload } = useApi('/api/v1/feedback-routing-rules', {}, { staleMs: 0 });
  const cats = useApi('/api/v1/feedback-categories', {});
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (data && !rows) setRows(data.rules.map(toRow));
  }, [data, rows]);
  const title = 'Quy tắc chuyển phản ánh, kiến nghị';
  const set = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs!.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  return (
    <>
      <PageHeading office title={title}>
        {title}
      </PageHeading>
      <p>
        Lĩnh vực và xã, phường nơi xảy ra quyết định đơn vị xử lý và thời hạn trả lời (ngày làm việc). Quy tắc cụ thể nhất được áp dụng: lĩnh vực + xã, phường; lĩnh vực; xã, phường; mặc định. Để trống đơn vị xử lý nghĩa là Ủy ban nhân dân xã, phường nơi xảy ra. <Link to="/can-bo/phan-anh">Về danh sách phản ánh</Link>
      </p>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!rows && loading && <Loading />}
      {rows && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setSaveError(null);
            setSaved(false);
            try {
              const rules = rows.map((r) => ({ category: r.category as Rule['category'], communeCode: r.communeCode.trim() || null, target: r.target.trim() || PLACE_COMMUNE, answerWorkingDays: Number(r.answerWorkingDays) }));
              const r = await ok(api.PUT('/api/v1/feedback-routing-rules', { body: { rules } }));
              setRows(r.rules.map(toRow));
              invalidate('/api/v1/feedback-routing-rules');
              setSaved(true);
            } catch (err) {
              setSaveError(asApiError(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <div className="table-wrap">
            <table className="stack" data-testid="routing-rules">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">Lĩnh vực</th>
                  <th scope="col">Xã, phường (mã; trống = mọi nơi)</th>
                  <th scope="col">Đơn vị xử lý (mã; trống = xã, phường nơi xảy ra)</th>
                  <th scope="col">Ngày làm việc để trả lời</th>
                  <th scope="col">
                    <span className="visually-hidden">Xóa</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    <td data-label="Lĩnh vực">
                      <select aria-label={`Lĩnh vực, quy tắc ${i + 1}`} value={r.category} onChange={(e) => set(i, { category: e.target.value })}>
                        <option value="*">Mọi lĩnh vực</option>
                        {(cats.data?.categories ?? []).map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Xã, phường">
                      <input aria-label={`Xã, phường, quy tắc ${i + 1}`} value={r.communeCode} onChange={(e) => set(i, { communeCode: e.target.value })} size={10} />
                    </td>
                    <td data-label="Đơn vị xử lý">
                      <input aria-label={`Đơn vị xử lý, quy tắc ${i + 1}`} value={r.target} onChange={(e) => set(i, { target: e.target.value })} size={12} />
                    </td>
                    <td data-label="Ngày làm việc">
                      <input aria-label={`Ngày làm việc để trả lời, quy tắc ${i + 1}`} type="number" min={1} max={60} value={r.answerWorkingDays} onChange={(e) => set(i, { answerWorkingDays: e.target.value })} />
                    </td>
                    <td>
                      <button type="button" className="button secondary small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                        Xóa quy tắc {i + 1}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" className="button secondary" onClick={() => setRows([...rows, { category: '*', communeCode: '', target: '', answerWorkingDays: '10' }])}>
              Thêm quy tắc
            </button>
          </p>
          {saveError && <ProblemNotice error={saveError} />}
          {saved && (
            <p className="notice success" role="status">
              Đã lưu {rows.length} quy tắc; phản ánh gửi từ nay được chuyển theo quy tắc mới.
            </p>
          )}
          <button type="submit" className="button" disabled={busy}>
            Lưu quy tắc
          </button>
        </form>
      )}
    </>
  );
}
