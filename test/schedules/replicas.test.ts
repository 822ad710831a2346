import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.js';
import type { TestDatabase } from '../support/pg-database.js';
import { createMigratedDatabase } from '../support/template-database.js';
import { ADMIN, LEADER, STAFF, TEST_DB_KIND } from '../support/test-bot.js';
import { MINUTE, seedCase } from './helpers.js';

let database: TestDatabase | undefined;
let db: Db | undefined;
afterEach(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** Starts replica-worker.ts in a thread (tsx registered there: Node 20 ignores --import in a worker's execArgv). */
function runReplica(data: Record<string, unknown>): Promise<string[]> {
  const script = new URL('./replica-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(script)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`replica exited with ${code}`)));
  });
}

describe(`two bot replicas on one ${TEST_DB_KIND} database`, () => {
  it('post the weekly progress once and remind each owner once a working day', async () => {
    database = await createMigratedDatabase(TEST_DB_KIND);
    ({ db } = await openDatabase(database.url));
    await seedCase(db, { receivedDate: '2026-11-02', deadline: '2026-11-20', reporterId: STAFF });

    const env = { BOT_REPORT_CHAT_ID: 'oc_report_chat', BOT_ADMINS: ADMIN, BOT_LEADERS: LEADER };
    const week = { databaseUrl: database.url, env, from: '2026-11-29T00:00:00+08:00', until: '2026-12-06T00:00:00+08:00', stepMs: 10 * MINUTE };
    const [a, b] = await Promise.all([runReplica({ ...week, owner: 'replica-a' }), runReplica({ ...week, owner: 'replica-b' })]);

    const fired = [...a!, ...b!];
    expect(fired.filter((f) => f.startsWith('progress.weekly@'))).toEqual(['progress.weekly@2026-11-30 09:00:done']);
    // Sunday 29 Nov is not a working day: the firing runs (once) and reminds nobody.
    expect(fired.filter((f) => f.startsWith('cases.daily-reminders@')).sort()).toEqual(
      ['11-29', '11-30', '12-01', '12-02', '12-03', '12-04', '12-05'].map((d) => `cases.daily-reminders@2026-${d} 09:00:done`),
    );
    expect(fired.filter((f) => f.startsWith('yearend.watch@')).sort()).toEqual(['yearend.watch@2026-12-01 09:30:done']);

    const sent = await db.outboxMessage.findMany({ select: { target: true, kind: true } });
    const to = (t: string) => sent.filter((m) => m.target === t).length;
    // The card only, also in local mode (no LARK_APP_ID here): the local chat draws its chart element.
    expect(sent.filter((m) => m.target === 'chat_id:oc_report_chat').map((m) => m.kind)).toEqual(['send']);
    expect(to(`open_id:${STAFF}`)).toBe(5); // Monday to Friday
    // Deadline Fri 20 Nov: 6 working days overdue on Mon 30 Nov (一级), 10 on Fri 4 Dec (二级).
    expect(to(`open_id:${LEADER}`)).toBe(2);
    const notes = (await db.caseEvent.findMany({ where: { kind: 'escalate' }, orderBy: { id: 'asc' } })).map((e) => e.note);
    expect(notes).toEqual([
      '一级督办（办理期限2026-11-20）：已超期 6 个工作日，已提请领导督办',
      '二级督办（办理期限2026-11-20）：已超期 10 个工作日，已提请领导督办',
    ]);
    expect(await db.jobRun.count()).toBe(fired.length);
    // Two threads that load the bot and walk a week: on PostgreSQL each claim is a network round trip.
  }, 120_000);
});
