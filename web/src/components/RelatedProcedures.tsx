/**
 * "Related procedures": the other procedures of the life events a procedure belongs to (a birth: the
 * birth registration, the health insurance card, the permanent residence…), from the assistant's engine
 * (GET /api/v1/assistant/related/{code}, public — rendered on the server with the procedure page).
 * Nothing is shown when the procedure belongs to no life event.
 */
import { Link } from 'react-router';
import { va } from '../i18n/assistant.ts';
import { useApi } from '../lib/api.ts';

export function RelatedProcedures({ code, headingLevel = 2 }: { code: string; headingLevel?: 2 | 3 }) {
  const { data } = useApi('/api/v1/assistant/related/{code}', { path: { code } }, { staleMs: 300_000 });
  const events = (data ?? []).filter((e) => e.procedures.length > 0);
  if (!events.length) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <section aria-labelledby={`related-${code}`} className="related">
      <H id={`related-${code}`}>{va.related.title}</H>
      {events.map((e) => (
        <div key={e.event}>
          <Sub>{va.related.when(e.event)}</Sub>
          <ul>
            {e.procedures.map((p) => (
              <li key={p.code}>
                <Link to={`/thu-tuc/${p.code}`}>{p.name}</Link> <span className="muted small mono">{p.code}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
