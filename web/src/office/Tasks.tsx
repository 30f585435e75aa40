/**
 * The leaders' tasks in the back office: "Nhiệm vụ của tôi", "Nhiệm vụ tôi giao", a unit's tasks with
 * filters (and CSV/XLSX export of the same list), the import of a task list (preview, then confirm), and
 * the officials' notices.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { viTasks as t } from '../i18n/vi-work.ts';
import { PageHeading, Pagination, ProblemNotice, Tag } from '../components/ui.tsx';
import { DataTable, Loaded, SectionTabs } from '../components/lists.tsx';
import { FileInput, Select, TextInput } from '../components/forms.tsx';
import { ApiError, api, invalidate, ok, urlOf, useApi, type Answer, asApiError } from '../lib/api.ts';
import { formatDate } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';

const PAGE = 50;
type View = 'mine' | 'assigned' | 'unit';
type TaskItem = Answer<'/api/v1/tasks'>['items'][number];
const STATUS_COLOURS: Record<string, string> = { overdue: 'red', reported_done: 'yellow', approved: 'green', cancelled: 'grey', returned: 'yellow' };

export function TaskStatus({ task }: { task: Pick<TaskItem, 'status' | 'statusLabel'> }) {
  return <Tag colour={STATUS_COLOURS[task.status] ?? 'blue'}>{task.statusLabel}</Tag>;
}

export function TaskTabs() {
  return (
    <SectionTabs
      label={t.title}
      items={[
        { to: '/can-bo/nhiem-vu', label: t.mine, end: true },
        { to: '/can-bo/nhiem-vu/da-giao', label: t.assigned },
        { to: '/can-bo/nhiem-vu/don-vi', label: t.unit },
        { to: '/can-bo/nhiem-vu/nhap', label: t.import },
      ]}
    />
  );
}

export function TaskTable({ items, caption }: { items: TaskItem[]; caption: string }) {
  if (!items.length) return <p>{t.empty}</p>;
  return (
    <DataTable caption={caption} heads={[t.code, t.title, t.leadUnit, t.status, t.progress, t.dueAt]}>
      {items.map((x) => (
        <tr key={x.id} data-task={x.code}>
          <td data-label={t.code}>
            <Link to={`/can-bo/nhiem-vu/${x.id}`} className="mono">
              {x.code}
            </Link>
          </td>
          <td data-label={t.title}>
            {x.title}
            <span className="hint small">
              {x.priority !== 'normal' ? `${x.priorityLabel} · ` : ''}
              {x.issuingUnit.name}
            </span>
          </td>
          <td data-label={t.leadUnit}>{x.isGroup ? t.manyUnits : x.lead.unitName}</td>
          <td data-label={t.status}>
            <TaskStatus task={x} />
          </td>
          <td data-label={t.progress}>{x.progress}%</td>
          <td data-label={t.dueAt}>
            <span className="nowrap">{formatDate(x.dueAt)}</span> <span className="small muted nowrap">{t.daysLeft(x.workingDaysLeft)}</span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function TasksPage({ view }: { view: View }) {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const units = [...new Set((me?.grants ?? []).map((g) => g.unitCode).filter((u) => u && u !== '*'))];
  const filters = { unit: params.get('unit') ?? (view === 'unit' ? (me?.unitCode ?? units[0] ?? '') : ''), status: params.get('status') ?? '', overdue: params.get('overdue') ?? '', q: params.get('q') ?? '' };
  const [draft, setDraft] = useState(filters);
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query = { view, unit: view === 'unit' ? filters.unit || undefined : undefined, status: filters.status || undefined, overdue: filters.overdue === 'true' ? ('true' as const) : undefined, q: filters.q || undefined, page, page_size: PAGE };
  const tasks = useApi('/api/v1/tasks', { query }, { staleMs: 5_000 });
  const heading = view === 'mine' ? t.mine : view === 'assigned' ? t.assigned : t.unit;
  const exportQuery = { ...query, page: undefined, page_size: undefined };
  return (
    <>
      <PageHeading office title={heading}>
        {heading}
      </PageHeading>
      <TaskTabs />
      <Notices />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
        }}
      >
        <h2 className="visually-hidden">{t.filter}</h2>
        <div className="filters-row">
          {view === 'unit' && <TextInput id="f-unit" label={t.unitCode} value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value.trim() })} />}
          <Select
            id="f-status"
            label={t.status}
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            options={[
              { value: '', label: t.anyStatus },
              { value: 'assigned,accepted,in_progress,returned,overdue', label: 'Đang thực hiện' },
              { value: 'reported_done', label: 'Chờ duyệt hoàn thành' },
              { value: 'approved', label: 'Đã duyệt hoàn thành' },
              { value: 'cancelled', label: 'Đã hủy' },
            ]}
          />
          <Select id="f-overdue" label={t.overdueOnly} value={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.value })} options={[{ value: '', label: t.anyStatus }, { value: 'true', label: 'Quá hạn' }]} />
          <TextInput id="f-q" label={t.search} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </div>
        <div className="button-group">
          <button type="submit" className="button secondary small">
            {t.filter}
          </button>
          <a href={urlOf('/api/v1/task-exports/{format}', { path: { format: 'tasks.csv' }, query: exportQuery })} download>
            {t.exportCsv}
          </a>
          <a href={urlOf('/api/v1/task-exports/{format}', { path: { format: 'tasks.xlsx' }, query: exportQuery })} download>
            {t.exportXlsx}
          </a>
        </div>
      </form>
      <Loaded query={tasks}>
        {(data) => (
          <>
            <p role="status">{t.count(data.total)}</p>
            <TaskTable items={data.items} caption={heading} />
            <Pagination page={page} pages={Math.ceil(data.total / PAGE)} onPage={(p) => setParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), page: String(p) })} />
          </>
        )}
      </Loaded>
    </>
  );
}

export function Notices() {
  const { data, reload } = useApi('/api/v1/task-notices', { query: { unread: 'true' } }, { staleMs: 10_000, pollMs: 60_000 });
  if (!data || !data.items.length) return null;
  return (
    <section className="notice" aria-labelledby="notices-h">
      <h2 id="notices-h">
        {t.notices} ({t.unread(data.unread)})
      </h2>
      <ul>
        {data.items.slice(0, 8).map((n) => (
          <li key={n.id}>
            {n.link ? <Link to={n.link}>{n.text}</Link> : n.text} <span className="small muted">{formatDate(n.at)}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button secondary small"
        onClick={async () => {
          await ok(api.POST('/api/v1/task-notices/read', { body: { ids: 'all' } }));
          invalidate('/api/v1/task-notices');
          reload();
        }}
      >
        {t.markAllRead}
      </button>
    </section>
  );
}

type Preview = Answer<'/api/v1/task-imports', 'post'>;

export function TaskImportPage() {
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [unit, setUnit] = useState(me?.unitCode ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Answer<'/api/v1/task-imports/{id}/confirm', 'post'> | null>(null);
  return (
    <>
      <PageHeading office title={t.import}>
        {t.import}
      </PageHeading>
      <TaskTabs />
      <p>{t.importLead}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          setBusy(true);
          setError(null);
          setDone(null);
          setPreview(null); // a file refused must not leave the previous file's preview to confirm
          try {
            const form = new FormData();
            form.set('issuingUnit', unit);
            form.set('file', file);
            setPreview(await ok(api.POST('/api/v1/task-imports', { body: form as never })));
          } catch (err) {
            setError(asApiError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput id="import-unit" label={t.issuingUnit} value={unit} onChange={(e) => setUnit(e.target.value.trim())} />
        <FileInput id="import-file" label={t.importFile} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onFile={setFile} />
        <button type="submit" className="button" disabled={!file || busy}>
          {t.preview}
        </button>
      </form>
      {error && <ProblemNotice error={error} />}
      {preview && !done && (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t.previewTitle(preview.tasks.length)}</h2>
          {preview.errors.length > 0 && (
            <div className="notice warn" role="alert">
              <p>{t.rowErrors(preview.errors.length)}</p>
              <RowTable rows={preview.errors} caption={t.rowErrors(preview.errors.length)} />
            </div>
          )}
          {preview.warnings.length > 0 && (
            <div className="notice">
              <h3>{t.warnings}</h3>
              <RowTable rows={preview.warnings} caption={t.warnings} />
            </div>
          )}
          <DataTable caption={t.previewTitle(preview.tasks.length)} heads={[t.row, t.title, t.leadUnit, t.dueAt]}>
            {preview.tasks.map((x) => (
              <tr key={x.row}>
                <td data-label={t.row}>{x.row}</td>
                <td data-label={t.title}>{x.title}</td>
                <td data-label={t.leadUnit}>{x.leadUnits.join(', ')}</td>
                <td data-label={t.dueAt}>{formatDate(x.deadline)}</td>
              </tr>
            ))}
          </DataTable>
          {preview.batchId && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  setDone(await ok(api.POST('/api/v1/task-imports/{id}/confirm', { params: { path: { id: preview.batchId! } } })));
                  invalidate('/api/v1/task');
                } catch (err) {
                  setError(asApiError(err));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t.confirm}
            </button>
          )}
        </section>
      )}
      {done && (
        <section className="notice success" role="status">
          <h2>{t.imported(done.created)}</h2>
          <TaskTable items={done.tasks} caption={t.imported(done.created)} />
        </section>
      )}
    </>
  );
}

function RowTable({ rows, caption }: { rows: { row: number; column: string | null; message: string }[]; caption: string }) {
  return (
    <DataTable caption={caption} heads={[t.row, t.column, t.message]} wrap={false}>
      {rows.map((e, i) => (
        <tr key={i}>
          <td data-label={t.row}>{e.row}</td>
          <td data-label={t.column}>{e.column ? (t.importColumns[e.column] ?? e.column) : '—'}</td>
          <td data-label={t.message}>{e.message}</td>
        </tr>
      ))}
    </DataTable>
  );
}
