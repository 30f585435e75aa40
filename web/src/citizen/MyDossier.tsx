/**
 * One of the citizen's dossiers: where it is (a timeline in plain words), the due date, and the one
 * thing to do now — send the missing documents, pay, download the signed result, rate the service.
 */
import { useState } from 'react';
import { RelatedProcedures } from '../components/RelatedProcedures.tsx';
import { Link, useParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { ErrorSummary, FileInput, Radios, Textarea, errorFor, type FormError } from '../components/forms.tsx';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, StateTag, SummaryList, Timeline } from '../components/ui.tsx';
import { invalidate, asApiError, problemText } from '../lib/api.ts';
import { formatBytes, formatDate, formatDateLong, formatDateTime, formatMoney } from '../lib/format.ts';
import { useSite } from '../lib/site.ts';
import type { DossierView } from '../api/types.ts';
import { act, attach, dossierUrl, useDossier, useReads, useTimeline } from '../api/dossiers.ts';
import { RequireCitizen } from './RequireCitizen.tsx';
import { timelineItems } from '../api/timeline.ts';
import { shorten } from '../api/documents.ts';
import { FormAnswers } from '../components/FormAnswers.tsx';

function Supplement({ d, onDone }: { d: DossierView; onDone: () => void }) {
  const site = useSite();
  const items = d.supplement?.items ?? [];
  const [files, setFiles] = useState<Record<number, File | null>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  return (
    <section className="notice warn" aria-labelledby="supp-title">
      <ErrorSummary errors={errors} />
      <h2 id="supp-title" style={{ marginTop: 0 }}>
        {vi.my.supplementTitle}
      </h2>
      <p>{vi.my.supplementLead}</p>
      {d.supplement?.reason && <p className="inset">{d.supplement.reason}</p>}
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const errs: FormError[] = [];
          items.forEach((it, i) => {
            const f = files[i];
            if (!f) errs.push({ field: `supp-${i}`, message: vi.apply.missingDocument(shorten(it)) });
            else if (f.size > site.upload_max_bytes) errs.push({ field: `supp-${i}`, message: vi.apply.tooBig(shorten(it)) });
          });
          setErrors(errs);
          if (errs.length) return;
          setPending(true);
          try {
            for (const [i, it] of items.entries()) await attach(d.code, it, files[i]!);
            await act(d.code, 'supplement', { ...(note.trim() ? { note: note.trim() } : {}), documents: items.map((it) => ({ name: it.slice(0, 300), copies: 1 })) });
            invalidate('/api/v1/dossiers');
            onDone();
          } catch (err) {
            setErrors([{ field: 'supp-0', message: problemText(err) }]);
          } finally {
            setPending(false);
          }
        }}
      >
        {items.map((it, i) => (
          <FileInput key={i} id={`supp-${i}`} label={it} error={errorFor(errors, `supp-${i}`)} onFile={(f) => setFiles((s) => ({ ...s, [i]: f }))} note={files[i] ? vi.apply.uploaded(files[i]!.name, formatBytes(files[i]!.size)) : undefined} />
        ))}
        <Textarea id="supp-note" label={vi.apply.notes} optional rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? vi.form.sending : vi.my.supplementSend}
        </button>
      </form>
    </section>
  );
}

function Rating({ d, onDone }: { d: DossierView; onDone: () => void }) {
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  return (
    <section aria-labelledby="rate-title">
      <h2 id="rate-title">{vi.my.rateTitle}</h2>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!score) {
            setErrors([{ field: 'score', message: vi.my.rateRequired }]);
            return;
          }
          setErrors([]);
          setPending(true);
          try {
            await act(d.code, 'rate', { score: Number(score), ...(comment.trim() ? { comment: comment.trim() } : {}) });
            onDone();
          } catch (err) {
            setErrors([{ field: 'score', message: problemText(err) }]);
          } finally {
            setPending(false);
          }
        }}
      >
        <ErrorSummary errors={errors} />
        <Radios id="score" legend={vi.my.rateLegend} value={score} onChange={setScore} error={errorFor(errors, 'score')} options={vi.my.rateLabels.map((l, i) => ({ value: String(i + 1), label: `${i + 1} — ${l}` }))} />
        <Textarea id="comment" label={vi.my.rateComment} optional rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? vi.form.sending : vi.my.rateSend}
        </button>
      </form>
    </section>
  );
}

