/** The assistant's conversation panel (loaded on demand): messages in a live region, a labelled field. */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../lib/api.ts';
import { va } from '../i18n/assistant.ts';

interface Message {
  who: 'you' | 'bot';
  text: string;
  procedures?: { code: string; name: string }[];
}

export default function ChatPanel({ onClose, large = false, channel = 'web' }: { onClose?: () => void; large?: boolean; channel?: 'web' | 'kiosk' | 'callcenter' }) {
  const [messages, setMessages] = useState<Message[]>([{ who: 'bot', text: va.hello }]);
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    log.current?.scrollTo?.({ top: log.current.scrollHeight });
  }, [messages]);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    const q = question.trim();
    if (!q || busy) return;
    setMessages((m) => [...m, { who: 'you', text: q }]);
    setQuestion('');
    setBusy(true);
    try {
      const { data, error } = await api.POST('/api/v1/assistant/ask', { body: { question: q, session, channel } });
      if (error || !data) throw new Error('ask failed');
      setSession(data.session);
      setMessages((m) => [...m, { who: 'bot', text: data.answer, procedures: data.procedures.slice(0, 3) }]);
    } catch {
      setMessages((m) => [...m, { who: 'bot', text: va.error }]);
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <section
      className={large ? 'chat-panel chat-large' : 'chat-panel'}
      role={onClose ? 'dialog' : 'region'}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) onClose();
      }}
    >
      <div className="chat-head">
        <h2 id={titleId}>{va.title}</h2>
        {onClose && (
          <button type="button" className="chat-close" onClick={onClose} aria-label={va.close}>
            ×
          </button>
        )}
      </div>
      <div className="chat-log" ref={log} role="log" aria-live="polite" aria-relevant="additions">
        {messages.map((m, i) => (
          <div key={i} className={`chat-msg chat-${m.who}`}>
            <span className="visually-hidden">{m.who === 'you' ? va.you : va.bot}: </span>
            <p>{m.who === 'bot' ? withLinks(m.text) : m.text}</p>
            {m.procedures && m.procedures.length > 0 && (
              <ul aria-label={va.procedures}>
                {m.procedures.map((p) => (
                  <li key={p.code}>
                    <Link to={`/thu-tuc/${p.code}`}>{p.name}</Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
        {busy && <p className="chat-busy">{va.thinking}</p>}
      </div>
      <form className="chat-form" onSubmit={send}>
        <label htmlFor={fieldId} className="visually-hidden">
          {va.label}
        </label>
        <input id={fieldId} ref={input} value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={va.placeholder} maxLength={500} autoComplete="off" />
        <button type="submit" disabled={busy}>
          {va.send}
        </button>
      </form>
    </section>
  );
}

/** The links in an answer (procedure page, tracking link of a report, the prefilled feedback form) made clickable. */
function withLinks(text: string): React.ReactNode[] {
  return text.split(/(https?:\/\/[^\s»«)]+?)(?=[.,;:]?(?:\s|$|»|\)))/).map((part, i) => (i % 2 ? <a key={i} href={part}>{part}</a> : part));
}
