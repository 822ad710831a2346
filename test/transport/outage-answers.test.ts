import { afterEach, expect, it, vi } from 'vitest';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { admin } from '../support/pg-database.js';
import { STAFF, startTestBot, TEST_DB_KIND, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
let restore: (() => Promise<void>) | undefined;
afterEach(async () => {
  await restore?.();
  restore = undefined;
  await t?.destroy();
  t = undefined;
});

/**
 * Takes the bot's database away. PostgreSQL: the database refuses connections and the bot's
 * are ended (a real outage). SQLite has no server to stop: the inbox's insert fails as a disk
 * that went away does.
 */
async function databaseGoesAway(bot: TestBot): Promise<void> {
  if (TEST_DB_KIND === 'postgres') {
    const name = new URL(bot.databaseUrl).pathname.slice(1);
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    });
    restore = () => admin((c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`)).then(() => undefined);
    return;
  }
  const spy = vi.spyOn(bot.bot.db.queues.inbox, 'insert').mockRejectedValue(new Error('SQLITE_IOERR: disk I/O error'));
  restore = async () => spy.mockRestore();
}

it('while the database is unreachable an event is answered 503 with Retry-After, and stored once it is back', async () => {
  t = await startTestBot();
  await databaseGoesAway(t);
  const e = messageEvent({ text: '/帮助', from: STAFF });
  const res = await fetch(`${t.url}/webhook/event`, { method: 'POST', ...(() => { const s = t!.sign(e); return { headers: s.headers, body: s.body }; })() });
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(JSON.stringify(await res.json())).not.toMatch(/SQLITE|terminat|stack/i);
  await restore!();
  restore = undefined;
  // Lark's redelivery of the same event is then stored and handled.
  const again = await t.post(e);
  expect(again.status).toBe(200);
  expect(await t.bot.db.inboxEvent.count({ where: { eventId: e.header.event_id } })).toBe(1);
});

it('while the database is unreachable a card click gets a short Chinese toast saying the system is busy', async () => {
  t = await startTestBot();
  await databaseGoesAway(t);
  const click = cardActionEvent({ value: { action: 'case.submit' }, from: STAFF, formValue: { enterprise: '好得科技有限公司', category: 'other', content: '企业诉求' } });
  const res = await t.post(click);
  expect(res.status).toBe(200);
  expect(res.body.toast.type).toBe('warning');
  expect(res.body.toast.content).toMatch(/^系统繁忙.{0,30}$/);
  await restore!();
  restore = undefined;
  expect(await t.bot.db.enterpriseCase.count()).toBe(0);
});
