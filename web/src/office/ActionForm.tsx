import { useState } from 'react';
import { vi, label } from '../i18n/vi.ts';
import { Checkbox, DateInput, ErrorSummary, Radios, Select, TextInput, Textarea, errorFor, type FormError } from '../components/forms.tsx';
import { ApiError, useApi, asApiError } from '../lib/api.ts';
import { parseDateParts, type DateParts } from '../lib/format.ts';
import type { DossierView } from '../api/types.ts';
import { act } from '../api/dossiers.ts';
import { ACTION_FIELDS, DANGEROUS, actionBody, type ActionField, type OfficeAction } from './actions.ts';

/** The officials of a unit (only for those who may list them: the others type a username). */
export function useOfficials(unit: string) {
  const { data, error } = useApi('/api/v1/identity/officials', unit ? { query: { unitCode: unit } } : null, { staleMs: 60_000 });
  return { list: data?.items, error };
}

function OfficialField({ id, unit, value, onChange, error, text }: { id: string; unit: string; value: string; onChange: (v: string) => void; error?: string; text: string }) {
  const { list, error: loadError } = useOfficials(unit);
  if (!list || loadError) return <TextInput id={id} label={text} hint={vi.office.assigneeHint} value={value} onChange={(e) => onChange(e.target.value)} error={error} className="w-20" />;
  return <Select id={id} label={text} value={value} onChange={(e) => onChange(e.target.value)} error={error} options={[{ value: '', label: vi.office.choose }, ...list.map((o) => ({ value: o.username, label: o.displayName }))]} />;
}

/**
 * The form of one workflow action, generated from ACTION_FIELDS. Sends If-Match with the dossier's
 * ETag: when someone else acted in between, the platform answers 409/412 and the page reloads.
 */
export function ActionForm({ action, dossier, etag, onCancel, onDone, onConflict }: { action: OfficeAction; dossier: DossierView; etag: string | null; onCancel: () => void; onDone: (d: DossierView) => void; onConflict: () => void }) {
  const fields: readonly ActionField[] = ACTION_FIELDS[action];
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [dates, setDates] = useState<Record<string, DateParts>>({});
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  const set = (name: string, v: string | boolean) => setValues((s) => ({ ...s, [name]: v }));
  const title = label(vi.actions, action);

  const submit = async () => {
    const all = { ...values };
    const dateErrors: FormError[] = [];
    for (const f of fields) {
      if (f.kind !== 'date') continue;
      const parsed = parseDateParts(dates[f.name] ?? { day: '', month: '', year: '' });
      if (parsed.ok) all[f.name] = parsed.value;
      else if (f.required || parsed.reason !== 'missing') dateErrors.push({ field: `action-${f.name}`, message: parsed.reason === 'missing' ? vi.form.dateMissing(f.label) : parsed.reason === 'incomplete' ? vi.form.dateIncomplete(f.label) : vi.form.dateInvalid(f.label) });
    }
    const { body, errors: errs } = actionBody(action, all);
    const allErrors = [...dateErrors, ...errs.filter((e) => !dateErrors.some((d) => d.field === e.field))];
    setErrors(allErrors);
    if (allErrors.length) return;
    setPending(true);
    try {
      onDone(await act(dossier.code, action, body, etag ?? `"${dossier.version}"`));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
        onConflict();
        return;
      }
      const e = asApiError(err);
      const fieldErrors = e.errors.map((fe) => ({ field: `action-${fe.path.split('.').pop()}`, message: fe.message }));
      setErrors(fieldErrors.length ? fieldErrors : [{ field: `action-${fields[0]?.name ?? 'note'}`, message: e.detail ?? e.title }]);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="notice"
      noValidate
      aria-labelledby="action-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <ErrorSummary errors={errors} />
      <h3 id="action-title" style={{ marginTop: 0 }}>
        {title}
      </h3>
      {fields.map((f) => {
        const id = `action-${f.name}`;
        const err = errorFor(errors, id);
        const text = f.required ? f.label : `${f.label} ${vi.form.optional}`;
        switch (f.kind) {
          case 'textarea':
            return <Textarea key={id} id={id} label={text} hint={f.hint} error={err} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} />;
          case 'lines':
            return <Textarea key={id} id={id} label={text} hint={f.hint} error={err} rows={5} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} />;
          case 'text':
            return <TextInput key={id} id={id} label={text} hint={f.hint} error={err} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} className="w-20" />;
          case 'number':
            return <TextInput key={id} id={id} label={text} hint={f.hint} error={err} inputMode="numeric" value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} className="w-10" />;
          case 'radios':
            return <Radios key={id} id={id} legend={text} error={err} options={f.options.map((o) => ({ value: String(o.value), label: o.label }))} value={String(values[f.name] ?? '')} onChange={(v) => set(f.name, v)} inline />;
          case 'checkbox':
            return <Checkbox key={id} id={id} label={f.label} checked={values[f.name] === undefined ? f.default : !!values[f.name]} onChange={(v) => set(f.name, v)} />;
          case 'date':
            return <DateInput key={id} id={id} legend={text} hint={f.hint} error={err} value={dates[f.name] ?? { day: '', month: '', year: '' }} onChange={(v) => setDates((s) => ({ ...s, [f.name]: v }))} />;
          case 'official':
            return <OfficialField key={id} id={id} unit={dossier.currentUnit} text={text} error={err} value={String(values[f.name] ?? '')} onChange={(v) => set(f.name, v)} />;
        }
      })}
      <div className="button-group">
        <button type="submit" className={`button${DANGEROUS.has(action) ? ' warning' : ''}`} disabled={pending}>
          {pending ? vi.form.sending : `${vi.office.confirm}: ${title}`}
        </button>
        <button type="button" className="button secondary" onClick={onCancel} disabled={pending}>
          {vi.form.cancel}
        </button>
      </div>
    </form>
  );
}
