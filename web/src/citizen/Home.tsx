import { Link } from 'react-router';
import { vi } from '../i18n/vi.ts';
import { PageHeading } from '../components/ui.tsx';
import { SearchBox } from './SearchBox.tsx';
import { TrackForm } from './Track.tsx';

const LIFE_EVENTS = Object.entries(vi.lifeEvents);

export function Home() {
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
          <ul className="link-columns">
            {vi.home.commonFields.map((f) => (
              <li key={f}>
                <Link to={`/thu-tuc?field=${encodeURIComponent(f)}`}>{f}</Link>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/thu-tuc">{vi.home.allFields}</Link>
          </p>
        </section>
        <section aria-labelledby="track-title">
          <h2 id="track-title">{vi.home.trackTitle}</h2>
          <p>{vi.home.trackLead}</p>
          <TrackForm idPrefix="home-track" />
          <h2 id="convert-title">{vi.convert.homeTitle}</h2>
          <p>
            {vi.convert.homeLead} <Link to="/doi-dia-chi">{vi.convert.homeLink}</Link>
          </p>
        </section>
      </div>
    </>
  );
}
