/**
 * Integration in the back office (issue 10): for a province administrator, the client systems of other
 * agencies (register one — its secret is shown once —, revoke it) and their usage per day; on a dossier
 * page, its national id on the national portal with the status sync state, and the checks of the
 * applicant against the national population database.
 */
import { useState } from 'react';
import { DateInput, ErrorSummary, TextInput, errorFor, type FormError } from '../components/forms.tsx';
import { Loading, PageHeading, ProblemNotice, SummaryList, Tag } from '../components/ui.tsx';
import { ApiError, api, invalidate, ok, useApi, problemText } from '../lib/api.ts';
import { formatDateTime, groupThousands, parseDateParts, type DateParts } from '../lib/format.ts';
import { hasRole, useSession } from '../lib/session.tsx';

const t = {
  title: 'Hệ thống kết nối',
  lead: 'Hệ thống của các cơ quan khác lấy mã truy cập bằng mã hệ thống và khóa bí mật (OAuth 2.0 client credentials) tại',
  keys: 'Khóa công khai kiểm tra chữ ký mã truy cập:',
  clients: 'Các hệ thống đã đăng ký',
  none: 'Chưa có hệ thống kết nối nào.',
  id: 'Mã hệ thống',
  name: 'Tên hệ thống',
  agency: 'Cơ quan sở hữu',
  agencyHint: 'Người dân thấy tên này trong danh sách "Ai đã xem hồ sơ của tôi".',
  scopes: 'Phạm vi',
  scopesHint: 'Chọn các quyền hệ thống được dùng.',
  limits: 'Hạn mức',
  perMinute: (n: number) => `${groupThousands(n)} yêu cầu/phút`,
  perDay: (n: number) => `${groupThousands(n)} yêu cầu/ngày`,
  rate: 'Số yêu cầu tối đa mỗi phút',
  quota: 'Số yêu cầu tối đa mỗi ngày',
  state: 'Trạng thái',
  active: 'Đang hoạt động',
  revoked: 'Đã thu hồi',
  revoke: 'Thu hồi',
  register: 'Đăng ký hệ thống',
  newClient: 'Đăng ký hệ thống mới',
  secretOnce: 'Khóa bí mật của hệ thống (chỉ hiện một lần, hãy lưu ngay vào hệ thống kết nối):',
  usage: 'Lượng sử dụng 7 ngày gần nhất',
  day: 'Ngày',
  requests: 'Yêu cầu',
  refused: 'Bị từ chối (vượt hạn mức)',
  tokens: 'Mã đã cấp',
  noUsage: 'Chưa có yêu cầu nào.',
  idError: 'Nhập mã hệ thống gồm 3–63 ký tự a–z, 0–9, dấu chấm, gạch dưới hoặc gạch ngang',
  required: (what: string) => `Nhập ${what.toLowerCase()}`,
  national: 'Liên thông quốc gia',
  nationalId: 'Mã hồ sơ trên Cổng DVC quốc gia',
  byLocalCode: 'Hồ sơ của tỉnh: đồng bộ lên Cổng theo mã hồ sơ',
  sync: 'Đồng bộ trạng thái',
  confirmedAt: 'Cổng xác nhận đã có hồ sơ',
  syncStates: { synced: 'Đã đồng bộ', pending: 'Đang gửi', failing: 'Gửi lỗi, đang thử lại' } as Record<string, string>,
  attempts: (n: number) => `${n} lần thử`,
  syncedAt: 'Lần đồng bộ gần nhất',
  population: 'Đối chiếu CSDL quốc gia về dân cư',
  results: { match: 'Khớp', mismatch: 'Không khớp', not_found: 'Không tìm thấy', unavailable: 'Chưa đối chiếu được' } as Record<string, string>,
  stages: { submission: 'khi nộp', counter: 'tại quầy' } as Record<string, string>,
  fields: { fullName: 'họ tên', dateOfBirth: 'ngày sinh' } as Record<string, string>,
  checkTitle: 'Đối chiếu người nộp với CSDL quốc gia về dân cư',
  dob: 'Ngày sinh trên giấy tờ tuỳ thân',
  dobHint: 'Ví dụ: 21 6 1994',
  dobError: 'Nhập ngày sinh đúng (ngày, tháng, năm)',
  check: 'Đối chiếu',
};

