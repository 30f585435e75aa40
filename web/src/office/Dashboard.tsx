/**
 * The leaders' dashboard (/can-bo/dieu-hanh, issue 11): the service index of Quyết định 766 (total, groups,
 * sub-indicators with numerators, denominators, targets and the settings used), KPI tiles, the ranking of
 * communes and departments with drill-down unit → its late dossiers → the dossier page, the trend chart
 * (Apache ECharts, loaded only here by dynamic import), alerts, and live updates over server-sent events.
 * Tables export to CSV and XLSX; the unit's monthly report downloads as a PDF.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Select, TextInput } from '../components/forms.tsx';
import { DataTable, Loaded } from '../components/lists.tsx';
import { Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { invalidate, type Answer, useApi, withQuery } from '../lib/api.ts';
import { ThresholdsEditor } from './Thresholds.tsx';
import { formatDate, formatDateTime } from '../lib/format.ts';

const t = {
  title: 'Bảng điều hành',
  lead: 'Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) và chỉ tiêu điều hành, cập nhật trực tiếp.',
  period: 'Kỳ',
  live: 'Đang cập nhật trực tiếp',
  offline: 'Mất kết nối cập nhật trực tiếp, đang thử lại…',
  updated: (at: string) => `Cập nhật lúc ${formatDateTime(at)}`,
  province: 'Toàn tỉnh',
  back: 'Về toàn tỉnh',
  score: 'Điểm (thang 100)',
  total: 'Tổng điểm',
  klass: 'Xếp loại',
  groups: 'Điểm theo nhóm',
  indicators: 'Chỉ số thành phần',
  indicator: 'Chỉ số',
  ratio: 'Tử số / mẫu số',
  target: 'Chỉ tiêu',
  points: 'Điểm',
  noData: 'Chưa có dữ liệu',
  notApplicable: 'Không áp dụng',
  fullRule: 'Điểm tối đa (cấu hình cấp xã)',
  settings: 'Cách tính đang áp dụng',
  kpis: 'Chỉ tiêu điều hành',
  ranking: 'Xếp hạng',
  communes: 'Xã, phường',
  departments: 'Sở, ngành',
  rank: 'Hạng',
  unit: 'Đơn vị',
  received: 'Tiếp nhận',
  late: 'Trễ hạn',
  onTime: 'Đúng hạn',
  lateDossiers: 'Hồ sơ trễ hạn',
  noLate: 'Không có hồ sơ trễ hạn trong kỳ.',
  code: 'Mã hồ sơ',
  field: 'Lĩnh vực',
  due: 'Hẹn trả',
  lateSince: 'Trễ từ',
  trend: 'Diễn biến 12 tháng',
  trendFallback: 'Biểu đồ diễn biến điểm theo tháng',
  alerts: 'Cảnh báo',
  noAlerts: 'Không có chỉ tiêu nào vượt ngưỡng.',
  csv: 'Tải CSV',
  xlsx: 'Tải Excel (XLSX)',
  pdf: 'Tải báo cáo tháng (PDF)',
  showAll: (n: number) => `Xem tất cả ${n} đơn vị`,
  indexTable: 'điểm từng chỉ số thành phần',
  showAllRows: (n: number) => `Xem tất cả ${n} dòng`,
  range: 'Khoảng ngày tùy chọn',
  rangeFrom: 'Từ ngày',
  rangeTo: 'Đến ngày',
  rangeShow: 'Xem khoảng ngày này',
  rangeMissing: 'Hãy chọn cả ngày bắt đầu và ngày kết thúc.',
  rangeOrder: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.',
  kpisBy: 'Chỉ tiêu điều hành theo lĩnh vực và cán bộ',
  byField: 'Chỉ tiêu theo lĩnh vực',
  byOfficial: 'Chỉ tiêu theo cán bộ',
  official: 'Cán bộ',
  noKpiRows: 'Không có hồ sơ trong kỳ.',
};

const KPI_TILES: { key: string; label: string; format?: 'pct' | 'hours' | 'days'; tone?: 'bad' }[] = [
  { key: 'received', label: 'Tiếp nhận trong kỳ' },
  { key: 'early', label: 'Giải quyết trước hạn' },
  { key: 'onTime', label: 'Giải quyết đúng hạn' },
  { key: 'late', label: 'Giải quyết trễ hạn', tone: 'bad' },
  { key: 'inProgress', label: 'Đang giải quyết' },
  { key: 'dueSoon', label: 'Sắp đến hạn (2 ngày làm việc)' },
  { key: 'overdue', label: 'Quá hạn', tone: 'bad' },
  { key: 'waitingApplicant', label: 'Chờ người dân bổ sung' },
  { key: 'onlineShare', label: 'Tỷ lệ nộp trực tuyến', format: 'pct' },
  { key: 'processingHoursMedian', label: 'Thời gian xử lý (trung vị)', format: 'hours' },
  { key: 'processingHoursP90', label: 'Thời gian xử lý (phân vị 90)', format: 'hours' },
  { key: 'backlogAgeDaysMax', label: 'Hồ sơ tồn lâu nhất', format: 'days' },
];

type IndexAnswer = Answer<'/api/v1/analytics/service-index'>;
type Indicator = IndexAnswer['index']['indicators'][number];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')}%`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('vi-VN'));

const RANGE = /^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The periods offered: the last 12 months, the last 4 quarters, the last 2 halves, this year and the last;
 * a range of days chosen below (`current`, "2026-01-05..2026-02-10") is offered too.
 */
