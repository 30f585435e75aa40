import { Link, useParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, SummaryList, Tag } from '../components/ui.tsx';
import { formatDateLong } from '../lib/format.ts';
import { useSite } from '../lib/site.ts';
import { feeText, mainOption, timeText, useDueToday, useProcedure, useWhereOffered } from '../api/catalog.ts';
import type { Procedure, RequiredDocument, WhereOffered } from '../api/types.ts';

type ProcessingTime = Procedure['channel_options'][number]['processing_time'];

/**
 * The time limit in plain words: a bare number on the national portal counts as working days (as the
 * dossier engine counts it) — said so, without the data note the catalogue carries for officials.
 */
export function plainTime(t: ProcessingTime | undefined): string {
  if (!t) return vi.procedure.timeUnknown;
  if (t.value != null && t.value > 0 && !t.unit) return vi.procedurePlain.workingDays(t.value);
  return timeText(t);
}
import { groupDocuments } from '../api/documents.ts';
import { RelatedProcedures } from '../components/RelatedProcedures.tsx';

function DocList({ docs }: { docs: RequiredDocument[] }) {
  return (
    <ul>
      {docs.map((d, i) => (
        <li key={i}>
          {d.name}
          {(d.originals || d.copies || d.template) && (
            <span className="muted small">
              {' '}
              — {[d.originals ? vi.procedure.originals(d.originals) : null, d.copies ? vi.procedure.copiesN(d.copies) : null, d.template ? `${vi.procedure.form}: ${d.template}` : null].filter(Boolean).join(', ')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function Documents({ p }: { p: Procedure }) {
  const g = groupDocuments(p);
  if (!p.documents.length) {
    return (
      <>
        <p>{vi.procedure.documentsNone}</p>
        {p.documents_raw && <p className="prose-raw inset">{p.documents_raw}</p>}
      </>
    );
  }
  return (
    <>
      {g.submit.length > 0 && (
        <>
          <h3>{vi.procedure.docsSubmit}</h3>
          <DocList docs={g.submit} />
        </>
      )}
      {g.present.length > 0 && (
        <>
          <h3>{vi.procedure.docsPresent}</h3>
          <DocList docs={g.present} />
        </>
      )}
      {g.other.length > 0 && (
        <>
          {(g.submit.length > 0 || g.present.length > 0) && <h3>{vi.procedure.docsOther}</h3>}
          <DocList docs={g.other} />
        </>
      )}
      {g.notes.length > 0 && (
        <details className="details">
          <summary>{vi.procedure.docsNotes(g.notes.length)}</summary>
          <div>
            <DocList docs={g.notes} />
          </div>
        </details>
      )}
      {p.documents_raw && (
        <details className="details">
          <summary>{vi.procedure.raw}</summary>
          <div>{p.documents_raw}</div>
        </details>
      )}
    </>
  );
}

function Where({ where, loading, province }: { where: WhereOffered | null; loading: boolean; province: string }) {
  if (loading && !where) return <p className="muted">{vi.app.loading}</p>;
  if (!where) return <p>{vi.procedure.whereNone}</p>;
  const o = where.offering;
  if (o.scope === 'all_communes') return <p>{vi.procedure.whereAll} ({province}).</p>;
  const units = where.units.length ? where.units : (o.agency_code ? [{ code: o.agency_code, name: null, kind: 'agency' as const }] : o.commune_codes.map((c) => ({ code: c, name: null, kind: 'commune' as const })));
  return (
    <ul>
      {units.slice(0, 30).map((u) => (
        <li key={u.code}>{u.name ?? u.code}</li>
      ))}
      {units.length > 30 && <li>… ({units.length})</li>}
    </ul>
  );
}

export function ProcedurePage() {
  const { code } = useParams();
  const site = useSite();
  const { data: p, error, reload } = useProcedure(code);
  const { where, loading: whereLoading } = useWhereOffered(site.province.code, code);
  const option = p ? mainOption(p) : undefined;
  const { due } = useDueToday(option?.processing_time);

  if (error) return <ProblemNotice error={error} onRetry={reload} />;
  if (!p) return <Loading />;

  const online = p.channels.includes('online') && where?.offering.online !== false;
  const fee = where?.effective_fee && where.effective_fee.source === 'override' ? where.effective_fee : null;
  const facts: [string, string][] = [
    [vi.procedurePlain.howLong, plainTime(option?.processing_time)],
    [vi.procedurePlain.howMuch, fee ? feeText(fee) : option ? feeText(option.fee) : vi.procedure.feeUnknown],
    [vi.procedurePlain.where, online ? vi.procedurePlain.whereOnline : vi.procedurePlain.whereCounter],
    ...(p.results.length ? [[vi.procedurePlain.youGet, p.results.map((r) => r.name).join('; ')] as [string, string]] : []),
  ];

  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { to: `/thu-tuc?field=${encodeURIComponent(p.field)}`, label: p.field }, { label: p.code }]} />
      <PageHeading title={p.name}>{p.name}</PageHeading>
      <p>
        {online ? <Tag colour="green">{vi.procedure.onlineYes}</Tag> : <Tag colour="grey">{vi.procedure.onlineNo}</Tag>}
      </p>
      <div className="grid grid-2">
        <div>
          <h2 className="visually-hidden">{vi.procedurePlain.keyFacts}</h2>
          <SummaryList rows={facts} />
          {due && (
            <div className="due" role="note">
              <strong>{vi.procedure.dueToday(formatDateLong(due))}</strong>
              <p className="small" style={{ margin: '.5rem 0 0' }}>
                {vi.procedure.dueNote}
              </p>
            </div>
          )}
          {online ? (
            <Link to={`/thu-tuc/${p.code}/nop`} className="button start">
              {vi.procedure.apply}
            </Link>
          ) : (
            <p className="inset">{vi.procedure.applyOffline}</p>
          )}

          <h2>{vi.procedure.documents}</h2>
          <Documents p={p} />

          <h2>{vi.procedurePlain.byChannel}</h2>
          <details className="details">
            <summary>{vi.procedurePlain.byChannelShow}</summary>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">{vi.procedure.channels}</caption>
              <thead>
                <tr>
                  <th scope="col">{vi.procedure.channels}</th>
                  <th scope="col">{vi.procedure.timeLimit}</th>
                  <th scope="col">{vi.procedure.fees}</th>
                </tr>
              </thead>
              <tbody>
                {p.channel_options.map((o, i) => (
                  <tr key={i}>
                    <td data-label={vi.procedure.channels}>
                      {label(vi.channels, o.channel)}
                      {o.description && <span className="hint small">{o.description}</span>}
                    </td>
                    <td data-label={vi.procedure.timeLimit}>{plainTime(o.processing_time)}</td>
                    <td data-label={vi.procedure.fees}>
                      {fee ? feeText(fee) : feeText(o.fee)}
                      {!fee && o.fee.description && <span className="hint small">{o.fee.description}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          </details>

          {p.steps.length > 0 && (
            <>
              <h2>{vi.procedurePlain.stepsTitle}</h2>
              <details className="details">
                <summary>{vi.procedure.stepsShow(p.steps.length)}</summary>
                <div>
                  <ol>
                    {p.steps.map((s, i) => (
                      <li key={i} className="prose-raw">
                        {s.text}
                      </li>
                    ))}
                  </ol>
                </div>
              </details>
            </>
          )}
          {p.legal_basis.length > 0 && (
            <>
              <h2>{vi.procedure.legalBasis}</h2>
              <details className="details">
                <summary>{vi.procedure.legalShow(p.legal_basis.length)}</summary>
                <div>
                  <ul>
                    {p.legal_basis.map((l, i) => (
                      <li key={i}>{l.title}</li>
                    ))}
                  </ul>
                </div>
              </details>
            </>
          )}
        </div>
        <aside aria-labelledby="where-title">
          <h2 id="where-title" style={{ marginTop: 0 }}>
            {vi.procedure.whereIn(site.province.name)}
          </h2>
          <Where where={where} loading={whereLoading} province={site.province.name} />
          <SummaryList
            rows={[
              [vi.procedure.code, p.code],
              [vi.procedure.field, p.field],
              [vi.procedure.level, p.levels.map((l) => label(vi.levels, l)).join(', ')],
              ...(p.agency ? [[vi.procedure.agency, p.agency] as [string, string]] : []),
              ...(p.applicant_types.length ? [[vi.procedure.applicants, p.applicant_types.map((a) => a.label).join(', ')] as [string, string]] : []),
            ]}
          />
          <p className="small muted">{vi.procedure.source}</p>
          <RelatedProcedures code={p.code} />
        </aside>
      </div>
    </>
  );
}
