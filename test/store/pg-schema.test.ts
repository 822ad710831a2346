import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { pgSchemaFiles } from '../../scripts/write-pg-schema.mjs';
import { Prisma as PgPrisma } from '../../src/generated/prisma-pg/client.js';
import { Prisma } from '../../src/generated/prisma/client.js';

const PG_SCHEMA = join(__dirname, '../../prisma/pg-schema');

it('prisma/pg-schema is what scripts/write-pg-schema.mjs writes from prisma/schema (run npm run db:pg-schema after a schema change)', () => {
  const expected = pgSchemaFiles() as Record<string, string>;
  const actual = Object.fromEntries(readdirSync(PG_SCHEMA).sort().map((f) => [f, readFileSync(join(PG_SCHEMA, f), 'utf8')]));
  expect(actual).toEqual(expected);
  expect(Object.values(actual).join()).toContain('provider = "postgresql"');
  expect(Object.values(actual).join()).not.toContain('"sqlite"');
});

it('the two generated clients have the same models and fields', () => {
  expect(Object.keys(PgPrisma.ModelName).sort()).toEqual(Object.keys(Prisma.ModelName).sort());
  for (const name of Object.keys(Prisma.ModelName)) {
    const key = `${name}ScalarFieldEnum` as keyof typeof Prisma;
    expect(Object.keys(PgPrisma[key as keyof typeof PgPrisma] as object), name).toEqual(Object.keys(Prisma[key] as object));
  }
});
