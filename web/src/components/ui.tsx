/** Small presentational components shared by the portal and the back office. */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { vi, label } from '../i18n/vi.ts';
import type { ApiError } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { SignInAgain } from './SignInAgain.tsx';

let firstPage = true;

/**
 * The page's <h1>. Sets the document title and, after a client-side navigation, moves the focus to
 * the heading so that a screen reader announces the new page (a full page load keeps the focus at
 * the top, where the skip link is).
 */
export function PageHeading({ children, title, office, className }: { children: ReactNode; title?: string; office?: boolean; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = office ? vi.app.officeTitle(text) : vi.app.pageTitle(text);
  }, [text, office]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}

export function Loading({ text = vi.app.loading }: { text?: string }) {
  return (
    <p className="spinner" role="status" aria-live="polite">
      {text}
    </p>
  );
}

/** A problem answered by the API, in plain words, with a retry button when it may help. */
export function ProblemNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="notice warn" role="alert">
      <h2>{error.status === 0 ? vi.app.errorTitle : error.title}</h2>
      <p>{error.status === 0 ? vi.app.offline : error.detail ?? error.title}</p>
      {/* the session ended: sign in again and come back here */}
      {error.status === 401 && <SignInAgain />}
      {onRetry && error.status !== 401 && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {vi.app.retry}
        </button>
      )}
    </div>
  );
}

const STATE_COLOURS: Record<string, string> = {
  draft: 'grey',
  submitted: 'blue',
  received: 'blue',
  refused_at_reception: 'red',
  supplement_requested: 'yellow',
  supplemented: 'blue',
  awaiting_payment: 'yellow',
  in_processing: 'blue',
  in_consultation: 'blue',
  appraised: 'blue',
  approved: 'green',
  refused: 'red',
  result_signed: 'green',
  result_issued: 'green',
  returned: 'green',
  withdrawn: 'grey',
  stopped: 'grey',
};

export function Tag({ children, colour = 'blue' }: { children: ReactNode; colour?: string }) {
  return <strong className={`tag ${colour === 'blue' ? '' : colour}`}>{children}</strong>;
}

export function StateTag({ state, label: text }: { state: string; label?: string }) {
  return <Tag colour={STATE_COLOURS[state] ?? 'blue'}>{text ?? label(vi.states, state)}</Tag>;
}

export function SummaryList({ rows }: { rows: [ReactNode, ReactNode, ReactNode?][] }) {
  return (
    <dl className="summary-list">
      {rows.map(([k, v, extra], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
          {extra !== undefined && <dd>{extra}</dd>}
        </div>
      ))}
    </dl>
  );
}

export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Đường dẫn">
      <ol>
        {items.map((it, i) => (
          <li key={i}>{it.to ? <Link to={it.to}>{it.label}</Link> : <span aria-current="page">{it.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export type { TimelineItem } from '../api/timeline.ts';
import type { TimelineItem } from '../api/timeline.ts';

/** Newest first. */
export function Timeline({ items, headingLevel = 3 }: { items: TimelineItem[]; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ol className="timeline">
      {items.map((it, i) => (
        <li key={i}>
          <H>{it.title}</H>
          <p className="small muted">
            <time dateTime={it.at}>{formatDateTime(it.at)}</time>
            {it.by ? ` — ${it.by}` : ''}
          </p>
          {it.note && <p>{it.note}</p>}
        </li>
      ))}
    </ol>
  );
}

export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Phân trang" className="button-group">
      <button type="button" className="button secondary small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {vi.search.prev}
      </button>
      <span>{vi.search.page(page, pages)}</span>
      <button type="button" className="button secondary small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {vi.search.next}
      </button>
    </nav>
  );
}

export function NotFound() {
  return (
    <>
      <PageHeading>{vi.app.notFoundTitle}</PageHeading>
      <p>{vi.app.notFoundBody}</p>
      <p>
        <Link to="/">{vi.app.toHome}</Link>
      </p>
    </>
  );
}
