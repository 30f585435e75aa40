/**
 * The counter: receive a walk-in applicant's paper dossier in four steps on one page — find the
 * procedure, enter the person, tick the documents (scan them if wanted), receive and print the
 * appointment receipt. Designed for few clicks: the browser test counts them (docs/web.md).
 *
 * The procedure's form (its declaration) can be typed in: then the checklist lists exactly the documents
 * the answers call for. Without it the checklist lists the documents everyone hands in, and below them
 * those that apply only in some cases; "Đủ tất cả giấy tờ" never ticks a document of a case not declared.
 * A document only shown (xuất trình) is recorded as shown, and form 01 lists only what was handed in.
 */
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { Checkbox, ErrorSummary, FileInput, TextInput, errorFor, type FormError } from '../components/forms.tsx';
import { PageHeading, Tag } from '../components/ui.tsx';
import { api, ApiError, invalidate, newIdempotencyKey, ok, useApi, asApiError } from '../lib/api.ts';
import { ConversionAnswer } from '../components/AddressConverter.tsx';
import { formatBytes, formatDateLong } from '../lib/format.ts';
import { useSite } from '../lib/site.ts';
import { answerErrors, documentsByCase, documentsFor, initialAnswers, normaliseDates, prefill, shownAnswers, useForm, type Answers, type FormDocument } from '../api/forms.ts';
import { FormFields } from '../components/FormFields.tsx';
import { useProcedure } from '../api/catalog.ts';
import type { ConversionResult, DossierView, Procedure } from '../api/types.ts';
import { attach, createDossier, dossierUrl } from '../api/dossiers.ts';
import { GoldenLookup } from './GoldenLookup.tsx';
import { PostersLink } from './PostersLink.tsx';

