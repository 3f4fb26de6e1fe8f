import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative asset paths so `spoke emulator` can serve dist/ from any uiDir; the dev server
// proxies the emulator's API (default port 3400) so `npm run dev` works beside `spoke emulator`.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/_spoke': 'http://127.0.0.1:3400', '/crm': 'http://127.0.0.1:3400' } },
});
