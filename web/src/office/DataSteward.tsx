/**
 * The data steward's page (issue 13): quality of the legacy sources (correct, complete, clean, live) with the
 * problems to fix, and the review queue — two records side by side with the match weights explained,
 * "same person" (merge) or "different people", each undoable; golden records with the lineage of each value,
 * whose source records can be split off (undoable too). Pairs of businesses come through the same queue.
 */
import { useState } from 'react';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { api, invalidate, ok, useApi, problemText } from '../lib/api.ts';
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
  same: { person: 'Cùng một người — hợp nhất', business: 'Cùng một cơ sở kinh doanh — hợp nhất' } as Record<string, string>,
  different: { person: 'Hai người khác nhau', business: 'Hai cơ sở kinh doanh khác nhau' } as Record<string, string>,
  pairKind: { person: 'Công dân', business: 'Doanh nghiệp, hộ kinh doanh' } as Record<string, string>,
  probabilityOf: { person: 'Khả năng là một người', business: 'Khả năng là một cơ sở' } as Record<string, string>,
  undo: 'Hoàn tác',
  done: { merge: 'Đã hợp nhất hai bản ghi.', distinct: 'Đã ghi nhận là hai bản ghi khác nhau.', split: 'Đã tách bản ghi nguồn thành một bản ghi gốc riêng.', undo: 'Đã hoàn tác.' } as Record<string, string>,
  seeGolden: 'Xem bản ghi gốc',
  golden: 'Bản ghi gốc',
  goldenSearch: 'Tìm bản ghi gốc (họ tên có dấu hoặc số định danh)',
  search: 'Tìm',
  goldenNone: 'Không có bản ghi gốc nào phù hợp.',
  goldenItem: (name: string, born: string | null, n: number) => `${name}${born ? `, sinh ${born}` : ''} — ${n} bản ghi nguồn`,
  value: 'Giá trị',
  from: 'Lấy từ (nguồn: bản ghi, quy tắc)',
  rules: {
    'only-value': 'giá trị duy nhất',
    'all-agree': 'các nguồn thống nhất',
    validity: 'giá trị hợp lệ hơn',
    completeness: 'đầy đủ hơn',
    agreement: 'nhiều nguồn cùng giá trị',
    'source-trust': 'nguồn tin cậy hơn',
    recency: 'cập nhật gần nhất',
    steward: 'cán bộ quyết định',
  } as Record<string, string>,
  conflicts: 'Các nguồn không thống nhất',
  members: 'Các bản ghi nguồn',
  split: 'Tách khỏi bản ghi gốc',
  splitLabel: (r: string) => `Tách ${r} khỏi bản ghi gốc`,
  run: 'Chạy lại (chỉ bản ghi thay đổi)',
  ran: (n: number, g: number) => `Đã chạy: ${groupThousands(n)} bản ghi thay đổi, ${groupThousands(g)} bản ghi gốc.`,
  comparisons: {
    name: 'Họ tên',
    birth: 'Ngày sinh',
    id: 'Số giấy tờ',
    phone: 'Điện thoại',
    commune: 'Xã/phường',
    sex: 'Giới tính',
    tax: 'Mã số thuế',
    business_name: 'Tên cơ sở',
    owner: 'Chủ cơ sở',
    address: 'Địa chỉ',
    registered: 'Ngày đăng ký',
  } as Record<string, string>,
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
    name: 'Tên cơ sở',
    tax_code: 'Mã số thuế',
    owner_name: 'Chủ cơ sở',
    owner_id: 'Số định danh của chủ',
    address: 'Địa chỉ',
    registration_date: 'Ngày đăng ký',
    status: 'Tình trạng hoạt động',
    kind: 'Loại hình',
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

