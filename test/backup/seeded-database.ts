import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedScale } from '../../scripts/scale-seed.js';
import { dayIn } from '../../src/domain/dates/days.js';
import { migrate } from '../../src/store/migrate.js';

/** A migrated SQLite file with `n` cases over ten years (scripts/scale-seed.ts), in a folder of its own with backups/ beside it. */
export function seededDatabase(n: number): { dir: string; path: string; url: string; backups: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-backup-'));
  const path = join(dir, 'bot.db');
  migrate(path);
  seedScale(path, n, dayIn(new Date(), 'Asia/Shanghai'));
  return { dir, path, url: `file:${path}`, backups: join(dir, 'backups'), drop: () => rmSync(dir, { recursive: true, force: true }) };
}
