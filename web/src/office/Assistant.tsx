/**
 * The back office's assistant pages (issue 14): the questions people ask that the assistant could not
 * answer (or not surely), with one click to turn one into a FAQ entry or a vocabulary entry; the FAQ
 * (create, edit, approve, retire) and the officials' vocabulary (add, edit, turn off). Every change goes
 * through the assistant's API, which audits it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { vo } from '../i18n/assistant-office.ts';
import { PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { DataTable, Loaded, SectionTabs } from '../components/lists.tsx';
import { ErrorSummary, errorFor, Radios, Select, TextInput, Textarea, type FormError } from '../components/forms.tsx';
import { ApiError, api, invalidate, ok, useApi, withQuery, type Answer, type Query, asApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { hasRole, useSession } from '../lib/session.tsx';
import { PostersLink } from './PostersLink.tsx';

type Faq = Answer<'/api/v1/assistant/faq'>[number];
type Entry = Answer<'/api/v1/assistant/vocabulary'>[number];
type FaqStatus = Faq['status'];

const CODE = /^\d\.\d{6}$/;
const MANAGERS = ['province_admin', 'data_steward'];

/** The heading of the three pages, their own navigation (the FAQ and vocabulary only for those who manage them) and the lead. */
function AssistantHead({ title, lead }: { title: string; lead: string }) {
  const { me } = useSession();
  const manage = hasRole(me, ...MANAGERS);
  return (
    <>
      <PageHeading office title={title}>
        {title}
      </PageHeading>
      <SectionTabs
        label={vo.sectionsLabel}
        items={[
          { to: '/can-bo/tro-ly', label: vo.sections.questions, end: true },
          manage && { to: '/can-bo/tro-ly/hoi-dap', label: vo.sections.faq },
          manage && { to: '/can-bo/tro-ly/tu-ngu', label: vo.sections.vocabulary },
        ]}
      />
      <p className="lead">{lead}</p>
    </>
  );
}

/**
 * A form in a section that takes the focus when it opens (the official sees where they are): checked by
 * `validate` (errors beside the fields and in a summary), then `onSave`; a refusal of the API shown under it.
 */
