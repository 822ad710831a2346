#!/usr/bin/env node
// Writes prisma/pg-schema/ from prisma/schema/: the same models with the PostgreSQL provider
// and its own client output. Prisma fixes the provider per schema (a client generated for
// sqlite refuses the pg adapter), so the second client needs its own copy of the models.
// Run it after changing prisma/schema (test/store/pg-schema.test.ts fails until you do).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = join(root, 'prisma/schema');
export const TARGET = join(root, 'prisma/pg-schema');

const HEADER = '// Written by scripts/write-pg-schema.mjs from prisma/schema/: do not edit by hand.\n';

/** The PostgreSQL twin of one schema file: provider and output swapped, models unchanged. */
export function toPostgres(text) {
  // No field uses a native type (@db.…), so Prisma's default mapping serves both databases
  // (String → text, DateTime → timestamp(3), Bytes → bytea); a native type would need mapping here.
  if (/@db\./.test(text)) throw new Error('native types (@db.…) need a mapping in write-pg-schema.mjs');
  const swapped = text
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/\.\.\/src\/generated\/prisma"/, 'output   = "../../src/generated/prisma-pg"');
  return HEADER + swapped;
}

/** File name → text of the PostgreSQL schema folder. */
export function pgSchemaFiles() {
  return Object.fromEntries(
    readdirSync(SOURCE)
      .filter((f) => f.endsWith('.prisma'))
      .sort()
      .map((f) => [f, toPostgres(readFileSync(join(SOURCE, f), 'utf8'))]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(TARGET, { recursive: true, force: true });
  mkdirSync(TARGET, { recursive: true });
  for (const [name, text] of Object.entries(pgSchemaFiles())) writeFileSync(join(TARGET, name), text);
  console.log(`wrote ${TARGET}`);
}
