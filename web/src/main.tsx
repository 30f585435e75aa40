import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import './styles.css';

const container = document.getElementById('root')!;
const tree = (
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>
);
// index.html carries the home page rendered at build time (web/scripts/build.mjs): hydrate it when it
// is the page asked for; any other page starts from the static frame, which React replaces.
if (container.dataset.prerendered === window.location.pathname) hydrateRoot(container, tree);
else createRoot(container).render(tree); // React clears the static frame on its first commit
