import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite. With TEST_DATABASE_URL (a PostgreSQL server; .ci/run starts one)
 * the suites that touch the store, transport, scheduling and reports run a second time with
 * startTestBot on a fresh PostgreSQL database each (TEST_DB_KIND=postgres).
 */
const POSTGRES_SUITES = ['test/store/**/*.test.ts', 'test/transport/**/*.test.ts', 'test/schedules/**/*.test.ts', 'test/report/**/*.test.ts', 'test/cases/**/*.test.ts'];
// These pick their databases themselves (both kinds, or PostgreSQL only): one run is enough.
const SELF_CHOOSING = ['test/store/pg-*.test.ts', 'test/store/db-copy.test.ts', 'test/store/migrations-drift.test.ts', 'test/store/queue-plans.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Says whether the PostgreSQL pass runs (TEST_DATABASE_URL) or was skipped.
    globalSetup: ['test/support/pg-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: 'postgres', include: POSTGRES_SUITES, exclude: SELF_CHOOSING, env: { TEST_DB_KIND: 'postgres' } } }]
        : []),
    ],
  },
});
