import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Vite builds the client bundle; web/scripts/build.mjs then renders the home page into index.html,
 * inlines the stylesheet and writes compressed copies (see docs/adr/0050).
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development: the API comes from `npm start`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
