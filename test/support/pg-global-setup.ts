/**
 * Says once per `npm test` whether the PostgreSQL pass runs, so a run without a server is not
 * mistaken for one that tested both databases.
 */
export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    const u = new URL(process.env.TEST_DATABASE_URL);
    console.log(`PostgreSQL pass: the files that exercise dialect-specific code (vitest.config.ts POSTGRES_SUITES) also run on ${u.hostname}:${u.port || 5432}`);
  } else {
    console.log('PostgreSQL pass skipped: TEST_DATABASE_URL is not set (.ci/run starts a throw-away server and sets it); SQLite only');
  }
}
