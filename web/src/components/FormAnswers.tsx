/**
 * The answers a dossier's form was filled with, section by section, labelled by the version of the form
 * the applicant filled (GET /api/v1/procedures/{code}/form?version=n).
 */
import { useApi } from '../lib/api.ts';
import { vi } from '../i18n/vi.ts';
import { answerText, visibleSections } from '../api/forms.ts';
import type { DossierView } from '../api/types.ts';
import { SummaryList } from './ui.tsx';

export function FormAnswers({ dossier, headingLevel = 2 }: { dossier: Pick<DossierView, 'procedure' | 'form' | 'channel'>; headingLevel?: 2 | 3 }) {
  const f = dossier.form;
  const { data: form } = useApi('/api/v1/procedures/{code}/form', f && f.version > 0 ? { path: { code: dossier.procedure.code }, query: { version: f.version } } : null, { staleMs: 3_600_000 });
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  if (!f || f.version === 0) return null;
  return (
    <section aria-labelledby="form-answers-title">
      <H id="form-answers-title">{vi.forms.answers}</H>
      <p className="muted small">{vi.forms.formVersion(f.version)}</p>
      {form &&
        visibleSections(form, f.answers).map((s) =>
          s.fields.some((x) => f.answers[x.key] !== undefined) ? (
            <div key={s.key}>
              <Sub>{s.title}</Sub>
              <SummaryList rows={s.fields.filter((x) => f.answers[x.key] !== undefined).map((x) => [x.label, answerText(x, f.answers[x.key])] as [string, string])} />
            </div>
          ) : null,
        )}
    </section>
  );
}
