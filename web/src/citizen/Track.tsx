import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, StateTag, SummaryList, Timeline } from '../components/ui.tsx';
import { ErrorSummary, TextInput, type FormError } from '../components/forms.tsx';
import { useApi, withQuery } from '../lib/api.ts';
import { formatDate, formatDateLong } from '../lib/format.ts';
import type { TrackResult } from '../api/types.ts';

/** The national dossier code: agency identifier (e.g. H25.61.05) - YYMMDD - 4-digit running number. */
const CODE_PATTERN = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,10})*-[0-9]{6}-[0-9]{4}$/;

/** Upper case, no spaces: what people copy from a receipt often has both. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** Checks what the visitor typed; returns the error or null. */
export function trackCodeError(code: string): string | null {
  if (!code.trim()) return vi.track.codeRequired;
  if (!CODE_PATTERN.test(normaliseCode(code))) return vi.track.codeFormat;
  return null;
}

/** A GET form to /tra-cuu/{code} (works before the JavaScript arrives: /tra-cuu?ma=... redirects). */
export function TrackForm({ idPrefix = 'track', initial = '', showSummary }: { idPrefix?: string; initial?: string; showSummary?: boolean }) {
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const errors: FormError[] = error ? [{ field: `${idPrefix}-code`, message: error }] : [];
  return (
    <form
      action="/tra-cuu"
      method="get"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const err = trackCodeError(code);
        setError(err);
        if (!err) navigate(`/tra-cuu/${encodeURIComponent(normaliseCode(code))}`);
      }}
    >
      {showSummary && <ErrorSummary errors={errors} />}
      <TextInput id={`${idPrefix}-code`} name="ma" label={vi.track.codeLabel} hint={vi.track.codeHint} error={error ?? undefined} value={code} onChange={(e) => setCode(e.target.value)} className="w-20 mono" autoComplete="off" spellCheck={false} autoCapitalize="characters" />
      <button type="submit" className="button">
        {vi.track.button}
      </button>
    </form>
  );
}

function TrackResultView({ code, secret }: { code: string; secret: string | null }) {
  const { data, error, loading, reload } = useApi<TrackResult>(withQuery(`/api/v1/track/${encodeURIComponent(code)}`, { k: secret }));
  if (loading && !data) return <Loading />;
  if (error) {
    if (error.status === 404) return <p className="notice warn" role="alert">{vi.track.notFound}</p>;
    return <ProblemNotice error={error} onRetry={reload} />;
  }
  if (!data) return null;
  const rows: [string, React.ReactNode][] = [
    [vi.track.status, <StateTag state={data.status} label={vi.states[data.status] ?? data.status_label} />],
  ];
  if (data.procedure) rows.push([vi.track.procedure, data.procedure.name]);
  if (data.unit) rows.push([vi.track.unit, data.unit.name]);
  if (data.received_at) rows.push([vi.track.receivedAt, formatDate(data.received_at)]);
  if (data.due_at) rows.push([vi.track.dueAt, formatDateLong(data.due_at)]);
  if (data.new_due_at) rows.push([vi.track.newDueAt, formatDateLong(data.new_due_at)]);
  if (data.applicant) rows.push([vi.track.applicant, data.applicant.name]);
  return (
    <section aria-labelledby="track-result">
      <h2 id="track-result" className="mono">
        {data.code}
      </h2>
      {vi.stateHelp[data.status] && <p className="lead">{vi.stateHelp[data.status]}</p>}
      <SummaryList rows={rows} />
      {data.timeline && data.timeline.length > 0 && (
        <>
          <h2>{vi.my.timeline}</h2>
          <Timeline items={[...data.timeline].reverse().map((e) => ({ at: e.at, title: e.label ?? label(vi.actions, e.action), note: e.note }))} />
        </>
      )}
      <p className="small muted">{secret ? vi.track.full : vi.track.privacy}</p>
    </section>
  );
}

export function TrackPage() {
  const { code } = useParams();
  const [params] = useSearchParams();
  // /tra-cuu?ma=... is what the form sends before the JavaScript has loaded
  const typed = code ?? params.get('ma') ?? '';
  const secret = params.get('k');
  const valid = typed && !trackCodeError(typed);
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { label: vi.track.title }]} />
      <PageHeading title={vi.track.title}>{vi.track.title}</PageHeading>
      <p className="lead">{vi.track.lead}</p>
      <div className="grid grid-2">
        <div>{valid ? <TrackResultView code={normaliseCode(typed)} secret={secret} /> : <TrackForm key={typed} initial={typed} showSummary />}</div>
        {valid && (
          <aside>
            <h2 style={{ marginTop: 0 }}>{vi.track.button}</h2>
            <TrackForm idPrefix="track-again" />
          </aside>
        )}
      </div>
    </>
  );
}
