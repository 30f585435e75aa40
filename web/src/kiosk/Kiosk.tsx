/**
 * Kiosk mode for a service center (/kiosk?unit=<commune or agency code>): full screen, large touch targets,
 * the procedure finder, the assistant, a queue number for a counter and the printable procedure sheet.
 * It returns to its home screen after a period without any touch or key (default 90 s; ?idle=<seconds>).
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../lib/api.ts';
import { va } from '../i18n/assistant.ts';

const ChatPanel = lazy(() => import('../components/ChatPanel.tsx'));

type Screen = 'home' | 'find' | 'ask' | 'queue';

export default function KioskPage() {
  const [params] = useSearchParams();
  const unit = params.get('unit') || '07900';
  const idleSeconds = Math.max(5, Number(params.get('idle')) || 90);
  const [screen, setScreen] = useState<Screen>('home');
  const [resetKey, setResetKey] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const goHome = useCallback(() => {
    setScreen('home');
    setResetKey((k) => k + 1);
  }, []);

  // inactivity: any pointer or key restarts the countdown
  useEffect(() => {
    const arm = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(goHome, idleSeconds * 1000);
    };
    arm();
    const events = ['pointerdown', 'keydown', 'touchstart', 'input'] as const;
    for (const e of events) window.addEventListener(e, arm, { passive: true });
    return () => {
      if (timer.current) clearTimeout(timer.current);
      for (const e of events) window.removeEventListener(e, arm);
    };
  }, [goHome, idleSeconds]);

  useEffect(() => heading.current?.focus(), [screen, resetKey]);

  return (
    <main className="kiosk" data-screen={screen} key={resetKey}>
      <h1 ref={heading} tabIndex={-1}>{screen === 'home' ? va.kiosk.title : screen === 'find' ? va.kiosk.find : screen === 'ask' ? va.kiosk.ask : va.kiosk.queue}</h1>
      {screen !== 'home' && (
        <div className="kiosk-bar">
          <button type="button" onClick={goHome}>
            {va.kiosk.home}
          </button>
        </div>
      )}
      {screen === 'home' && (
        <>
          <div className="kiosk-menu">
            <button type="button" onClick={() => setScreen('find')}>{va.kiosk.find}</button>
            <button type="button" onClick={() => setScreen('ask')}>{va.kiosk.ask}</button>
            <button type="button" onClick={() => setScreen('queue')}>{va.kiosk.queue}</button>
          </div>
          <p>{va.kiosk.idle}</p>
        </>
      )}
      {screen === 'find' && <Finder />}
      {screen === 'ask' && (
        <Suspense fallback={<p>{va.thinking}</p>}>
          <ChatPanel large channel="kiosk" />
        </Suspense>
      )}
      {screen === 'queue' && <Queue unit={unit} />}
    </main>
  );
}

function Finder() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<{ code: string; name: string; field: string }[] | null>(null);
  async function search(e: React.FormEvent) {
    e.preventDefault();
    if (!q.trim()) return;
    const { data } = await api.GET('/api/v1/procedures', { params: { query: { q: q.trim(), page_size: 5 } } });
    setItems(data?.items ?? []);
  }
  return (
    <>
      <form className="kiosk-search" onSubmit={search} role="search">
        <label htmlFor="kiosk-q" className="visually-hidden">{va.kiosk.searchLabel}</label>
        <input id="kiosk-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={va.kiosk.searchLabel} autoComplete="off" />
        <button type="submit" className="kiosk-big">{va.kiosk.search}</button>
      </form>
      {items && items.length === 0 && <p role="status">{va.kiosk.none}</p>}
      {items && items.length > 0 && (
        <ul className="kiosk-results" aria-live="polite">
          {items.map((p) => (
            <li key={p.code}>
              <strong>{p.name}</strong>
              <div>Mã {p.code} · {p.field}</div>
              <div className="kiosk-row">
                <a href={`/api/v1/assistant/posters/${p.code}`} target="_blank" rel="noreferrer">{va.kiosk.print}</a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Queue({ unit }: { unit: string }) {
  const [ticket, setTicket] = useState<{ number: number; counter: number; waiting: number } | null>(null);
  async function take(counter: number) {
    const { data } = await api.POST('/api/v1/assistant/queue/{unit}/tickets', { params: { path: { unit } }, body: { counter } });
    if (data) setTicket(data);
  }
  if (ticket)
    return (
      <div role="status">
        <p>{va.kiosk.yourNumber} — {va.kiosk.counters[ticket.counter]}</p>
        <p className="kiosk-ticket" data-testid="ticket">{ticket.number}</p>
        <p>{va.kiosk.waiting(ticket.waiting)}</p>
        <div className="kiosk-row">
          <button type="button" onClick={() => window.print()}>{va.kiosk.print}</button>
        </div>
      </div>
    );
  return (
    <>
      <p>{va.kiosk.queueFor}</p>
      <div className="kiosk-menu">
        {va.kiosk.counters.map((c, i) => (
          <button type="button" key={c} onClick={() => take(i)}>{c}</button>
        ))}
      </div>
    </>
  );
}
