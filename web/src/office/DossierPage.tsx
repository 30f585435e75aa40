import { useState } from 'react';
import { useParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { NationalLink } from './Integration.tsx';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, StateTag, SummaryList, Tag, Timeline } from '../components/ui.tsx';
import { api, invalidate, ok, useApi, problemText } from '../lib/api.ts';
import { Textarea } from '../components/forms.tsx';
import { hasRole, useSession } from '../lib/session.tsx';
import { formatDateTime, formatMoney, formatBytes } from '../lib/format.ts';
import type { DossierView } from '../api/types.ts';
import { dossierUrl, useAttachments, useDossier, useTimeline } from '../api/dossiers.ts';
import { ActionForm } from './ActionForm.tsx';
import { FormTeam } from './FormTeam.tsx';
import { timelineItems } from '../api/timeline.ts';
import { DANGEROUS, officeActions, type OfficeAction } from './actions.ts';
import { Remaining } from './Inbox.tsx';
import { UnitName } from './units.tsx';
import { FormAnswers } from '../components/FormAnswers.tsx';

/** The papers of Thông tư 03/2025 that exist for the dossier in its current state. */
export function papersFor(d: DossierView): string[] {
  const out: string[] = [];
  if (d.receivedAt) out.push('receipt');
  if (d.supplement) out.push('supplement-request');
  if (d.status === 'refused_at_reception' || d.status === 'refused') out.push('refusal');
  if (d.apology) out.push('apology');
  if (d.receivedAt) out.push('control-sheet');
  if (d.result.signedAt) out.push('result');
  if (d.fee.paid && d.fee.amount > 0) out.push('fee-receipt');
  return out;
}

