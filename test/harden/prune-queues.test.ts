import { afterEach, describe, expect, it } from 'vitest';
import { pruneQueues } from '../../src/store/prune-queues.js';
import { sqlDate, stmt } from '../../src/store/raw-sqlite.js';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const daysAgo = (n: number) => sqlDate(new Date(Date.now() - n * 24 * 3600_000));

describe('retention of inbox and outbox rows', () => {
  it('deletes rows handled or sent over 30 days ago and failed ones over 90 days, and keeps the rest', async () => {
    t = await startTestBot();
    for (let i = 0; i < 4; i++) await t.post(messageEvent({ text: '/帮助', from: STAFF }));
    await waitFor(async () => (await t!.bot.db.outboxMessage.count({ where: { status: 'sent' } })) === 4, 5000, 'four replies sent');
    const ids = async (table: string) => t!.bot.db.connection!.run((raw) => (stmt(raw, `SELECT id FROM ${table} ORDER BY id`).all() as Array<{ id: number }>).map((r) => r.id));
    const update = async (sql: string, ...args: unknown[]) => t!.bot.db.connection!.run((raw) => stmt(raw, sql).run(...args));
    const inbox = await ids('inbox');
    const out = await ids('outbox');
    await update(`UPDATE inbox SET updated_at = ? WHERE id = ?`, daysAgo(31), inbox[0]);
    await update(`UPDATE inbox SET status = 'failed', updated_at = ? WHERE id = ?`, daysAgo(60), inbox[1]);
    await update(`UPDATE inbox SET status = 'failed', updated_at = ? WHERE id = ?`, daysAgo(91), inbox[2]);
    await update(`UPDATE outbox SET sent_at = ? WHERE id = ?`, daysAgo(31), out[0]);
    await update(`UPDATE outbox SET status = 'failed', created_at = ? WHERE id = ?`, daysAgo(91), out[1]);
    expect(await pruneQueues(t.bot.db, new Date())).toEqual({ inbox: 2, outbox: 2 });
    expect(await ids('inbox')).toEqual([inbox[1], inbox[3]]);
    expect(await ids('outbox')).toEqual([out[2], out[3]]);
  });

  it('runs daily as a scheduled job', async () => {
    t = await startTestBot();
    expect(t.bot.registry.jobs(t.config).find((j) => j.id === 'maintenance.prune-queues')?.cron).toBe('30 3 * * *');
  });
});
