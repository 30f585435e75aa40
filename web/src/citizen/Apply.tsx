/**
 * Applying online: the applicant's details prefilled from the citizen's identity; the address entered as
 * the applicant knows it and converted to the new commune (shown for confirmation); the procedure's own
 * form drawn from its layout (questions appear as answers call for them, checked by the server with a
 * message beside each field); uploads of exactly the documents those answers call for; a review of every
 * answer; submit; a receipt.
 *
 * All or nothing (ADR 0061): each file is uploaded and checked the moment it is chosen (a refused file is
 * said beside its field, and no dossier exists yet); "Gửi" sends the answers with the uploads' ids and the
 * platform creates the dossier with its files in one transaction. A refused submission creates nothing; the
 * next attempt after a fix carries a new Idempotency-Key (a network failure keeps the key: the retry finds
 * the dossier the lost answer created). What the citizen types is kept as a draft on the server (resumed
 * on any device, kept for the period the page states).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { RelatedProcedures } from '../components/RelatedProcedures.tsx';
import { Link, useParams } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Checkbox, ErrorSummary, FileInput, Radios, TextInput, Textarea, errorFor, type FormError } from '../components/forms.tsx';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, SummaryList } from '../components/ui.tsx';
import { ApiError, api, invalidate, newIdempotencyKey, ok, asApiError } from '../lib/api.ts';
import { formatBytes, formatDate, formatDateLong, formatDateTime, formatMoney } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useSite } from '../lib/site.ts';
import { useProcedure, useWhereOffered } from '../api/catalog.ts';
import { shorten } from '../api/documents.ts';
import { answerErrors, answerText, checkForm, documentsFor, fieldId, initialAnswers, normaliseDates, prefill, shownAnswers, useForm, visibleSections, type Answers, type FormDocument, type Person } from '../api/forms.ts';
import { FormFields } from '../components/FormFields.tsx';
import type { ConversionResult, DossierView, ReturnMethod } from '../api/types.ts';
import { createDossier } from '../api/dossiers.ts';
import { deleteDraft, dropUpload, loadDraft, saveDraft, stageUpload, type StagedUpload } from '../api/staging.ts';
import { RequireCitizen } from './RequireCitizen.tsx';
import { SignInAgain } from '../components/SignInAgain.tsx';

const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];

interface Form {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  request: string;
  returnMethod: ReturnMethod;
  declaration: boolean;
}

/** Validates one step; returns the errors in the order of the fields on the page. */
export function validateApplicant(f: Pick<Form, 'fullName' | 'idNumber' | 'phone' | 'email'>): FormError[] {
  const errs: FormError[] = [];
  if (!f.fullName.trim()) errs.push({ field: 'fullName', message: vi.form.required(vi.apply.fullName) });
  if (!/^\d{12}$/.test(f.idNumber.trim())) errs.push({ field: 'idNumber', message: f.idNumber.trim() ? vi.form.idNumberInvalid : vi.form.required(vi.apply.idNumber) });
  if (!f.phone.trim()) errs.push({ field: 'phone', message: vi.form.required(vi.apply.phone) });
  else if (!/^(0|\+84)\d{9,10}$/.test(f.phone.replace(/[\s.]/g, ''))) errs.push({ field: 'phone', message: vi.form.phoneInvalid });
  if (f.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errs.push({ field: 'email', message: vi.form.emailInvalid });
  return errs;
}

type StepKey = 'applicant' | 'address' | 'form' | 'documents' | 'review';
const STEP_LABELS: Record<StepKey, string> = {
  applicant: vi.apply.steps[0]!,
  address: vi.apply.steps[1]!,
  form: vi.forms.step,
  documents: vi.apply.steps[2]!,
  review: vi.apply.steps[3]!,
};
const slotId = (key: string) => `doc-${key}`;

/** A document's file: being uploaded, uploaded (staged on the server), or refused (with why). */
type SlotFile = { status: 'uploading'; name: string } | { status: 'done'; name: string; upload: StagedUpload } | { status: 'failed'; name: string; message: string };

/** Checks a chosen file before sending it (the server checks again, by content). */
function fileError(slot: FormDocument, file: File, maxBytes: number): string | null {
  if (file.size > maxBytes) return vi.apply.tooBig(shorten(slot.name));
  if (file.type && !ACCEPTED.includes(file.type)) return vi.apply.badType(shorten(slot.name));
  return null;
}

/** What is missing or wrong with a document's file when moving on. */
function slotError(slot: FormDocument, f: SlotFile | undefined): string | null {
  if (!f) return slot.required ? vi.apply.missingDocument(shorten(slot.name)) : null;
  if (f.status === 'uploading') return vi.submission.waitUploads;
  if (f.status === 'failed') return f.message;
  return null;
}

/** What a draft keeps (the page's own state; the server keeps it as it is). */
interface DraftState {
  step: number;
  form: Form;
  conversion: ConversionResult | null;
  commune: string | null;
  confirmed: boolean;
  answers: Answers | null;
}

function ApplyForm({ code }: { code: string }) {
  const site = useSite();
  const { me } = useSession();
  const { data: p, error, reload } = useProcedure(code);
  const { where } = useWhereOffered(site.province.code, code);
  const { data: formDef, error: formError, reload: reloadForm } = useForm(code);
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [checking, setChecking] = useState(false);
  const [form, setForm] = useState<Form>(() => ({
    // what the identity provider vouched for: the name, and the personal identification number
    fullName: me?.displayName ?? '',
    idNumber: me?.kind === 'citizen' ? me.subject : '',
    phone: '',
    email: '',
    address: '',
    request: '',
    returnMethod: 'online',
    declaration: false,
  }));
  const [conversion, setConversion] = useState<ConversionResult | null>(null);
  const [commune, setCommune] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [converting, setConverting] = useState(false);
  const [files, setFiles] = useState<Record<string, SlotFile | undefined>>({});
  // the draft: loaded once (null = none), then saved as the citizen goes
  const [draftLoaded, setDraftLoaded] = useState(false);
  const [resumed, setResumed] = useState<{ updatedAt: string; expiresAt: string } | null>(null);
  const [saved, setSaved] = useState<{ at: string; until: string } | 'saving' | 'failed' | null>(null);
  const lastSaved = useRef<string>('');
  const [expired, setExpired] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<DossierView | null>(null);
  const key = useRef(newIdempotencyKey());
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const hasQuestions = !!formDef && formDef.sections.length > 0;
  const formDeclares = !!formDef?.sections.some((sec) => sec.fields.some((f) => f.key === 'declaration'));
  const stepKeys: StepKey[] = hasQuestions ? ['applicant', 'address', 'form', 'documents', 'review'] : ['applicant', 'address', 'documents', 'review'];
  const current = stepKeys[step]!;
  const goTo = (k: StepKey) => setStep(Math.max(0, stepKeys.indexOf(k)));
  const given = useMemo(() => (formDef && answers ? shownAnswers(formDef, normaliseDates(formDef, answers), 'online') : {}), [formDef, answers]);
  // the uploads: documents handed in that the answers call for (shown ones are checked from the national databases)
  const slots = useMemo(() => (formDef ? documentsFor(formDef, answers ?? {}, 'online').filter((d) => d.kind === 'submit') : []), [formDef, answers]);

  // resume the draft kept on the server (another device, or before a sign-in)
  useEffect(() => {
    let live = true;
    loadDraft(code)
      .then((d) => {
        if (!live) return;
        if (d) {
          const st = d.state as unknown as Partial<DraftState>;
          if (st.form) setForm((f) => ({ ...f, ...st.form }));
          if (st.conversion !== undefined) setConversion(st.conversion);
          if (st.commune !== undefined) setCommune(st.commune);
          if (st.confirmed !== undefined) setConfirmed(st.confirmed);
          if (st.answers !== undefined) setAnswers(st.answers);
          if (typeof st.step === 'number') setStep(st.step);
          setFiles(Object.fromEntries(d.uploads.map((u) => [u.slot, { status: 'done', name: u.upload.filename, upload: u.upload } as SlotFile])));
          setResumed({ updatedAt: d.updatedAt, expiresAt: d.expiresAt });
        }
        setDraftLoaded(true);
      })
      .catch(() => live && setDraftLoaded(true));
    return () => {
      live = false;
    };
  }, [code]);

  // save the draft a moment after each change (only what changed since the last save)
  const draftState: DraftState = { step, form, conversion, commune, confirmed, answers };
  const draftUploads = Object.entries(files).flatMap(([slot, f]) => (f?.status === 'done' ? [{ slot, uploadId: f.upload.id }] : []));
  const snapshot = JSON.stringify([draftState, draftUploads]);
  useEffect(() => {
    if (!draftLoaded || done) return;
    if (!lastSaved.current) {
      lastSaved.current = snapshot; // what was loaded (or the empty start) is not a change
      return;
    }
    if (snapshot === lastSaved.current) return;
    const t = setTimeout(() => {
      setSaved('saving');
      saveDraft(code, draftState as unknown as Record<string, unknown>, draftUploads)
        .then((d) => {
          lastSaved.current = snapshot;
          setSaved({ at: d.updatedAt, until: d.expiresAt });
        })
        .catch((err: unknown) => {
          setSaved('failed');
          if (err instanceof ApiError && err.status === 401) setExpired(true);
        });
    }, 800);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snapshot, draftLoaded, done]);

  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (formError) return <ProblemNotice error={formError} onRetry={reloadForm} />;
  if (!p || !formDef || !draftLoaded) return <Loading />;
  const steps = stepKeys.map((k) => STEP_LABELS[k]);
  const title = vi.apply.title(p.name);
  const online = p.channels.includes('online') && where?.offering.online !== false;
  const fee = where?.effective_fee?.amount_vnd ?? null;
  const chosenCommune = conversion ? (conversion.candidates.find((c) => c.commune.code === commune) ?? { commune: conversion.commune, province: conversion.province }) : null;
  const newAddress = conversion && chosenCommune ? [conversion.street, chosenCommune.commune.name, chosenCommune.province.name].filter(Boolean).join(', ') : '';

  if (!online) {
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <p className="inset">{vi.apply.notOnline}</p>
        <Link to={`/thu-tuc/${p.code}`}>{vi.app.back}</Link>
      </>
    );
  }

  if (done) {
    return (
      <>
        <div className="panel">
          <PageHeading title={vi.apply.receiptTitle}>{vi.apply.receiptTitle}</PageHeading>
          <p>{vi.apply.receiptCode}</p>
          <p className="code mono">{done.code}</p>
        </div>
        <p>{vi.apply.receiptLead}</p>
        {done.dueAt && <p>{vi.procedure.dueToday(formatDateLong(done.dueAt))}</p>}
        <h2>{vi.apply.receiptNext}</h2>
        {done.fee.amount > 0 && !done.fee.paid && <p>{vi.apply.receiptPay(done.fee.amount)}</p>}
        <div className="button-group">
          {done.fee.amount > 0 && !done.fee.paid && (
            <Link className="button" to={`/ho-so/${encodeURIComponent(done.code)}/thanh-toan`}>
              {vi.apply.toPay}
            </Link>
          )}
          <Link className={`button${done.fee.amount > 0 && !done.fee.paid ? ' secondary' : ''}`} to={`/ho-so/${encodeURIComponent(done.code)}`}>
            {vi.apply.toDossier}
          </Link>
        </div>
        <RelatedProcedures code={p.code} />
      </>
    );
  }

  const convert = async () => {
    if (!form.address.trim()) {
      setErrors([{ field: 'address', message: vi.form.required(vi.apply.addressLabel) }]);
      return;
    }
    setConverting(true);
    setErrors([]);
    try {
      const r = await ok(api.POST('/api/v1/units/convert', { body: { address: form.address.trim() } }));
      setConversion(r);
      setCommune(r.commune.code);
      setConfirmed(false);
    } catch (err) {
      setConversion(null);
      setErrors([{ field: 'address', message: err instanceof ApiError && err.status === 422 ? (err.detail ?? vi.apply.addressUnknown) : vi.apply.addressUnknown }]);
    } finally {
      setConverting(false);
    }
  };

  // what the platform knows about the applicant fills the form's questions about them
  const person: Person = { fullName: form.fullName.trim(), idNumber: form.idNumber.trim(), phone: form.phone.replace(/[\s.]/g, ''), email: form.email.trim(), address: newAddress || form.address.trim() };
  const answer = (key: string, v: string | boolean) => setAnswers((a) => prefill(formDef, person, { ...(a ?? {}), [key]: v }, 'online'));

  const next = async () => {
    let errs: FormError[] = [];
    if (current === 'applicant') errs = validateApplicant(form);
    if (current === 'address') {
      if (!form.address.trim()) errs.push({ field: 'address', message: vi.form.required(vi.apply.addressLabel) });
      else if (!conversion || !confirmed) errs.push({ field: conversion ? 'confirm-address' : 'address', message: vi.apply.addressConfirmRequired });
    }
    if (current === 'form') {
      setChecking(true);
      try {
        const r = await checkForm(p.code, given, 'online');
        errs = r.errors.map((e) => ({ field: fieldId(e.field), message: e.message }));
      } catch (err) {
        const e = asApiError(err);
        errs = [{ field: fieldId(formDef.sections[0]!.fields[0]!.key), message: e.status === 0 ? vi.app.offline : (e.detail ?? e.title) }];
      } finally {
        setChecking(false);
      }
    }
    if (current === 'documents') {
      for (const s of slots) {
        const e = slotError(s, files[s.key]);
        if (e) errs.push({ field: slotId(s.key), message: e });
      }
    }
    setErrors(errs);
    if (!errs.length) {
      const following = stepKeys[step + 1];
      if (following === 'form' && answers === null) setAnswers(initialAnswers(formDef, person, 'online'));
      setStep(step + 1);
      window.scrollTo(0, 0);
    }
  };

  /** Sends a chosen file at once: checked by the server, kept for this citizen until the submission. */
  const choose = async (slot: FormDocument, file: File | null) => {
    const previous = files[slot.key];
    if (previous?.status === 'done') dropUpload(previous.upload.id);
    setErrors((es) => es.filter((x) => x.field !== slotId(slot.key)));
    if (!file) {
      setFiles((x) => ({ ...x, [slot.key]: undefined }));
      return;
    }
    const local = fileError(slot, file, site.upload_max_bytes);
    if (local) {
      setFiles((x) => ({ ...x, [slot.key]: { status: 'failed', name: file.name, message: local } }));
      setErrors((es) => [...es, { field: slotId(slot.key), message: local }]);
      return;
    }
    setFiles((x) => ({ ...x, [slot.key]: { status: 'uploading', name: file.name } }));
    try {
      const upload = await stageUpload(file);
      setFiles((x) => ({ ...x, [slot.key]: { status: 'done', name: file.name, upload } }));
    } catch (err) {
      const e = asApiError(err);
      const message = vi.submission.uploadFailed(shorten(slot.name), e.status === 0 ? vi.app.offline : (e.detail ?? e.title));
      setFiles((x) => ({ ...x, [slot.key]: { status: 'failed', name: file.name, message } }));
      setErrors((es) => [...es.filter((x) => x.field !== slotId(slot.key)), { field: slotId(slot.key), message }]);
    }
  };

  const startOver = async () => {
    await deleteDraft(p.code);
    for (const f of Object.values(files)) if (f?.status === 'done') dropUpload(f.upload.id);
    window.location.reload();
  };

  const submit = async () => {
    if (!formDeclares && !form.declaration) {
      setErrors([{ field: 'declaration', message: vi.apply.declarationRequired }]);
      return;
    }
    setErrors([]);
    setPending(true);
    try {
      const uploaded = slots.flatMap((s) => {
        const f = files[s.key];
        return f?.status === 'done' ? [{ slot: s, upload: f.upload }] : [];
      });
      const dossier = await createDossier(
        {
          procedureCode: p.code,
          provinceCode: site.province.code,
          ...(p.levels.includes('commune') && chosenCommune ? { communeCode: chosenCommune.commune.code } : {}),
          channel: 'province_portal',
          applicant: {
            fullName: form.fullName.trim(),
            idNumber: form.idNumber.trim(),
            phone: form.phone.replace(/[\s.]/g, ''),
            ...(form.email.trim() ? { email: form.email.trim() } : {}),
            address: newAddress || form.address.trim(),
          },
          ...(form.request.trim() ? { request: form.request.trim() } : {}),
          answers: given,
          formVersion: formDef.version,
          // the files were uploaded and checked already: the dossier and its files are written together
          documents: uploaded.map(({ slot: s, upload }) => ({ key: s.key, name: s.name.slice(0, 300), copies: 1, uploadId: upload.id })),
          returnMethod: form.returnMethod,
        },
        key.current,
      );
      invalidate('/api/v1/dossiers');
      invalidate('/api/v1/drafts');
      setDone(dossier);
      window.scrollTo(0, 0);
    } catch (err) {
      const e = asApiError(err);
      // the platform answered (nothing was created): the next attempt, after a fix, is a new request.
      // Without an answer (status 0) the key stays, so that a retry finds a dossier the lost answer created.
      if (e.status !== 0) key.current = newIdempotencyKey();
      if (e.status === 401) setExpired(true);
      // the server names the wrong answers and the missing documents: show them where they are asked
      if (e.code === 'upload-unavailable') {
        const bad = e.errors.map((x) => x.path.replace(/^documents\./, ''));
        setFiles((fs) => Object.fromEntries(Object.entries(fs).filter(([k]) => !bad.includes(k))));
        setErrors(e.errors.map((x) => ({ field: slotId(x.path.replace(/^documents\./, '')), message: x.message })));
        goTo('documents');
      } else if (e.code === 'form-invalid' && hasQuestions) {
        setErrors(answerErrors(e.errors));
        goTo('form');
      } else if (e.code === 'documents-missing') {
        setErrors(e.errors.map((x) => ({ field: slotId(x.path.replace(/^documents\./, '')), message: x.message })));
        goTo('documents');
      } else setErrors([{ field: 'submit-application', message: e.status === 0 ? vi.app.offline : (e.detail ?? e.title) }]);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { to: `/thu-tuc/${p.code}`, label: p.code }, { label: vi.procedure.apply }]} />
      <ErrorSummary errors={errors} />
      <p className="muted" style={{ marginBottom: '.25rem' }}>
        {vi.apply.step(step + 1, steps.length)}
      </p>
      <PageHeading key={step} title={`${steps[step]} — ${p.name}`}>
        {steps[step]}
      </PageHeading>
      <p className="lead">{p.name}</p>
      <ol className="steps-nav" aria-label={vi.apply.stepsLabel}>
        {steps.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      {expired && (
        <div className="notice warn" role="alert" id="session-expired">
          <h2 style={{ marginTop: 0 }}>{vi.submission.expiredTitle}</h2>
          <p>{vi.submission.expiredLead}</p>
          <SignInAgain />
        </div>
      )}
      {resumed && (
        <div className="inset" id="draft-resumed">
          <p style={{ marginTop: 0 }}>{vi.submission.resumed(formatDateTime(resumed.updatedAt), formatDate(resumed.expiresAt))}</p>
          <button type="button" className="linklike" onClick={() => void startOver()}>
            {vi.submission.startOver}
          </button>
        </div>
      )}
      <p className="small muted" id="draft-status" aria-live="polite">
        {saved === 'saving' ? vi.submission.draftSaving : saved === 'failed' ? vi.submission.draftNotSaved : saved ? vi.submission.draftSaved(formatDateTime(saved.at).split(' ')[0] ?? '', formatDate(saved.until)) : ''}
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (current !== 'review') void next();
          else void submit();
        }}
      >
        {current === 'applicant' && (
          <>
            <p className="inset">{vi.apply.prefilled}</p>
            <TextInput id="fullName" label={vi.apply.fullName} autoComplete="name" value={form.fullName} onChange={(e) => set('fullName', e.target.value)} error={errorFor(errors, 'fullName')} />
            <TextInput id="idNumber" label={vi.apply.idNumber} hint={vi.apply.idNumberHint} inputMode="numeric" maxLength={12} value={form.idNumber} onChange={(e) => set('idNumber', e.target.value.replace(/\D/g, ''))} error={errorFor(errors, 'idNumber')} className="w-10 mono" />
            <TextInput id="phone" type="tel" label={vi.apply.phone} hint={vi.apply.phoneHint} autoComplete="tel" value={form.phone} onChange={(e) => set('phone', e.target.value)} error={errorFor(errors, 'phone')} className="w-10" />
            <TextInput id="email" type="email" label={vi.apply.email} optional autoComplete="email" spellCheck={false} value={form.email} onChange={(e) => set('email', e.target.value)} error={errorFor(errors, 'email')} className="w-20" />
          </>
        )}
        {current === 'address' && (
          <>
            <Textarea id="address" label={vi.apply.addressLabel} hint={vi.apply.addressHint} rows={2} autoComplete="street-address" value={form.address} onChange={(e) => { set('address', e.target.value); setConversion(null); setConfirmed(false); }} error={errorFor(errors, 'address')} />
            <button type="button" className="button secondary" onClick={convert} disabled={converting}>
              {converting ? vi.apply.converting : vi.apply.convert}
            </button>
            <p className="small">
              <Link to="/doi-dia-chi" target="_blank">{vi.convert.applyLink}</Link>
            </p>
            <div aria-live="polite">
              {conversion && (
                <div className="notice" id="conversion">
                  <h2 style={{ marginTop: 0 }}>{vi.apply.converted}</h2>
                  {conversion.old?.commune && (
                    <p className="small muted">
                      {vi.apply.oldAddress}: {[conversion.old.commune?.name, conversion.old.district?.name, conversion.old.province?.name].filter(Boolean).join(', ')}
                    </p>
                  )}
                  {conversion.candidates.length > 1 && conversion.status !== 'current' ? (
                    <Radios
                      id="commune"
                      legend={vi.apply.candidates}
                      value={commune ?? ''}
                      onChange={(v) => { setCommune(v); setConfirmed(false); }}
                      options={conversion.candidates.map((c) => ({ value: c.commune.code, label: `${c.commune.name}, ${c.province.name}` }))}
                    />
                  ) : (
                    <p>
                      {vi.apply.convertedLead} <strong>{newAddress}</strong>
                    </p>
                  )}
                  {conversion.resolution && <p className="small muted">{vi.apply.resolution(conversion.resolution)}</p>}
                  <Checkbox id="confirm-address" label={vi.apply.confirmAddress} checked={confirmed} onChange={setConfirmed} error={errorFor(errors, 'confirm-address')} />
                </div>
              )}
            </div>
            <Radios
              id="returnMethod"
              legend={vi.apply.receiveAt}
              value={form.returnMethod}
              onChange={(v) => set('returnMethod', v as ReturnMethod)}
              options={[
                { value: 'online', label: vi.apply.receiveOnline },
                { value: 'counter', label: vi.apply.receiveCounter },
                { value: 'post', label: vi.apply.receivePost },
              ]}
            />
          </>
        )}
        {current === 'form' && (
          <>
            {formDef.intro && <p className="inset">{formDef.intro}</p>}
            <FormFields form={formDef} answers={answers ?? {}} onChange={answer} errors={errors} channel="online" />
          </>
        )}
        {current === 'documents' && (
          <>
            <p>{vi.apply.documentsLead(formatBytes(site.upload_max_bytes))}</p>
            {hasQuestions && <p className="hint">{slots.length ? vi.forms.documentsLead : vi.forms.noUploads}</p>}
            {slots.map((s) => (
              <FileInput
                key={s.key}
                id={slotId(s.key)}
                label={
                  <>
                    {s.name} {!s.required && <span className="muted">{vi.form.optional}</span>}
                  </>
                }
                hint={s.hint}
                error={errorFor(errors, slotId(s.key))}
                onFile={(f) => void choose(s, f)}
                note={noteFor(files[s.key])}
              />
            ))}
            <Textarea id="request" label={vi.apply.notes} optional rows={3} value={form.request} onChange={(e) => set('request', e.target.value)} />
          </>
        )}
        {current === 'review' && (
          <>
            <h2>{vi.apply.review}</h2>
            <SummaryList
              rows={[
                [vi.apply.fullName, form.fullName, <ChangeLink to={stepKeys.indexOf('applicant')} onGo={setStep} what={vi.apply.fullName} />],
                [vi.apply.idNumber, <span className="mono">{form.idNumber}</span>, <ChangeLink to={stepKeys.indexOf('applicant')} onGo={setStep} what={vi.apply.idNumber} />],
                [vi.apply.phone, form.phone, <ChangeLink to={stepKeys.indexOf('applicant')} onGo={setStep} what={vi.apply.phone} />],
                ...(form.email ? [[vi.apply.email, form.email, <ChangeLink to={stepKeys.indexOf('applicant')} onGo={setStep} what={vi.apply.email} />] as [string, string, React.ReactNode]] : []),
                [vi.apply.addressLabel, newAddress || form.address, <ChangeLink to={stepKeys.indexOf('address')} onGo={setStep} what={vi.apply.addressLabel} />],
                [vi.apply.receiveAt, form.returnMethod === 'online' ? vi.apply.receiveOnline : form.returnMethod === 'counter' ? vi.apply.receiveCounter : vi.apply.receivePost, <ChangeLink to={stepKeys.indexOf('address')} onGo={setStep} what={vi.apply.receiveAt} />],
                [vi.apply.documents, slots.flatMap((s) => (files[s.key]?.status === 'done' ? [files[s.key]!.name] : [])).join(', ') || '—', <ChangeLink to={stepKeys.indexOf('documents')} onGo={setStep} what={vi.apply.documents} />],
                ...(fee ? [[vi.apply.fee, formatMoney(fee), ''] as [string, string, string]] : []),
              ]}
            />
            {hasQuestions && (
              <>
                <h2>{vi.forms.answers}</h2>
                {visibleSections(formDef, given, 'online').map((sec) => (
                  <section key={sec.key} aria-label={sec.title}>
                    <h3>{sec.title}</h3>
                    <SummaryList rows={sec.fields.map((f) => [f.label, answerText(f, given[f.key]), <ChangeLink to={stepKeys.indexOf('form')} onGo={setStep} what={f.label} />] as [string, string, React.ReactNode])} />
                  </section>
                ))}
              </>
            )}
            {/* a written form carries its own declaration (ticked on the form's page) */}
            {!formDeclares && <Checkbox id="declaration" label={vi.apply.declaration} checked={form.declaration} onChange={(v) => set('declaration', v)} error={errorFor(errors, 'declaration')} />}
          </>
        )}
        <div className="button-group">
          <button type="submit" id="submit-application" className="button" disabled={pending || checking}>
            {current !== 'review' ? vi.form.continue : pending ? vi.form.sending : vi.apply.submit}
          </button>
          {step > 0 && (
            <button type="button" className="button secondary" onClick={() => { setErrors([]); setStep(step - 1); }}>
              {vi.app.back}
            </button>
          )}
        </div>
      </form>
    </>
  );
}

function noteFor(f: SlotFile | undefined): string | undefined {
  if (!f) return undefined;
  if (f.status === 'uploading') return vi.submission.uploading(f.name);
  if (f.status === 'done') return vi.submission.uploadedOk(f.name, formatBytes(f.upload.size));
  return undefined;
}

function ChangeLink({ to, onGo, what }: { to: number; onGo: (s: number) => void; what: string }) {
  return (
    <button type="button" className="linklike" onClick={() => onGo(to)}>
      {vi.form.change}
      <span className="visually-hidden"> {what.toLowerCase()}</span>
    </button>
  );
}

export default function ApplyPage() {
  const { code = '' } = useParams();
  return (
    <RequireCitizen title={vi.procedure.apply}>
      <ApplyForm code={code} />
    </RequireCitizen>
  );
}