function ProcedurePicker({ value, onPick, error }: { value: Procedure | null; onPick: (code: string | null) => void; error?: string }) {
  const [q, setQ] = useState('');
  const { data } = useApi('/api/v1/procedures', q.trim().length >= 2 ? { query: { q: q.trim(), page_size: 6 } } : null);
  if (value) {
    return (
      <p>
        <strong>{value.name}</strong> <span className="muted">({value.code})</span>{' '}
        <button type="button" className="linklike" onClick={() => onPick(null)}>
          {vi.form.change}
        </button>
      </p>
    );
  }
  return (
    <>
      <TextInput id="counter-procedure" label={vi.office.counterProcedure} hint={vi.office.counterProcedureHint} value={q} onChange={(e) => setQ(e.target.value)} error={error} autoComplete="off" className="w-20" />
      {data && data.items.length > 0 && (
        <ul className="result-list" aria-label={vi.office.counterMatches}>
          {data.items.map((p) => (
            <li key={p.code} style={{ padding: '.5rem 0' }}>
              <button type="button" className="linklike" onClick={() => onPick(p.code)}>
                {p.name}
              </button>{' '}
              <span className="muted small">
                {p.code} · {p.field}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface Person {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  /** the master-data golden record the applicant was filled from (GoldenLookup) */
  masterRecordId?: string;
}

export default function CounterPage() {
  const site = useSite();
  const [code, setCode] = useState<string | null>(null);
  const { data: procedure } = useProcedure(code ?? undefined);
  const { data: formDef } = useForm(code ?? undefined);
  const [typed, setTyped] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [person, setPerson] = useState<Person>({ fullName: '', idNumber: '', phone: '', address: '' });
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<DossierView | null>(null);
  const key = useRef(newIdempotencyKey());

  const toRow = (d: FormDocument) => ({ id: `doc-${d.key}`, key: d.key, name: d.name, kind: d.kind, required: d.required, hint: d.hint });
  // typed declaration: exactly the documents its answers call for; paper only: everyone's, then the cases
  const { docs, caseDocs } = useMemo(() => {
    if (!formDef) return { docs: [], caseDocs: [] };
    if (typed) return { docs: documentsFor(formDef, normaliseDates(formDef, answers), 'counter').map(toRow), caseDocs: [] };
    const g = documentsByCase(formDef, 'counter');
    return { docs: g.always.map(toRow), caseDocs: g.someCases.map(toRow) };
  }, [formDef, typed, answers]);
  const allDocs = [...docs, ...caseDocs];
  const person0 = { fullName: person.fullName.trim(), idNumber: person.idNumber.trim(), phone: person.phone.trim(), address: person.address.trim() };
  const answer = (k: string, v: string | boolean) => formDef && setAnswers((a) => prefill(formDef, person0, { ...a, [k]: v }, 'counter'));

  const reset = () => {
    setCode(null);
    setTyped(false);
    setAnswers({});
    setPerson({ fullName: '', idNumber: '', phone: '', address: '' });
    setChecked({});
    setFiles({});
    setErrors([]);
    setDone(null);
    key.current = newIdempotencyKey();
  };

  if (done) {
    return (
      <>
        <div className="panel">
          <PageHeading office title={vi.office.counterDone(done.code)}>
            {vi.office.counterReceived}
          </PageHeading>
          <p className="code mono">{done.code}</p>
          {done.dueAt && <p>{vi.office.counterDue(formatDateLong(done.dueAt))}</p>}
        </div>
        <div className="button-group">
          <a className="button" href={`${dossierUrl(done.code)}/papers/receipt.pdf`} target="_blank" rel="noopener">
            {vi.office.print(vi.papers.receipt!)}
          </a>
          <Link className="button secondary" to={`/can-bo/ho-so/${encodeURIComponent(done.code)}`}>
            {vi.office.openDossier}
          </Link>
          <button type="button" className="button secondary" onClick={reset}>
            {vi.office.counterNext}
          </button>
        </div>
      </>
    );
  }

  const submit = async () => {
    const errs: FormError[] = [];
    if (!procedure) errs.push({ field: 'counter-procedure', message: vi.office.counterProcedureRequired });
    if (!person.fullName.trim()) errs.push({ field: 'counter-name', message: vi.form.required(vi.apply.fullName) });
    if (person.idNumber.trim() && !/^\d{12}$/.test(person.idNumber.trim())) errs.push({ field: 'counter-id', message: vi.form.idNumberInvalid });
    if (person.phone.trim() && !/^(0|\+84)\d{9,10}$/.test(person.phone.trim().replace(/\s/g, ''))) errs.push({ field: 'counter-phone', message: vi.form.phoneInvalid });
    for (const d of allDocs) {
      const f = files[d.id];
      if (f && f.size > site.upload_max_bytes) errs.push({ field: d.id + '-file', message: vi.apply.tooBig(d.name) });
    }
    if (procedure && allDocs.length > 0 && !allDocs.some((d) => checked[d.id])) errs.push({ field: allDocs[0]!.id, message: vi.office.counterNoDocuments });
    setErrors(errs);
    if (errs.length || !procedure) return;
    setPending(true);
    try {
      const scanned = allDocs.filter((d) => checked[d.id] && files[d.id]);
      const created = await createDossier(
        {
          procedureCode: procedure.code,
          provinceCode: site.province.code,
          channel: 'counter',
          applicant: {
            fullName: person.fullName.trim(),
            ...(person.idNumber.trim() ? { idNumber: person.idNumber.trim() } : {}),
            ...(person.phone.trim() ? { phone: person.phone.trim().replace(/\s/g, '') } : {}),
            ...(person.address.trim() ? { address: person.address.trim() } : {}),
            ...(person.masterRecordId ? { masterRecordId: person.masterRecordId } : {}),
          },
          documents: allDocs.filter((d) => checked[d.id]).map((d) => ({ key: d.key, name: d.name.slice(0, 300), copies: 1, kind: d.kind })),
          ...(typed && formDef ? { answers: shownAnswers(formDef, normaliseDates(formDef, answers), 'counter'), formVersion: formDef.version } : {}),
          receive: true,
          digitised: scanned.length > 0,
        },
        key.current,
      );
      for (const d of scanned) await attach(created.code, d.name, files[d.id]!, { digitised: true });
      invalidate('/api/v1/dossiers');
      setDone(created);
    } catch (err) {
      const e = asApiError(err);
      setErrors(e.code === 'form-invalid' && typed ? answerErrors(e.errors) : [{ field: 'counter-name', message: e.detail ?? e.title }]);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} />
      <PageHeading office title={vi.office.counterTitle}>
        {vi.office.counterTitle}
      </PageHeading>
      <p className="lead">{vi.office.counterLead}</p>
      <PostersLink />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>1. {vi.office.counterProcedure}</h2>
        <ProcedurePicker value={procedure ?? null} onPick={setCode} error={errorFor(errors, 'counter-procedure')} />

        <h2>2. {vi.office.counterPerson}</h2>
        <div className="grid grid-half">
          <TextInput id="counter-name" label={vi.apply.fullName} autoComplete="off" value={person.fullName} onChange={(e) => setPerson({ ...person, fullName: e.target.value })} error={errorFor(errors, 'counter-name')} />
          <TextInput id="counter-id" label={vi.apply.idNumber} optional hint={vi.apply.idNumberHint} inputMode="numeric" maxLength={12} value={person.idNumber} onChange={(e) => setPerson({ ...person, idNumber: e.target.value.replace(/\D/g, '') })} error={errorFor(errors, 'counter-id')} className="w-10 mono" />
          <TextInput id="counter-phone" label={vi.apply.phone} optional type="tel" value={person.phone} onChange={(e) => setPerson({ ...person, phone: e.target.value })} error={errorFor(errors, 'counter-phone')} className="w-10" />
          <TextInput id="counter-address" label={vi.apply.address} optional value={person.address} onChange={(e) => setPerson({ ...person, address: e.target.value })} />
        </div>
        <GoldenLookup person={person} onUse={(g) => setPerson(g)} />
        <CounterAddress address={person.address} onUse={(address) => setPerson((p) => ({ ...p, address }))} />

        {formDef && formDef.sections.length > 0 && (
          <>
            <h2>{vi.forms.counterForm}</h2>
            <Checkbox id="counter-typed" label={vi.forms.counterFormOpen} hint={vi.forms.counterFormLead} checked={typed} onChange={(v) => { setTyped(v); if (v && !Object.keys(answers).length) setAnswers(initialAnswers(formDef, person0, 'counter')); }} />
            {typed && <FormFields form={formDef} answers={answers} onChange={answer} errors={errors} channel="counter" headingLevel={3} />}
          </>
        )}

        <h2>3. {vi.office.counterChecklist}</h2>
        {!procedure && <p className="muted">{vi.office.counterPickFirst}</p>}
        {procedure && formDef && allDocs.length === 0 && <p className="muted">{vi.office.noDocuments}</p>}
        {allDocs.length > 0 && (
          <>
            {/* only the documents that apply to everyone (or to the declared case): never a case not declared */}
            <button type="button" className="button secondary small" onClick={() => setChecked((s) => ({ ...s, ...Object.fromEntries(docs.filter((d) => d.required).map((d) => [d.id, true])) }))}>
              {vi.office.counterAll}
            </button>
            <DocumentChecklist legend={vi.office.counterChecklist} rows={docs} checked={checked} setChecked={setChecked} files={files} setFiles={setFiles} errors={errors} />
            {caseDocs.length > 0 && <DocumentChecklist legend={vi.forms.someCases} rows={caseDocs} checked={checked} setChecked={setChecked} files={files} setFiles={setFiles} errors={errors} visibleLegend />}
            <p>
              <Tag colour="grey">{vi.office.counterCheckedCount(allDocs.filter((d) => checked[d.id]).length, docs.length)}</Tag>
            </p>
          </>
        )}

        <h2>4. {vi.office.counterReceiveTitle}</h2>
        <button type="submit" className="button" disabled={pending}>
          {pending ? vi.form.sending : vi.office.counterReceive}
        </button>
      </form>
    </>
  );
}

/**
 * The applicant's old address converted like the portal does (same conversion, same plain-words answer);
 * "Dùng địa chỉ mới" puts the new address (or the chosen commune of a split one) in the address field.
 */
function CounterAddress({ address, onUse }: { address: string; onUse: (address: string) => void }) {
  const [result, setResult] = useState<ConversionResult | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!address.trim()) {
      setError(vi.convert.empty);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await ok(api.POST('/api/v1/units/convert', { body: { address: address.trim() } }));
      setResult(r);
      setChosen(null);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError && err.status === 422 ? (err.detail ?? vi.convert.unknown) : vi.convert.unknown);
    } finally {
      setBusy(false);
    }
  };
  const candidate = result?.candidates.find((c) => c.commune.code === chosen);
  const newAddress = result && candidate ? [result.street, candidate.commune.name, candidate.province.name].filter(Boolean).join(', ') : result?.normalized_address;
  return (
    <div className="counter-address">
      <button type="button" className="button secondary small" onClick={run} disabled={busy}>
        {busy ? vi.convert.converting : vi.office.counterConvert}
      </button>
      <div aria-live="polite">
        {error && <p className="error-message">{error}</p>}
        {result && (
          <>
            <ConversionAnswer result={result} headingLevel={3} onChoose={(c) => setChosen(c.commune.code)} chosen={chosen ?? undefined} />
            {result.status !== 'current' && result.status !== 'ambiguous' && newAddress && (
              <button type="button" className="button secondary small" onClick={() => onUse(newAddress)}>
                {vi.office.counterUseAddress(newAddress)}
              </button>
            )}
            {result.status === 'ambiguous' && candidate && newAddress && (
              <button type="button" className="button secondary small" onClick={() => onUse(newAddress)}>
                {vi.office.counterUseAddress(newAddress)}
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}

interface DocRow {
  id: string;
  name: string;
  kind: 'submit' | 'present';
  hint?: string;
}

/** Tick boxes for documents (with a scan for each); a document only shown says so. */
function DocumentChecklist({ legend, rows, checked, setChecked, files, setFiles, errors, visibleLegend }: {
  legend: string;
  rows: DocRow[];
  checked: Record<string, boolean>;
  setChecked: (f: (s: Record<string, boolean>) => Record<string, boolean>) => void;
  files: Record<string, File | null>;
  setFiles: (f: (s: Record<string, File | null>) => Record<string, File | null>) => void;
  errors: FormError[];
  visibleLegend?: boolean;
}) {
  return (
    <fieldset>
      <legend className={visibleLegend ? 'label' : 'visually-hidden'}>{legend}</legend>
      {rows.map((d) => (
        <div key={d.id} style={{ borderBottom: '1px solid var(--border)', paddingTop: '.5rem' }}>
          <Checkbox id={d.id} label={<>{d.name}{d.kind === 'present' && <span className="muted"> ({vi.forms.present})</span>}</>} hint={d.hint} checked={!!checked[d.id]} onChange={(v) => setChecked((s) => ({ ...s, [d.id]: v }))} error={errorFor(errors, d.id)} />
          <details className="details" style={{ margin: '0 0 .75rem 2.1rem' }}>
            <summary>{vi.office.counterScan}</summary>
            <div>
              <FileInput id={`${d.id}-file`} label={vi.apply.upload(d.name)} error={errorFor(errors, `${d.id}-file`)} onFile={(f) => setFiles((s) => ({ ...s, [d.id]: f }))} note={files[d.id] ? vi.apply.uploaded(files[d.id]!.name, formatBytes(files[d.id]!.size)) : undefined} />
            </div>
          </details>
        </div>
      ))}
    </fieldset>
  );
}
