import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A backup is two files in BOT_BACKUP_DIR: `bot-<UTC time>.db` (or `.dump` for pg_dump) and its
 * manifest `<file>.json`. The data file gets its final name last, after its check passed and
 * its manifest was written, so a file with a backup's name and a manifest that matches its size
 * is a finished, checked backup; anything a crash leaves is a `.partial` file or a lone
 * manifest, which the next run removes.
 */
export const manifestSchema = z.object({
  file: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  createdAt: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SQLite: PRAGMA integrity_check's answer on the copy; PostgreSQL: what pg_restore --list said. */
  check: z.literal('ok'),
  tables: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupEntry {
  path: string;
  manifest: BackupManifest;
  createdAt: Date;
}

const NAME = /^bot-(\d{8}T\d{6}Z)\.(db|dump)$/;

/** `bot-20261206T023000Z.db`: sorts by time, and says when without a time zone to guess. */
export function backupName(at: Date, ext: 'db' | 'dump'): string {
  return `bot-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}.${ext}`;
}

/** Finished backups in `dir`, oldest first: a data file with a backup's name whose manifest parses and matches its size. */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    if (!NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${path}.json`, 'utf8')));
      if (manifest.file !== name || statSync(path).size !== manifest.sizeBytes) continue;
      out.push({ path, manifest, createdAt: new Date(manifest.createdAt) });
    } catch {
      // No manifest, or one that does not parse: not a backup this tool vouches for.
    }
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The newest finished backup, if any. */
export function lastBackup(dir: string): BackupEntry | undefined {
  return listBackups(dir).at(-1);
}

/**
 * Which backups go: all but the newest `keep`, except the newest of each calendar month
 * (in `timeZone`) of the last twelve months, which stay for a year.
 */
export function backupsToPrune(entries: readonly BackupEntry[], keep: number, now: Date, timeZone: string): BackupEntry[] {
  const month = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(d);
  const yearAgo = now.getTime() - 366 * 86_400_000;
  const lastOfMonth = new Map<string, BackupEntry>();
  for (const e of entries) if (e.createdAt.getTime() >= yearAgo) lastOfMonth.set(month(e.createdAt), e);
  const kept = new Set([...entries.slice(-keep), ...lastOfMonth.values()]);
  return entries.filter((e) => !kept.has(e));
}

/** Removes a backup: the manifest first, so a half-removed one never looks finished. */
export function removeBackup(path: string): void {
  rmSync(`${path}.json`, { force: true });
  rmSync(path, { force: true });
}

/** What a crash left: unfinished copies, and manifests whose data file never got its name. */
export function removeLeftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const orphanManifest = name.endsWith('.json') && NAME.test(name.slice(0, -5)) && !existsSync(join(dir, name.slice(0, -5)));
    if (name.endsWith('.partial') || orphanManifest) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
