import { defineConfig } from 'prisma/config';

// The schema is split by feature (prisma/schema/*.prisma); migrations are plain SQL files
// applied by src/store/migrate.ts at start, because the schema engine cannot be downloaded here.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/bot.db' },
});