function periodOptions(now = new Date(), current?: string) {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(y, m - 1 - i, 1);
    out.push({ value: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`, label: `Tháng ${d.getMonth() + 1}/${d.getFullYear()}` });
  }
  const q = Math.ceil(m / 3);
  for (let i = 0; i < 4; i++) {
    const k = (y * 4 + q - 1 - i) % 4;
    const qy = Math.floor((y * 4 + q - 1 - i) / 4);
    out.push({ value: `${qy}-Q${k + 1}`, label: `Quý ${['I', 'II', 'III', 'IV'][k]}/${qy}` });
  }
  const h = m <= 6 ? 1 : 2;
  out.push({ value: `${y}-H${h}`, label: `6 tháng ${h === 1 ? 'đầu' : 'cuối'} năm ${y}` });
  out.push(h === 1 ? { value: `${y - 1}-H2`, label: `6 tháng cuối năm ${y - 1}` } : { value: `${y}-H1`, label: `6 tháng đầu năm ${y}` });
  out.push({ value: `${y}`, label: `Năm ${y}` });
  out.push({ value: `${y - 1}`, label: `Năm ${y - 1}` });
  const r = current ? RANGE.exec(current) : null;
  if (r) out.push({ value: current!, label: `Từ ${r[3]}/${r[2]}/${r[1]} đến ${r[6]}/${r[5]}/${r[4]}` });
  return out;
}

/** Any range of days, both included: the page's period becomes "from..to". */
function RangeForm({ current, onPick }: { current: string; onPick: (key: string) => void }) {
  const r = RANGE.exec(current);
  const [from, setFrom] = useState(r ? current.slice(0, 10) : '');
  const [to, setTo] = useState(r ? current.slice(12) : '');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="dashboard-bar"
      aria-label={t.range}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const bad = !from || !to ? t.rangeMissing : from > to ? t.rangeOrder : undefined;
        setError(bad);
        if (!bad) onPick(`${from}..${to}`);
      }}
    >
      <TextInput id="tu-ngay" type="date" label={t.rangeFrom} value={from} onChange={(e) => setFrom(e.target.value)} error={error} className="w-10" />
      <TextInput id="den-ngay" type="date" label={t.rangeTo} value={to} onChange={(e) => setTo(e.target.value)} className="w-10" />
      <div className="form-group">
        <button type="submit" className="button secondary">
          {t.rangeShow}
        </button>
      </div>
    </form>
  );
}

/** Server-sent events: any change of the projection reloads the dashboard's figures. */
function useLiveUpdates(): { live: boolean; at: string | null } {
  const [state, setState] = useState<{ live: boolean; at: string | null }>({ live: false, at: null });
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/v1/analytics/stream');
    es.onopen = () => setState((s) => ({ ...s, live: true }));
    es.onerror = () => setState((s) => ({ ...s, live: false }));
    es.addEventListener('change', (e) => {
      const at = (JSON.parse((e as MessageEvent).data) as { at: string }).at;
      invalidate('/api/v1/analytics');
      setState({ live: true, at });
    });
    return () => es.close();
  }, []);
  return state;
}

function IndicatorValue({ i }: { i: Indicator }) {
  if (i.status === 'no_data') return <Tag colour="grey">{t.noData}</Tag>;
  if (i.status === 'not_applicable') return <span className="muted">{t.notApplicable}</span>;
  if (i.status === 'full_points_rule') return <span>{`${i.points}/${i.max}`} <span className="small muted">({t.fullRule})</span></span>;
  if (i.max === 0) return <span>{i.denominator ? `${num(Math.round(((i.numerator ?? 0) / i.denominator) * 10) / 10)} giờ` : '—'}</span>;
  return <strong>{`${num(i.points)}/${i.max}`}</strong>;
}

function TrendChart({ points }: { points: Answer<'/api/v1/analytics/trend'>['points'] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let chart: { dispose(): void; resize(): void } | null = null;
    let cancelled = false;
    const onResize = () => chart?.resize();
    (async () => {
      const { echarts } = await import('./echarts-lite.ts');
      if (cancelled || !ref.current) return;
      const c = echarts.init(ref.current, undefined, { renderer: 'svg' });
      c.setOption({
        aria: { enabled: true, label: { description: t.trendFallback } },
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 40, top: 30, bottom: 40 },
        legend: { data: ['Điểm (thang 100)', 'Hồ sơ tiếp nhận'] },
        xAxis: { type: 'category', data: points.map((p) => p.period.label.replace('Tháng ', '')) },
        yAxis: [
          { type: 'value', min: 0, max: 100, name: 'Điểm' },
          { type: 'value', name: 'Hồ sơ', splitLine: { show: false } },
        ],
        series: [
          { name: 'Điểm (thang 100)', type: 'line', data: points.map((p) => p.score), smooth: true, color: '#1d70b8' },
          { name: 'Hồ sơ tiếp nhận', type: 'bar', yAxisIndex: 1, data: points.map((p) => p.received), color: '#b1b4b6' },
        ],
      });
      chart = c;
      window.addEventListener('resize', onResize);
    })();
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [points]);
  return (
    <figure className="chart">
      <div ref={ref} style={{ width: '100%', height: 280 }} role="img" aria-label={`${t.trendFallback}: ${points.map((p) => `${p.period.label} ${p.score ?? 'chưa có'}`).join('; ')}`} />
    </figure>
  );
}

/** The CSV and XLSX links of a table; `of` names the table for screen readers (several tables have them). */
function Downloads({ query, of }: { query: Record<string, string | undefined>; of?: string }) {
  return (
    <p className="downloads small">
      <a href={withQuery('/api/v1/analytics/export', { ...query, format: 'csv' })} aria-label={of ? `${t.csv}: ${of}` : undefined} download>
        {t.csv}
      </a>
      {' · '}
      <a href={withQuery('/api/v1/analytics/export', { ...query, format: 'xlsx' })} aria-label={of ? `${t.xlsx}: ${of}` : undefined} download>
        {t.xlsx}
      </a>
    </p>
  );
}

/** The columns of the KPI tables per field and per official (the first names the row). */
const KPI_COLUMNS: { key: 'received' | 'early' | 'onTime' | 'late' | 'inProgress' | 'dueSoon' | 'overdue' | 'waitingApplicant' | 'onTimeRate'; label: string }[] = [
  { key: 'received', label: 'Tiếp nhận' },
  { key: 'early', label: 'Trước hạn' },
  { key: 'onTime', label: 'Đúng hạn' },
  { key: 'late', label: 'Trễ hạn' },
  { key: 'inProgress', label: 'Đang giải quyết' },
  { key: 'dueSoon', label: 'Sắp đến hạn' },
  { key: 'overdue', label: 'Quá hạn' },
  { key: 'waitingApplicant', label: 'Chờ bổ sung' },
  { key: 'onTimeRate', label: 'Tỷ lệ đúng hạn' },
];

/**
 * The operational KPIs of the scope (a unit, or the province) per field or per official — the official by
 * full name, "Chưa phân công" for dossiers nobody is assigned to — with their CSV and XLSX exports.
 */
function KpiBreakdown({ by, unit, period, scopeName }: { by: 'field' | 'official'; unit?: string; period: string; scopeName: string }) {
  const [showAll, setShowAll] = useState(false);
  const q = useApi('/api/v1/analytics/kpis', { query: { period, unit, by } }, { staleMs: 5_000 });
  const title = by === 'field' ? t.byField : t.byOfficial;
  const head = by === 'field' ? t.field : t.official;
  const rows = q.data?.rows ?? [];
  const shown = showAll ? rows : rows.slice(0, 20);
  return (
    <section aria-labelledby={`kpi-${by}-title`}>
      <h3 id={`kpi-${by}-title`}>{title}</h3>
      <Downloads query={{ table: 'kpis', by, unit, period }} of={title.toLowerCase()} />
      <Loaded query={q}>
        {(data) =>
          data.rows.length === 0 ? (
            <p className="muted">{t.noKpiRows}</p>
          ) : (
            <>
              <div data-testid={`kpi-${by}-table`}>
                <DataTable caption={`${title} — ${scopeName}, ${data.period.label}`} heads={[head, ...KPI_COLUMNS.map((c) => c.label)]}>
                  {shown.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">
                        {r.name}
                      </th>
                      {KPI_COLUMNS.map((c) => (
                        <td key={c.key} data-label={c.label}>
                          {c.key === 'onTimeRate' ? pct(r.kpis.onTimeRate) : num(r.kpis[c.key])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </DataTable>
              </div>
              {!showAll && rows.length > shown.length && (
                <button type="button" className="button secondary" onClick={() => setShowAll(true)}>
                  {t.showAllRows(rows.length)}
                </button>
              )}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('ky') ?? undefined;
  const periods = periodOptions(new Date(), asked);
  const period = asked ?? periods[0]!.value;
  const unit = params.get('don-vi') ?? undefined;
  const level = (params.get('cap') as 'commune' | 'department' | null) ?? 'commune';
  const [showAll, setShowAll] = useState(false);
  const live = useLiveUpdates();
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };

  const index = useApi('/api/v1/analytics/service-index', { query: { period, unit } }, { staleMs: 5_000 });
  const kpis = useApi('/api/v1/analytics/kpis', { query: { period, unit } }, { staleMs: 5_000 });
  const trend = useApi('/api/v1/analytics/trend', { query: { unit, kind: 'month', n: 12 } }, { staleMs: 30_000 });
  const ranking = useApi('/api/v1/analytics/ranking', { query: { level, period } }, { staleMs: 5_000 });
  const late = useApi('/api/v1/analytics/late-dossiers', unit ? { query: { unit, period, limit: 100 } } : null, { staleMs: 5_000 });
  const alerts = useApi('/api/v1/analytics/alerts', {}, { staleMs: 5_000 });

  if (index.error) return <ProblemNotice error={index.error} onRetry={index.reload} />;
  const a = index.data;
  const k = kpis.data?.rows[0]?.kpis as Record<string, number | null> | undefined;
  const scopeName = a ? (a.scope.unit?.name ?? (a.scope.field ? `${t.province} · ${a.scope.field}` : t.province)) : '';
  const rows = ranking.data?.rows ?? [];
  const shown = showAll ? rows : rows.slice(0, 20);
  const isMonth = /^\d{4}-\d{2}$/.test(period);

  return (
    <div className="dashboard">
      <PageHeading office>{t.title}</PageHeading>
      <p className="lead">{t.lead}</p>
      <div className="dashboard-bar">
        <Select id="ky" label={t.period} value={period} options={periods} onChange={(e) => set('ky', e.target.value)} />
        <p className="small" role="status" aria-live="polite">
          <Tag colour={live.live ? 'green' : 'yellow'}>{live.live ? t.live : t.offline}</Tag> {live.at ? t.updated(live.at) : ''}
        </p>
      </div>
      <details>
        <summary>{t.range}</summary>
        <RangeForm key={period} current={period} onPick={(key) => set('ky', key)} />
      </details>

      {!a ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby="scope-title">
            <h2 id="scope-title">
              {scopeName} — {a.period.label}
            </h2>
            {unit && (
              <p>
                <Link to={withQuery('/can-bo/dieu-hanh', { ky: period, cap: level })}>{t.back}</Link>
              </p>
            )}
            <ul className="counts score-tiles">
              <li>
                <span className="tile-value" data-testid="index-score">{num(a.index.score)}</span>
                <span className="tile-label">{t.score}</span>
              </li>
              <li>
                <span className="tile-value">
                  {num(a.index.total)}/{a.index.maxWithData}
                </span>
                <span className="tile-label">{t.total}</span>
              </li>
              <li>
                <span className="tile-value">{a.index.class ?? '—'}</span>
                <span className="tile-label">{t.klass}</span>
              </li>
              <li>
                <span className="tile-value" data-testid="index-received">{num(a.counts.received)}</span>
                <span className="tile-label">Hồ sơ tính chỉ số</span>
              </li>
            </ul>
            {isMonth && (
              <p>
                <a href={withQuery('/api/v1/analytics/report', { period, unit })} download>
                  {t.pdf}
                </a>
              </p>
            )}
          </section>

          <section aria-labelledby="kpi-title">
            <h2 id="kpi-title">{t.kpis}</h2>
            {k ? (
              <ul className="counts kpi-tiles">
                {KPI_TILES.map((tile) => {
                  const v = k[tile.key];
                  const text = tile.format === 'pct' ? pct(v) : tile.format === 'hours' ? (v === null ? '—' : `${num(v)} giờ`) : tile.format === 'days' ? (v === null ? '—' : `${num(v)} ngày`) : num(v);
                  return (
                    <li key={tile.key} className={tile.tone === 'bad' && v ? 'bad' : undefined}>
                      <span className="tile-value" data-testid={`kpi-${tile.key}`}>{text}</span>
                      <span className="tile-label">{tile.label}</span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <Loading />
            )}
          </section>

          <section aria-labelledby="kpi-by-title">
            <h2 id="kpi-by-title">
              {t.kpisBy} — {scopeName}
            </h2>
            <KpiBreakdown by="field" unit={unit} period={period} scopeName={scopeName} />
            <KpiBreakdown by="official" unit={unit} period={period} scopeName={scopeName} />
          </section>

          <CounterQueues />

          <section aria-labelledby="alerts-title">
            <h2 id="alerts-title">{t.alerts}</h2>
            {alerts.data && alerts.data.rows.length ? (
              <ul className="alerts">
                {alerts.data.rows.map((x) => (
                  <li key={x.id} className="notice warn">
                    {x.message} <span className="small muted">({formatDateTime(x.raisedAt)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t.noAlerts}</p>
            )}
            {a?.scope.unit && <ThresholdsEditor unit={a.scope.unit.code} unitName={a.scope.unit.name} />}
          </section>

          <section aria-labelledby="groups-title">
            <h2 id="groups-title">{t.groups}</h2>
            <Downloads query={{ table: 'index', unit, period }} of={t.indexTable} />
            <div className="table-wrap">
              <table className="stack">
                <caption className="visually-hidden">{t.groups}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nhóm</th>
                    <th scope="col">{t.points}</th>
                    <th scope="col">Tối đa có dữ liệu</th>
                    <th scope="col">Tối đa</th>
                  </tr>
                </thead>
                <tbody>
                  {a.index.groups.map((g) => (
                    <tr key={g.id}>
                      <td data-label="Nhóm">{g.label}</td>
                      <td data-label={t.points}>{num(g.points)}</td>
                      <td data-label="Tối đa có dữ liệu">{g.maxWithData}</td>
                      <td data-label="Tối đa">{g.max}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary>{t.indicators}</summary>
              <div className="table-wrap">
                <table className="stack">
                  <caption className="visually-hidden">{t.indicators}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.indicator}</th>
                      <th scope="col">{t.ratio}</th>
                      <th scope="col">{t.target}</th>
                      <th scope="col">{t.points}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.index.indicators.map((i) => (
                      <tr key={i.id}>
                        <td data-label={t.indicator}>
                          {i.label}
                          <span className="hint small">{i.reason ?? i.formula}</span>
                        </td>
                        <td data-label={t.ratio}>{i.denominator !== null && i.max > 0 ? `${num(i.numerator)}/${num(i.denominator)} (${pct(i.rate)})` : '—'}</td>
                        <td data-label={t.target}>{i.max > 0 ? pct(i.target) : '—'}</td>
                        <td data-label={t.points}>
                          <IndicatorValue i={i} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            <details>
              <summary>{t.settings}</summary>
              <ul className="small">
                {a.index.settingsNotes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          </section>

          <section aria-labelledby="trend-title">
            <h2 id="trend-title">{t.trend}</h2>
            {trend.data ? <TrendChart points={trend.data.points} /> : <Loading />}
          </section>

          {unit && (
            <section aria-labelledby="late-title">
              <h2 id="late-title">
                {t.lateDossiers} — {scopeName}
              </h2>
              <Downloads query={{ table: 'late-dossiers', unit, period }} of={t.lateDossiers.toLowerCase()} />
              {late.data ? (
                late.data.rows.length ? (
                  <div className="table-wrap">
                    <table className="stack" data-testid="late-table">
                      <caption className="visually-hidden">{t.lateDossiers}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t.code}</th>
                          <th scope="col">{t.field}</th>
                          <th scope="col">{t.due}</th>
                          <th scope="col">{t.lateSince}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {late.data.rows.map((d) => (
                          <tr key={d.code}>
                            <td data-label={t.code}>
                              <Link className="mono" to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>
                                {d.code}
                              </Link>
                            </td>
                            <td data-label={t.field}>{d.field}</td>
                            <td data-label={t.due}>{formatDate(d.dueAt)}</td>
                            <td data-label={t.lateSince}>{formatDate(d.lateSince ?? d.dueAt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  <p>{t.noLate}</p>
                )
              ) : (
                <Loading />
              )}
            </section>
          )}

          <section aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t.ranking}</h2>
            <div className="dashboard-bar">
              <Select
                id="cap"
                label="Cấp"
                value={level}
                options={[
                  { value: 'commune', label: t.communes },
                  { value: 'department', label: t.departments },
                ]}
                onChange={(e) => set('cap', e.target.value)}
              />
              <Downloads query={{ table: 'ranking', level, period }} of={t.ranking.toLowerCase()} />
            </div>
            {ranking.error ? (
              <ProblemNotice error={ranking.error} onRetry={ranking.reload} />
            ) : !ranking.data ? (
              <Loading />
            ) : (
              <>
                <div className="table-wrap">
                  <table className="stack" data-testid="ranking-table">
                    <caption className="visually-hidden">
                      {t.ranking} {level === 'commune' ? t.communes : t.departments}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.rank}</th>
                        <th scope="col">{t.unit}</th>
                        <th scope="col">{t.score}</th>
                        <th scope="col">{t.klass}</th>
                        <th scope="col">{t.received}</th>
                        <th scope="col">{t.late}</th>
                        <th scope="col">{t.onTime}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((r) => (
                        <tr key={r.unit.code} aria-current={r.unit.code === unit ? 'true' : undefined}>
                          <td data-label={t.rank}>{r.rank ?? '—'}</td>
                          <td data-label={t.unit}>
                            <Link to={withQuery('/can-bo/dieu-hanh', { ky: period, cap: level, 'don-vi': r.unit.code })}>{r.unit.name}</Link>
                          </td>
                          <td data-label={t.score}>{num(r.score)}</td>
                          <td data-label={t.klass}>{r.class ?? '—'}</td>
                          <td data-label={t.received}>{num(r.received)}</td>
                          <td data-label={t.late}>{num(r.late)}</td>
                          <td data-label={t.onTime}>{pct(r.onTimeRate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {!showAll && rows.length > shown.length && (
                  <button type="button" className="button secondary" onClick={() => setShowAll(true)}>
                    {t.showAll(rows.length)}
                  </button>
                )}
              </>
            )}
          </section>

          {ranking.data && <UnitWork rows={rows} levelName={level === 'commune' ? t.communes : t.departments} download={{ table: 'work', level, period }} />}
        </>
      )}
    </div>
  );
}

type RankingRowData = Answer<'/api/v1/analytics/ranking'>['rows'][number];
const rate = (n: number, d: number) => (d ? n / d : null);

/** Leaders' tasks completed on time and citizens' feedback per unit (the ranking rows carry them). */
function UnitWork({ rows, levelName, download }: { rows: RankingRowData[]; levelName: string; download: Record<string, string> }) {
  const busy = rows.filter((r) => (r.tasks?.assigned ?? 0) > 0 || (r.feedback?.received ?? 0) > 0);
  const sum = (f: (r: RankingRowData) => number) => rows.reduce((s, r) => s + f(r), 0);
  const approved = sum((r) => r.tasks?.approved ?? 0);
  const approvedOnTime = sum((r) => r.tasks?.approvedOnTime ?? 0);
  const closed = sum((r) => r.feedback?.closed ?? 0);
  const closedOnTime = sum((r) => r.feedback?.closedOnTime ?? 0);
  const rated = sum((r) => r.feedback?.ratings.count ?? 0);
  const satisfied = sum((r) => (r.feedback ? r.feedback.ratings.verySatisfied + r.feedback.ratings.satisfied : 0));
  return (
    <section aria-labelledby="work-title">
      <h2 id="work-title">Nhiệm vụ hoàn thành đúng hạn và phản ánh, kiến nghị</h2>
      <ul className="counts score-tiles">
        <li>
          <span className="tile-value" data-testid="tasks-on-time">{pct(rate(approvedOnTime, approved))}</span>
          <span className="tile-label">Nhiệm vụ hoàn thành đúng hạn ({num(approvedOnTime)}/{num(approved)})</span>
        </li>
        <li>
          <span className="tile-value" data-testid="feedback-on-time">{pct(rate(closedOnTime, closed))}</span>
          <span className="tile-label">Phản ánh, kiến nghị xử lý đúng hạn ({num(closedOnTime)}/{num(closed)})</span>
        </li>
        <li>
          <span className="tile-value">{pct(rate(satisfied, rated))}</span>
          <span className="tile-label">Người dân hài lòng ({num(satisfied)}/{num(rated)} lượt đánh giá)</span>
        </li>
      </ul>
      {busy.length === 0 ? (
        <p>Chưa có nhiệm vụ hoặc phản ánh, kiến nghị nào trong kỳ.</p>
      ) : (
        <>
          <Downloads query={download} of={`nhiệm vụ và phản ánh, kiến nghị theo ${levelName.toLowerCase()}`} />
          <div className="table-wrap">
            <table className="stack" data-testid="work-table">
              <caption className="visually-hidden">Nhiệm vụ và phản ánh, kiến nghị theo {levelName}</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Nhiệm vụ giao</th>
                  <th scope="col">Hoàn thành đúng hạn</th>
                  <th scope="col">Nhiệm vụ quá hạn</th>
                  <th scope="col">Phản ánh tiếp nhận</th>
                  <th scope="col">Xử lý đúng hạn</th>
                  <th scope="col">Phản ánh quá hạn</th>
                  <th scope="col">Hài lòng</th>
                </tr>
              </thead>
              <tbody>
                {busy.map((r) => (
                  <tr key={r.unit.code}>
                    <td data-label="Đơn vị">{r.unit.name}</td>
                    <td data-label="Nhiệm vụ giao">{num(r.tasks?.assigned)}</td>
                    <td data-label="Hoàn thành đúng hạn">{pct(r.tasks?.onTimeRate)}</td>
                    <td data-label="Nhiệm vụ quá hạn">{num(r.tasks?.overdueOpen)}</td>
                    <td data-label="Phản ánh tiếp nhận">{num(r.feedback?.received)}</td>
                    <td data-label="Xử lý đúng hạn">{pct(r.feedback?.onTimeRate)}</td>
                    <td data-label="Phản ánh quá hạn">{num(r.feedback?.overdueOpen)}</td>
                    <td data-label="Hài lòng">{pct(r.feedback?.satisfiedRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** Today's counter queue per service center (the kiosk's queue numbers), refreshed every 30 seconds. */
function CounterQueues() {
  const queues = useApi('/api/v1/analytics/queues', {}, { staleMs: 5_000 });
  const reload = queues.reload;
  useEffect(() => {
    const timer = setInterval(() => reload(), 30_000);
    return () => clearInterval(timer);
  }, [reload]);
  const q = queues.data;
  const minutes = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${num(v)} phút`);
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">Hàng đợi tại bộ phận một cửa hôm nay</h2>
      {queues.error ? (
        <ProblemNotice error={queues.error} onRetry={reload} />
      ) : !q ? (
        <Loading />
      ) : (
        <>
          <ul className="counts kpi-tiles">
            <li className={q.total.waiting ? 'bad' : undefined}>
              <span className="tile-value" data-testid="queue-waiting">{num(q.total.waiting)}</span>
              <span className="tile-label">Đang chờ</span>
            </li>
            <li>
              <span className="tile-value" data-testid="queue-served">{num(q.total.served)}</span>
              <span className="tile-label">Đã phục vụ</span>
            </li>
            <li>
              <span className="tile-value" data-testid="queue-wait">{minutes(q.total.averageWaitMinutes)}</span>
              <span className="tile-label">Thời gian chờ trung bình</span>
            </li>
            <li>
              <span className="tile-value">{minutes(q.total.longestWaitMinutes)}</span>
              <span className="tile-label">Người chờ lâu nhất</span>
            </li>
          </ul>
          {q.centers.length === 0 ? (
            <p className="muted">Hôm nay chưa có ai lấy số thứ tự.</p>
          ) : (
            <>
              <Downloads query={{ table: 'queues' }} of="hàng đợi theo trung tâm phục vụ" />
              <div className="table-wrap">
                <table className="stack" data-testid="queue-table">
                  <caption className="visually-hidden">Hàng đợi theo trung tâm phục vụ</caption>
                  <thead>
                    <tr>
                      <th scope="col">Trung tâm, bộ phận một cửa</th>
                      <th scope="col">Đang chờ</th>
                      <th scope="col">Đã phục vụ</th>
                      <th scope="col">Đã cấp số</th>
                      <th scope="col">Chờ trung bình</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q.centers.map((c) => (
                      <tr key={c.unit.code}>
                        <td data-label="Trung tâm, bộ phận một cửa">{c.unit.name}</td>
                        <td data-label="Đang chờ">{num(c.waiting)}</td>
                        <td data-label="Đã phục vụ">{num(c.served)}</td>
                        <td data-label="Đã cấp số">{num(c.issued)}</td>
                        <td data-label="Chờ trung bình">{minutes(c.averageWaitMinutes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
