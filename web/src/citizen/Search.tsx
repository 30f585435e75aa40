import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import { Breadcrumbs, Loading, PageHeading, ProblemNotice, Tag } from '../components/ui.tsx';
import { Select } from '../components/forms.tsx';
import { useApi, withQuery, type Params } from '../lib/api.ts';
import { SearchBox } from './SearchBox.tsx';

const PAGE_SIZE = 20;

type SearchQuery = NonNullable<Params<'/api/v1/procedures'>['query']>;
/** A filter from the address, when it is one the catalogue knows (its label map lists exactly those). */
const levelOf = (v: string) => (Object.hasOwn(vi.levels, v) ? (v as SearchQuery['level']) : undefined);
const channelOf = (v: string) => (Object.hasOwn(vi.channels, v) ? (v as SearchQuery['channel']) : undefined);

export function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const level = params.get('level') ?? '';
  const channel = params.get('channel') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query: SearchQuery = { q, field, level: levelOf(level), channel: channelOf(channel), page, page_size: PAGE_SIZE };
  const url = withQuery('', query);
  const { data, error, loading, reload } = useApi('/api/v1/procedures', { query });
  const [draft, setDraft] = useState({ field, level, channel });
  const [seen, setSeen] = useState(url);
  if (seen !== url) {
    // the address changed (a link, the back button): the filter form follows it
    setSeen(url);
    setDraft({ field, level, channel });
  }

  const go = (next: Record<string, string | number>) => navigate(withQuery('/thu-tuc', { q, field, level, channel, ...next }));
  const title = field && !q ? field : vi.search.resultsTitle(q);
  const pages = data ? Math.ceil(data.total / PAGE_SIZE) : 0;

  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: vi.nav.home }, { label: vi.search.title }]} />
      <PageHeading title={title}>{title}</PageHeading>
      <SearchBox key={q} initial={q} id="search-q" label={vi.home.searchLabel} hint="" />
      <div className="grid grid-sidebar">
        <aside aria-labelledby="filters-title">
          <form
            className="filters"
            action="/thu-tuc"
            method="get"
            onSubmit={(e) => {
              e.preventDefault();
              go({ ...draft, page: 1 });
            }}
          >
            <h2 id="filters-title" style={{ marginTop: 0, fontSize: '1.2rem' }}>
              {vi.search.filters}
            </h2>
            {q && <input type="hidden" name="q" value={q} />}
            <Select
              id="filter-level"
              name="level"
              label={vi.search.level}
              value={draft.level}
              onChange={(e) => setDraft({ ...draft, level: e.target.value })}
              options={[{ value: '', label: vi.search.anyValue }, ...(data?.facets.level ?? []).map((f) => ({ value: f.value, label: `${label(vi.levels, f.value)} (${f.count})` })), ...(level && !data?.facets.level.some((f) => f.value === level) ? [{ value: level, label: label(vi.levels, level) }] : [])]}
            />
            <Select
              id="filter-field"
              name="field"
              label={vi.search.field}
              value={draft.field}
              onChange={(e) => setDraft({ ...draft, field: e.target.value })}
              options={[{ value: '', label: vi.search.anyValue }, ...(data?.facets.field ?? []).map((f) => ({ value: f.value, label: `${f.value} (${f.count})` })), ...(field && !data?.facets.field.some((f) => f.value === field) ? [{ value: field, label: field }] : [])]}
            />
            <Select
              id="filter-channel"
              name="channel"
              label={vi.search.channel}
              value={draft.channel}
              onChange={(e) => setDraft({ ...draft, channel: e.target.value })}
              options={[
                { value: '', label: vi.search.anyValue },
                { value: 'online', label: vi.search.online },
                { value: 'in_person', label: label(vi.channels, 'in_person') },
                { value: 'post', label: label(vi.channels, 'post') },
              ]}
            />
            <div className="button-group">
              <button type="submit" className="button secondary small">
                {vi.search.apply}
              </button>
              {(field || level || channel) && (
                <Link to={withQuery('/thu-tuc', { q })} onClick={() => setDraft({ field: '', level: '', channel: '' })}>
                  {vi.search.clear}
                </Link>
              )}
            </div>
          </form>
        </aside>
        <section aria-label={vi.search.title} aria-busy={loading}>
          {error && <ProblemNotice error={error} onRetry={reload} />}
          {!data && loading && <Loading />}
          {data && (
            <>
              <p id="results-count" role="status">
                <strong>{vi.search.count(data.total)}</strong>
              </p>
              {data.total === 0 && <p>{vi.search.noResults}</p>}
              {data.corrected && <p>{vi.search.corrected(data.corrected)}</p>}
              {q && data.total > PAGE_SIZE && page === 1 && <p className="hint">{vi.search.narrow}</p>}
              <ol className="result-list" start={(page - 1) * PAGE_SIZE + 1} style={{ paddingLeft: 0 }}>
                {data.items.map((p) => (
                  <li key={p.code}>
                    <h2>
                      <Link to={`/thu-tuc/${p.code}`}>{p.name}</Link>
                    </h2>
                    <ul className="meta">
                      <li>{vi.procedure.code}: {p.code}</li>
                      <li>{p.field}</li>
                      <li>{p.levels.map((l) => label(vi.levels, l)).join(', ')}</li>
                      {p.channels.includes('online') && (
                        <li>
                          <Tag colour="green">{vi.search.online}</Tag>
                        </li>
                      )}
                    </ul>
                  </li>
                ))}
              </ol>
              <PageLinks page={page} pages={pages} to={(n) => withQuery('/thu-tuc', { q, field, level, channel, page: n })} />
            </>
          )}
        </section>
      </div>
    </>
  );
}

/** Pages of results as links: they work before (or without) the JavaScript, the page being rendered on the server. */
function PageLinks({ page, pages, to }: { page: number; pages: number; to: (n: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Phân trang" className="button-group">
      {page > 1 && (
        <Link className="button secondary small" to={to(page - 1)} rel="prev">
          {vi.search.prev}
        </Link>
      )}
      <span>{vi.search.page(page, pages)}</span>
      {page < pages && (
        <Link className="button secondary small" to={to(page + 1)} rel="next">
          {vi.search.next}
        </Link>
      )}
    </nav>
  );
}
