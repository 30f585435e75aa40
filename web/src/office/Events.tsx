/**
 * Event delivery in the back office (issue 10 §1, docs/events.md): for a province administrator or a
 * security officer, every subscriber of the platform's events (in-process, webhooks, NATS) with what it
 * delivered, what waits for a retry and its dead letters, which can be replayed.
 */
import { useState } from 'react';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { ApiError, api, invalidate, ok, useApi } from '../lib/api.ts';
import { formatDateTime, groupThousands } from '../lib/format.ts';

const t = {
  title: 'Chuyển phát sự kiện',
  lead: 'Mỗi bên nhận (xử lý trong hệ thống, webhook của hệ thống kết nối, NATS) có vị trí và lịch thử lại riêng: một bên nhận lỗi chỉ làm chậm chính nó. Sự kiện hết số lần thử thành thư chết; các sự kiện sau của cùng hồ sơ chờ phía sau cho đến khi được chuyển lại.',
  subscribers: 'Các bên nhận',
  name: 'Bên nhận',
  delivered: 'Đã chuyển',
  retrying: 'Chờ thử lại',
  waiting: 'Xếp sau',
  dead: 'Thư chết',
  last: 'Lần chuyển gần nhất',
  lastError: 'Lỗi gần nhất',
  never: 'Chưa có',
  ok: 'Bình thường',
  replay: 'Chuyển lại thư chết',
  replayed: (n: number, name: string) => `Đã đặt lại ${n} thư chết của ${name}; chúng sẽ được chuyển trong giây lát.`,
  deadTitle: 'Thư chết',
  noDead: 'Không có thư chết.',
  event: 'Sự kiện',
  about: 'Về',
  attempts: 'Số lần thử',
  none: 'Chưa có bên nhận nào.',
};

function DeadLetters() {
  const q = useApi('/api/v1/events/parked', { query: { status: 'dead', limit: 200 } }, { staleMs: 5_000 });
  if (q.error) return <ProblemNotice error={q.error} onRetry={q.reload} />;
  if (!q.data) return <Loading />;
  if (!q.data.items.length) return <p className="muted">{t.noDead}</p>;
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="visually-hidden">{t.deadTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.event}</th>
            <th scope="col">{t.about}</th>
            <th scope="col">{t.attempts}</th>
            <th scope="col">{t.lastError}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.items.map((p) => (
            <tr key={`${p.subscriber}:${p.seq}`}>
              <td data-label={t.name} className="mono small">
                {p.subscriber}
              </td>
              <td data-label={t.event} className="small">
                <span className="mono">{p.type}</span>
                <br />
                {formatDateTime(p.occurredAt)}
              </td>
              <td data-label={t.about} className="mono small">
                {p.aggregateType}/{p.aggregateId}
              </td>
              <td data-label={t.attempts}>{p.attempts}</td>
              <td data-label={t.lastError} className="small" style={{ overflowWrap: 'anywhere' }}>
                {p.lastError ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function EventsPage() {
  const subs = useApi('/api/v1/events/subscribers', {}, { staleMs: 5_000, pollMs: 10_000 });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeading office>{t.title}</PageHeading>
      <p>{t.lead}</p>
      {failure && <ProblemNotice error={failure} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <h2>{t.subscribers}</h2>
      {subs.error ? (
        <ProblemNotice error={subs.error} onRetry={subs.reload} />
      ) : !subs.data ? (
        <Loading />
      ) : subs.data.items.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{t.subscribers}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.delivered}</th>
                <th scope="col">{t.retrying}</th>
                <th scope="col">{t.waiting}</th>
                <th scope="col">{t.dead}</th>
                <th scope="col">{t.last}</th>
              </tr>
            </thead>
            <tbody>
              {subs.data.items.map((s) => (
                <tr key={s.name}>
                  <td data-label={t.name}>
                    <span className="mono">{s.name}</span>
                    {s.lastError && (
                      <>
                        <br />
                        <span className="small" style={{ overflowWrap: 'anywhere' }}>
                          {t.lastError}: {s.lastError}
                        </span>
                      </>
                    )}
                  </td>
                  <td data-label={t.delivered}>{groupThousands(s.delivered)}</td>
                  <td data-label={t.retrying}>{groupThousands(s.retrying)}</td>
                  <td data-label={t.waiting}>{groupThousands(s.waiting)}</td>
                  <td data-label={t.dead}>
                    {s.dead ? <Tag colour="red">{groupThousands(s.dead)}</Tag> : <Tag colour="green">{t.ok}</Tag>}{' '}
                    {s.dead > 0 && (
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`${t.replay}: ${s.name}`}
                        onClick={async () => {
                          try {
                            const r = await ok(api.POST('/api/v1/events/subscribers/{name}/replay', { params: { path: { name: s.name } }, body: {} }));
                            setNotice(t.replayed(r.replayed, s.name));
                            setFailure(null);
                            invalidate('/api/v1/events/');
                          } catch (err) {
                            if (err instanceof ApiError) setFailure(err);
                          }
                        }}
                      >
                        {t.replay}
                      </button>
                    )}
                  </td>
                  <td data-label={t.last} className="small">
                    {s.lastDeliveredAt ? formatDateTime(s.lastDeliveredAt) : t.never}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.deadTitle}</h2>
      <DeadLetters />
    </>
  );
}
