/**
 * For a leader: assign and reassign the dossiers being processed in the unit, and form a backlog team
 * for one field (a delegation of that field to chosen officers, for a while).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { DateInput, ErrorSummary, Select, Textarea, errorFor, type FormError } from '../components/forms.tsx';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { api, invalidate, ok, useApi, problemText } from '../lib/api.ts';
import { formatDate, parseDateParts, type DateParts } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type { Official } from '../api/types.ts';
import { act } from '../api/dossiers.ts';
import { Remaining } from './Inbox.tsx';
import { useOfficials } from './ActionForm.tsx';

function AssignRow({ code, officials }: { code: string; officials: Official[] }) {
  const [who, setWho] = useState('');
  const [state, setState] = useState<'idle' | 'pending' | 'done' | string>('idle');
  return (
    <form
      className="button-group"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!who) return;
        setState('pending');
        try {
          await act(code, 'assign', { assignee: who });
          invalidate('/api/v1/dossiers');
          setState('done');
        } catch (err) {
          setState(problemText(err));
        }
      }}
    >
      <label className="visually-hidden" htmlFor={`assign-${code}`}>
        {vi.office.assignTo} {code}
      </label>
      {officials.length ? (
        <select id={`assign-${code}`} className="select" style={{ width: 'auto' }} value={who} onChange={(e) => setWho(e.target.value)}>
          <option value="">{vi.office.choose}</option>
          {officials.map((o) => (
            <option key={o.id} value={o.username}>
              {o.displayName}
            </option>
          ))}
        </select>
      ) : (
        // without the right to list the unit's officials, the leader types the username
        <input id={`assign-${code}`} className="input w-10" placeholder={vi.office.assigneeHint} value={who} onChange={(e) => setWho(e.target.value.trim())} autoComplete="off" spellCheck={false} />
      )}
      <button type="submit" className="button secondary small" disabled={!who || state === 'pending'}>
        {vi.office.assign}
      </button>
      <span aria-live="polite" className="small">
        {state === 'done' ? <Tag colour="green">{vi.office.assigned}</Tag> : state !== 'idle' && state !== 'pending' ? <span className="error-message">{state}</span> : null}
      </span>
    </form>
  );
}

function BacklogTeam({ unit, fields, officials }: { unit: string; fields: string[]; officials: Official[] }) {
  const delegations = useApi('/api/v1/identity/delegations', { query: { unitCode: unit } }, { staleMs: 10_000 });
  const [field, setField] = useState(fields[0] ?? '');
  const [members, setMembers] = useState<Record<string, boolean>>({});
  const [typed, setTyped] = useState('');
  const [until, setUntil] = useState<DateParts>({ day: '', month: '', year: '' });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const active = (delegations.data?.items ?? []).filter((d) => d.active);

  return (
    <section aria-labelledby="backlog-title">
      <h2 id="backlog-title">{vi.office.backlogTeam}</h2>
      {active.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{vi.office.backlogTeam}</caption>
            <thead>
              <tr>
                <th scope="col">{vi.office.backlogMembers}</th>
                <th scope="col">{vi.office.backlogField}</th>
                <th scope="col">{vi.office.backlogUntil}</th>
              </tr>
            </thead>
            <tbody>
              {active.map((d) => (
                <tr key={d.id}>
                  <td data-label={vi.office.backlogMembers}>{d.delegate.displayName}</td>
                  <td data-label={vi.office.backlogField}>{d.field}</td>
                  <td data-label={vi.office.backlogUntil}>{d.expiresAt ? formatDate(d.expiresAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const errs: FormError[] = [];
          // Without the list of officials (it needs the province administrator's right), usernames are typed.
          const chosen = officials.length
            ? officials.filter((o) => members[o.username])
            : typed.split(/[\s,;]+/).filter(Boolean).map((u) => ({ id: u, username: u.toLowerCase(), displayName: u }));
          if (!field) errs.push({ field: 'team-field', message: vi.form.choose(vi.office.backlogField) });
          if (!chosen.length) errs.push({ field: officials.length ? `team-${officials[0]!.username}` : 'team-members', message: vi.office.backlogNoMembers });
          const d = parseDateParts(until);
          if (!d.ok && d.reason !== 'missing') errs.push({ field: 'team-until', message: d.reason === 'incomplete' ? vi.form.dateIncomplete(vi.office.backlogUntil) : vi.form.dateInvalid(vi.office.backlogUntil) });
          setErrors(errs);
          if (errs.length) return;
          try {
            for (const o of chosen) {
              await ok(api.POST('/api/v1/identity/delegations', { body: { delegateUsername: o.username, unitCode: unit, field, role: 'specialist', ...(d.ok ? { expiresAt: `${d.value}T17:00:00+07:00` } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) } }));
            }
            setDone(vi.office.backlogDone(chosen.length, field));
            setMembers({});
            delegations.reload();
          } catch (err) {
            setErrors([{ field: 'team-field', message: problemText(err) }]);
          }
        }}
      >
        <ErrorSummary errors={errors} />
        {done && (
          <p className="notice success" role="status">
            {done}
          </p>
        )}
        <Select id="team-field" label={vi.office.backlogField} value={field} onChange={(e) => setField(e.target.value)} error={errorFor(errors, 'team-field')} options={fields.map((f) => ({ value: f, label: f }))} />
        {officials.length > 0 ? (
          <fieldset className="form-group">
            <legend>{vi.office.backlogMembers}</legend>
            <div className="checkboxes">
              {officials.map((o) => (
                <div className="choice" key={o.id}>
                  <input type="checkbox" id={`team-${o.username}`} checked={!!members[o.username]} onChange={(e) => setMembers((m) => ({ ...m, [o.username]: e.target.checked }))} />
                  <label htmlFor={`team-${o.username}`}>{o.displayName}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <Textarea id="team-members" label={vi.office.backlogMembers} hint={vi.office.backlogMembersHint} rows={3} value={typed} onChange={(e) => setTyped(e.target.value)} error={errorFor(errors, 'team-members')} />
        )}
        <DateInput id="team-until" legend={`${vi.office.backlogUntil} ${vi.form.optional}`} value={until} onChange={setUntil} error={errorFor(errors, 'team-until')} />
        <Textarea id="team-reason" label={vi.office.backlogReason} optional value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        <button type="submit" className="button">
          {vi.office.backlogCreate}
        </button>
      </form>
    </section>
  );
}

export default function TeamPage() {
  const { me } = useSession();
  const unit = me?.unitCode ?? '';
  const officials = useOfficials(unit);
  const inbox = useApi('/api/v1/dossiers', { query: { unit, state: 'in_processing,in_consultation,appraised', limit: 50 } }, { staleMs: 10_000 });
  const people = officials.list ?? [];
  // A dossier is assigned while it is being processed at this unit (the process allows it only then):
  // other dossiers of the unit's work are not offered a form that would be refused.
  const assignable = (inbox.data?.items ?? []).filter((d) => d.status === 'in_processing' && d.currentUnit === unit);
  const leads = (me?.grants ?? []).filter((r) => r.role === 'leader');
  // A leader of every field ('*'): offer the fields of the dossiers the unit is working on.
  const fields = [...new Set([...leads.flatMap((r) => (r.fields === '*' ? [] : r.fields)), ...(leads.some((r) => r.fields === '*') ? (inbox.data?.items ?? []).map((d) => d.field) : [])])].sort();

  return (
    <>
      <PageHeading office title={vi.office.teamTitle}>
        {vi.office.teamTitle}
      </PageHeading>
      <p className="lead">{vi.office.teamLead}</p>
      <h2>{vi.office.assignTitle}</h2>
      {inbox.error && <ProblemNotice error={inbox.error} onRetry={inbox.reload} />}
      {!inbox.data && inbox.loading && <Loading />}
      {inbox.data && assignable.length === 0 && <p>{vi.office.empty}</p>}
      {inbox.data && assignable.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{vi.office.assignTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{vi.office.code}</th>
                <th scope="col">{vi.office.procedure}</th>
                <th scope="col">{vi.office.dueAt}</th>
                <th scope="col">{vi.office.assignee}</th>
              </tr>
            </thead>
            <tbody>
              {assignable.map((d) => (
                <tr key={d.code}>
                  <td data-label={vi.office.code}>
                    <Link className="mono" to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>
                      {d.code}
                    </Link>
                  </td>
                  <td data-label={vi.office.procedure}>
                    {d.procedureName}
                    <span className="hint small">{d.field}</span>
                  </td>
                  <td data-label={vi.office.dueAt}>
                    <Remaining dueAt={d.dueAt} overdue={d.overdue} dueSoon={d.dueSoon} />
                  </td>
                  <td data-label={vi.office.assignee}>
                    <AssignRow code={d.code} officials={people} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fields.length > 0 ? <BacklogTeam unit={unit} fields={fields} officials={people} /> : null}
    </>
  );
}
