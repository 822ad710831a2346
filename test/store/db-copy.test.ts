import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient as PgClient } from '../../src/generated/prisma-pg/client.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { createCase } from '../../src/store/cases/create-case.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { enqueue } from '../../src/bot/outbox-request.js';
import { createPgDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/pg-database.js';
import { seedStudy } from '../report/support/seed.js';

const run = promisify(execFile);
const copy = (from: string, to: string) =>
  run('npx', ['tsx', 'scripts/db-copy.ts', from, to], { cwd: join(__dirname, '../..') }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );

// Each test starts a script process (tsx): seconds when the machine is quiet, far more when it is not.
describe.runIf(TEST_DATABASE_URL)('npm run db:copy (SQLite → PostgreSQL)', { timeout: 90_000 }, () => {
  let dir: string;
  let dbPath: string;
  let target: TestDatabase;
  let pgDb: PgClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fazhi-copy-'));
    dbPath = join(dir, 'bot.db');
    const { db } = await openDatabase(dbPath);
    // A little of everything: cases with history, an enterprise, study, inbox, outbox with bytes, settings.
    for (const [i, enterprise] of ['华为技术有限公司', 'Acme 科技', '华为'].entries()) {
      await createCase(db, { enterprise, category: 'tax_policy', content: `诉求 ${i}`, receivedDate: '2026-03-0' + (i + 1), reporterId: 'ou_a', sourceKey: `om_${i}` });
    }
    await seedStudy(db, '2026-04-01', ['present', 'leave', 'absent']);
    await db.queues.inbox.insert({ eventId: 'ev_1', type: 'im.message.receive_v1', payload: '{}', lane: 'oc_1', now: new Date('2026-11-29T08:00:00Z') });
    await enqueue(db, { kind: 'file', to: { chatId: 'oc_x' }, fileName: 'a.xlsx', fileType: 'xls', data: Buffer.from([0, 1, 2, 255]) });
    await db.setting.create({ data: { key: 'report.chat', value: 'oc_x', updatedBy: 'ou_a' } });
    await db.user.create({ data: { openId: 'ou_a', name: '张三', source: 'contact', remindersMuted: true } });
    await closeDatabase(db);
    target = await createPgDatabase();
    pgDb = new PgClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  });
  afterAll(async () => {
    await pgDb?.$disconnect();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table, row for row, and new rows get fresh ids', async () => {
    const r = await copy(`file:${dbPath}`, target.url);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/enterprise_cases: 3 行/);
    expect(r.out).toMatch(/行数核对一致/);

    const { db } = await openDatabase(dbPath);
    try {
      for (const model of Object.values(Prisma.ModelName)) {
        const key = (model[0]!.toLowerCase() + model.slice(1)) as 'auditLog';
        const orderBy = model === 'User' ? { openId: 'asc' } : model === 'Setting' ? { key: 'asc' } : { id: 'asc' };
        const a = await (db[key].findMany as (q: unknown) => Promise<unknown[]>)({ orderBy });
        const b = await (pgDb[key].findMany as (q: unknown) => Promise<unknown[]>)({ orderBy });
        expect(b, model).toEqual(a);
      }
    } finally {
      await closeDatabase(db as Db);
    }
    const next = await pgDb.enterprise.create({ data: { name: '新企业', normalizedName: '新企业' } });
    expect(next.id).toBe(3);
    // Analysed at once: the bot's first queries after a copy plan on real counts, not on the
    // guesses PostgreSQL makes for a table autovacuum has not reached yet.
    const stats = await pgDb.$queryRawUnsafe<Array<{ relname: string; analysed: boolean }>>(
      `SELECT relname, (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analysed FROM pg_stat_user_tables WHERE relname IN ('enterprise_cases', 'case_events', 'enterprises') ORDER BY relname`,
    );
    expect(stats).toEqual([
      { relname: 'case_events', analysed: true },
      { relname: 'enterprise_cases', analysed: true },
      { relname: 'enterprises', analysed: true },
    ]);
  });

  it('refuses a target that already holds rows, and copies nothing', async () => {
    const before = await pgDb.enterpriseCase.count();
    const r = await copy(`file:${dbPath}`, target.url);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/目标数据库不是空的/);
    expect(await pgDb.enterpriseCase.count()).toBe(before);
  });

  it('says how to call it when the arguments are wrong', async () => {
    const r = await copy('postgres://x', 'file:./a.db');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/用法：npm run db:copy/);
  });
});
