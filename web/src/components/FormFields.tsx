/**
 * A procedure's form drawn from its layout (the sections and fields the platform publishes): each field
 * with the GOV.UK component of its type — dates as three inputs, choices as radios or a select, ticks
 * as checkboxes — its hint and its error beside it. Questions appear and disappear as the answers
 * change their conditions. Used by the citizen's application and by the counter.
 */
import { vi } from '../i18n/vi.ts';
import { dateParts, fieldId, visibleSections, type Answers, type FormChannel, type FormField, type FormView } from '../api/forms.ts';
import { Checkbox, DateInput, Radios, Select, TextInput, Textarea, errorFor, type FormError } from './forms.tsx';

const WIDTH: Record<string, string> = { '2': 'w-2', '4': 'w-4', '10': 'w-10', '20': 'w-20' };

function Field({ f, value, onChange, error }: { f: FormField; value: string | boolean | undefined; onChange: (v: string | boolean) => void; error?: string }) {
  const id = fieldId(f.key);
  const optional = !f.required;
  const cls = f.width ? WIDTH[f.width] : undefined;
  const text = typeof value === 'string' ? value : '';
  switch (f.type) {
    case 'textarea':
      return <Textarea id={id} label={f.label} hint={f.hint} optional={optional} rows={3} value={text} maxLength={f.maxLength} onChange={(e) => onChange(e.target.value)} error={error} />;
    case 'date':
      return <DateInput id={id} legend={<>{f.label} {optional && <span className="muted">{vi.form.optional}</span>}</>} hint={f.hint ?? vi.forms.dateHint} value={dateParts(value)} error={error} onChange={(p) => onChange(`${p.year}-${p.month}-${p.day}`)} />;
    case 'radio':
      return <Radios id={id} legend={f.label} hint={f.hint} value={text} onChange={onChange} error={error} options={f.options ?? []} inline={(f.options ?? []).length <= 2 && (f.options ?? []).every((o) => o.label.length < 12)} />;
    case 'select':
      return <Select id={id} label={f.label} hint={f.hint} value={text} onChange={(e) => onChange(e.target.value)} error={error} options={[{ value: '', label: vi.forms.choose }, ...(f.options ?? [])]} />;
    case 'checkbox':
      return <Checkbox id={id} label={f.label} hint={f.hint} checked={value === true} onChange={onChange} error={error} />;
    default: {
      const numeric = f.type === 'idNumber' || f.type === 'year' || f.type === 'number';
      return (
        <TextInput
          id={id}
          label={f.label}
          hint={f.hint}
          optional={optional}
          type={f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text'}
          inputMode={numeric ? (f.type === 'number' ? 'decimal' : 'numeric') : undefined}
          maxLength={f.type === 'idNumber' ? 12 : f.type === 'year' ? 4 : f.maxLength}
          spellCheck={f.type === 'email' ? false : undefined}
          className={`${cls ?? ''}${f.type === 'idNumber' ? ' mono' : ''}`}
          value={text}
          onChange={(e) => onChange(f.type === 'idNumber' ? e.target.value.replace(/\D/g, '') : e.target.value)}
          error={error}
        />
      );
    }
  }
}

export function FormFields({ form, answers, onChange, errors, channel, headingLevel = 2 }: { form: Pick<FormView, 'sections'>; answers: Answers; onChange: (key: string, v: string | boolean) => void; errors: FormError[]; channel: FormChannel; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {visibleSections(form, answers, channel).map((s) =>
        s.fields.length ? (
          <section key={s.key} aria-labelledby={`s-${s.key}`}>
            <H id={`s-${s.key}`}>{s.title}</H>
            {s.description && <p className="hint">{s.description}</p>}
            {s.fields.map((f) => (
              <Field key={f.key} f={f} value={answers[f.key]} onChange={(v) => onChange(f.key, v)} error={errorFor(errors, fieldId(f.key))} />
            ))}
          </section>
        ) : null,
      )}
    </>
  );
}
