import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, StateTag, SummaryList, Tag, Timeline } from '../components/ui.tsx';
import { ErrorSummary, TextInput, type FormError } from '../components/forms.tsx';
import { useApi } from '../lib/api.ts';
import { formatDate, formatDateLong } from '../lib/format.ts';
import { historyItems } from '../api/timeline.ts';
import { RelatedProcedures } from '../components/RelatedProcedures.tsx';

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
  const { data, error, loading, reload } = useApi('/api/v1/track/{code}', { path: { code }, query: { k: secret ?? undefined } }, { pollMs: 60_000 });
  if (loading && !data) return <Loading />;
  if (error) {
    if (error.status === 404) return <p className="notice warn" role="alert">{vi.track.notFound}</p>;
    return <ProblemNotice error={error} onRetry={reload} />;
  }
  if (!data) return null;
  const d = data.details;
  const rows: [string, React.ReactNode][] = [[vi.track.status, <StateTag state={data.status} label={vi.states[data.status] ?? data.statusLabel} />], [vi.track.procedure, data.procedureName]];
  if (data.receivedAt) rows.push([vi.track.receivedAt, formatDate(data.receivedAt)]);
  // after an apology the new date replaces the first one
  if (d?.apology) rows.push([vi.track.newDueAt, formatDateLong(d.apology.newDueAt)]);
  else if (data.dueAt) rows.push([vi.track.dueAt, <>{formatDateLong(data.dueAt)}{data.overdue && <> <Tag colour="red">{vi.track.overdue}</Tag></>}</>]);
  if (data.returnedAt) rows.push([vi.track.returnedAt, formatDate(data.returnedAt)]);
  if (d) rows.push([vi.track.applicant, d.applicantName]);
  return (
    <section aria-labelledby="track-result">
      <h2 id="track-result" className="mono">
        {data.code}
      </h2>
      {vi.stateHelp[data.status] && <p className="lead">{vi.stateHelp[data.status]}</p>}
      {d?.apology && (
        <div className="notice warn">
          <h3>{vi.my.apologyTitle}</h3>
          <p>{vi.my.apologyBody(formatDateLong(d.apology.newDueAt))}</p>
          <p className="small">{d.apology.reason}</p>
        </div>
      )}
      {d?.supplementItems && d.supplementItems.length > 0 && data.status === 'supplement_requested' && (
        <div className="notice warn">
          <h3>{vi.my.supplementTitle}</h3>
          <ul>
            {d.supplementItems.map((it) => (
              <li key={it}>{it}</li>
            ))}
          </ul>
        </div>
      )}
      <SummaryList rows={rows} />
      {d && d.history.length > 0 && (
        <>
          <h2>{vi.my.timeline}</h2>
          <Timeline items={historyItems(d.history)} />
        </>
      )}
      <p className="small muted">{d ? vi.track.full : vi.track.privacy}</p>
      <RelatedProcedures code={data.procedureCode} />
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
