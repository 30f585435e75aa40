/** Citizens' feedback in the back office: the unit's reports, and one report with its handling actions. */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { viFeedback as f } from '../i18n/vi-work.ts';
import { Loading, PageHeading, Pagination, ProblemNotice, SummaryList, Tag } from '../components/ui.tsx';
import { TextInput, Textarea } from '../components/forms.tsx';
import { ApiError, api, invalidate, ok, urlOf, useApi, asApiError } from '../lib/api.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';

const PAGE = 50;
const COLOURS: Record<string, string> = { received: 'yellow', answered: 'green', refused: 'grey' };

export function FeedbackListPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const overdue = params.get('overdue') === 'true';
  const { data, error, loading, reload } = useApi('/api/v1/feedback', { query: { page, page_size: PAGE, overdue: overdue ? 'true' : undefined } }, { staleMs: 5_000 });
  return (
    <>
      <PageHeading office title={f.officeList}>
        {f.officeList}
      </PageHeading>
      <p>
        <Link to={overdue ? '/can-bo/phan-anh' : '/can-bo/phan-anh?overdue=true'}>{overdue ? 'Tất cả' : 'Chỉ phản ánh quá hạn trả lời'}</Link>
      </p>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{f.officeCount(data.total)}</p>
          {data.items.length === 0 ? (
            <p>{f.empty}</p>
          ) : (
            <div className="table-wrap">
              <table className="stack">
                <caption className="visually-hidden">{f.officeList}</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã</th>
                    <th scope="col">{f.category}</th>
                    <th scope="col">{f.place}</th>
                    <th scope="col">{f.status}</th>
                    <th scope="col">{f.answerDue}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.code}>
                      <td data-label="Mã">
                        <Link to={`/can-bo/phan-anh/${r.code}`} className="mono">
                          {r.code}
                        </Link>
                      </td>
                      <td data-label={f.category}>{r.categoryLabel}</td>
                      <td data-label={f.place}>{r.place.communeName ?? r.place.address ?? '—'}</td>
                      <td data-label={f.status}>
                        <Tag colour={COLOURS[r.status] ?? 'blue'}>{r.statusLabel}</Tag>
                      </td>
                      <td data-label={f.answerDue}>{formatDate(r.answerDueAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={page} pages={Math.ceil(data.total / PAGE)} onPage={(p) => setParams({ page: String(p) })} />
        </>
      )}
    </>
  );
}

type Act = 'accept' | 'transfer' | 'refuse' | 'propose_answer' | 'approve_answer' | 'return_answer';
const NEEDS: Record<Act, ('reason' | 'text' | 'toUnit')[]> = { accept: [], transfer: ['toUnit', 'reason'], refuse: ['reason'], propose_answer: ['text'], approve_answer: [], return_answer: ['reason'] };

function FeedbackAction({ code, action, label, version, draft, onDone }: { code: string; action: Act; label: string; version: number; draft: string | null; onDone: () => void }) {
  const needs = NEEDS[action];
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ reason: '', text: draft ?? '', toUnit: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await ok(api.POST('/api/v1/feedback/{code}/actions/{action}', { params: { path: { code, action }, header: { 'if-match': `"${version}"` } }, body: { reason: needs.includes('reason') ? v.reason : undefined, text: needs.includes('text') ? v.text : undefined, toUnit: needs.includes('toUnit') ? v.toUnit : undefined } }));
      invalidate('/api/v1/feedback');
      onDone();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <div className="action-panel">
      <button type="button" className="button secondary" data-action={action} aria-expanded={needs.length ? open : undefined} onClick={() => (needs.length ? setOpen(!open) : void submit())}>
        {label}
      </button>
      {open && (
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {needs.includes('toUnit') && <TextInput id={`${action}-unit`} label={f.toUnit} value={v.toUnit} onChange={(e) => setV({ ...v, toUnit: e.target.value.trim() })} />}
          {needs.includes('text') && <Textarea id={`${action}-text`} label={f.draft} value={v.text} onChange={(e) => setV({ ...v, text: e.target.value })} />}
          {needs.includes('reason') && <Textarea id={`${action}-reason`} label="Lý do" value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />}
          <button type="submit" className="button">
            {label}
          </button>
        </form>
      )}
      {error && <ProblemNotice error={error} />}
    </div>
  );
}

export default function FeedbackOfficePage() {
  const { code = '' } = useParams();
  const { data: r, error, loading, reload } = useApi('/api/v1/feedback/{code}', { path: { code } }, { staleMs: 0 });
  const [done, setDone] = useState(false);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!r) return loading ? <Loading /> : null;
  return (
    <>
      <PageHeading office title={`Phản ánh ${r.code}`}>
        Phản ánh {r.code}
      </PageHeading>
      <p>
        <Tag colour={COLOURS[r.status] ?? 'blue'}>{r.statusLabel}</Tag> · {r.categoryLabel} · {r.channelLabel}
      </p>
      {done && (
        <p className="notice success" role="status">
          {f.done}
        </p>
      )}
      <SummaryList
        rows={[
          [f.text, r.text],
          [
            f.place,
            <>
              {[r.place.address, r.place.communeName].filter(Boolean).join(' — ') || '—'}
              {r.place.lat != null && r.place.lng != null && (
                <>
                  {' · '}
                  <a href={`https://www.openstreetmap.org/?mlat=${r.place.lat}&mlon=${r.place.lng}#map=18/${r.place.lat}/${r.place.lng}`} target="_blank" rel="noopener noreferrer">
                    {r.place.lat}, {r.place.lng}
                  </a>
                </>
              )}
            </>,
          ],
          ...(r.dossierCode ? ([[f.dossierCode, <Link to={`/can-bo/ho-so/${encodeURIComponent(r.dossierCode)}`}>{r.dossierCode}</Link>]] as [string, React.ReactNode][]) : []),
          [f.reporter, [r.reporter.name, r.reporter.phone, r.reporter.email].filter(Boolean).join(' · ') || f.anonymous],
          [f.unit, `${r.unit.name} (${r.routeReason})`],
          [f.receivedAt, formatDateTime(r.receivedAt)],
          [f.answerDue, formatDateTime(r.answerDueAt)],
          ...(r.answerDraft && r.status === 'answer_proposed' ? ([[f.draft, r.answerDraft]] as [string, string][]) : []),
          ...(r.answer ? ([[f.answer, r.answer]] as [string, string][]) : []),
          ...(r.ratingLabel ? ([[f.rating, r.ratingLabel]] as [string, string][]) : []),
        ]}
      />
      {r.photos.length > 0 && (
        <section aria-labelledby="ph-h">
          <h2 id="ph-h">{f.photos}</h2>
          <ul className="photos">
            {r.photos.map((p, i) => (
              <li key={p.id}>
                <a href={urlOf('/api/v1/feedback/{code}/photos/{photoId}', { path: { code: r.code, photoId: p.id } })}>Ảnh {i + 1}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {r.availableActions.length > 0 && (
        <section aria-label="Thao tác" className="button-group actions">
          {r.availableActions.map((a) => (
            <FeedbackAction
              key={a.action}
              code={r.code}
              action={a.action as Act}
              label={a.label}
              version={r.version}
              draft={r.answerDraft}
              onDone={() => {
                setDone(true);
                reload();
              }}
            />
          ))}
        </section>
      )}
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">Diễn biến</h2>
        <ol className="timeline">
          {[...r.timeline].reverse().map((e, i) => (
            <li key={i}>
              <h3>{e.label}</h3>
              <p className="small muted">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.actor}
              </p>
              {e.text && <p>{e.text}</p>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
