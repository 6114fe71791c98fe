import { defineConfig } from 'vitest/config';

// For running the Mini App's tests alone (`npx vitest run -c mini-app/vitest.config.ts`); the root
// vitest.config.ts runs the same files as its projects "mini-app" and "browser".
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'mini-app',
          include: ['mini-app/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['mini-app/vitest.setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['mini-app/test/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
