import { problems } from '../../../platform/errors.ts';
import type { FormChannel, FormOperations } from '../../forms/index.ts';
import type { DocumentEntry, Dossier, FilledForm } from '../domain/model.ts';
import { CHANNEL_INFO, type Channel } from '../domain/states.ts';

/**
 * The dossier's form (module forms) at submission: the answers are validated against the version filled
 * (422 `form-invalid`, one Vietnamese message per field), only the answers to questions that apply are
 * kept, and a citizen submitting online lists every document the answers call for. An official or an
 * integration that sends no answers records a paper declaration (form null). Reads happen before the
 * submission's transaction opens.
 */

export function formChannel(c: Channel): FormChannel {
  return CHANNEL_INFO[c].online ? 'online' : c === 'post' ? 'post' : 'counter';
}

export interface FormSubmission {
  procedureCode: string;
  answers?: Record<string, string | boolean>;
  formVersion?: number;
  documents: DocumentEntry[];
  draft: boolean;
}

export async function fillForm(forms: FormOperations, s: FormSubmission, o: { channel: Channel; citizen: boolean }): Promise<{ form: FilledForm | null; documents: DocumentEntry[] }> {
  if (s.answers === undefined && !o.citizen) return { form: null, documents: s.documents };
  const channel = formChannel(o.channel);
  const r = await forms.validateSubmission({ procedureCode: s.procedureCode, answers: s.answers ?? {}, channel, version: s.formVersion, mode: s.draft ? 'draft' : 'submit' });
  const byKey = new Map(r.documents.map((d) => [d.key, d]));
  const documents = s.documents.map((d) => {
    const rule = d.key ? byKey.get(d.key) : undefined;
    return rule ? { ...d, kind: rule.kind } : d;
  });
  if (o.citizen && !s.draft && r.version > 0) {
    const listed = new Set(documents.flatMap((d) => [d.key, d.name]));
    const missing = r.documents.filter((d) => d.required && d.kind === 'submit' && !listed.has(d.key) && !listed.has(d.name));
    if (missing.length)
      throw problems.unprocessable('documents-missing', `Hồ sơ còn thiếu ${missing.length} giấy tờ phải nộp.`, {
        errors: missing.map((d) => ({ path: `documents.${d.key}`, message: `Tải lên ${d.name.charAt(0).toLocaleLowerCase('vi')}${d.name.slice(1)}` })),
      });
  }
  return { form: { version: r.version, answers: r.answers }, documents };
}

/** A draft is submitted only with complete answers (the version it was started with). */
export async function checkDraftForm(forms: FormOperations, d: Dossier): Promise<void> {
  if (!d.form) return;
  await forms.validateSubmission({ procedureCode: d.procedureCode, answers: d.form.answers, channel: formChannel(d.channel), version: d.form.version });
}