/** A steward's action (merge, distinct, split, undo): the answer shown in a status line with an undo button. */
function useStewardAction() {
  const [message, setMessage] = useState<{ text: string; undo?: number; goldenId?: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const act = async (fn: () => Promise<{ actionId: number; goldenIds: string[] }>, kind: string) => {
    setPending(true);
    setFailure(null);
    try {
      const r = await fn();
      setMessage({ text: t.done[kind]!, undo: kind === 'undo' ? undefined : r.actionId, goldenId: kind === 'merge' ? r.goldenIds[0] : undefined });
      invalidate('/api/v1/mdm/');
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setPending(false);
    }
  };
  const notices = (onOpen?: (id: string) => void) => (
    <>
      {message && (
        <div className="notice success" role="status">
          <p>
            {message.text}{' '}
            {message.goldenId && onOpen && (
              <button type="button" className="button secondary" onClick={() => onOpen(message.goldenId!)}>
                {t.seeGolden}
              </button>
            )}{' '}
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
    </>
  );
  return { act, pending, notices };
}

function Reviews({ onOpen }: { onOpen: (id: string) => void }) {
  const { data, error, reload } = useApi('/api/v1/mdm/reviews', { query: { status: 'open', page: 1, page_size: 5 } }, { staleMs: 5_000 });
  const { act, pending, notices } = useStewardAction();
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const item = data.items[0];
  return (
    <>
      {notices(onOpen)}
      {!item ? (
        <p className="muted">{t.queueEmpty}</p>
      ) : (
        <section aria-labelledby="pair-heading">
          <h3 id="pair-heading">
            {t.pairOf(1, data.total)} · {t.pairKind[item.entity]} · {t.probabilityOf[item.entity]}: {pct(item.probability)}
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
          <ul aria-label={t.weights}>
            {item.parts.map((p) => (
              <li key={p.comparison}>
                {t.comparisons[p.comparison] ?? p.comparison}: {p.label} — <strong>{p.weight > 0 ? `+${p.weight}` : p.weight}</strong>
                {p.tfAdjusted ? ' (theo độ phổ biến của tên)' : ''}
              </li>
            ))}
          </ul>
          <div className="button-group">
            <button type="button" className="button" disabled={pending} onClick={() => act(() => ok(api.POST('/api/v1/mdm/reviews/{id}/decision', { params: { path: { id: item.id } }, body: { decision: 'merge' } })), 'merge')}>
              {t.same[item.entity]}
            </button>
            <button type="button" className="button secondary" disabled={pending} onClick={() => act(() => ok(api.POST('/api/v1/mdm/reviews/{id}/decision', { params: { path: { id: item.id } }, body: { decision: 'distinct' } })), 'distinct')}>
              {t.different[item.entity]}
            </button>
          </div>
        </section>
      )}
    </>
  );
}

interface LineageValue {
  sourceId: string;
  recordId: string;
  rule: string;
}

/** One golden record: each value with where it came from, the sources' disagreements, its source records (each can be split off). */
function GoldenDetail({ id }: { id: string }) {
  const { data, error, reload } = useApi('/api/v1/mdm/golden/{id}', { path: { id } }, { staleMs: 0 });
  const { act, pending, notices } = useStewardAction();
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const lineage = data.lineage as Record<string, LineageValue | undefined>;
  const conflicts = data.conflicts as { field: string; message: string }[];
  const name = String(data.data.full_name ?? data.data.name ?? id);
  return (
    <section aria-labelledby="golden-heading">
      <h3 id="golden-heading" tabIndex={-1}>
        {t.golden}: {name}
      </h3>
      {notices()}
      <div className="table-wrap">
        <table className="stack">
          <caption className="visually-hidden">{t.golden}</caption>
          <thead>
            <tr>
              <th scope="col">{t.field}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.from}</th>
            </tr>
          </thead>
          <tbody>
            {Object.keys(t.fields).map((f) => {
              const l = lineage[f];
              return data.data[f] == null ? null : (
                <tr key={f}>
                  <th scope="row">{t.fields[f]}</th>
                  <td data-label={t.value}>{show(data.data[f])}</td>
                  <td data-label={t.from}>{l ? <><span className="mono small">{l.sourceId}:{l.recordId}</span> ({t.rules[l.rule] ?? l.rule})</> : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {conflicts.length > 0 && (
        <>
          <h4>{t.conflicts}</h4>
          <ul>
            {conflicts.map((c) => (
              <li key={c.field}>{c.message}</li>
            ))}
          </ul>
        </>
      )}
      <h4>{t.members}</h4>
      <ul>
        {data.members.map((m) => (
          <li key={`${m.sourceId}:${m.recordId}`}>
            <span className="mono">
              {m.sourceId}:{m.recordId}
            </span>{' '}
            {data.members.length > 1 && (
              <button
                type="button"
                className="button secondary small"
                aria-label={t.splitLabel(`${m.sourceId}:${m.recordId}`)}
                disabled={pending}
                onClick={() => act(() => ok(api.POST('/api/v1/mdm/golden/{id}/split', { params: { path: { id } }, body: { sourceId: m.sourceId, recordId: m.recordId } })), 'split')}
              >
                {t.split}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Golden records: search, then one record in detail. */
function Golden({ openId, onOpen }: { openId: string | null; onOpen: (id: string) => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const { data, error, reload } = useApi('/api/v1/mdm/golden', q === null ? null : { query: { q, page: 1, page_size: 10 } }, { staleMs: 5_000 });
  return (
    <>
      <form
        className="form-group"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(typed.trim());
        }}
      >
        <label className="label" htmlFor="golden-q">
          {t.goldenSearch}
        </label>
        <div className="search-box">
          <input id="golden-q" type="search" className="input" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <button type="submit" className="button">
            {t.search}
          </button>
        </div>
      </form>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {data &&
        (data.items.length ? (
          <ul>
            {data.items.map((g) => (
              <li key={g.id}>
                <button type="button" className="linklike" onClick={() => onOpen(g.id)}>
                  {t.goldenItem(g.full_name ?? g.id, g.birth_date, g.members)}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.goldenNone}</p>
        ))}
      {openId && <GoldenDetail key={openId} id={openId} />}
    </>
  );
}

export default function DataStewardPage() {
  const [golden, setGolden] = useState<string | null>(null);
  const open = (id: string) => {
    setGolden(id);
    // the record opens below: bring it into view and focus its heading
    setTimeout(() => document.getElementById('golden-heading')?.focus(), 100);
  };
  const [ran, setRan] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  return (
    <div className="container">
      <PageHeading office>{t.title}</PageHeading>
      <p className="lead">{t.lead}</p>
      <h2>{t.queue}</h2>
      <Reviews onOpen={open} />
      <h2>{t.golden}</h2>
      <Golden openId={golden} onOpen={open} />
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
              setRan(problemText(e));
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
