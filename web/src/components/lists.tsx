/**
 * Pieces the back office's list pages share (the assistant's pages, the tasks): the tabs between sibling
 * pages, what a list shows while it loads, and a table whose rows stack on a phone.
 */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { Loading, ProblemNotice } from './ui.tsx';
import type { Query } from '../lib/api.ts';

/** Links between sibling pages, the current one marked (`end`: only this exact address is current). */
export function SectionTabs({ label, items }: { label: string; items: ({ to: string; label: string; end?: boolean } | false)[] }) {
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {items.map(
          (x) =>
            x && (
              <li key={x.to}>
                <NavLink to={x.to} end={x.end}>
                  {x.label}
                </NavLink>
              </li>
            ),
        )}
      </ul>
    </nav>
  );
}

/** A list being read: the API's refusal (with a retry), "loading" the first time, then `children`. */
export function Loaded<T>({ query, children }: { query: Pick<Query<T>, 'data' | 'error' | 'loading' | 'reload'>; children: (data: T) => ReactNode }) {
  const { data, error, loading, reload } = query;
  return (
    <>
      {error && <ProblemNotice error={error} onRetry={reload} />}
      {data === undefined ? loading && <Loading /> : children(data)}
    </>
  );
}

/**
 * A table whose rows stack on a narrow screen (each cell names its column with `data-label`), with its
 * caption for screen readers; `wrap` (the default) lets a wide table scroll sideways inside the page.
 */
export function DataTable({ caption, heads, wrap = true, children }: { caption: string; heads: ReactNode[]; wrap?: boolean; children: ReactNode }) {
  const table = (
    <table className="stack">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {heads.map((h, i) => (
            <th scope="col" key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
