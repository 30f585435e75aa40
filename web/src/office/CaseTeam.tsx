/** A case team (members only): its members, its thread, shared documents; the leader who formed it can dissolve it. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { viTasks as t } from '../i18n/vi-work.ts';
import { Loading, PageHeading, ProblemNotice } from '../components/ui.tsx';
import { FileInput, Textarea } from '../components/forms.tsx';
import { ApiError, api, ok, urlOf, useApi, asApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';

export default function CaseTeamPage() {
  const { id = '' } = useParams();
  const { data: team, error, loading, reload } = useApi('/api/v1/case-teams/{id}', { path: { id } }, { staleMs: 0, pollMs: 30_000 });
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sendError, setSendError] = useState<ApiError | null>(null);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!team) return loading ? <Loading /> : null;
  return (
    <>
      <PageHeading office title={team.name}>
        {team.name}
      </PageHeading>
      <p>
        {team.caseKind === 'task' ? <Link to={`/can-bo/nhiem-vu/${team.caseRef}`}>{t.title}</Link> : <Link to={`/can-bo/ho-so/${encodeURIComponent(team.caseRef)}`}>Hồ sơ {team.caseRef}</Link>}
        {team.dissolvedAt ? ` — ${t.teamDissolved}` : ''}
      </p>
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t.teamMembers}</h2>
        <ul>
          {team.members.map((m) => (
            <li key={m.officialId}>
              {m.displayName} ({m.unitCode}){m.role === 'leader' ? ' — trưởng tổ' : ''}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="thread-h">
        <h2 id="thread-h">{t.teamThread}</h2>
        <ol className="timeline">
          {team.messages.map((m) => (
            <li key={m.id}>
              <p className="small muted">
                <time dateTime={m.at}>{formatDateTime(m.at)}</time> — {m.author}
              </p>
              <p>{m.text}</p>
              {m.file && <a href={urlOf('/api/v1/case-teams/{id}/files/{messageId}', { path: { id: team.id, messageId: m.id } })}>{m.file.name}</a>}
            </li>
          ))}
        </ol>
        {!team.dissolvedAt && (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setSendError(null);
              try {
                if (file) {
                  const form = new FormData();
                  form.set('text', text);
                  form.set('file', file);
                  await ok(api.POST('/api/v1/case-teams/{id}/files', { params: { path: { id: team.id } }, body: form as never }));
                } else await ok(api.POST('/api/v1/case-teams/{id}/messages', { params: { path: { id: team.id } }, body: { text } }));
                setText('');
                setFile(null);
                reload();
              } catch (err) {
                setSendError(asApiError(err));
              }
            }}
          >
            <Textarea id="team-text" label={t.teamWrite} value={text} onChange={(e) => setText(e.target.value)} />
            <FileInput id="team-file" label={t.evidenceFile} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" onFile={setFile} />
            {sendError && <ProblemNotice error={sendError} />}
            <button type="submit" className="button">
              {t.teamSend}
            </button>
          </form>
        )}
      </section>
    </>
  );
}
