import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { seedCache, type SsrEntry } from './lib/api.ts';
import './styles.css';

const container = document.getElementById('root')!;
const tree = (
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>
);
// index.html carries the home page rendered at build time (web/scripts/build.mjs), and the search and
// procedure pages are rendered by the server per request with the answers they read (#ssr-data,
// web/src/ssr.tsx): hydrate the page when it is the one asked for, starting from those same answers; any
// other page starts from the static frame, which React replaces.
const ssrData = document.getElementById('ssr-data');
const here = window.location.pathname + window.location.search;
const at = container.dataset.prerendered;
if (ssrData && at === here) {
  try {
    seedCache(JSON.parse(ssrData.textContent ?? '[]') as SsrEntry[]);
  } catch {
    /* unreadable: the page reads its data again */
  }
  hydrateRoot(container, tree);
} else if (!ssrData && at === window.location.pathname) hydrateRoot(container, tree);
else createRoot(container).render(tree); // React clears the static frame on its first commit
