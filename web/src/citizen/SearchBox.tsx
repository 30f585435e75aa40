import { useState } from 'react';
import { useNavigate } from 'react-router';
import { vi } from '../i18n/vi.ts';

/**
 * The procedure search form. A real GET form to /thu-tuc, so it works before the JavaScript has
 * arrived on a slow connection; with JavaScript it navigates without reloading.
 */
export function SearchBox({ initial = '', id = 'q', label = vi.home.searchLabel, hint = vi.home.searchHint, big }: { initial?: string; id?: string; label?: string; hint?: string; big?: boolean }) {
  const [q, setQ] = useState(initial);
  const navigate = useNavigate();
  return (
    <form
      action="/thu-tuc"
      method="get"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/thu-tuc?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <div className="form-group">
        <label className="label" htmlFor={id} style={big ? { fontSize: '1.25rem' } : undefined}>
          {label}
        </label>
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        <div className="search-box">
          <input id={id} name="q" type="search" className="input" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} autoComplete="off" enterKeyHint="search" />
          <button type="submit" className="button">
            {vi.home.searchButton}
          </button>
        </div>
      </div>
    </form>
  );
}