/** What the applicant was told, and whether it went out (officials who may read notifications). */
function Notifications({ code }: { code: string }) {
  const { data, error } = useApi('/api/v1/notifications', { query: { dossier: code } }, { staleMs: 10_000 });
  if (error || !data || data.items.length === 0) return null;
  return (
    <>
      <h2>{vi.office.notifications}</h2>
      <ul>
        {data.items.map((m) => (
          <li key={m.id}>
            {label(vi.office.notificationTemplates, m.template)} — {label(vi.office.channelNames, m.channel)} <span className="mono">{m.recipient}</span>{' '}
            <span className="muted small">
              ({label(vi.office.notificationStatus, m.status)}, {formatDateTime(m.sentAt ?? m.createdAt)})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

interface Viewed {
  id: string;
  name: string;
  contentType: string;
}

/** Files the browser shows inline: PDF in a frame, images as images (others are downloaded). */
function viewable(contentType: string): boolean {
  return contentType === 'application/pdf' || contentType === 'image/png' || contentType === 'image/jpeg';
}

/**
 * An attached document shown beside the dossier: a PDF in a frame (the platform serves it inline with a
 * policy that lets only this site frame it), an image as an image. The link below opens it in full.
 */
function DocumentViewer({ code, file, onClose }: { code: string; file: Viewed; onClose: () => void }) {
  const src = `${dossierUrl(code)}/attachments/${encodeURIComponent(file.id)}?inline=1`;
  return (
    <section className="viewer" aria-labelledby="viewer-title">
      <h2 id="viewer-title" style={{ marginTop: 0 }}>
        {file.name}
      </h2>
      {file.contentType === 'application/pdf' ? <iframe src={src} title={vi.office.viewerFrame(file.name)} className="viewer-frame" /> : <img src={src} alt={vi.office.viewerImage(file.name)} className="viewer-image" />}
      <p className="small">
        <a href={src} target="_blank" rel="noopener">
          {vi.office.viewerFull}
        </a>{' '}
        ·{' '}
        <button type="button" className="linklike" onClick={onClose}>
          {vi.office.viewerClose}
        </button>
      </p>
    </section>
  );
}

/** Internal comments between officials: never shown to the applicant (the platform refuses them anyway). */
function Comments({ code }: { code: string }) {
  const { data, error, reload } = useApi('/api/v1/dossiers/{code}/comments', { path: { code } }, { staleMs: 10_000 });
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const t = vi.office.comments;
  const send = async () => {
    if (!text.trim()) {
      setProblem(t.empty);
      return;
    }
    setPending(true);
    setProblem(undefined);
    try {
      await ok(api.POST('/api/v1/dossiers/{code}/comments', { params: { path: { code } }, body: { body: text.trim() } }));
      setText('');
      invalidate(`/api/v1/dossiers/${encodeURIComponent(code)}/comments`);
      reload();
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setPending(false);
    }
  };
  if (error?.status === 403) return null;
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{t.title}</h2>
      <p className="small muted">{t.lead}</p>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="muted">{t.none}</p>}
      {data && data.length > 0 && (
        <ol className="comments">
          {data.map((c) => (
            <li key={c.id}>
              <p className="small muted" style={{ margin: 0 }}>
                {c.author.name}
                {c.author.unit && (
                  <>
                    {' '}
                    (<UnitName code={c.author.unit} />)
                  </>
                )}{' '}
                · {formatDateTime(c.at)}
              </p>
              <p className="message-text" style={{ margin: '0 0 .75rem' }}>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Textarea id="comment-body" label={t.label} rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} error={problem} />
        <button type="submit" className="button secondary small" disabled={pending}>
          {pending ? vi.form.sending : t.send}
        </button>
      </form>
    </section>
  );
}

export default function DossierPage() {
  const { code = '' } = useParams();
  const { data: d, etag, error, loading, reload } = useDossier(code);
  const timeline = useTimeline(code);
  const attachments = useAttachments(code);
  const [open, setOpen] = useState<OfficeAction | null>(null);
  const [flash, setFlash] = useState<{ kind: 'success' | 'warn'; text: string } | null>(null);
  // After an action, the buttons wait for the dossier's new version: never a stale choice.
  const [awaitVersion, setAwaitVersion] = useState(0);
  const [viewing, setViewing] = useState<Viewed | null>(null);
  const { me } = useSession();

  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!d) return loading ? <Loading /> : null;

  // exactly what the platform allows this official now, in the usual order
  const actions = officeActions(d.availableActions);
  const refresh = () => {
    invalidate('/api/v1/dossiers');
    reload();
    timeline.reload();
  };
  const receiver = timeline.data?.find((e) => e.action === 'receive')?.actor.name;
  const papers = papersFor(d);

  return (
    <>
      <Breadcrumbs items={[{ to: '/can-bo', label: vi.office.inbox }, { label: d.code }]} />
      <PageHeading office title={`${vi.office.dossier} ${d.code}`}>
        {d.procedure.name}
      </PageHeading>
      <p>
        <span className="mono">{d.code}</span> · <StateTag state={d.status} label={d.statusLabel} />
        {d.overdue && (
          <>
            {' '}
            <Tag colour="red">{vi.office.counts.overdue}</Tag>
          </>
        )}
      </p>
      <div aria-live="polite">
        {flash && (
          <div className={`notice ${flash.kind}`} role={flash.kind === 'warn' ? 'alert' : 'status'}>
            <p style={{ margin: 0 }}>{flash.text}</p>
          </div>
        )}
      </div>
      {d.clock.pausedAt && (
        <p className="inset">
          {vi.office.paused(formatDateTime(d.clock.pausedAt))}
        </p>
      )}
      <div className="grid grid-2">
        <div>
          <section aria-labelledby="actions-title">
            <h2 id="actions-title" style={{ marginTop: 0 }}>
              {vi.office.actions}
            </h2>
            {/* the rule concerns the leader who approves: shown to leaders only */}
            {receiver && d.step.role === 'leader' && hasRole(me, 'leader') && <p className="inset small">{vi.office.separationNote(receiver)}</p>}
            {actions.length === 0 && <p>{vi.office.noActions}</p>}
            {open ? (
              <ActionForm
                key={open}
                action={open}
                dossier={d}
                etag={etag}
                onCancel={() => setOpen(null)}
                onConflict={() => {
                  setOpen(null);
                  setFlash({ kind: 'warn', text: vi.office.conflict });
                  refresh();
                }}
                onDone={(next) => {
                  setFlash({ kind: 'success', text: vi.office.done(label(vi.actions, open)) });
                  setAwaitVersion(next.version);
                  setOpen(null);
                  refresh();
                }}
              />
            ) : d.version < awaitVersion ? (
              <Loading />
            ) : (
              <div className="actions-list">
                {actions.map((a, i) => (
                  <button key={a} type="button" className={`button${DANGEROUS.has(a) ? ' warning' : i === 0 && a !== 'apologize' ? '' : ' secondary'}`} onClick={() => setOpen(a)}>
                    {label(vi.actions, a)}
                  </button>
                ))}
              </div>
            )}
          </section>

          {/* only while the supplement is still awaited: once the applicant supplied it, the block is history (timeline) */}
          {d.supplement && !d.supplement.suppliedAt && !d.supplement.acceptedAt && d.status === 'supplement_requested' && (
            <section className="notice warn" aria-labelledby="supp-title">
              <h2 id="supp-title" style={{ marginTop: 0 }}>
                {vi.office.supplementItems}
              </h2>
              <ul>
                {d.supplement.items.map((it) => (
                  <li key={it}>{it}</li>
                ))}
              </ul>
              <p className="small">{d.supplement.reason}</p>
            </section>
          )}

          {(d.appraisal || d.consultations.length > 0 || d.reason) && (
            <section aria-labelledby="opinions-title">
              <h2 id="opinions-title">{vi.office.opinions}</h2>
              {d.appraisal && (
                <div className="inset">
                  <strong>{vi.office.appraisal(d.appraisal.opinion)}</strong>
                  <p className="small muted" style={{ margin: 0 }}>{formatDateTime(d.appraisal.at)}</p>
                  <p style={{ margin: 0 }}>{d.appraisal.note}</p>
                </div>
              )}
              {d.consultations.map((c) => (
                <div className="inset" key={c.id}>
                  <strong>
                    {vi.office.consultation(c.unitCode)}: {c.question}
                  </strong>
                  <p style={{ margin: 0 }}>{c.reply ? `${vi.office.consultationReply}: ${c.reply}` : vi.office.consultationWaiting(formatDateTime(c.deadline))}</p>
                </div>
              ))}
              {d.reason && (
                <p className="inset">
                  <strong>{vi.office.reason}:</strong> {d.reason}
                </p>
              )}
            </section>
          )}

          <h2>{vi.office.applicant}</h2>
          <SummaryList
            rows={[
              [vi.apply.fullName, d.applicant.fullName],
              ...(d.applicant.idNumber ? [[vi.apply.idNumber, <span className="mono">{d.applicant.idNumber}</span>] as [string, React.ReactNode]] : []),
              ...(d.applicant.organisation ? [[vi.office.organisation, d.applicant.organisation] as [string, string]] : []),
              ...(d.applicant.address ? [[vi.apply.address, d.applicant.address] as [string, string]] : []),
              ...(d.applicant.phone ? [[vi.apply.phone, d.applicant.phone] as [string, string]] : []),
              ...(d.applicant.email ? [[vi.apply.email, d.applicant.email] as [string, string]] : []),
              ...(d.request ? [[vi.office.request, d.request] as [string, string]] : []),
            ]}
          />

          <FormAnswers dossier={d} />

          <h2>{vi.office.documents}</h2>
          {d.documents.length === 0 && !attachments.data?.length && <p className="muted">{vi.office.noDocuments}</p>}
          {(d.documents.length > 0 || (attachments.data?.length ?? 0) > 0) && (
            <ul>
              {d.documents.map((doc) => {
                // a declared document with its file, when one was uploaded or scanned under the same name
                const file = attachments.data?.find((a) => a.name === doc.name);
                return (
                  <li key={doc.name}>
                    {file ? <a href={`${dossierUrl(d.code)}/attachments/${encodeURIComponent(file.id)}`}>{doc.name}</a> : doc.name}{' '}
                    {file && viewable(file.contentType) && (
                      <button type="button" className="linklike small" aria-pressed={viewing?.id === file.id} onClick={() => setViewing(viewing?.id === file.id ? null : file)}>
                        {viewing?.id === file.id ? vi.office.viewerClose : vi.office.viewerOpen}
                      </button>
                    )}{' '}
                    <span className="muted small">
                      ({doc.kind === 'present' ? `${vi.forms.present}, ` : ''}
                      {vi.office.copies(doc.copies)}
                      {file ? `; ${file.filename ?? file.contentType}, ${formatBytes(file.size)}${file.digitised ? `, ${vi.office.scanned}` : ''}` : ''})
                    </span>
                  </li>
                );
              })}
              {(attachments.data ?? [])
                .filter((a) => !d.documents.some((doc) => doc.name === a.name))
                .map((a) => (
                  <li key={a.id}>
                    <a href={`${dossierUrl(d.code)}/attachments/${encodeURIComponent(a.id)}`}>{a.name}</a>{' '}
                    {viewable(a.contentType) && (
                      <button type="button" className="linklike small" aria-pressed={viewing?.id === a.id} onClick={() => setViewing(viewing?.id === a.id ? null : a)}>
                        {viewing?.id === a.id ? vi.office.viewerClose : vi.office.viewerOpen}
                      </button>
                    )}{' '}
                    <span className="muted small">
                      ({a.filename ?? a.contentType}, {formatBytes(a.size)}
                      {a.digitised ? `, ${vi.office.scanned}` : ''})
                    </span>
                  </li>
                ))}
            </ul>
          )}

          <Comments code={d.code} />

          <h2>{vi.office.timeline}</h2>
          {timeline.data ? <Timeline items={timelineItems(timeline.data, { showActor: true })} /> : <Loading />}
          <Notifications code={d.code} />
        </div>

        <aside aria-label={vi.office.dossierFacts}>
          {viewing && <DocumentViewer code={d.code} file={viewing} onClose={() => setViewing(null)} />}
          <h2 style={{ marginTop: 0 }}>{vi.office.currentStep}</h2>
          <SummaryList
            rows={[
              [vi.office.step, d.step.name],
              [vi.office.stepRole, label(vi.office.roles, d.step.role)],
              [vi.office.unit, <UnitName code={d.currentUnit} />],
              ...(d.assignee ? [[vi.office.assignee, d.assignee] as [string, string]] : []),
              [vi.office.dueAt, <Remaining dueAt={d.apology?.newDueAt ?? d.dueAt} overdue={d.overdue} dueSoon={d.dueSoon} />],
              ...(d.receivedAt ? [[vi.office.receivedAt, formatDateTime(d.receivedAt)] as [string, string]] : []),
              ...(receiver ? [[vi.office.receivedBy, receiver] as [string, string]] : []),
              [vi.office.channel, label(vi.office.channels, d.channel)],
              ...(d.fee.amount > 0 ? [[vi.apply.fee, `${formatMoney(d.fee.amount)} — ${d.fee.paid ? vi.office.paid : vi.office.unpaid}`] as [string, string]] : []),
            ]}
          />
          <NationalLink code={d.code} hasIdNumber={!!d.applicant.idNumber} />
          {/* a case team across units for a hard dossier (module tasks); it dissolves when the dossier closes */}
          {hasRole(me, 'leader') && !['returned', 'withdrawn', 'stopped', 'refused_at_reception'].includes(d.status) && <FormTeam caseKind="dossier" caseRef={d.code} defaultName={`Tổ công tác hồ sơ ${d.code}`} />}
          {(d.status === 'appraised' || d.status === 'approved') && (d.availableActions.includes('approve') || d.availableActions.includes('sign')) && (
            <p>
              <a href={`${dossierUrl(d.code)}/papers/result-preview.pdf`} target="_blank" rel="noopener">
                {vi.forms.preview}
              </a>
              <br />
              <span className="muted small">{vi.forms.previewLead}</span>
            </p>
          )}
          {papers.length > 0 && (
            <>
              <h2>{vi.office.papers}</h2>
              <ul>
                {papers.map((p) => (
                  <li key={p}>
                    <a href={`${dossierUrl(d.code)}/papers/${p}.pdf`} target="_blank" rel="noopener">
                      {vi.office.print(label(vi.papers, p))}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </div>
    </>
  );
}
