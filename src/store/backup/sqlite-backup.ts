import { mkdirSync, rmSync } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { backupName, backupsToPrune, listBackups, removeBackup, removeLeftovers, type BackupManifest } from './backup-files.js';
import { inspectSqliteFile, sha256OfFile } from './inspect-sqlite-file.js';

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
  /** Older backups removed by the retention rule. */
  pruned: string[];
}

export class BackupError extends Error {}

/** Flushes a file (or a folder's entry list) to disk, so a power cut cannot leave a renamed but empty file. */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * An online backup of the SQLite database at `database`, made by a short child process
 * (check-sqlite-file.cjs) while the bot runs: `VACUUM INTO` copies one consistent snapshot (one
 * read transaction; writers go on, in WAL mode) into a `.partial` file, which is then checked
 * (PRAGMA integrity_check, rows per table), hashed, described in its manifest, and only then
 * given a backup's name. Then the retention rule removes older copies. About 0.1 s for the copy
 * and 0.2 s for the check with 20,000 cases, none of it on the bot's event loop.
 */
export async function backupSqlite(database: string, o: { dir: string; now: Date; keep: number; timeZone: string }): Promise<BackupResult> {
  mkdirSync(o.dir, { recursive: true });
  removeLeftovers(o.dir);
  const name = backupName(o.now, 'db');
  const path = join(o.dir, name);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    const { check, tables } = await inspectSqliteFile(partial, { copyOf: database });
    await fsyncPath(partial);
    if (check !== 'ok') throw new BackupError(`备份副本未通过完整性检查（${check.slice(0, 200)}）`);
    const manifest: BackupManifest = {
      file: name,
      database: 'sqlite',
      createdAt: o.now.toISOString(),
      sizeBytes: (await stat(partial)).size,
      sha256: await sha256OfFile(partial),
      check: 'ok',
      tables,
    };
    await writeFinished(path, partial, manifest);
    const pruned = backupsToPrune(listBackups(o.dir), o.keep, o.now, o.timeZone).map((e) => e.path);
    for (const p of pruned) removeBackup(p);
    return { path, manifest, pruned };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The manifest gets its name first, the data file last: only then does the pair look like a finished backup. */
export async function writeFinished(path: string, partial: string, manifest: BackupManifest): Promise<void> {
  const manifestPartial = `${path}.json.partial`;
  await writeFile(manifestPartial, `${JSON.stringify(manifest, null, 2)}\n`);
  await fsyncPath(manifestPartial);
  await rename(manifestPartial, `${path}.json`);
  await rename(partial, path);
  await fsyncPath(dirname(path));
}
