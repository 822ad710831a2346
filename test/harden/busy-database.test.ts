import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/store/cases/create-case.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';

let dir: string | undefined;
let db: Db | undefined;
let holder: ChildProcess | undefined;
afterEach(async () => {
  holder?.kill('SIGKILL');
  if (db) await closeDatabase(db);
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = db = holder = undefined;
});

/** Another process (a second replica, the ledger import) holds the write lock for `ms`. */
async function holdWriteLock(path: string, ms: number): Promise<void> {
  const code = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path)});d.exec('BEGIN IMMEDIATE');console.log('LOCKED');setTimeout(()=>{d.exec('COMMIT');process.exit(0)},${ms})`;
  holder = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => holder!.stdout!.once('data', resolve));
}

describe('a database held by another writer', () => {
  it('a case submitted meanwhile is stored once the lock is released, not lost', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-busy-'));
    const path = join(dir, 'bot.db');
    ({ db } = await openDatabase(path));
    await holdWriteLock(path, 3_000);
    const r = await createCase(db, { enterprise: '好得科技有限公司', category: 'other', content: '企业诉求', receivedDate: '2026-11-02', reporterId: 'ou_reporter' });
    expect(r.created).toBe(true);
    expect(await db.enterpriseCase.count()).toBe(1);
  }, 30_000);
});

describe('webhooks while another writer holds the database', () => {
  it('the server keeps answering, and the event is acknowledged once the lock is released', async () => {
    const { startTestBot, waitFor } = await import('../support/test-bot.js');
    const { messageEvent } = await import('../support/lark-payloads.js');
    const t = await startTestBot();
    try {
      await holdWriteLock(t.config.databasePath, 3_000);
      const { timeOwnWork } = await import('../support/answer-time.js');
      let ack: ReturnType<typeof t.post> | undefined;
      // The event loop is free: the health check answers while the event still waits for the lock
      // (timed without other processes' load on the machine).
      const { value: health, ms } = await timeOwnWork(async () => {
        ack = t.post(messageEvent({ text: '/帮助' }));
        await new Promise((r) => setTimeout(r, 300));
        return fetch(t.url + '/healthz');
      });
      expect(health.status).toBe(200);
      expect(ms).toBeLessThan(2_000);
      expect((await ack!).status).toBe(200);
      await waitFor(() => t.fake.messages.length === 1, 10_000, 'the reply');
    } finally {
      await t.destroy();
    }
  }, 30_000);
});
