import { afterEach, describe, expect, it } from 'vitest';
import { ledgerRows } from '../../src/cloud/base/ledger-notice.js';
import type { ImportCase } from '../../src/domain/report/ledger-import.js';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { importLedger } from '../../src/store/report/import-ledger.js';
import { startReplica, type Replica } from '../replicas/replica-process.js';
import type { FakeOpenApi } from '../support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, TOKEN } from '../support/lark-payloads.js';
import type { TestDatabase } from '../support/pg-database.js';
import { createMigratedDatabase } from '../support/template-database.js';
import { ADMIN, LEADER, startTestBot, TEST_DB_KIND, waitFor, type TestBot } from '../support/test-bot.js';
import { blocksInOrder, BASE, fakeWithCloud, FOLDER, seedYear, textOf } from './cloud-support.js';

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

const env = { LARK_DOCS_FOLDER_TOKEN: FOLDER, BOT_BITABLE_APP_TOKEN: BASE, BOT_ADMINS: ADMIN, BOT_LEADERS: LEADER };

/**
 * kill -9 while Lark holds a docx write and a Base create it has already done, then the same
 * /总结 event delivered again to the restarted bot: one document with every block once, one
 * record per case.
 */
describe('cloud work across a kill -9 mid-write and a redelivered event', () => {
  it('leaves one document and one record per case', async () => {
    const f = await fakeWithCloud();
    fake = f.fake;
    database = await createMigratedDatabase(TEST_DB_KIND);
    const { db } = await openDatabase(database.url);
    await seedYear(db, 300);
    const imported: ImportCase[] = Array.from({ length: 50 }, (_, i) => ({
      line: i + 2, code: `QY2022-${String(i + 1).padStart(4, '0')}`, year: 2022, seq: i + 1, enterprise: `导入企业${i}有限公司`, category: 'other',
      receivedDate: '2022-05-06', resolvedDate: '2022-05-20', deadline: '2022-06-01', ruleDays: null, content: null, department: null, followup: null,
    }));
    await importLedger(db, imported, { notices: (codes) => codes.flatMap((code) => ledgerRows({ BOT_BITABLE_APP_TOKEN: BASE }, code, 'import')) });
    await closeDatabase(db);

    // Lark does the work, then the bot dies before hearing back.
    fake.fail('/descendant', { acceptThenHang: true }, 1);
    fake.fail('/records/batch_create', { acceptThenHang: true }, 1);
    replica = await startReplica('killed', {
      DATABASE_URL: database.url, LARK_APP_ID: 'cli_crash', LARK_APP_SECRET: 'crash-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: fake.url, LOG_LEVEL: 'silent', REPLICA_LEASE_MS: String(LEASE_MS), ...env,
    });
    const event = messageEvent({ text: '/总结 2023', from: LEADER });
    expect((await replica.post(event)).status).toBe(200);
    await waitFor(() => fake!.requests.some((r) => r.path.endsWith('/descendant')) && fake!.requests.some((r) => r.path.endsWith('/batch_create')), 30_000, 'both writes in flight');
    await replica.kill9();
    fake.dropConnections();

    restarted = await startTestBot({ fake, databaseUrl: database.url, env, botOptions: { outboxPolicy: { baseDelayMs: 10, maxDelayMs: 50, leaseMs: LEASE_MS } } });
    expect((await restarted.post(event)).status).toBe(200);
    const cards = () => fake!.messages.filter((m) => m.msgType === 'interactive' && JSON.stringify(m.content).includes('在飞书中打开'));
    await waitFor(() => cards().length === 1, LEASE_MS + 30_000, 'the document finished');
    const table = () => [...(f.cloud.state.bases.get(BASE)?.values() ?? [])][0];
    await waitFor(() => table()?.records.size === 50, LEASE_MS + 30_000, 'the 50 records');
    await new Promise((r) => setTimeout(r, 500));

    expect(f.cloud.state.documents.size).toBe(1);
    const doc = [...f.cloud.state.documents.values()][0]!;
    const codes = blocksInOrder(doc).filter((b) => b.block_type === 2 && /^QY2023-\d{4}$/.test(textOf(b))).map(textOf);
    expect(codes.length).toBe(await restarted.bot.db.enterpriseCase.count({ where: { year: 2023 } }));
    expect(new Set(codes).size).toBe(codes.length);
    const tokens = fake.requests.filter((r) => r.path.endsWith('/descendant')).map((r) => r.query.client_token);
    // The write the dead run never heard back about was sent again with its token (and counted once: the codes above).
    expect(tokens.filter((x) => x === tokens[0]).length).toBeGreaterThanOrEqual(2);
    expect(cards()).toHaveLength(1);
    const recordCodes = [...table()!.records.values()].map((r) => r['编号']);
    expect(new Set(recordCodes).size).toBe(50);
    expect(f.cloud.findings).toEqual([]);
  }, 120_000);
});
