import { defineConfig } from 'vitest/config';

// One run for the whole repo; projects pick the environment. The backend project is run a
// second time by .ci/run with TEST_DATABASE_URL=postgres://… (dialect parity).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'backend', include: ['backend/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'scripts', include: ['scripts/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'mini-app',
          include: ['mini-app/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['mini-app/vitest.setup.ts'],
        },
      },
      { extends: true, test: { name: 'browser', include: ['mini-app/test/**/*.test.ts'], environment: 'node', fileParallelism: false } },
    ],
  },
});
