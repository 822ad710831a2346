import { afterEach, describe, expect, it } from 'vitest';
import { ENCRYPT_KEY, messageEvent, TOKEN } from '../support/lark-payloads.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import type { TestDatabase } from '../support/pg-database.js';
import { createMigratedDatabase } from '../support/template-database.js';
import { startTestBot, TEST_DB_KIND, waitFor, type TestBot } from '../support/test-bot.js';
import { startReplica, type Replica } from '../replicas/replica-process.js';

const LEASE_MS = 3000;
let fake: FakeOpenApi | undefined;
let database: TestDatabase | undefined;
let replica: Replica | undefined;
let restarted: TestBot | undefined;
afterEach(async () => {
  await replica?.kill9();
  await restarted?.close();
  await fake?.stop();
  await database?.drop();
  fake = database = replica = restarted = undefined;
});

/**
 * A process killed (SIGKILL, out of memory) while Lark holds its send: nothing can hand the row
 * back, so it stays 'sending' until its lease runs out. Then it must go out once, with the same
 * uuid (the killed send may have reached Lark, which deduplicates by uuid for an hour).
 */
describe('a bot killed while a send is in flight', () => {
  it('sends the message once after the restart, when the dead run’s lease has run out', async () => {
    fake = new FakeOpenApi();
    await fake.start();
    database = await createMigratedDatabase(TEST_DB_KIND);
    replica = await startReplica('killed', {
      DATABASE_URL: database.url,
      LARK_APP_ID: 'cli_crash',
      LARK_APP_SECRET: 'crash-secret',
      LARK_VERIFICATION_TOKEN: TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: fake.url,
      LOG_LEVEL: 'silent',
      REPLICA_LEASE_MS: String(LEASE_MS),
    });
    fake.fail('/open-apis/im/v1/messages', { hang: true }, 1);
    expect((await replica.post(messageEvent({ text: '/帮助' }))).status).toBe(200);
    await waitFor(() => fake!.sendRequests.length === 1, 10_000, 'the hanging send');
    await replica.kill9();
    fake.dropConnections();
    restarted = await startTestBot({ fake, databaseUrl: database.url, noWorkers: true, botOptions: { outboxPolicy: { baseDelayMs: 10, maxDelayMs: 50, leaseMs: LEASE_MS } } });
    // As the killed run left it, read before the new run's workers start (the lease may be over by now).
    const row = await restarted.bot.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });
    restarted.bot.start();
    await waitFor(() => fake!.messages.length === 1, LEASE_MS + 10_000, 'the reply after the restart');
    // Not before the dead run's lease: a live replica's send is never taken over early.
    expect(Date.now()).toBeGreaterThanOrEqual(row.leaseUntil!.getTime());
    await waitFor(async () => (await restarted!.bot.db.outboxMessage.findFirstOrThrow()).status === 'sent', 5000, 'the row marked sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messages).toHaveLength(1);
    expect(fake.sendRequests).toHaveLength(2);
    expect(new Set(fake.sendRequests.map((r) => r.body.uuid)).size).toBe(1);
  }, 90_000);
});
