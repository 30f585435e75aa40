/**
 * Form components in the GOV.UK pattern: a label, an optional hint, the error message beside the
 * field (and its red bar), and an error summary at the top that links to each field and takes the
 * focus when it appears. Dates are three inputs (day, month, year), never type=date.
 */
import { useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { vi } from '../i18n/vi.ts';
import type { DateParts } from '../lib/format.ts';

export interface FormError {
  /** id of the field the summary links to */
  field: string;
  message: string;
}

export function ErrorSummary({ errors, title = vi.form.errorSummaryTitle }: { errors: FormError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.field + e.message).join('|');
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            <a
              href={`#${e.field}`}
              onClick={(ev) => {
                const el = document.getElementById(e.field);
                if (el) {
                  ev.preventDefault();
                  el.focus();
                  el.scrollIntoView({ block: 'center' });
                }
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Looks up the message for one field in a list of errors. */
export function errorFor(errors: FormError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

/** The message beside a field (GOV.UK pattern), read by screen readers with its "Lỗi:" prefix. */
function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Lỗi: </span>
      {error}
    </span>
  );
}

/** aria-describedby of a field: its hint and its error message, when present. */
function fieldDescribedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  return describedBy(hint ? `${id}-hint` : false, error ? `${id}-error` : false);
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  labelClass?: string;
}

export function TextInput({ id, label, hint, error, optional, labelClass, className, ...rest }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <label className={`label ${labelClass ?? ''}`} htmlFor={id}>
        {label} {optional && <span className="muted">{vi.form.optional}</span>}
      </label>
      {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      <ErrorMessage id={id} error={error} />
      <input
        id={id}
        name={id}
        className={`input ${className ?? ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        {...rest}
      />
    </div>
  );
}

export function Textarea({ id, label, hint, error, optional, ...rest }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label} {optional && <span className="muted">{vi.form.optional}</span>}
      </label>
      {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      <ErrorMessage id={id} error={error} />
      <textarea id={id} name={id} rows={4} className="textarea" aria-invalid={error ? true : undefined} aria-describedby={fieldDescribedBy(id, hint, error)} {...rest} />
    </div>
  );
}

export function Select({ id, label, hint, error, options, ...rest }: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
      <ErrorMessage id={id} error={error} />
      <select id={id} name={id} className="select" aria-invalid={error ? true : undefined} aria-describedby={fieldDescribedBy(id, hint, error)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Radios({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  inline,
  legendClass,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
  legendClass?: string;
}) {
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <fieldset aria-describedby={fieldDescribedBy(id, hint, error)}>
        <legend className={legendClass}>{legend}</legend>
        {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
        <ErrorMessage id={id} error={error} />
        <div className={`radios${inline ? ' inline' : ''}`}>
          {options.map((o, i) => (
            <div className="choice" key={o.value}>
              {/* the first radio carries the group's id, so the error summary can focus it */}
              <input type="radio" id={i === 0 ? id : `${id}-${o.value}`} name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
              <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>
                {o.label}
                {o.hint && <span className="hint small">{o.hint}</span>}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({ id, label, checked, onChange, error, hint }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void; error?: string; hint?: ReactNode }) {
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <ErrorMessage id={id} error={error} />
      <div className="choice">
        <input type="checkbox" id={id} name={id} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={fieldDescribedBy(id, hint, error)} />
        <label htmlFor={id}>
          {label}
          {hint && <span className="hint small" id={`${id}-hint`}>{hint}</span>}
        </label>
      </div>
    </div>
  );
}

/** Day, month and year as three inputs; the first input carries `id` for the error summary link. */
export function DateInput({ id, legend, hint, error, value, onChange }: { id: string; legend: ReactNode; hint?: ReactNode; error?: string; value: DateParts; onChange: (v: DateParts) => void }) {
  const part = (key: keyof DateParts, label: string, width: string, inputId: string, autoComplete: string) => (
    <div>
      <label className="label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        className={`input ${width}`}
        inputMode="numeric"
        autoComplete={autoComplete}
        maxLength={key === 'year' ? 4 : 2}
        value={value[key]}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange({ ...value, [key]: e.target.value.replace(/\D/g, '') })}
      />
    </div>
  );
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <fieldset role="group" aria-describedby={fieldDescribedBy(id, hint, error)}>
        <legend>{legend}</legend>
        {hint && <span className="hint" id={`${id}-hint`}>{hint}</span>}
        <ErrorMessage id={id} error={error} />
        <div className="date-input">
          {part('day', vi.form.day, 'w-2', id, 'bday-day')}
          {part('month', vi.form.month, 'w-2', `${id}-month`, 'bday-month')}
          {part('year', vi.form.year, 'w-4', `${id}-year`, 'bday-year')}
        </div>
      </fieldset>
    </div>
  );
}

export function FileInput({ id, label, hint, error, onFile, accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png', note }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; onFile: (f: File | null) => void; accept?: string; note?: ReactNode }) {
  const uid = useId();
  return (
    <div className={`form-group${error ? ' error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && <span className="hint" id={`${id}-hint-${uid}`}>{hint}</span>}
      <ErrorMessage id={id} error={error} />
      <input type="file" id={id} name={id} className="file" accept={accept} aria-invalid={error ? true : undefined} aria-describedby={describedBy(hint ? `${id}-hint-${uid}` : false, error ? `${id}-error` : false)} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      {note && <p className="small muted" aria-live="polite">{note}</p>}
    </div>
  );
}
