/**
 * "Việc của tôi": the official's own queue, apart from the unit's list — the dossiers waiting for a step
 * they can do now and the dossiers assigned to them — and a lookup of any dossier within their reach by the
 * applicant's identification number (a read of personal data, recorded on each dossier found) or by its
 * code, finished ones included.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Loading, PageHeading, ProblemNotice } from '../components/ui.tsx';
import { ErrorSummary, TextInput, type FormError } from '../components/forms.tsx';
import { useApi } from '../lib/api.ts';
import { DossierTable } from './Inbox.tsx';

const ID_NUMBER = /^\d{12}$/;

function Queue({ mine, title, empty }: { mine: 'step' | 'assigned'; title: string; empty: string }) {
  const { data, error, loading, reload } = useApi('/api/v1/dossiers', { query: { mine, limit: 100 } }, { staleMs: 10_000, pollMs: 60_000 });
  const id = `queue-${mine}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} {data && <span className="muted">({data.total})</span>}
      </h2>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (data.items.length === 0 ? <p>{empty}</p> : <DossierTable items={data.items} caption={title} />)}
    </section>
  );
}

function LookupResults({ term }: { term: string }) {
  const byId = ID_NUMBER.test(term);
  const { data, error, loading, reload } = useApi('/api/v1/dossiers', { query: byId ? { idNumber: term, limit: 100 } : { q: term, limit: 100 } }, { staleMs: 0 });
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading /> : null;
  return (
    <>
      <p role="status">{byId ? vi.office.mine.foundById(data.total) : vi.office.mine.foundByCode(data.total)}</p>
      {data.items.length > 0 && <DossierTable items={data.items} caption={vi.office.mine.lookupTitle} />}
    </>
  );
}

export function MyWorkPage() {
  const [params, setParams] = useSearchParams();
  const term = params.get('tim') ?? '';
  const [draft, setDraft] = useState(term);
  const [errors, setErrors] = useState<FormError[]>([]);
  const t = vi.office.mine;
  return (
    <>
      <PageHeading office title={t.title}>
        {t.title}
      </PageHeading>
      <p>{t.lead}</p>
      <Queue mine="step" title={t.step} empty={t.stepEmpty} />
      <Queue mine="assigned" title={t.assigned} empty={t.assignedEmpty} />

      <section aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t.lookupTitle}</h2>
        <ErrorSummary errors={errors} />
        <form
          className="filters"
          role="search"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const v = draft.replace(/\s+/g, '').toUpperCase();
            if (!v || (/^\d+$/.test(v) && !ID_NUMBER.test(v))) {
              setErrors([{ field: 'lookup', message: v ? t.lookupBadId : t.lookupEmpty }]);
              return;
            }
            setErrors([]);
            setParams({ tim: v });
          }}
        >
          <TextInput id="lookup" label={t.lookupLabel} hint={t.lookupHint} value={draft} onChange={(e) => setDraft(e.target.value)} error={errors[0]?.message} className="w-20 mono" autoComplete="off" spellCheck={false} />
          <button type="submit" className="button secondary">
            {t.lookupButton}
          </button>
        </form>
        {term && <LookupResults term={term} />}
      </section>
    </>
  );
}
