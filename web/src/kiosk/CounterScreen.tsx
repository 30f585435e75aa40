/** The counter screen (/kiosk/quay?unit=…): the number being called, the queue length; a signed-in receiving officer calls the next. */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../lib/api.ts';
import { va } from '../i18n/assistant.ts';

export default function CounterScreen() {
  const [params] = useSearchParams();
  const unit = params.get('unit') || '07900';
  const [state, setState] = useState<{ calling: number | null; counter: number | null; waiting: number } | null>(null);
  const [message, setMessage] = useState('');
  async function refresh() {
    const { data } = await api.GET('/api/v1/assistant/queue/{unit}', { params: { path: { unit } } });
    if (data) setState(data);
  }
  useEffect(() => {
    void refresh();
    const t = setInterval(refresh, 3000);
    return () => clearInterval(t);
  }, [unit]);
  async function callNext() {
    const { data, error } = await api.POST('/api/v1/assistant/queue/{unit}/call', { params: { path: { unit } } });
    if (error) setMessage(error.detail ?? error.title);
    else if (data && data.number == null) setMessage(va.counter.none);
    else setMessage('');
    await refresh();
  }
  return (
    <main className="counter-screen">
      <h1>{va.counter.title}</h1>
      <p>{va.counter.now}</p>
      <p className="now" aria-live="assertive" data-testid="calling">{state?.calling ?? '—'}</p>
      <p>{state?.counter != null ? va.kiosk.counters[state.counter] : ''}</p>
      <p>{va.counter.waiting(state?.waiting ?? 0)}</p>
      <button type="button" onClick={callNext}>{va.counter.next}</button>
      {message && <p role="status">{message}</p>}
    </main>
  );
}
