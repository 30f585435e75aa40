/** A leader forms a case team for a task: officials picked unit by unit, then the team is created. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { viTasks as t } from '../i18n/vi-work.ts';
import { ProblemNotice } from '../components/ui.tsx';
import { Checkbox, TextInput } from '../components/forms.tsx';
import { ApiError, api, ok, type Answer, asApiError } from '../lib/api.ts';

type Candidate = Answer<'/api/v1/case-team-candidates'>['items'][number];

export function FormTeam({ caseKind, caseRef, defaultName }: { caseKind: 'task' | 'dossier'; caseRef: string; defaultName: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [unit, setUnit] = useState('');
  const [found, setFound] = useState<Candidate[]>([]);
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const fail = (err: unknown) => setError(asApiError(err));
  return (
    <div className="action-panel">
      <button type="button" className="button secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t.formTeam}
      </button>
      {open && (
        <div className="panel">
          <TextInput id="team-name" label={t.teamName} value={name} onChange={(e) => setName(e.target.value)} />
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setError(null);
              try {
                setFound((await ok(api.GET('/api/v1/case-team-candidates', { params: { query: { unit } } }))).items);
              } catch (err) {
                fail(err);
              }
            }}
          >
            <TextInput id="team-unit" label={t.unitCode} value={unit} onChange={(e) => setUnit(e.target.value.trim())} />
            <button type="submit" className="button secondary small">
              {t.findOfficials}
            </button>
          </form>
          {found.map((o) => (
            <Checkbox
              key={o.id}
              id={`cand-${o.id}`}
              label={`${o.displayName}${o.position ? ` — ${o.position}` : ''} (${o.unitCode})`}
              checked={chosen.some((c) => c.id === o.id)}
              onChange={(v) => setChosen(v ? [...chosen, o] : chosen.filter((c) => c.id !== o.id))}
            />
          ))}
          {chosen.length > 0 && <p>{t.teamMembers}: {chosen.map((c) => c.displayName).join(', ')}</p>}
          {error && <ProblemNotice error={error} />}
          <button
            type="button"
            className="button"
            disabled={!chosen.length}
            onClick={async () => {
              setError(null);
              try {
                const team = await ok(api.POST('/api/v1/case-teams', { body: { caseKind, caseRef, name, memberIds: chosen.map((c) => c.id) } }));
                navigate(`/can-bo/to-cong-tac/${team.id}`);
              } catch (err) {
                fail(err);
              }
            }}
          >
            {t.formTeam}
          </button>
        </div>
      )}
    </div>
  );
}
