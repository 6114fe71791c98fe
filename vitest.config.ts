import { defineConfig } from 'vitest/config';

// One run for the whole repo; projects pick the environment. With TEST_PG_URL set (a PostgreSQL
// server the tests may create databases on; .ci/run starts one on 127.0.0.1) the backend suite
// runs a second time on PostgreSQL in the same run: every repository query on both dialects.
const pgUrl = process.env['TEST_PG_URL'];
const backend = (name: string, env: Record<string, string> = {}) => ({ extends: true, test: { name, include: ['backend/**/*.test.ts'], environment: 'node', env } }) as const;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      backend('backend'),
      ...(pgUrl ? [backend('backend-postgres', { TEST_DATABASE_URL: pgUrl })] : []),
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
