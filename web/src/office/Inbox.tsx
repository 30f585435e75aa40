import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { Loading, PageHeading, Pagination, ProblemNotice, StateTag, Tag } from '../components/ui.tsx';
import { Select } from '../components/forms.tsx';
import { type Answer, useApi, withQuery } from '../lib/api.ts';
import { daysBetween, formatDate } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';

const PAGE = 25;
const COUNT_FILTERS: { key: 'new' | 'in_progress' | 'due_soon' | 'overdue'; params: Record<string, string> }[] = [
  { key: 'new', params: { state: 'new' } },
  { key: 'in_progress', params: { state: 'in_progress' } },
  { key: 'due_soon', params: { due: 'soon' } },
  { key: 'overdue', params: { due: 'overdue' } },
];

const STATE_OPTIONS = ['submitted', 'received', 'supplement_requested', 'supplemented', 'awaiting_payment', 'in_processing', 'in_consultation', 'appraised', 'approved', 'result_signed', 'result_issued', 'returned', 'refused', 'refused_at_reception', 'withdrawn', 'stopped'];

export function Remaining({ dueAt, overdue, dueSoon }: { dueAt: string | null; overdue: boolean; dueSoon: boolean }) {
  if (!dueAt) return <span className="muted">—</span>;
  const days = daysBetween(new Date(), dueAt);
  return (
    <>
      <span className="nowrap">{formatDate(dueAt)}</span>{' '}
      {overdue ? <Tag colour="red">{vi.office.remaining(Math.min(days, -1))}</Tag> : dueSoon ? <Tag colour="yellow">{vi.office.remaining(days)}</Tag> : <span className="small muted nowrap">{vi.office.remaining(days)}</span>}
    </>
  );
}

type DossierSummary = Answer<'/api/v1/dossiers'>['items'][number];

/** A list of dossiers as a table (a stacked list on a phone): code, procedure, applicant, state, step, due. */
export function DossierTable({ items, caption }: { items: DossierSummary[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{vi.office.code}</th>
            <th scope="col">{vi.office.procedure}</th>
            <th scope="col">{vi.office.applicant}</th>
            <th scope="col">{vi.office.state}</th>
            <th scope="col">{vi.office.step}</th>
            <th scope="col">{vi.office.dueAt}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.code}>
              <td data-label={vi.office.code}>
                <Link to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`} className="mono">
                  {d.code}
                </Link>
              </td>
              <td data-label={vi.office.procedure}>
                {d.procedureName}
                <span className="hint small">{d.field}</span>
              </td>
              <td data-label={vi.office.applicant}>{d.applicantName}</td>
              <td data-label={vi.office.state}>
                <StateTag state={d.status} label={d.statusLabel} />
              </td>
              <td data-label={vi.office.step}>{d.step}</td>
              <td data-label={vi.office.dueAt}>
                <Remaining dueAt={d.dueAt} overdue={d.overdue} dueSoon={d.dueSoon} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InboxPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = { unit: params.get('unit') ?? '', field: params.get('field') ?? '', state: params.get('state') ?? '', due: params.get('due') ?? '', q: params.get('q') ?? '' };
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const { data, error, loading, reload } = useApi('/api/v1/dossiers', { query: { ...filters, due: filters.due === 'soon' || filters.due === 'overdue' ? filters.due : undefined, limit: PAGE, offset: (page - 1) * PAGE } }, { staleMs: 10_000, pollMs: 60_000 });
  const [draft, setDraft] = useState(filters);

  const units = [...new Set((me?.grants ?? []).map((r) => r.unitCode).filter((u) => u && u !== '*'))];
  const fields = [...new Set((me?.grants ?? []).flatMap((r) => (r.fields === '*' ? [] : r.fields)))];
  const set = (next: Record<string, string>) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  const activeCount = COUNT_FILTERS.find((c) => Object.entries(c.params).every(([k, v]) => filters[k as keyof typeof filters] === v))?.key;

  return (
    <>
      <PageHeading office title={vi.office.inbox}>
        {vi.office.inbox}
      </PageHeading>
      <ul className="counts" aria-label={vi.office.countsLabel}>
        {COUNT_FILTERS.map((c) => (
          <li key={c.key} className={c.key}>
            <Link to={withQuery('/can-bo', { unit: filters.unit, field: filters.field, ...c.params })} aria-current={activeCount === c.key ? 'true' : undefined}>
              <span className="n">{data ? data.counts[c.key] : '…'}</span>
              {vi.office.counts[c.key]}
            </Link>
          </li>
        ))}
      </ul>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ ...draft });
        }}
      >
        <h2 className="visually-hidden">{vi.office.filters}</h2>
        <div className="filters-row">
          {units.length > 1 && <Select id="f-unit" label={vi.office.unit} value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} options={[{ value: '', label: vi.office.anyValue }, ...units.map((u) => ({ value: u, label: u }))]} />}
          <Select id="f-field" label={vi.office.field} value={draft.field} onChange={(e) => setDraft({ ...draft, field: e.target.value })} options={[{ value: '', label: vi.office.anyValue }, ...fields.map((f) => ({ value: f, label: f }))]} />
          <Select
            id="f-state"
            label={vi.office.state}
            value={draft.state}
            onChange={(e) => setDraft({ ...draft, state: e.target.value })}
            options={[{ value: '', label: vi.office.anyValue }, { value: 'new', label: vi.office.counts.new! }, { value: 'in_progress', label: vi.office.counts.in_progress! }, { value: 'waiting_applicant', label: vi.office.waiting }, ...STATE_OPTIONS.map((s) => ({ value: s, label: label(vi.states, s) }))]}
          />
          <Select id="f-due" label={vi.office.due} value={draft.due} onChange={(e) => setDraft({ ...draft, due: e.target.value })} options={[{ value: '', label: vi.office.anyValue }, { value: 'soon', label: vi.office.counts.due_soon! }, { value: 'overdue', label: vi.office.counts.overdue! }]} />
          <div className="form-group">
            <label className="label" htmlFor="f-q">
              {vi.office.search}
            </label>
            <input id="f-q" className="input" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
          </div>
        </div>
        <div className="button-group">
          <button type="submit" className="button secondary small">
            {vi.office.filter}
          </button>
          <Link
            to="/can-bo"
            onClick={() => setDraft({ unit: '', field: '', state: '', due: '', q: '' })}
          >
            {vi.search.clear}
          </Link>
        </div>
      </form>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{vi.office.dossierCount(data.total)}</p>
          {data.items.length === 0 ? (
            <p>{vi.office.empty}</p>
          ) : (
            <DossierTable items={data.items} caption={vi.office.inbox} />
          )}
          <Pagination page={page} pages={Math.ceil(data.total / PAGE)} onPage={(p) => set({ ...filters, page: String(p) })} />
        </>
      )}
    </>
  );
}
