import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient as PgClient } from '../../src/generated/prisma-pg/client.js';
import { reportForm } from '../cases/case-support.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { ENCRYPT_KEY, cardActionEvent, messageEvent, TOKEN } from '../support/lark-payloads.js';
import { createPgDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/pg-database.js';
import { ADMIN, LEADER, STAFF, waitFor } from '../support/test-bot.js';
import { callbackValues, CHAT, PEOPLE } from '../study/study-support.js';
import { startReplica, type Replica } from './replica-process.js';

/**
 * Two bot replicas as two processes on one PostgreSQL database, behind no balancer: each test
 * posts to both as Lark would deliver to whichever it reaches. Every guarantee of one process
 * must hold across them: dedupe, exactly-once sends and jobs, gapless codes, nothing lost.
 */
const LEADER2 = 'ou_leader00000000000000000000002';
const REPORT_CHAT = 'oc_report0000000000000000000000001';
const uid = () => Math.random().toString(36).slice(2, 12);

describe.runIf(TEST_DATABASE_URL)('two replicas on one PostgreSQL database', () => {
  const fake = new FakeOpenApi();
  let database: TestDatabase;
  let db: PgClient;
  let a: Replica;
  let b: Replica;
  const both = () => [a, b];

  beforeAll(async () => {
    await fake.start();
    database = await createPgDatabase();
    for (const p of PEOPLE) fake.users.set(p.openId, p.name);
    fake.chatMembers.set(CHAT, PEOPLE.map((p) => ({ member_id: p.openId, name: p.name })));
    const env = {
      DATABASE_URL: database.url,
      LARK_APP_ID: 'cli_replicas',
      LARK_APP_SECRET: 'replica-secret',
      LARK_VERIFICATION_TOKEN: TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: fake.url,
      BOT_ADMINS: ADMIN,
      BOT_LEADERS: `${LEADER},${LEADER2}`,
      BOT_REPORT_CHAT_ID: REPORT_CHAT,
      // The weekly post every minute: each firing must be posted by one replica only.
      BOT_WEEKLY_CRON: '* * * * *',
      LOG_LEVEL: 'silent',
      // A claim (inbox, outbox) of a killed replica is taken over after this; long enough that a
      // slow send on a busy machine is not taken for a dead one.
      REPLICA_LEASE_MS: '5000',
    };
    // Started together: both migrate, under the advisory lock, once.
    [a, b] = await Promise.all([startReplica('replica-a', env), startReplica('replica-b', env)]);
    db = new PgClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.$disconnect();
    await database?.drop();
    await fake.stop();
  });

  const repliesTo = (messageId: string) => fake.messages.filter((m) => m.replyTo === messageId).length;
  const replyRequests = (messageId: string) => fake.requests.filter((r) => r.path === `/open-apis/im/v1/messages/${messageId}/reply`).length;

  it('events split between them are each answered once', async () => {
    const ids = Array.from({ length: 40 }, () => `om_split_${uid()}`);
    const acks = await Promise.all(ids.map((id, i) => both()[i % 2]!.post(messageEvent({ text: '/帮助', messageId: id }))));
    expect(acks.every((r) => r.status === 200)).toBe(true);
    // A liveness bound (the test is about once, not speed): generous for a loaded machine.
    await waitFor(() => ids.every((id) => repliesTo(id) === 1), 60_000, 'every reply');
    expect(ids.map(replyRequests)).toEqual(ids.map(() => 1));
  }, 90_000);

  it('the same event delivered to both at once is answered once', async () => {
    const events = Array.from({ length: 15 }, () => messageEvent({ text: '/帮助', messageId: `om_twice_${uid()}` }));
    await Promise.all(events.flatMap((e) => [a.post(e), b.post(e)]));
    const ids = events.map((e) => e.event.message.message_id as string);
    // A liveness bound (the test is about once, not speed): generous for a loaded machine.
    await waitFor(() => ids.every((id) => repliesTo(id) === 1), 60_000, 'every reply');
    await new Promise((r) => setTimeout(r, 500)); // a second answer would come now
    expect(ids.map(replyRequests)).toEqual(ids.map(() => 1));
    expect(await db.inboxEvent.count({ where: { eventId: { in: events.map((e) => e.header.event_id) } } })).toBe(15);
  }, 90_000);

  it('a case reported on one and resolved on the other sends each leader one message', async () => {
    const report = await a.post(cardActionEvent({ value: { action: 'case.submit' }, formValue: reportForm(), from: STAFF, messageId: `om_card_${uid()}` }));
    const code = /QY\d{4}-\d{4}/.exec(report.body.toast.content)![0];
    const resolve = await b.post(
      cardActionEvent({ value: { action: 'case.resolve', code }, formValue: { resolution: '已兑现', resolved_date: '2023-10-10 +0800' }, from: STAFF, messageId: `om_card_${uid()}` }),
    );
    expect(resolve.body.toast).toEqual({ type: 'success', content: `${code} 已办结` });
    await waitFor(() => fake.textsTo(LEADER).length && fake.textsTo(LEADER2).length, 10_000, 'the leaders’ messages');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.textsTo(LEADER).filter((t) => t.includes(code))).toHaveLength(1);
    expect(fake.textsTo(LEADER2).filter((t) => t.includes(code))).toHaveLength(1);
  });

  it('30 people clicking 签到 at once across both are each counted once', async () => {
    await a.post(messageEvent({ text: '/学法 《优化营商环境条例》', chatType: 'group', chatId: CHAT, from: ADMIN }));
    const card = await waitFor(() => fake.messages.find((m) => m.receiveId === CHAT && m.msgType === 'interactive'), 10_000, 'the study card');
    const session = { id: callbackValues(card.content).find((v) => v.action === 'study.checkin').session as number };
    const clicks = PEOPLE.flatMap((p, i) => {
      const e = () => cardActionEvent({ value: { action: 'study.checkin', session: session.id }, from: p.openId, messageId: card.messageId, chatId: CHAT });
      // Everyone on one replica, every third person clicks again on the other.
      return i % 3 === 0 ? [both()[i % 2]!.post(e()), both()[(i + 1) % 2]!.post(e())] : [both()[i % 2]!.post(e())];
    });
    const answers = await Promise.all(clicks);
    // A click not answered within the 2.5 s budget (a busy machine) is finished after the ack.
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const rows = await waitFor(async () => {
      const r = await db.studyAttendance.findMany({ where: { sessionId: session.id } });
      return r.length >= PEOPLE.length ? r : undefined;
    }, 10_000, 'every attendance');
    await new Promise((r) => setTimeout(r, 500));
    expect(await db.studyAttendance.count({ where: { sessionId: session.id } })).toBe(PEOPLE.length);
    expect(rows.filter((r) => r.status === 'present').map((r) => r.openId).sort()).toEqual(PEOPLE.map((p) => p.openId).sort());
  });

  it('20 reports at once across both get gapless codes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        both()[i % 2]!.post(
          cardActionEvent({ value: { action: 'case.submit' }, formValue: reportForm({ enterprise: `并发企业${i}有限公司`, received_date: '2025-03-03 +0800' }), from: STAFF, messageId: `om_card_${uid()}` }),
        ),
      ),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Answered in time, each toast names its code; one finished after the ack is in the table.
    for (const r of answers) if (r.body?.toast) expect(r.body.toast.content).toMatch(/QY2025-\d{4}/);
    const stored = await waitFor(async () => {
      const c = await db.enterpriseCase.findMany({ where: { year: 2025 }, select: { code: true } });
      return c.length >= 20 ? c : undefined;
    }, 15_000, 'twenty cases');
    const codes = stored.map((c) => c.code).sort();
    expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => `QY2025-${String(i + 1).padStart(4, '0')}`));
  });

  it('the weekly post with cron every minute is posted once per firing', async () => {
    const runs = await waitFor(async () => {
      const r = await db.jobRun.findMany({ where: { jobId: 'progress.weekly', status: 'done' } });
      return r.length ? r : undefined;
    }, 75_000, 'a weekly firing');
    await new Promise((r) => setTimeout(r, 1000));
    const cards = fake.messages.filter((m) => m.receiveId === REPORT_CHAT && m.msgType === 'interactive');
    const done = await db.jobRun.count({ where: { jobId: 'progress.weekly', status: 'done' } });
    expect(runs.length).toBeGreaterThan(0);
    expect(cards.length).toBe(done);
    expect(new Set(cards.map((c) => c.uuid)).size).toBe(cards.length);
  }, 90_000);

  it('kill -9 of one replica mid-work loses and doubles nothing', async () => {
    const ids = Array.from({ length: 60 }, () => `om_kill_${uid()}`);
    // Replica A acknowledges a burst (each stored before its 200) and dies at once, with most
    // of them still pending, claimed or half sent: Lark holds every send until then, so however
    // fast A is on this machine, none of its replies is through when it dies.
    fake.fail('/open-apis/im/v1/messages', { hang: true }, 1e9);
    const acks = await Promise.all(ids.map((id) => a.post(messageEvent({ text: '/帮助', messageId: id }))));
    await a.kill9();
    fake.clearFaults();
    fake.dropConnections();
    expect(acks.every((r) => r.status === 200)).toBe(true);
    const ours = { payload: { contains: 'om_kill_' } };
    const unfinished = (await db.inboxEvent.count({ where: { ...ours, status: { not: 'done' } } })) + (await db.outboxMessage.count({ where: { status: { not: 'sent' } } }));
    await waitFor(() => ids.every((id) => repliesTo(id) === 1), 30_000, 'every reply after the kill');
    // An event A handled but died before marking done has its reply out already (B sends A's
    // queued rows at once); B takes the event itself over only when A's lease runs out, and
    // handling it again must not send a second reply.
    await waitFor(async () => (await db.inboxEvent.count({ where: { status: { not: 'done' } } })) === 0, 30_000, 'every event marked done');
    await new Promise((r) => setTimeout(r, 1000));
    expect(ids.filter((id) => repliesTo(id) !== 1)).toEqual([]);
    expect(await db.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    // Not a vacuous kill: replica A left work that B finished.
    expect(unfinished).toBeGreaterThan(0);
  }, 60_000);
});
