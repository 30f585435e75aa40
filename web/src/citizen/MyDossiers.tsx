import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Loading, PageHeading, ProblemNotice, StateTag } from '../components/ui.tsx';
import { useApi } from '../lib/api.ts';
import { formatDate } from '../lib/format.ts';
import { RequireCitizen } from './RequireCitizen.tsx';

function List() {
  // For a citizen the list answers their own dossiers only (the policy point filters by applicant).
  const { data, error, loading, reload } = useApi('/api/v1/dossiers', { query: { limit: 100 } }, { pollMs: 60_000 });
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading /> : null;
  if (data.items.length === 0) {
    return (
      <>
        <p>{vi.my.empty}</p>
        <Link to="/thu-tuc">{vi.my.find}</Link>
      </>
    );
  }
  return (
    <ul className="result-list">
      {data.items.map((d) => (
        <li key={d.code}>
          <h2>
            <Link to={`/ho-so/${encodeURIComponent(d.code)}`}>{d.procedureName}</Link>
          </h2>
          <p style={{ margin: '.25rem 0' }}>
            <StateTag state={d.status} label={vi.states[d.status] ?? d.statusLabel} />
          </p>
          <ul className="meta">
            <li>
              {vi.my.code}: <span className="mono">{d.code}</span>
            </li>
            {d.receivedAt && (
              <li>
                {vi.my.submittedAt}: {formatDate(d.receivedAt)}
              </li>
            )}
            {d.dueAt && (
              <li>
                {vi.my.due}: {formatDate(d.dueAt)}
              </li>
            )}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export default function MyDossiersPage() {
  return (
    <RequireCitizen title={vi.my.title}>
      <PageHeading title={vi.my.title}>{vi.my.title}</PageHeading>
      <List />
    </RequireCitizen>
  );
}
