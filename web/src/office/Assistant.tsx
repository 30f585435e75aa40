/**
 * The back office's assistant pages (issue 14): the questions people ask that the assistant could not
 * answer (or not surely), with one click to turn one into a FAQ entry or a vocabulary entry; the FAQ
 * (create, edit, approve, retire) and the officials' vocabulary (add, edit, turn off). Every change goes
 * through the assistant's API, which audits it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, NavLink, useSearchParams } from 'react-router';
import { vo } from '../i18n/assistant-office.ts';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { ErrorSummary, errorFor, Radios, Select, TextInput, Textarea, type FormError } from '../components/forms.tsx';
import { ApiError, api, invalidate, ok, useApi, withQuery, type Answer } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { hasRole, useSession } from '../lib/session.tsx';
import { PostersLink } from './PostersLink.tsx';

type Faq = Answer<'/api/v1/assistant/faq'>[number];
type Entry = Answer<'/api/v1/assistant/vocabulary'>[number];
type FaqStatus = Faq['status'];

const CODE = /^\d\.\d{6}$/;
const MANAGERS = ['province_admin', 'data_steward'];

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
}

/** The three pages' own navigation (the FAQ and vocabulary only for those who manage them). */
function Sections() {
  const { me } = useSession();
  const manage = hasRole(me, ...MANAGERS);
  return (
    <nav aria-label={vo.sectionsLabel} className="subnav">
      <ul className="button-group" style={{ listStyle: 'none', padding: 0 }}>
        <li>
          <NavLink to="/can-bo/tro-ly" end>
            {vo.sections.questions}
          </NavLink>
        </li>
        {manage && (
          <li>
            <NavLink to="/can-bo/tro-ly/hoi-dap">{vo.sections.faq}</NavLink>
          </li>
        )}
        {manage && (
          <li>
            <NavLink to="/can-bo/tro-ly/tu-ngu">{vo.sections.vocabulary}</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Done({ text }: { text: string | null }) {
  return text ? (
    <div className="notice success" role="status">
      <p>{text}</p>
    </div>
  ) : null;
}

/** A form section that takes the focus when it opens (the official sees where they are). */
function FormSection({ title, children }: { title: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [title]);
  return (
    <section aria-labelledby="assistant-form-title" className="inset">
      <h2 id="assistant-form-title" tabIndex={-1} ref={ref}>
        {title}
      </h2>
      {children}
    </section>
  );
}

// ---------------------------------------------------------------------------------------- questions
export function QuestionsPage() {
  const { me } = useSession();
  const manage = hasRole(me, ...MANAGERS);
  const [days, setDays] = useState('30');
  const [show, setShow] = useState<'weak' | 'all'>('weak');
  const { data, error, loading, reload } = useApi('/api/v1/assistant/questions/top', { query: { days: Number(days), limit: 200 } }, { staleMs: 10_000 });
  const rows = (data ?? []).filter((q) => show === 'all' || q.unanswered > 0 || q.avg_confidence < 0.5);
  const t = vo.questions;
  return (
    <>
      <PageHeading office title={t.title}>
        {t.title}
      </PageHeading>
      <Sections />
      <p className="lead">{t.lead}</p>
      <PostersLink />
      <div className="grid grid-2">
        <Select id="q-days" label={t.days} value={days} options={t.daysOptions} onChange={(e) => setDays(e.target.value)} />
        <Radios
          id="q-show"
          legend={t.show}
          value={show}
          onChange={(v) => setShow(v as 'weak' | 'all')}
          options={[
            { value: 'weak', label: t.weak },
            { value: 'all', label: t.all },
          ]}
        />
      </div>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && (
        <>
          <p role="status">{t.count(rows.length)}</p>
          {rows.length > 0 && (
            <div className="table-wrap">
              <table className="stack">
                <caption className="visually-hidden">{t.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.question}</th>
                    <th scope="col">{t.asked}</th>
                    <th scope="col">{t.unanswered}</th>
                    <th scope="col">{t.confidence}</th>
                    <th scope="col">{t.procedure}</th>
                    <th scope="col">{t.lastAsked}</th>
                    {manage && <th scope="col">{t.actions}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((q) => (
                    <tr key={q.folded}>
                      <td data-label={t.question}>{q.example}</td>
                      <td data-label={t.asked}>{q.count}</td>
                      <td data-label={t.unanswered}>{q.unanswered > 0 ? <Tag colour="red">{q.unanswered}</Tag> : 0}</td>
                      <td data-label={t.confidence}>{Math.round(q.avg_confidence * 100)}%</td>
                      <td data-label={t.procedure}>
                        {q.top_code ? (
                          <Link to={`/thu-tuc/${q.top_code}`} className="mono">
                            {q.top_code}
                          </Link>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td data-label={t.lastAsked}>{formatDateTime(q.last_asked)}</td>
                      {manage && (
                        <td data-label={t.actions}>
                          <Link className="button secondary small" to={withQuery('/can-bo/tro-ly/hoi-dap', { 'cau-hoi': q.example, 'thu-tuc': q.top_code })} aria-label={`${t.toFaq}: ${q.example}`}>
                            {t.toFaq}
                          </Link>{' '}
                          <Link className="button secondary small" to={withQuery('/can-bo/tro-ly/tu-ngu', { 'cach-noi': q.example })} aria-label={`${t.toVocabulary}: ${q.example}`}>
                            {t.toVocabulary}
                          </Link>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------------------------- FAQ
interface FaqValues {
  question: string;
  answer: string;
  procedure_code: string;
}

function faqErrors(v: FaqValues): FormError[] {
  const t = vo.faq.required;
  const e: FormError[] = [];
  if (v.question.trim().length < 3) e.push({ field: 'faq-question', message: t.question });
  if (v.answer.trim().length < 3) e.push({ field: 'faq-answer', message: t.answer });
  if (v.procedure_code.trim() && !CODE.test(v.procedure_code.trim())) e.push({ field: 'faq-procedure', message: t.procedure });
  return e;
}

function FaqForm({ title, initial, submit, onSave, onCancel }: { title: string; initial: FaqValues; submit: string; onSave: (v: FaqValues) => Promise<void>; onCancel: () => void }) {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const t = vo.faq;
  return (
    <FormSection title={title}>
      <form
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          const e = faqErrors(v);
          setErrors(e);
          setFailure(null);
          if (e.length) return;
          setPending(true);
          try {
            await onSave(v);
          } catch (err) {
            setFailure(asApiError(err));
          } finally {
            setPending(false);
          }
        }}
      >
        <ErrorSummary errors={errors} />
        <Textarea id="faq-question" label={t.question} hint={t.questionHint} rows={2} maxLength={500} value={v.question} error={errorFor(errors, 'faq-question')} onChange={(e) => setV({ ...v, question: e.target.value })} />
        <Textarea id="faq-answer" label={t.answer} hint={t.answerHint} rows={5} maxLength={4000} value={v.answer} error={errorFor(errors, 'faq-answer')} onChange={(e) => setV({ ...v, answer: e.target.value })} />
        <TextInput id="faq-procedure" label={t.procedure} hint={t.procedureHint} optional value={v.procedure_code} error={errorFor(errors, 'faq-procedure')} onChange={(e) => setV({ ...v, procedure_code: e.target.value })} />
        {failure && <ProblemNotice error={failure} />}
        <div className="button-group">
          <button type="submit" className="button" disabled={pending}>
            {submit}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </FormSection>
  );
}

const FAQ_COLOURS: Record<FaqStatus, string> = { draft: 'yellow', approved: 'green', retired: 'grey' };
/** The status changes offered from each status (the API refuses a retired entry going straight back to approved). */
const FAQ_MOVES: Record<FaqStatus, { to: FaqStatus; label: string }[]> = {
  draft: [{ to: 'approved', label: vo.faq.approve }, { to: 'retired', label: vo.faq.retire }],
  approved: [{ to: 'retired', label: vo.faq.retire }],
  retired: [{ to: 'draft', label: vo.faq.toDraft }],
};

export function FaqPage() {
  const [params, setParams] = useSearchParams();
  const prefill = params.get('cau-hoi');
  const { data, error, loading, reload } = useApi('/api/v1/assistant/faq', {}, { staleMs: 0 });
  const [editing, setEditing] = useState<number | 'new' | null>(prefill ? 'new' : null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const t = vo.faq;
  const closeForm = () => {
    setEditing(null);
    if (prefill) setParams({}, { replace: true });
  };
  const saved = (text: string) => {
    invalidate('/api/v1/assistant/faq');
    reload();
    setDone(text);
    closeForm();
  };
  const move = async (f: Faq, to: FaqStatus) => {
    setFailure(null);
    try {
      await ok(api.PATCH('/api/v1/assistant/faq/{id}', { params: { path: { id: f.id } }, body: { status: to } }));
      saved(t.changed(t.statuses[to]!));
    } catch (e) {
      setFailure(asApiError(e));
    }
  };
  const current = typeof editing === 'number' ? data?.find((f) => f.id === editing) : undefined;
  return (
    <>
      <PageHeading office title={t.title}>
        {t.title}
      </PageHeading>
      <Sections />
      <p className="lead">{t.lead}</p>
      <Done text={done} />
      {failure && <ProblemNotice error={failure} />}
      {editing === null && (
        <p>
          <button type="button" className="button" onClick={() => (setDone(null), setEditing('new'))}>
            {t.add}
          </button>
        </p>
      )}
      {editing === 'new' && (
        <FaqForm
          title={t.add}
          submit={t.create}
          initial={{ question: prefill ?? '', answer: '', procedure_code: params.get('thu-tuc') ?? '' }}
          onCancel={closeForm}
          onSave={async (v) => {
            await ok(api.POST('/api/v1/assistant/faq', { body: { question: v.question, answer: v.answer, procedure_code: v.procedure_code.trim() || null } }));
            saved(t.created);
          }}
        />
      )}
      {current && (
        <FaqForm
          key={current.id}
          title={t.edit(current.id)}
          submit={t.save}
          initial={{ question: current.question, answer: current.answer, procedure_code: current.procedure_code ?? '' }}
          onCancel={closeForm}
          onSave={async (v) => {
            await ok(api.PATCH('/api/v1/assistant/faq/{id}', { params: { path: { id: current.id } }, body: { question: v.question, answer: v.answer, procedure_code: v.procedure_code.trim() || null } }));
            saved(t.saved);
          }}
        />
      )}
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && data.length === 0 && <p>{t.none}</p>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.question}</th>
                <th scope="col">{t.answer}</th>
                <th scope="col">{t.procedure}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.updatedBy}</th>
                <th scope="col">
                  <span className="visually-hidden">{vo.questions.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((f) => (
                <tr key={f.id} data-faq={f.id}>
                  <td data-label={t.question}>{f.question}</td>
                  <td data-label={t.answer}>{f.answer}</td>
                  <td data-label={t.procedure} className="mono">
                    {f.procedure_code ?? '—'}
                  </td>
                  <td data-label={t.status}>
                    <Tag colour={FAQ_COLOURS[f.status]}>{t.statuses[f.status]}</Tag>
                  </td>
                  <td data-label={t.updatedBy}>
                    {f.updated_by ?? '—'}
                    <span className="hint small">{formatDateTime(f.updated_at)}</span>
                  </td>
                  <td>
                    <div className="button-group">
                      {f.status !== 'retired' && (
                        <button type="button" className="button secondary small" aria-label={`${t.editButton}: ${f.question}`} onClick={() => (setDone(null), setEditing(f.id))}>
                          {t.editButton}
                        </button>
                      )}
                      {FAQ_MOVES[f.status].map((m) => (
                        <button key={m.to} type="button" className="button secondary small" aria-label={`${m.label}: ${f.question}`} onClick={() => void move(f, m.to)}>
                          {m.label}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// --------------------------------------------------------------------------------------- vocabulary
interface EntryValues {
  kind: Entry['kind'];
  phrase: string;
  target: string;
}

function VocabularyForm({ title, initial, fixedKind, events, onSave, onCancel }: { title: string; initial: EntryValues; fixedKind: boolean; events: { id: string; name: string }[]; onSave: (v: EntryValues) => Promise<void>; onCancel: () => void }) {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const t = vo.vocabulary;
  return (
    <FormSection title={title}>
      <form
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          const e: FormError[] = [];
          if (!v.phrase.trim()) e.push({ field: 'voc-phrase', message: t.required.phrase });
          if (v.kind === 'rewrite' && !v.target.trim()) e.push({ field: 'voc-target', message: t.required.target });
          if (v.kind === 'event' && !v.target) e.push({ field: 'voc-event', message: t.required.event });
          setErrors(e);
          setFailure(null);
          if (e.length) return;
          setPending(true);
          try {
            await onSave(v);
          } catch (err) {
            setFailure(asApiError(err));
          } finally {
            setPending(false);
          }
        }}
      >
        <ErrorSummary errors={errors} />
        {fixedKind ? (
          <p>
            {t.kind}: <strong>{t.kinds[v.kind]}</strong>
          </p>
        ) : (
          <Radios id="voc-kind" legend={t.kind} value={v.kind} onChange={(k) => setV({ ...v, kind: k as Entry['kind'], target: '' })} options={(['rewrite', 'filler', 'event'] as const).map((k) => ({ value: k, label: t.kinds[k] }))} />
        )}
        <TextInput id="voc-phrase" label={t.phrase} hint={t.phraseHint} maxLength={200} value={v.phrase} error={errorFor(errors, 'voc-phrase')} onChange={(e) => setV({ ...v, phrase: e.target.value })} />
        {v.kind === 'rewrite' && <TextInput id="voc-target" label={t.target} hint={t.targetHint} maxLength={200} value={v.target} error={errorFor(errors, 'voc-target')} onChange={(e) => setV({ ...v, target: e.target.value })} />}
        {v.kind === 'event' && (
          <Select
            id="voc-event"
            label={t.event}
            value={v.target}
            error={errorFor(errors, 'voc-event')}
            options={[{ value: '', label: '—' }, ...events.map((e) => ({ value: e.id, label: e.name }))]}
            onChange={(e) => setV({ ...v, target: e.target.value })}
          />
        )}
        {failure && <ProblemNotice error={failure} />}
        <div className="button-group">
          <button type="submit" className="button" disabled={pending}>
            {t.save}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </FormSection>
  );
}

export function VocabularyPage() {
  const [params, setParams] = useSearchParams();
  const prefill = params.get('cach-noi');
  const { data, error, loading, reload } = useApi('/api/v1/assistant/vocabulary', {}, { staleMs: 0 });
  const { data: events } = useApi('/api/v1/assistant/life-events', {}, { staleMs: 600_000 });
  const [editing, setEditing] = useState<number | 'new' | null>(prefill ? 'new' : null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const t = vo.vocabulary;
  const eventName = (id: string) => events?.find((e) => e.id === id)?.name ?? id;
  const closeForm = () => {
    setEditing(null);
    if (prefill) setParams({}, { replace: true });
  };
  const saved = () => {
    invalidate('/api/v1/assistant/vocabulary');
    reload();
    setDone(t.saved);
    closeForm();
  };
  const patch = async (id: number, body: { phrase?: string; target?: string; active?: boolean }) => {
    await ok(api.PATCH('/api/v1/assistant/vocabulary/{id}', { params: { path: { id } }, body }));
    saved();
  };
  const current = typeof editing === 'number' ? data?.find((e) => e.id === editing) : undefined;
  return (
    <>
      <PageHeading office title={t.title}>
        {t.title}
      </PageHeading>
      <Sections />
      <p className="lead">{t.lead}</p>
      <Done text={done} />
      {failure && <ProblemNotice error={failure} />}
      {editing === null && (
        <p>
          <button type="button" className="button" onClick={() => (setDone(null), setEditing('new'))}>
            {t.add}
          </button>
        </p>
      )}
      {editing === 'new' && (
        <VocabularyForm
          title={t.add}
          fixedKind={false}
          events={events ?? []}
          initial={{ kind: 'rewrite', phrase: prefill ?? '', target: '' }}
          onCancel={closeForm}
          onSave={async (v) => {
            await ok(api.POST('/api/v1/assistant/vocabulary', { body: { kind: v.kind, phrase: v.phrase, target: v.kind === 'filler' ? undefined : v.target } }));
            saved();
          }}
        />
      )}
      {current && (
        <VocabularyForm
          key={current.id}
          title={t.edit(current.id)}
          fixedKind
          events={events ?? []}
          initial={{ kind: current.kind, phrase: current.phrase, target: current.target }}
          onCancel={closeForm}
          onSave={(v) => patch(current.id, { phrase: v.phrase, ...(v.kind === 'filler' ? {} : { target: v.target }) })}
        />
      )}
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {!data && loading && <Loading />}
      {data && data.length === 0 && <p>{t.none}</p>}
      {data && data.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.phrase}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{vo.faq.status}</th>
                <th scope="col">{t.by}</th>
                <th scope="col">
                  <span className="visually-hidden">{vo.questions.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((e) => (
                <tr key={e.id} data-entry={e.id}>
                  <td data-label={t.phrase}>{e.phrase}</td>
                  <td data-label={t.kind}>{t.kinds[e.kind]}</td>
                  <td data-label={t.target}>{e.kind === 'event' ? eventName(e.target) : e.target || '—'}</td>
                  <td data-label={vo.faq.status}>{e.active ? <Tag colour="green">{t.active}</Tag> : <Tag colour="grey">{t.inactive}</Tag>}</td>
                  <td data-label={t.by}>
                    {e.created_by ?? '—'}
                    <span className="hint small">{formatDateTime(e.created_at)}</span>
                  </td>
                  <td>
                    <div className="button-group">
                      <button type="button" className="button secondary small" aria-label={`${t.editButton}: ${e.phrase}`} onClick={() => (setDone(null), setEditing(e.id))}>
                        {t.editButton}
                      </button>
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`${e.active ? t.off : t.on}: ${e.phrase}`}
                        onClick={() => {
                          setFailure(null);
                          patch(e.id, { active: !e.active }).catch((err: unknown) => setFailure(asApiError(err)));
                        }}
                      >
                        {e.active ? t.off : t.on}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
