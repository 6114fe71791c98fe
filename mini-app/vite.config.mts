import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import zaloMiniApp from 'zmp-vite-plugin';
import { precompress } from './vite-precompress.ts';

/**
 * Zalo's template config (zaui-coffee), with the root at the package so that the build lands in
 * `mini-app/www/` with `www/app-config.json`. zmp-vite-plugin sets `base: './'` for builds, so the
 * same output works inside Zalo and when the backend serves it at `/app/`.
 * The plugin reads `./app-config.json` from the working directory: run Vite from `mini-app/`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '',
  plugins: [react(), zaloMiniApp(), precompress()],
  build: { emptyOutDir: true, reportCompressedSize: false },
  server: {
    proxy: { '/api': process.env.HAILONG_API_PROXY ?? 'http://127.0.0.1:8787' },
  },
});
