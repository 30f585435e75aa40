/**
 * One task: what, who, deadline, progress; the actions the caller may take (each with its own small form:
 * progress with an evidence file, extension request, decisions of the assigner); the units' tasks or
 * sub-tasks; the timeline with the evidence cited by each report; files; case teams.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { viTasks as t } from '../i18n/vi-work.ts';
import { Loading, PageHeading, ProblemNotice, SummaryList } from '../components/ui.tsx';
import { FileInput, TextInput, Textarea } from '../components/forms.tsx';
import { ApiError, api, invalidate, ok, urlOf, useApi, asApiError } from '../lib/api.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { TaskStatus, TaskTable, TaskTabs } from './Tasks.tsx';
import { FormTeam } from './FormTeam.tsx';
import { hasRole, useSession } from '../lib/session.tsx';

type ActionName = 'accept' | 'report_progress' | 'request_extension' | 'approve_extension' | 'refuse_extension' | 'report_done' | 'approve' | 'return' | 'cancel';
const NEEDS: Record<ActionName, ('percent' | 'text' | 'reason' | 'newDueDate' | 'evidence')[]> = {
  accept: [],
  report_progress: ['percent', 'text', 'evidence'],
  request_extension: ['newDueDate', 'reason'],
  approve_extension: [],
  refuse_extension: ['reason'],
  report_done: ['text', 'evidence'],
  approve: [],
  return: ['reason'],
  cancel: ['reason'],
};

function ActionPanel({ taskId, action, label, version, onDone }: { taskId: string; action: ActionName; label: string; version: number; onDone: () => void }) {
  const needs = NEEDS[action];
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ percent: '', text: '', reason: '', newDueDate: '' });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      let evidence: string[] | undefined;
      if (file && needs.includes('evidence')) {
        const form = new FormData();
        form.set('kind', 'evidence');
        form.set('name', file.name);
        form.set('file', file);
        const f = await ok(api.POST('/api/v1/tasks/{id}/files', { params: { path: { id: taskId } }, body: form as never }));
        evidence = [f.id];
      }
      await ok(
        api.POST('/api/v1/tasks/{id}/actions/{action}', {
          params: { path: { id: taskId, action }, header: { 'if-match': `"${version}"` } },
          body: {
            percent: needs.includes('percent') && v.percent ? Number(v.percent) : undefined,
            text: needs.includes('text') ? v.text : undefined,
            reason: needs.includes('reason') ? v.reason : undefined,
            newDueDate: needs.includes('newDueDate') ? v.newDueDate : undefined,
            evidence,
          },
        }),
      );
      setOpen(false);
      invalidate('/api/v1/task');
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  if (!needs.length)
    return (
      <>
        <button type="button" className="button secondary" disabled={busy} onClick={submit} data-action={action}>
          {label}
        </button>
        {error && <ProblemNotice error={error} />}
      </>
    );
  return (
    <div className="action-panel">
      <button type="button" className="button secondary" aria-expanded={open} onClick={() => setOpen(!open)} data-action={action}>
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
          {needs.includes('percent') && <TextInput id={`${action}-percent`} label={t.percent} inputMode="numeric" value={v.percent} onChange={(e) => setV({ ...v, percent: e.target.value })} />}
          {needs.includes('text') && <Textarea id={`${action}-text`} label={t.text} value={v.text} onChange={(e) => setV({ ...v, text: e.target.value })} />}
          {needs.includes('newDueDate') && <TextInput id={`${action}-date`} type="date" label={t.newDueDate} value={v.newDueDate} onChange={(e) => setV({ ...v, newDueDate: e.target.value })} />}
          {needs.includes('reason') && <Textarea id={`${action}-reason`} label={t.reason} value={v.reason} onChange={(e) => setV({ ...v, reason: e.target.value })} />}
          {needs.includes('evidence') && <FileInput id={`${action}-file`} label={t.evidenceFile} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" onFile={setFile} note={busy && file ? t.uploading : undefined} />}
          {error && <ProblemNotice error={error} />}
          <button type="submit" className="button" disabled={busy}>
            {label}
          </button>
        </form>
      )}
    </div>
  );
}

export default function TaskPage() {
  const { id = '' } = useParams();
  const { data: x, error, loading, reload } = useApi('/api/v1/tasks/{id}', { path: { id } }, { staleMs: 0 });
  const [message, setMessage] = useState<string | null>(null);
  const { me } = useSession();
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!x) return loading ? <Loading /> : null;
  const fileName = new Map(x.files.map((f) => [f.id, f.name]));
  return (
    <>
      <PageHeading office title={`${x.code} — ${x.title}`}>
        {x.title}
      </PageHeading>
      <TaskTabs />
      <p>
        <span className="mono">{x.code}</span> · <TaskStatus task={x} /> · {t.progress}: <strong data-testid="progress">{x.progress}%</strong>
      </p>
      {message && (
        <p className="notice success" role="status">
          {message}
        </p>
      )}
      <SummaryList
        rows={[
          [t.issuing, `${x.issuingUnit.name} — ${x.assigner.name}`],
          [t.leadUnit, x.isGroup ? x.subtasks.filter((s) => s.parentId === x.id).map((s) => s.lead.unitName).join(', ') : x.lead.unitName],
          ...(x.cooperating.length ? ([[t.cooperating, x.cooperating.map((c) => c.unitName).join(', ')]] as [string, string][]) : []),
          [t.dueAt, `${formatDateTime(x.dueAt)} (${t.daysLeft(x.workingDaysLeft)})`],
          [t.priority, x.priorityLabel],
          ...(x.legalSource ? ([[t.legalSource, x.legalSource]] as [string, string][]) : []),
          ...(x.content ? ([[t.content, x.content]] as [string, string][]) : []),
        ]}
      />
      {x.extension && <p className="notice">{t.extensionPending(formatDate(x.extension.newDueAt), x.extension.reason)}</p>}
      {x.escalatedAt && <p className="notice warn">{t.escalated(formatDateTime(x.escalatedAt))}</p>}
      {x.onTime !== null && <p>{x.onTime ? t.onTime : t.late}</p>}
      {x.availableActions.length > 0 && (
        <section aria-label="Thao tác" className="button-group actions">
          {x.availableActions.map((a) => (
            <ActionPanel
              key={a.action}
              taskId={x.id}
              action={a.action as ActionName}
              label={a.label}
              version={x.version}
              onDone={() => {
                setMessage(t.done);
                reload();
              }}
            />
          ))}
        </section>
      )}
      {me && hasRole(me, 'leader') && !x.isGroup && x.status !== 'approved' && x.status !== 'cancelled' && <FormTeam caseKind="task" caseRef={x.id} defaultName={`Tổ công tác ${x.code}`} />}
      {x.subtasks.length > 0 && (
        <section aria-labelledby="sub-h">
          <h2 id="sub-h">{t.subtasks}</h2>
          <TaskTable items={x.subtasks} caption={t.subtasks} />
        </section>
      )}
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">{t.timeline}</h2>
        <ol className="timeline">
          {[...x.timeline].reverse().map((e) => (
            <li key={e.id}>
              <h3>
                {e.label}
                {e.percent !== null ? ` — ${e.percent}%` : ''}
              </h3>
              <p className="small muted">
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {e.actor.name}
              </p>
              {e.text && <p>{e.text}</p>}
              {e.evidence.length > 0 && (
                <p>
                  {t.evidence}:{' '}
                  {e.evidence.map((f) => (
                    <a key={f} href={urlOf('/api/v1/tasks/{id}/files/{fileId}', { path: { id: x.id, fileId: f } })}>
                      {fileName.get(f) ?? f}
                    </a>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      {x.files.length > 0 && (
        <section aria-labelledby="files-h">
          <h2 id="files-h">{t.files}</h2>
          <ul>
            {x.files.map((f) => (
              <li key={f.id}>
                <a href={urlOf('/api/v1/tasks/{id}/files/{fileId}', { path: { id: x.id, fileId: f.id } })}>{f.name}</a> <span className="small muted">({f.uploadedBy}, {formatDate(f.uploadedAt)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {x.teams.length > 0 && (
        <section aria-labelledby="teams-h">
          <h2 id="teams-h">{t.teams}</h2>
          <ul>
            {x.teams.map((tm) => (
              <li key={tm.id}>
                <Link to={`/can-bo/to-cong-tac/${tm.id}`}>{tm.name}</Link>
                {tm.dissolvedAt ? ` — ${t.teamDissolved}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