function EditForm<V>({ title, submit, cancel, initial, validate, onSave, onCancel, children }: { title: string; submit: string; cancel: string; initial: V; validate: (v: V) => FormError[]; onSave: (v: V) => Promise<void>; onCancel: () => void; children: (v: V, set: (v: V) => void, errors: FormError[]) => ReactNode }) {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [title]);
  return (
    <section aria-labelledby="assistant-form-title" className="inset">
      <h2 id="assistant-form-title" tabIndex={-1} ref={ref}>
        {title}
      </h2>
      <form
        noValidate
        onSubmit={async (ev) => {
          ev.preventDefault();
          const e = validate(v);
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
        {children(v, setV, errors)}
        {failure && <ProblemNotice error={failure} />}
        <div className="button-group">
          <button type="submit" className="button" disabled={pending}>
            {submit}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            {cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * What a list-with-editor page keeps: which entry is being edited ('new' when the page was opened from a
 * question, `param` carrying its words) and that entry in `query`'s list, the last success message, the
 * last refusal of a one-click action.
 */
function useEditor<T extends { id: number }>(param: string, prefix: string, query: Query<T[]>) {
  const [params, setParams] = useSearchParams();
  const prefill = params.get(param);
  const [editing, setEditing] = useState<number | 'new' | null>(prefill ? 'new' : null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const close = () => {
    setEditing(null);
    if (prefill) setParams({}, { replace: true });
  };
  return {
    params,
    prefill,
    editing,
    current: typeof editing === 'number' ? query.data?.find((x) => x.id === editing) : undefined,
    done,
    failure,
    close,
    edit: (e: number | 'new') => {
      setDone(null);
      setEditing(e);
    },
    saved: (text: string) => {
      invalidate(prefix);
      query.reload();
      setDone(text);
      close();
    },
    /** A one-click action (approve, turn off): its refusal shown at the top. */
    run: (fn: () => Promise<void>) => {
      setFailure(null);
      fn().catch((e: unknown) => setFailure(asApiError(e)));
    },
  };
}

function EditorHead({ title, lead, add, ed }: { title: string; lead: string; add: string; ed: Pick<ReturnType<typeof useEditor>, 'done' | 'failure' | 'editing' | 'edit'> }) {
  return (
    <>
      <AssistantHead title={title} lead={lead} />
      {ed.done && (
        <div className="notice success" role="status">
          <p>{ed.done}</p>
        </div>
      )}
      {ed.failure && <ProblemNotice error={ed.failure} />}
      {ed.editing === null && (
        <p>
          <button type="button" className="button" onClick={() => ed.edit('new')}>
            {add}
          </button>
        </p>
      )}
    </>
  );
}

/** The list under the editor: loading, its error, "none yet", or a table with a last column of actions. */
function EntryTable<T>({ caption, heads, none, query, row }: { caption: string; heads: string[]; none: string; query: Query<T[]>; row: (entry: T) => ReactNode }) {
  return (
    <Loaded query={query}>
      {(data) =>
        data.length ? (
          <DataTable caption={caption} heads={[...heads, <span className="visually-hidden">{vo.questions.actions}</span>]}>
            {data.map(row)}
          </DataTable>
        ) : (
          <p>{none}</p>
        )
      }
    </Loaded>
  );
}

/** Who changed an entry last, and when. */
function ByCell({ label, by, at }: { label: string; by: string | null; at: string }) {
  return (
    <td data-label={label}>
      {by ?? '—'}
      <span className="hint small">{formatDateTime(at)}</span>
    </td>
  );
}

/** A small button in an entry's row, named for screen readers with the entry it acts on. */
function RowButton({ label, entry, onClick }: { label: string; entry: string; onClick: () => void }) {
  return (
    <button type="button" className="button secondary small" aria-label={`${label}: ${entry}`} onClick={onClick}>
      {label}
    </button>
  );
}

// ---------------------------------------------------------------------------------------- questions
export function QuestionsPage() {
  const { me } = useSession();
  const manage = hasRole(me, ...MANAGERS);
  const [days, setDays] = useState('30');
  const [show, setShow] = useState<'weak' | 'all'>('weak');
  const query = useApi('/api/v1/assistant/questions/top', { query: { days: Number(days), limit: 200 } }, { staleMs: 10_000 });
  const t = vo.questions;
  return (
    <>
      <AssistantHead title={t.title} lead={t.lead} />
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
      <Loaded query={query}>
        {(data) => {
          const rows = data.filter((q) => show === 'all' || q.unanswered > 0 || q.avg_confidence < 0.5);
          return (
            <>
              <p role="status">{t.count(rows.length)}</p>
              {rows.length > 0 && (
                <DataTable caption={t.title} heads={[t.question, t.asked, t.unanswered, t.confidence, t.procedure, t.lastAsked, ...(manage ? [t.actions] : [])]}>
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
                </DataTable>
              )}
            </>
          );
        }}
      </Loaded>
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
  const t = vo.faq;
  return (
    <EditForm title={title} submit={submit} cancel={t.cancel} initial={initial} validate={faqErrors} onSave={onSave} onCancel={onCancel}>
      {(v, setV, errors) => (
        <>
          <Textarea id="faq-question" label={t.question} hint={t.questionHint} rows={2} maxLength={500} value={v.question} error={errorFor(errors, 'faq-question')} onChange={(e) => setV({ ...v, question: e.target.value })} />
          <Textarea id="faq-answer" label={t.answer} hint={t.answerHint} rows={5} maxLength={4000} value={v.answer} error={errorFor(errors, 'faq-answer')} onChange={(e) => setV({ ...v, answer: e.target.value })} />
          <TextInput id="faq-procedure" label={t.procedure} hint={t.procedureHint} optional value={v.procedure_code} error={errorFor(errors, 'faq-procedure')} onChange={(e) => setV({ ...v, procedure_code: e.target.value })} />
        </>
      )}
    </EditForm>
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
  const query = useApi('/api/v1/assistant/faq', {}, { staleMs: 0 });
  const ed = useEditor('cau-hoi', '/api/v1/assistant/faq', query);
  const t = vo.faq;
  const move = (f: Faq, to: FaqStatus) =>
    ed.run(async () => {
      await ok(api.PATCH('/api/v1/assistant/faq/{id}', { params: { path: { id: f.id } }, body: { status: to } }));
      ed.saved(t.changed(t.statuses[to]!));
    });
  const { current } = ed;
  return (
    <>
      <EditorHead title={t.title} lead={t.lead} add={t.add} ed={ed} />
      {ed.editing === 'new' && (
        <FaqForm
          title={t.add}
          submit={t.create}
          initial={{ question: ed.prefill ?? '', answer: '', procedure_code: ed.params.get('thu-tuc') ?? '' }}
          onCancel={ed.close}
          onSave={async (v) => {
            await ok(api.POST('/api/v1/assistant/faq', { body: { question: v.question, answer: v.answer, procedure_code: v.procedure_code.trim() || null } }));
            ed.saved(t.created);
          }}
        />
      )}
      {current && (
        <FaqForm
          key={current.id}
          title={t.edit(current.id)}
          submit={t.save}
          initial={{ question: current.question, answer: current.answer, procedure_code: current.procedure_code ?? '' }}
          onCancel={ed.close}
          onSave={async (v) => {
            await ok(api.PATCH('/api/v1/assistant/faq/{id}', { params: { path: { id: current.id } }, body: { question: v.question, answer: v.answer, procedure_code: v.procedure_code.trim() || null } }));
            ed.saved(t.saved);
          }}
        />
      )}
      <EntryTable
        caption={t.title}
        heads={[t.question, t.answer, t.procedure, t.status, t.updatedBy]}
        none={t.none}
        query={query}
        row={(f) => (
          <tr key={f.id} data-faq={f.id}>
            <td data-label={t.question}>{f.question}</td>
            <td data-label={t.answer}>{f.answer}</td>
            <td data-label={t.procedure} className="mono">
              {f.procedure_code ?? '—'}
            </td>
            <td data-label={t.status}>
              <Tag colour={FAQ_COLOURS[f.status]}>{t.statuses[f.status]}</Tag>
            </td>
            <ByCell label={t.updatedBy} by={f.updated_by} at={f.updated_at} />
            <td>
              <div className="button-group">
                {f.status !== 'retired' && <RowButton label={t.editButton} entry={f.question} onClick={() => ed.edit(f.id)} />}
                {FAQ_MOVES[f.status].map((m) => (
                  <RowButton key={m.to} label={m.label} entry={f.question} onClick={() => move(f, m.to)} />
                ))}
              </div>
            </td>
          </tr>
        )}
      />
    </>
  );
}

// --------------------------------------------------------------------------------------- vocabulary
interface EntryValues {
  kind: Entry['kind'];
  phrase: string;
  target: string;
}

function vocabularyErrors(v: EntryValues): FormError[] {
  const t = vo.vocabulary.required;
  const e: FormError[] = [];
  if (!v.phrase.trim()) e.push({ field: 'voc-phrase', message: t.phrase });
  if (v.kind === 'rewrite' && !v.target.trim()) e.push({ field: 'voc-target', message: t.target });
  if (v.kind === 'event' && !v.target) e.push({ field: 'voc-event', message: t.event });
  return e;
}

function VocabularyForm({ title, initial, fixedKind, events, onSave, onCancel }: { title: string; initial: EntryValues; fixedKind: boolean; events: { id: string; name: string }[]; onSave: (v: EntryValues) => Promise<void>; onCancel: () => void }) {
  const t = vo.vocabulary;
  return (
    <EditForm title={title} submit={t.save} cancel={t.cancel} initial={initial} validate={vocabularyErrors} onSave={onSave} onCancel={onCancel}>
      {(v, setV, errors) => (
        <>
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
        </>
      )}
    </EditForm>
  );
}

export function VocabularyPage() {
  const query = useApi('/api/v1/assistant/vocabulary', {}, { staleMs: 0 });
  const { data: events } = useApi('/api/v1/assistant/life-events', {}, { staleMs: 600_000 });
  const ed = useEditor('cach-noi', '/api/v1/assistant/vocabulary', query);
  const t = vo.vocabulary;
  const eventName = (id: string) => events?.find((e) => e.id === id)?.name ?? id;
  const patch = async (id: number, body: { phrase?: string; target?: string; active?: boolean }) => {
    await ok(api.PATCH('/api/v1/assistant/vocabulary/{id}', { params: { path: { id } }, body }));
    ed.saved(t.saved);
  };
  const { current } = ed;
  return (
    <>
      <EditorHead title={t.title} lead={t.lead} add={t.add} ed={ed} />
      {ed.editing === 'new' && (
        <VocabularyForm
          title={t.add}
          fixedKind={false}
          events={events ?? []}
          initial={{ kind: 'rewrite', phrase: ed.prefill ?? '', target: '' }}
          onCancel={ed.close}
          onSave={async (v) => {
            await ok(api.POST('/api/v1/assistant/vocabulary', { body: { kind: v.kind, phrase: v.phrase, target: v.kind === 'filler' ? undefined : v.target } }));
            ed.saved(t.saved);
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
          onCancel={ed.close}
          onSave={(v) => patch(current.id, { phrase: v.phrase, ...(v.kind === 'filler' ? {} : { target: v.target }) })}
        />
      )}
      <EntryTable
        caption={t.title}
        heads={[t.phrase, t.kind, t.target, vo.faq.status, t.by]}
        none={t.none}
        query={query}
        row={(e) => (
          <tr key={e.id} data-entry={e.id}>
            <td data-label={t.phrase}>{e.phrase}</td>
            <td data-label={t.kind}>{t.kinds[e.kind]}</td>
            <td data-label={t.target}>{e.kind === 'event' ? eventName(e.target) : e.target || '—'}</td>
            <td data-label={vo.faq.status}>{e.active ? <Tag colour="green">{t.active}</Tag> : <Tag colour="grey">{t.inactive}</Tag>}</td>
            <ByCell label={t.by} by={e.created_by} at={e.created_at} />
            <td>
              <div className="button-group">
                <RowButton label={t.editButton} entry={e.phrase} onClick={() => ed.edit(e.id)} />
                <RowButton label={e.active ? t.off : t.on} entry={e.phrase} onClick={() => ed.run(() => patch(e.id, { active: !e.active }))} />
              </div>
            </td>
          </tr>
        )}
      />
    </>
  );
}
