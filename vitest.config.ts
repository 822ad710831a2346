import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite. With TEST_DATABASE_URL (a PostgreSQL server; .ci/run starts one)
 * the files below run a second time with startTestBot on a PostgreSQL database each
 * (TEST_DB_KIND=postgres, copied from a migrated template: support/template-database.ts).
 *
 * The rule for this list: a file belongs here when it exercises code that differs per dialect,
 * not merely code that passes through the store. That is
 *  - SQL written per dialect: the inbox and outbox (claims, leases, order per conversation,
 *    queue stats: src/store/sql/*-queues.ts), the case-code lock and insert (dialect-sql.ts),
 *    the report and weekly-progress queries (store/report, store/progress.ts), the ledger
 *    import's raw inserts;
 *  - writers racing where the database's locking decides the outcome: code allocation,
 *    concurrent case changes, scheduled-job claims, two workers on one database;
 *  - one end-to-end journey per area (cases, the year-end report) through the PostgreSQL
 *    client, for what the generated client maps differently (dates, bytes, big integers).
 * Files about wording, permissions, cards, signatures or the long connection run on SQLite only:
 * on PostgreSQL they would repeat the same queue statements that the files here already test.
 * Migrations and schema drift are tested on both databases by the files in SELF_CHOOSING.
 */
const POSTGRES_SUITES = [
  // Inbox and outbox statements: retries, leases, restarts, a kill mid-send, order, stats.
  'test/transport/reliability.test.ts',
  'test/transport/outbox-shutdown.test.ts',
  'test/transport/outbox-crash.test.ts',
  'test/transport/health-database.test.ts',
  // 503 with Retry-After while the database is away (PostgreSQL: a real outage).
  'test/transport/outage-answers.test.ts',
  'test/harden/faults-order.test.ts',
  'test/harden/metrics.test.ts',
  // Fair queues: each chat's oldest due row, a lane's own rows, claims that keep a chat's order.
  'test/transport/fair-queues.test.ts',
  'test/transport/inbox-lanes.test.ts',
  // Job claims, replicas on one database, the weekly-progress query.
  'test/schedules/scheduler.test.ts',
  'test/schedules/replicas.test.ts',
  'test/schedules/weekly-post.test.ts',
  // Year-end figures, the ledger, the import's raw inserts.
  'test/report/reference-journey.test.ts',
  'test/report/mixed-year.test.ts',
  'test/report/records-only-year.test.ts',
  'test/report/import-ledger.test.ts',
  'test/report/import-ledger-followups.test.ts',
  'test/report/followup-draft.test.ts',
  // A sealed year: its figures stored and compared with the records, through the PostgreSQL client too.
  'test/report/year-seal.test.ts',
  // Case codes (lock and insert), racing changes, the case journey.
  'test/cases/submit.test.ts',
  'test/cases/create-case-paths.test.ts',
  'test/cases/concurrent-changes.test.ts',
  'test/cases/journey.test.ts',
  // 回访: the one-per-resolution index, the reopening, the 待回访 query (raw SQL), the year's 回访 figures.
  'test/cases/followup.test.ts',
  'test/cases/followup-reminders.test.ts',
  // Cloud work: Base upserts stored with case changes and imports, records and documents across a kill -9.
  'test/cloud/ledger-base.test.ts',
  'test/cloud/cloud-crash.test.ts',
];
// These pick their databases themselves (both kinds, or PostgreSQL only): one run is enough.
const SELF_CHOOSING = ['test/store/pg-*.test.ts', 'test/store/db-copy.test.ts', 'test/store/migrations-drift.test.ts', 'test/store/queue-plans.test.ts', 'test/replicas/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Every core, not vitest's cores - 1: most test time is spent waiting (polls, child
    // processes, the browser), so on a 2-core machine two workers nearly halve the wall time.
    maxWorkers: Math.max(2, availableParallelism()),
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
