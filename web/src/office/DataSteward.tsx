/**
 * The data steward's page (issue 13): quality of the legacy sources (correct, complete, clean, live) with the
 * problems to fix, and the review queue — two records side by side with the match weights explained,
 * "same person" (merge) or "different people", each undoable.
 */
import { useState } from 'react';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { ApiError, api, invalidate, ok, useApi } from '../lib/api.ts';
import { formatDateTime, groupThousands } from '../lib/format.ts';

const t = {
  title: 'Dữ liệu chủ: công dân',
  lead: 'Hợp nhất dữ liệu công dân từ các cơ sở dữ liệu của tỉnh cũ thành bản ghi gốc đúng, đủ, sạch, sống.',
  quality: 'Chất lượng dữ liệu theo nguồn',
  noRun: 'Chưa chạy hợp nhất lần nào. Quản trị viên chạy lệnh lienthong mdm run --config <tệp>.',
  source: 'Nguồn',
  records: 'Bản ghi',
  scores: { correct: 'Đúng', complete: 'Đủ', clean: 'Sạch', live: 'Sống' } as Record<string, string>,
  overall: 'Toàn tỉnh',
  trend: (n: number) => `${n} lần chạy gần nhất`,
  issues: 'Lỗi thường gặp',
  issueCount: (n: number) => `${groupThousands(n)} bản ghi`,
  examples: 'Ví dụ mã bản ghi',
  severity: { rejected: 'Bị loại', doubtful: 'Cần kiểm tra', fixed: 'Đã tự sửa' } as Record<string, string>,
  queue: 'Các cặp cần xem xét',
  queueEmpty: 'Không còn cặp nào cần xem xét.',
  pairOf: (i: number, n: number) => `Cặp ${i} / ${n}`,
  probability: 'Khả năng là một người',
  field: 'Trường',
  recordA: 'Bản ghi thứ nhất',
  recordB: 'Bản ghi thứ hai',
  weights: 'Vì sao (trọng số so khớp, log₂)',
  same: 'Cùng một người — hợp nhất',
  different: 'Hai người khác nhau',
  undo: 'Hoàn tác',
  done: { merge: 'Đã hợp nhất hai bản ghi.', distinct: 'Đã ghi nhận là hai người khác nhau.', undo: 'Đã hoàn tác.' } as Record<string, string>,
  run: 'Chạy lại (chỉ bản ghi thay đổi)',
  ran: (n: number, g: number) => `Đã chạy: ${groupThousands(n)} bản ghi thay đổi, ${groupThousands(g)} bản ghi gốc.`,
  comparisons: { name: 'Họ tên', birth: 'Ngày sinh', id: 'Số giấy tờ', phone: 'Điện thoại', commune: 'Xã/phường', sex: 'Giới tính' } as Record<string, string>,
  fields: {
    full_name: 'Họ tên',
    birth_date: 'Ngày sinh',
    sex: 'Giới tính',
    personal_id: 'Số định danh',
    old_id: 'CMND cũ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    permanent_address: 'Thường trú',
    current_address: 'Nơi ở hiện tại',
    marital_status: 'Hôn nhân',
  } as Record<string, string>,
};

const pct = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;

interface SourceQuality {
  source: string;
  records: number;
  scores: Record<string, number>;
  issues: { code: string; field: string; severity: string; message: string; count: number; examples: string[] }[];
}