/** "Ai đã xem hồ sơ của tôi": every read by an official or a system, newest first. */
function Reads({ code }: { code: string }) {
  const { data, error, reload } = useReads(code);
  return (
    <section aria-labelledby="reads-title">
      <h2 id="reads-title">{vi.my.readsTitle}</h2>
      <p>{vi.my.readsLead}</p>
      {error ? (
        <ProblemNotice error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p className="inset">{vi.my.readsEmpty}</p>
      ) : (
        <ul className="result-list">
          {data.map((r, i) => (
            <li key={i}>
              <time dateTime={r.at}>{formatDateTime(r.at)}</time> — {r.reader.kind === 'system' ? `${vi.my.readsSystem}: ${r.reader.name}` : r.reader.name}
              {r.reader.unit && `, ${r.reader.unit.name}`}: {r.label}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Detail({ code }: { code: string }) {
  const { data: d, error, loading, reload } = useDossier(code, { pollMs: 60_000 });
  const tl = useTimeline(code);
  const [flash, setFlash] = useState<string | null>(null);
  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!d) return loading ? <Loading /> : null;
  const timeline = tl.data;
  const refresh = (msg: string) => {
    setFlash(msg);
    reload();
    tl.reload();
  };
  const due = d.apology?.newDueAt ?? d.dueAt;
  const resultReady = !!d.result.signedAt && d.result.electronic && ['result_issued', 'returned'].includes(d.status);
  const owesFee = d.fee.amount > 0 && !d.fee.paid && !['withdrawn', 'stopped', 'refused_at_reception'].includes(d.status);

  return (
    <>
      <Breadcrumbs items={[{ to: '/ho-so', label: vi.my.title }, { label: d.code }]} />
      <PageHeading title={`${d.procedure.name} — ${d.code}`}>{d.procedure.name}</PageHeading>
      <p>
        <span className="mono">{d.code}</span> · <StateTag state={d.status} label={vi.states[d.status] ?? d.statusLabel} />
      </p>
      {vi.stateHelp[d.status] && <p className="lead">{vi.stateHelp[d.status]}</p>}
      <div aria-live="polite">{flash && <p className="notice success" role="status">{flash}</p>}</div>
      {/* the thanks for a rating is the line below the result */}
      {d.apology && (
        <div className="notice warn">
          <h2 style={{ marginTop: 0 }}>{vi.my.apologyTitle}</h2>
          <p>{vi.my.apologyBody(formatDateLong(d.apology.newDueAt))}</p>
          <p className="small">{d.apology.reason}</p>
          <a href={`${dossierUrl(d.code)}/papers/apology.pdf`}>{vi.my.apologyDownload}</a>
        </div>
      )}
      {(d.status === 'refused' || d.status === 'refused_at_reception') && (
        <div className="notice warn">
          <h2 style={{ marginTop: 0 }}>{vi.my.refusedTitle}</h2>
          {d.reason && <p>{d.reason}</p>}
          <a href={`${dossierUrl(d.code)}/papers/refusal.pdf`}>{vi.my.refusalDownload}</a>
        </div>
      )}
      {d.availableActions.includes('supplement') && <Supplement d={d} onDone={() => refresh(vi.my.supplementSent)} />}
      {owesFee && (
        <div className="notice warn">
          <p>{vi.my.payDue(d.fee.amount)}</p>
          <Link className="button" to={`/ho-so/${encodeURIComponent(d.code)}/thanh-toan`}>
            {vi.apply.toPay}
          </Link>
        </div>
      )}
      {resultReady && (
        <div className="notice success">
          <h2 style={{ marginTop: 0 }}>{vi.my.resultTitle}</h2>
          <a className="button" href={`${dossierUrl(d.code)}/papers/result.pdf`}>
            {vi.my.resultDownload}
          </a>
        </div>
      )}
      {d.availableActions.includes('rate') && <Rating d={d} onDone={() => refresh('')} />}
      {d.rating && <p className="inset">{vi.my.rated(d.rating.score)}</p>}
      <SummaryList
        rows={[
          [vi.my.status, label(vi.states, d.status)],
          ...(d.receivedAt ? [[vi.track.receivedAt, formatDate(d.receivedAt)] as [string, string]] : []),
          ...(due ? [[vi.my.due, formatDateLong(due)] as [string, string]] : []),
          ...(d.fee.amount > 0 ? [[vi.apply.fee, `${formatMoney(d.fee.amount)} — ${d.fee.paid ? vi.office.paid : vi.office.unpaid}`] as [string, string]] : []),
        ]}
      />
      {d.receivedAt && (
        <p>
          <a href={`${dossierUrl(d.code)}/papers/receipt.pdf`}>{vi.my.receiptDownload}</a>
        </p>
      )}
      <FormAnswers dossier={d} />
      {d.availableActions.includes('withdraw') && <Withdraw d={d} onDone={() => refresh(vi.submission.withdrawn)} />}
      <h2>{vi.my.timeline}</h2>
      {timeline ? <Timeline items={timelineItems(timeline)} /> : <Loading />}
      <Reads code={d.code} />
      <h2>{vi.my.notifications}</h2>
      <p>{vi.my.notificationsLead}</p>
      <RelatedProcedures code={d.procedure.code} />
    </>
  );
}

/** The applicant withdraws their own dossier while the rules allow it (until the decision): a reason, then a confirmation. */
function Withdraw({ d, onDone }: { d: DossierView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  return (
    <details className="withdraw">
      <summary>{vi.submission.withdrawOpen}</summary>
      <ErrorSummary errors={errors} />
      <p>{vi.submission.withdrawLead}</p>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setErrors([{ field: 'withdraw-reason', message: vi.submission.withdrawReasonRequired }]);
            return;
          }
          setErrors([]);
          setPending(true);
          try {
            await act(d.code, 'withdraw', { reason: reason.trim() });
            invalidate('/api/v1/dossiers');
            onDone();
          } catch (err) {
            const x = asApiError(err);
            setErrors([{ field: 'withdraw-reason', message: x.status === 0 ? vi.app.offline : (x.detail ?? x.title) }]);
          } finally {
            setPending(false);
          }
        }}
      >
        <Textarea id="withdraw-reason" label={vi.submission.withdrawReason} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={errorFor(errors, 'withdraw-reason')} />
        <button type="submit" className="button warning" disabled={pending}>
          {pending ? vi.form.sending : vi.submission.withdrawConfirm}
        </button>
      </form>
    </details>
  );
}

export default function MyDossierPage() {
  const { code = '' } = useParams();
  return (
    <RequireCitizen title={vi.my.title}>
      <Detail code={code} />
    </RequireCitizen>
  );
}
