import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { backupsToPrune, listBackups, manifestSchema, type BackupEntry } from '../../src/store/backup/backup-files.js';
import { inspectSqliteFile, sha256OfFile } from '../../src/store/backup/inspect-sqlite-file.js';
import { seededDatabase } from './seeded-database.js';

let seeded: ReturnType<typeof seededDatabase> | undefined;
afterEach(() => seeded?.drop());

/**
 * Runs `npm run db:backup`'s script (node itself, so the kill reaches the process that copies)
 * and kills it with SIGKILL `afterMs` after its `.partial` copy appeared (or, with
 * `beforeCopy`, as soon as it starts).
 */
function backupKilled(url: string, afterMs: number, beforeCopy = false): Promise<{ killed: boolean; partialSeen: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-backup.ts'], { env: { ...process.env, DATABASE_URL: url, BACKUP_ANNOUNCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let partialSeen = false;
    const partialThere = () => readdirSync(seeded!.backups).some((n) => n.endsWith('.partial'));
    let watch: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('backup: copying')) return;
      if (beforeCopy) return void child.kill('SIGKILL');
      watch = setInterval(() => {
        if (!partialThere()) return;
        clearInterval(watch);
        partialSeen = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }, 1);
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      resolve({ killed: signal === 'SIGKILL', partialSeen });
    });
  });
}

/** Every file in the folder that is named like a backup must be one: manifest, size, SHA-256 and integrity all agree. */
async function everyBackupLookingFileIsGood(dir: string): Promise<number> {
  let named = 0;
  for (const name of readdirSync(dir).filter((n) => /^bot-.*\.db$/.test(n))) {
    named++;
    const path = join(dir, name);
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${path}.json`, 'utf8')));
    expect(await sha256OfFile(path)).toBe(manifest.sha256);
    expect((await inspectSqliteFile(path)).check).toBe('ok');
  }
  expect(listBackups(dir)).toHaveLength(named);
  return named;
}

it('a kill -9 at any moment of a backup leaves no file that looks like a good backup, and the next run cleans up and succeeds', async () => {
  seeded = seededDatabase(20_000);
  mkdirSync(seeded.backups);
  const outcomes = [];
  for (const [ms, beforeCopy] of [[0, true], [0, false], [10, false], [30, false], [60, false], [100, false], [150, false], [220, false], [300, false]] as const) {
    const o = await backupKilled(seeded.url, ms, beforeCopy);
    outcomes.push(o);
    if (existsSync(seeded.backups)) await everyBackupLookingFileIsGood(seeded.backups);
  }
  console.log(`kills: ${JSON.stringify(outcomes)}`);
  // Most kills landed while the copy was under way (else the test proved nothing).
  expect(outcomes.filter((o) => o.killed && o.partialSeen).length).toBeGreaterThanOrEqual(4);
  const before = existsSync(seeded.backups) ? listBackups(seeded.backups).length : 0;
  const done = await backupKilled(seeded.url, 60_000, false);
  expect(done.killed).toBe(false);
  expect(await everyBackupLookingFileIsGood(seeded.backups)).toBe(before + 1);
  expect(readdirSync(seeded.backups).filter((n) => n.endsWith('.partial'))).toEqual([]);
}, 180_000);

it('keeps the newest BOT_BACKUP_KEEP daily copies and the last copy of each month for a year', () => {
  const day = (iso: string): BackupEntry => ({ path: iso, createdAt: new Date(iso), manifest: {} as BackupEntry['manifest'] });
  const entries: BackupEntry[] = [];
  for (let t = Date.parse('2025-10-01T18:30:00Z'); t <= Date.parse('2026-12-05T18:30:00Z'); t += 86_400_000) entries.push(day(new Date(t).toISOString()));
  const pruned = new Set(backupsToPrune(entries, 14, new Date('2026-12-05T19:00:00Z'), 'Asia/Shanghai').map((e) => e.path));
  const kept = entries.filter((e) => !pruned.has(e.path)).map((e) => e.path);
  // 14 daily copies: 22 Nov to 5 Dec (18:30 UTC is 02:30 the next day in Shanghai).
  expect(kept.slice(-14)[0]).toBe('2026-11-22T18:30:00.000Z');
  // Month ends in Shanghai time, for the twelve months before: e.g. 31 Oct 2026 02:30 is 30 Oct 18:30 UTC.
  expect(kept).toContain('2026-10-30T18:30:00.000Z');
  expect(kept).toContain('2026-01-30T18:30:00.000Z');
  expect(kept).toContain('2025-12-30T18:30:00.000Z');
  expect(kept).not.toContain('2025-11-29T18:30:00.000Z');
  expect(kept).not.toContain('2026-10-29T18:30:00.000Z');
  // December 2025 to November 2026 (November's last, 30 Nov, is one of the 14 daily copies).
  expect(kept.length).toBe(14 + 11);
});