function Quality() {
  const { data, error, reload } = useApi('/api/v1/mdm/quality', {}, { staleMs: 10_000 });
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const latest = data.latest as { overall: Record<string, number>; sources: SourceQuality[] } | null;
  if (!latest) return <p className="muted">{t.noRun}</p>;
  const keys = ['correct', 'complete', 'clean', 'live'];
  return (
    <>
      <div className="table-wrap">
        <table className="stack">
          <caption>{t.quality}</caption>
          <thead>
            <tr>
              <th scope="col">{t.source}</th>
              <th scope="col">{t.records}</th>
              {keys.map((k) => (
                <th scope="col" key={k}>
                  {t.scores[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {latest.sources.map((s) => (
              <tr key={s.source}>
                <td data-label={t.source} className="mono">
                  {s.source}
                </td>
                <td data-label={t.records}>{groupThousands(s.records)}</td>
                {keys.map((k) => (
                  <td data-label={t.scores[k]} key={k}>
                    {pct(s.scores[k] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t.overall}</th>
              <td data-label={t.records}>{groupThousands(latest.overall.records ?? 0)}</td>
              {keys.map((k) => (
                <td data-label={t.scores[k]} key={k}>
                  <strong>{pct(latest.overall[k] ?? 0)}</strong>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {data.trend.length > 1 && (
        <p className="small muted">
          {t.trend(data.trend.length)}: {data.trend.map((r) => `${formatDateTime(r.finishedAt)} — ${t.scores.correct} ${pct(r.overall.correct ?? 0)}, ${t.scores.complete} ${pct(r.overall.complete ?? 0)}`).join('; ')}
        </p>
      )}
      {latest.sources.map((s) =>
        s.issues.length ? (
          <details key={s.source}>
            <summary>
              {t.issues}: <span className="mono">{s.source}</span>
            </summary>
            <ul>
              {s.issues.slice(0, 10).map((i) => (
                <li key={`${i.field}:${i.code}`}>
                  <Tag colour={i.severity === 'rejected' ? 'red' : i.severity === 'doubtful' ? 'yellow' : 'green'}>{t.severity[i.severity] ?? i.severity}</Tag> {t.fields[i.field] ?? i.field}: {i.message} — {t.issueCount(i.count)}{' '}
                  <span className="small muted">
                    ({t.examples}: <span className="mono">{i.examples.join(', ')}</span>)
                  </span>
                </li>
              ))}
            </ul>
          </details>
        ) : null,
      )}
    </>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function Reviews() {
  const { data, error, reload } = useApi('/api/v1/mdm/reviews', { query: { status: 'open', page: 1, page_size: 5 } }, { staleMs: 5_000 });
  const [message, setMessage] = useState<{ text: string; undo?: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const act = async (fn: () => Promise<{ actionId: number }>, kind: string) => {
    setPending(true);
    setFailure(null);
    try {
      const r = await fn();
      setMessage({ text: t.done[kind]!, undo: kind === 'undo' ? undefined : r.actionId });
      invalidate('/api/v1/mdm/');
    } catch (e) {
      setFailure(e instanceof ApiError ? (e.detail ?? e.title) : String(e));
    } finally {
      setPending(false);
    }
  };
  const item = data.items[0];
  return (
    <>
      {message && (
        <div className="notice success" role="status">
          <p>
            {message.text}{' '}
            {message.undo !== undefined && (
              <button type="button" className="button secondary" disabled={pending} onClick={() => act(() => ok(api.POST('/api/v1/mdm/actions/{id}/undo', { params: { path: { id: message.undo! } } })), 'undo')}>
                {t.undo}
              </button>
            )}
          </p>
        </div>
      )}
      {failure && (
        <div className="notice error" role="alert">
          <p>{failure}</p>
        </div>
      )}
      {!item ? (
        <p className="muted">{t.queueEmpty}</p>
      ) : (
        <section aria-labelledby="pair-heading">
          <h3 id="pair-heading">
            {t.pairOf(1, data.total)} · {t.probability}: {pct(item.probability)}
          </h3>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">{t.queue}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.field}</th>
                  <th scope="col">
                    {t.recordA} <span className="mono small">{item.a.sourceId}:{item.a.recordId}</span>
                  </th>
                  <th scope="col">
                    {t.recordB} <span className="mono small">{item.b.sourceId}:{item.b.recordId}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.keys(t.fields).map((f) =>
                  item.a.clean[f] == null && item.b.clean[f] == null ? null : (
                    <tr key={f}>
                      <th scope="row">{t.fields[f]}</th>
                      <td data-label={t.recordA}>{show(item.a.clean[f])}</td>
                      <td data-label={t.recordB}>{show(item.b.clean[f])}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <h4>{t.weights}</h4>
          <ul>
            {item.parts.map((p) => (
              <li key={p.comparison}>
                {t.comparisons[p.comparison] ?? p.comparison}: {p.label} — <strong>{p.weight > 0 ? `+${p.weight}` : p.weight}</strong>
                {p.tfAdjusted ? ' (theo độ phổ biến của tên)' : ''}
              </li>
            ))}
          </ul>
          <div className="button-group">
            <button type="button" className="button" disabled={pending} onClick={() => act(() => ok(api.POST('/api/v1/mdm/reviews/{id}/decision', { params: { path: { id: item.id } }, body: { decision: 'merge' } })), 'merge')}>
              {t.same}
            </button>
            <button type="button" className="button secondary" disabled={pending} onClick={() => act(() => ok(api.POST('/api/v1/mdm/reviews/{id}/decision', { params: { path: { id: item.id } }, body: { decision: 'distinct' } })), 'distinct')}>
              {t.different}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

export default function DataStewardPage() {
  const [ran, setRan] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  return (
    <div className="container">
      <PageHeading office>{t.title}</PageHeading>
      <p className="lead">{t.lead}</p>
      <h2>{t.queue}</h2>
      <Reviews />
      <h2>{t.quality}</h2>
      <Quality />
      <p>
        <button
          type="button"
          className="button secondary"
          disabled={running}
          onClick={async () => {
            setRunning(true);
            try {
              const r = (await ok(api.POST('/api/v1/mdm/runs', { body: { mode: 'incremental' } }))) as { changed?: number; golden?: number };
              setRan(t.ran(Number(r.changed ?? 0), Number(r.golden ?? 0)));
              invalidate('/api/v1/mdm/');
            } catch (e) {
              setRan(e instanceof ApiError ? (e.detail ?? e.title) : String(e));
            } finally {
              setRunning(false);
            }
          }}
        >
          {t.run}
        </button>{' '}
        {ran && <span role="status">{ran}</span>}
      </p>
    </div>
  );
}
