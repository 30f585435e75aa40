/**
 * The assistant's chat button on every citizen page. Only the button is in the first bundle; the panel
 * (ChatPanel.tsx) is loaded on the first click. Keyboard: the button opens the panel and puts the focus in
 * the question field; Escape closes it and returns the focus to the button.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { va } from '../i18n/assistant.ts';

const ChatPanel = lazy(() => import('./ChatPanel.tsx'));

export function ChatWidget() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // the button is back in the page only after the panel closed: give it the focus then
  const refocus = useRef(false);
  useEffect(() => {
    if (!open && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [open]);
  return (
    <div className="chat-widget">
      {open && (
        <Suspense fallback={<div className="chat-panel" role="status">{va.thinking}</div>}>
          <ChatPanel
            onClose={() => {
              refocus.current = true;
              setOpen(false);
            }}
          />
        </Suspense>
      )}
      {!open && (
        <button ref={button} type="button" className="chat-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {va.open}
        </button>
      )}
    </div>
  );
}
