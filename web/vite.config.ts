import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// `npm run dev` proxies the API (and its WebSocket) to a running `weft serve`.
const backend = process.env.WEFT_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      // `/api` and `/api/…` only: `/api-keys` is a page of the editor. The
      // Host stays the dev server's, so that the server's Origin checks
      // (sign-in routes, WebSocket) see the page's own origin.
      '^/api(/|$)': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