/** At the counter: check the applicant's id number, name and date of birth against the population database. */
function CounterCheck({ code, onDone }: { code: string; onDone: () => void }) {
  const [dob, setDob] = useState<DateParts>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<FormError[]>([]);
  const [pending, setPending] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const parsed = parseDateParts(dob);
        if (!parsed.ok) {
          setErrors([{ field: 'population-dob', message: t.dobError }]);
          return;
        }
        setErrors([]);
        setPending(true);
        try {
          await ok(api.POST('/api/v1/integration/dossiers/{code}/population-checks', { params: { path: { code } }, body: { dateOfBirth: parsed.value } }));
          invalidate('/api/v1/integration/dossiers/');
          onDone();
        } catch (err) {
          setErrors([{ field: 'population-dob', message: problemText(err) }]);
        } finally {
          setPending(false);
        }
      }}
    >
      <h3>{t.checkTitle}</h3>
      <DateInput id="population-dob" legend={t.dob} hint={t.dobHint} value={dob} onChange={setDob} error={errorFor(errors, 'population-dob')} />
      <button type="submit" className="button secondary" disabled={pending}>
        {t.check}
      </button>
    </form>
  );
}

/** On the dossier page: the national id and sync state, and the population database checks (nothing when neither). */
export function NationalLink({ code, hasIdNumber }: { code: string; hasIdNumber: boolean }) {
  const { me } = useSession();
  const { data, reload } = useApi('/api/v1/integration/dossiers/{code}', { path: { code } }, { staleMs: 10_000 });
  const canCheck = hasIdNumber && hasRole(me, 'receiving_officer');
  if (!data || (!data.national && data.populationChecks.length === 0 && !canCheck)) return null;
  const n = data.national;
  return (
    <section aria-labelledby="national-title">
      <h2 id="national-title">{t.national}</h2>
      {n && (
        <SummaryList
          rows={[
            [t.nationalId, n.nationalId ? <span className="mono">{n.nationalId}</span> : t.byLocalCode],
            [
              t.sync,
              <>
                <Tag colour={n.state === 'synced' ? 'green' : n.state === 'failing' ? 'red' : 'yellow'}>{t.syncStates[n.state] ?? n.state}</Tag>
                {n.state === 'failing' && <span className="small"> ({t.attempts(n.attempts)})</span>}
              </>,
            ],
            ...(n.confirmedAt ? [[t.confirmedAt, formatDateTime(n.confirmedAt)] as [string, string]] : []),
            ...(n.syncedAt ? [[t.syncedAt, formatDateTime(n.syncedAt)] as [string, string]] : []),
          ]}
        />
      )}
      {data.populationChecks.length > 0 && (
        <>
          <h3>{t.population}</h3>
          <ul>
            {data.populationChecks.map((c, i) => (
              <li key={i}>
                <Tag colour={c.result === 'match' ? 'green' : c.result === 'unavailable' ? 'grey' : 'red'}>{t.results[c.result] ?? c.result}</Tag> {t.stages[c.stage] ?? c.stage}
                {c.mismatched.length > 0 && ` (sai ${c.mismatched.map((f) => t.fields[f] ?? f).join(', ')})`}{' '}
                <span className="muted small">
                  {formatDateTime(c.checkedAt)} · {c.source}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canCheck && <CounterCheck code={code} onDone={reload} />}
    </section>
  );
}

function Usage() {
  const { data, error } = useApi('/api/v1/integration/usage', { query: { days: 7 } }, { staleMs: 10_000 });
  if (error) return <ProblemNotice error={error} />;
  if (!data) return <Loading />;
  if (!data.items.length) return <p className="muted">{t.noUsage}</p>;
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="visually-hidden">{t.usage}</caption>
        <thead>
          <tr>
            <th scope="col">{t.day}</th>
            <th scope="col">{t.id}</th>
            <th scope="col">{t.requests}</th>
            <th scope="col">{t.refused}</th>
            <th scope="col">{t.tokens}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((u) => (
            <tr key={`${u.day}-${u.clientId}`}>
              <td data-label={t.day}>{u.day.split('-').reverse().join('/')}</td>
              <td data-label={t.id} className="mono">{u.clientId}</td>
              <td data-label={t.requests}>{groupThousands(u.requests)}</td>
              <td data-label={t.refused}>{groupThousands(u.refused)}</td>
              <td data-label={t.tokens}>{groupThousands(u.tokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegisterClient({ scopes }: { scopes: string[] }) {
  const [form, setForm] = useState({ id: '', name: '', agencyName: '', ratePerMinute: '600', dailyQuota: '100000' });
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<FormError[]>([]);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [pending, setPending] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="new-client-title">
      <h2 id="new-client-title">{t.newClient}</h2>
      {secret && (
        <div className="notice success" role="status">
          <p>
            <strong>{secret.id}</strong> — {t.secretOnce}
          </p>
          <p className="mono" style={{ wordBreak: 'break-all' }}>
            {secret.secret}
          </p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const errs: FormError[] = [];
          if (!/^[a-z0-9][a-z0-9._-]{2,62}$/.test(form.id)) errs.push({ field: 'client-id', message: t.idError });
          if (!form.name.trim()) errs.push({ field: 'client-name', message: t.required(t.name) });
          if (!form.agencyName.trim()) errs.push({ field: 'client-agency', message: t.required(t.agency) });
          setErrors(errs);
          if (errs.length) return;
          setPending(true);
          try {
            const r = await ok(
              api.POST('/api/v1/integration/clients', {
                body: { id: form.id, name: form.name.trim(), agencyName: form.agencyName.trim(), scopes: scopes.filter((s) => chosen[s]), ratePerMinute: Number(form.ratePerMinute) || 600, dailyQuota: Number(form.dailyQuota) || 100000 },
              }),
            );
            setSecret({ id: r.client.id, secret: r.clientSecret });
            setForm({ id: '', name: '', agencyName: '', ratePerMinute: '600', dailyQuota: '100000' });
            setChosen({});
            invalidate('/api/v1/integration/clients');
          } catch (err) {
            setErrors([{ field: 'client-id', message: problemText(err) }]);
          } finally {
            setPending(false);
          }
        }}
      >
        <TextInput id="client-id" label={t.id} value={form.id} onChange={set('id')} error={errorFor(errors, 'client-id')} autoComplete="off" spellCheck={false} className="w-20" />
        <TextInput id="client-name" label={t.name} value={form.name} onChange={set('name')} error={errorFor(errors, 'client-name')} />
        <TextInput id="client-agency" label={t.agency} hint={t.agencyHint} value={form.agencyName} onChange={set('agencyName')} error={errorFor(errors, 'client-agency')} />
        <fieldset className="form-group">
          <legend className="label">{t.scopes}</legend>
          <span className="hint">{t.scopesHint}</span>
          <div className="checkboxes">
            {scopes.map((s) => (
              <div className="choice" key={s}>
                <input id={`scope-${s}`} type="checkbox" checked={!!chosen[s]} onChange={(e) => setChosen({ ...chosen, [s]: e.target.checked })} />
                <label htmlFor={`scope-${s}`} className="mono">
                  {s}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <TextInput id="client-rate" label={t.rate} type="number" inputMode="numeric" min={1} value={form.ratePerMinute} onChange={set('ratePerMinute')} className="w-10" />
        <TextInput id="client-quota" label={t.quota} type="number" inputMode="numeric" min={1} value={form.dailyQuota} onChange={set('dailyQuota')} className="w-10" />
        <button type="submit" className="button" disabled={pending}>
          {t.register}
        </button>
      </form>
    </section>
  );
}

export default function IntegrationPage() {
  const clients = useApi('/api/v1/integration/clients', {}, { staleMs: 5_000 });
  const scopes = useApi('/api/v1/integration/scopes', {}, { staleMs: 60_000 });
  const [failure, setFailure] = useState<ApiError | null>(null);
  const origin = typeof location !== 'undefined' ? location.origin : '';
  return (
    <>
      <PageHeading office>{t.title}</PageHeading>
      <p>
        {t.lead} <span className="mono" style={{ overflowWrap: "anywhere" }}>{origin}/api/v1/oauth/token</span>. {t.keys} <a href="/api/v1/oauth/jwks">/api/v1/oauth/jwks</a>.
      </p>
      {failure && <ProblemNotice error={failure} />}
      <h2>{t.clients}</h2>
      {clients.error ? (
        <ProblemNotice error={clients.error} onRetry={clients.reload} />
      ) : !clients.data ? (
        <Loading />
      ) : clients.data.items.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{t.clients}</caption>
            <thead>
              <tr>
                <th scope="col">{t.id}</th>
                <th scope="col">{t.agency}</th>
                <th scope="col">{t.scopes}</th>
                <th scope="col">{t.limits}</th>
                <th scope="col">{t.state}</th>
              </tr>
            </thead>
            <tbody>
              {clients.data.items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t.id}>
                    <span className="mono">{c.id}</span>
                    <br />
                    <span className="small">{c.name}</span>
                  </td>
                  <td data-label={t.agency}>{c.agencyName}</td>
                  <td data-label={t.scopes} className="mono small">
                    {c.scopes.join(' ') || '—'}
                  </td>
                  <td data-label={t.limits} className="small">
                    {t.perMinute(c.ratePerMinute)}
                    <br />
                    {t.perDay(c.dailyQuota)}
                  </td>
                  <td data-label={t.state}>
                    {c.active ? <Tag colour="green">{t.active}</Tag> : <Tag colour="grey">{t.revoked}</Tag>}{' '}
                    {c.active && (
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`${t.revoke} ${c.id}`}
                        onClick={async () => {
                          try {
                            await ok(api.DELETE('/api/v1/integration/clients/{id}', { params: { path: { id: c.id } } }));
                            invalidate('/api/v1/integration/clients');
                          } catch (err) {
                            if (err instanceof ApiError) setFailure(err);
                          }
                        }}
                      >
                        {t.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.usage}</h2>
      <Usage />
      {scopes.data && <RegisterClient scopes={scopes.data.items} />}
    </>
  );
}
