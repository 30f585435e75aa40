/**
 * The signed-in citizen's inbox: every SMS and e-mail the platform sent (or is about to send) about
 * their dossiers, with the words that were sent, readable here when a phone or a mailbox is lost.
 */
import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { useApi } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { RequireCitizen } from './RequireCitizen.tsx';

const STATUS_COLOURS: Record<string, string> = { sent: 'green', pending: 'blue', sending: 'blue', failed: 'red' };

function Messages() {
  const { data, error, loading, reload } = useApi('/api/v1/me/notifications', { query: { limit: 100 } }, { pollMs: 60_000 });
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading /> : null;
  if (data.items.length === 0) return <p>{vi.inbox.empty}</p>;
  return (
    <ul className="result-list inbox">
      {data.items.map((m) => (
        <li key={m.id}>
          <h2>{m.subject}</h2>
          <ul className="meta">
            <li>
              {m.channel === 'sms' ? vi.inbox.sms : vi.inbox.email} {vi.inbox.to(m.recipient)}
            </li>
            <li>{formatDateTime(m.sentAt ?? m.createdAt)}</li>
            <li>
              <Tag colour={STATUS_COLOURS[m.status] ?? 'blue'}>{vi.inbox.status[m.status]}</Tag>
            </li>
            {m.dossierCode && (
              <li>
                <Link to={`/ho-so/${encodeURIComponent(m.dossierCode)}`}>{vi.inbox.dossier(m.dossierCode)}</Link>
              </li>
            )}
          </ul>
          {m.text ? (
            <details>
              <summary>{vi.inbox.read}</summary>
              <p className="message-text">{m.text}</p>
            </details>
          ) : (
            <p className="small muted">{vi.inbox.unreadable}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function InboxPage() {
  return (
    <RequireCitizen title={vi.inbox.title}>
      <PageHeading title={vi.inbox.title}>{vi.inbox.title}</PageHeading>
      <p>{vi.inbox.lead}</p>
      <Messages />
    </RequireCitizen>
  );
}
