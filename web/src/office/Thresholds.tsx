/**
 * The alert thresholds of one unit on the leaders' dashboard: a leader of the unit (or the province
 * administrator) sets a limit per KPI and an optional e-mail address; crossing a limit raises an alert on the
 * dashboard and e-mails it (docs/analytics.md, "Operational KPIs and alerts"). Rates are typed as percentages.
 * Anyone who reads the dashboard sees the limits; the server refuses a change from someone who may not make it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { TextInput } from '../components/forms.tsx';
import { Loaded } from '../components/lists.tsx';
import { api, invalidate, ok, problemText, useApi } from '../lib/api.ts';

const t = {
  title: 'Ngưỡng cảnh báo',
  summary: (unit: string) => `Đặt ngưỡng cảnh báo cho ${unit}`,
  lead: 'Để trống một ô nếu không theo dõi chỉ tiêu đó. Vượt ngưỡng thì bảng điều hành báo ngay và gửi e-mail nếu có địa chỉ.',
  above: 'báo khi lớn hơn',
  below: 'báo khi nhỏ hơn',
  percent: '%',
  email: 'E-mail nhận cảnh báo',
  save: 'Lưu ngưỡng',
  saving: 'Đang lưu…',
  saved: 'Đã lưu ngưỡng cảnh báo.',
  notNumber: 'Nhập một số không âm',
  notPercent: 'Nhập một tỉ lệ từ 0 đến 100',
  badEmail: 'Địa chỉ e-mail không hợp lệ',
};

/** What the form holds for a KPI (text as typed) → the limit the API takes, or an error message. */
export function limitOf(text: string, rate: boolean): { limit: number | null; error?: string } {
  const v = text.trim().replace(',', '.');
  if (!v) return { limit: null };
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) return { limit: null, error: t.notNumber };
  if (rate) return x > 100 ? { limit: null, error: t.notPercent } : { limit: Math.round(x * 10) / 1000 };
  return { limit: x };
}

export function ThresholdsEditor({ unit, unitName }: { unit: string; unitName: string }) {
  const q = useApi('/api/v1/analytics/thresholds/{unitCode}', { path: { unitCode: unit } }, { staleMs: 5_000 });
  const [values, setValues] = useState<Record<string, string>>({});
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!q.data) return;
    const v: Record<string, string> = {};
    for (const th of q.data.thresholds) {
      const rate = q.data.watchable.find((w) => w.kpi === th.kpi)?.rate ?? false;
      v[th.kpi] = rate ? String(Math.round(th.limit * 1000) / 10) : String(th.limit);
    }
    setValues(v);
    setEmail(q.data.thresholds.find((th) => th.email)?.email ?? '');
  }, [q.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!q.data) return;
    const errs: Record<string, string> = {};
    const thresholds: { kpi: (typeof q.data.watchable)[number]['kpi']; limit: number; email: string | null }[] = [];
    const mail = email.trim();
    if (mail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail)) errs.email = t.badEmail;
    for (const w of q.data.watchable) {
      const r = limitOf(values[w.kpi] ?? '', w.rate);
      if (r.error) errs[w.kpi] = r.error;
      else if (r.limit !== null) thresholds.push({ kpi: w.kpi, limit: r.limit, email: mail || null });
    }
    setErrors(errs);
    setStatus(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await ok(api.PUT('/api/v1/analytics/thresholds/{unitCode}', { params: { path: { unitCode: unit } }, body: { thresholds } }));
      invalidate('/api/v1/analytics/');
      setStatus({ kind: 'ok', text: t.saved });
      q.reload();
    } catch (err) {
      setStatus({ kind: 'error', text: problemText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="thresholds">
      <summary>{t.summary(unitName)}</summary>
      <Loaded query={q}>
        {(data) => (
          <form onSubmit={save} noValidate aria-label={t.title}>
            <p className="small muted">{t.lead}</p>
            {data.watchable.map((w) => (
              <TextInput
                key={w.kpi}
                id={`nguong-${w.kpi}`}
                label={`${w.label} — ${w.bad === 'above' ? t.above : t.below}${w.rate ? ` (${t.percent})` : ''}`}
                inputMode="decimal"
                optional
                value={values[w.kpi] ?? ''}
                error={errors[w.kpi]}
                onChange={(e) => setValues({ ...values, [w.kpi]: e.currentTarget.value })}
              />
            ))}
            <TextInput id="nguong-email" label={t.email} type="email" optional value={email} error={errors.email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t.saving : t.save}
            </button>
            {status && (
              <p role="status" className={`notice ${status.kind === 'ok' ? 'success' : 'warn'}`}>
                {status.text}
              </p>
            )}
          </form>
        )}
      </Loaded>
    </details>
  );
}
