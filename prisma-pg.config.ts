import { defineConfig } from 'prisma/config';

// The PostgreSQL twin of prisma.config.ts: same models (prisma/pg-schema/, written by
// scripts/write-pg-schema.mjs), its own client (src/generated/prisma-pg), hand-written
// migrations in prisma/pg-migrations applied by src/store/pg/migrate-pg.ts.
export default defineConfig({
  schema: 'prisma/pg-schema',
  migrations: { path: 'prisma/pg-migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/bot' },
});
