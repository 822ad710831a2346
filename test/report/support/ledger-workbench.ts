import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../src/store/database.js';
import { createMigratedDatabase } from '../../support/template-database.js';
import { TEST_DB_KIND } from '../../support/test-bot.js';

/**
 * What the ledger import tests work with: fresh migrated databases (PostgreSQL on the
 * PostgreSQL pass: the import writes with raw SQL) and a scratch folder for ledger files, each
 * test's own, closed and removed after it. Call at the top of a test file.
 */
export function ledgerWorkbench(prefix: string) {
  let dir = '';
  const opened: Array<{ db: Db; drop: () => Promise<void> }> = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await closeDatabase(o.db);
      await o.drop();
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    async newDatabase(): Promise<Db> {
      const d = await createMigratedDatabase(TEST_DB_KIND);
      const { db } = await openDatabase(d.url);
      opened.push({ db, drop: d.drop });
      return db;
    },
    /** A file's path in this test's folder. */
    path: (name: string) => join(dir, name),
    /** A CSV as a spreadsheet program saves it (BOM, CRLF), in this test's folder. */
    csv(name: string, lines: string[]): string {
      const path = join(dir, name);
      writeFileSync(path, '\uFEFF' + lines.join('\r\n'));
      return path;
    },
  };
}
