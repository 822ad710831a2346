import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Says whether the PostgreSQL pass runs (TEST_DATABASE_URL) or was skipped.
    globalSetup: ['test/support/pg-global-setup.ts'],
  },
});
