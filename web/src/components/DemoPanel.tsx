/**
 * "Dành cho bản trình diễn": the demo people a visitor can sign in as, in a clearly marked panel, shown
 * only when the deployment runs the demo (the platform answers the list only then).
 */
import { vi } from '../i18n/vi.ts';
import { useApi } from '../lib/api.ts';
import { useSite } from '../lib/site.ts';

function Panel({ who }: { who: 'officials' | 'citizens' }) {
  const { data } = useApi('/api/v1/demo/people', {}, { staleMs: 3_600_000 });
  if (!data) return null;
  const t = vi.signIn;
  return (
    <section className="demo-panel" aria-labelledby="demo-panel-title">
      <h2 id="demo-panel-title">{t.demoTitle}</h2>
      <p>{t.demoLead(data.password)}</p>
      <details>
        <summary>{t.demoShow}</summary>
        {who === 'citizens' ? (
          <div className="table-wrap"><table>
            <caption>{t.demoCitizens}</caption>
            <thead>
              <tr>
                <th scope="col">{t.demoId}</th>
                <th scope="col">{t.demoName}</th>
              </tr>
            </thead>
            <tbody>
              {data.citizens.map((c) => (
                <tr key={c.personalId}>
                  <td className="mono">{c.personalId}</td>
                  <td>{c.displayName}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        ) : (
          <div className="table-wrap"><table>
            <caption>{t.demoOfficials}</caption>
            <thead>
              <tr>
                <th scope="col">{t.demoUsername}</th>
                <th scope="col">{t.demoPosition}</th>
                <th scope="col">{t.demoUnit}</th>
              </tr>
            </thead>
            <tbody>
              {data.officials.map((o) => (
                <tr key={o.username}>
                  <td className="mono">{o.username}</td>
                  <td>{o.position}</td>
                  <td>{o.unitName}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </details>
    </section>
  );
}

export function DemoPanel({ who }: { who: 'officials' | 'citizens' }) {
  const site = useSite();
  return site.demo ? <Panel who={who} /> : null;
}
