import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Beside this file in src/ and, copied by the build, in dist/src/. */
const CHECKER = fileURLToPath(new URL('./check-sqlite-file.cjs', import.meta.url));

/** SHA-256 of a file, read as a stream (the event loop stays free). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks a SQLite file that is not the bot's database (a backup copy, a file to restore) in a
 * short child process (check-sqlite-file.cjs): PRAGMA integrity_check's answer and the rows of
 * every table. With `copyOf`, the child first copies that database into `path` (VACUUM INTO):
 * a backup made without holding the bot's event loop. A file SQLite cannot open at all rejects.
 */
export async function inspectSqliteFile(path: string, o: { copyOf?: string } = {}): Promise<{ check: string; tables: Record<string, number> }> {
  try {
    const { stdout } = await run(process.execPath, [CHECKER, path, ...(o.copyOf ? [o.copyOf] : [])], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout) as { check: string; tables: Record<string, number> };
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? '');
    // The driver's own words (e.g. "file is not a database"), without the child's stack.
    throw new Error(/SqliteError: ([^\n]+)/.exec(stderr)?.[1] ?? (e as Error).message.split('\n')[0]);
  }
}
