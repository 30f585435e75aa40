import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { PageHeading } from '../components/ui.tsx';
import { useApi } from '../lib/api.ts';
import type { SearchResult } from '../api/types.ts';
import { SearchBox } from './SearchBox.tsx';
import { TrackForm } from './Track.tsx';

const LIFE_EVENTS = Object.entries(vi.lifeEvents);

/** Fields offered to people of the province (commune and province level), most procedures first. */
export function useFieldFacets(): { fields?: { value: string; count: number }[]; failed: boolean } {
  const { data, error } = useApi<SearchResult>('/api/v1/procedures?page_size=1', { staleMs: 600_000 });
  return { fields: data?.facets.field, failed: !!error };
}

export function Home() {
  const { fields, failed } = useFieldFacets();
  return (
    <>
      <PageHeading title={vi.home.title}>{vi.home.title}</PageHeading>
      <p className="lead">{vi.home.lead}</p>
      <SearchBox big />

      <h2 id="life-events">{vi.home.lifeEvents}</h2>
      <ul className="cards" aria-labelledby="life-events">
        {LIFE_EVENTS.map(([key, ev]) => (
          <li key={key}>
            <div className="card">
              <h3>
                <Link to={`/thu-tuc?q=${encodeURIComponent(ev.q)}`}>{ev.title}</Link>
              </h3>
              <p>{ev.hint}</p>
            </div>
          </li>
        ))}
      </ul>

      <div className="grid grid-2">
        <section aria-labelledby="fields">
          <h2 id="fields">{vi.home.fields}</h2>
          {fields ? (
            <ul className="cards" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(13rem, 1fr))' }}>
              {fields.slice(0, 12).map((f) => (
                <li key={f.value}>
                  <Link to={`/thu-tuc?field=${encodeURIComponent(f.value)}`}>{f.value}</Link> <span className="muted small">({vi.home.procedures(f.count)})</span>
                </li>
              ))}
            </ul>
          ) : failed ? null : (
            <p className="muted">{vi.app.loading}</p>
          )}
          <p>
            <Link to="/thu-tuc">{vi.home.allFields}</Link>
          </p>
        </section>
        <section aria-labelledby="track-title">
          <h2 id="track-title">{vi.home.trackTitle}</h2>
          <p>{vi.home.trackLead}</p>
          <TrackForm idPrefix="home-track" />
        </section>
      </div>
    </>
  );
}
