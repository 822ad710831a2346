import { afterEach, describe, expect, it } from 'vitest';
import { setRemindersMuted } from '../../src/store/reminders.js';
import { IMPORT_ACTOR } from '../../src/store/report/import-ledger.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { FakeClock, HOUR, seedCase, walk } from '../schedules/helpers.js';
import { say } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const HELPER = 'ou_helper000000000000000000000001';
const textsTo = (id: string) => t.fake.messages.filter((m) => m.receiveId === id && m.msgType === 'text').map((m) => m.content.text as string);
const markdown = (card: any) => card.body.elements.filter((e: any) => e.tag === 'markdown').map((e: any) => e.content).join('\n');

/** A resolved case (deadline long after) of `owner`, resolved on `resolvedDate`. */
const resolved = (owner: string, resolvedDate: string) =>
  seedCase(t.bot.db, { receivedDate: '2026-08-03', deadline: '2026-12-31', reporterId: owner, status: 'resolved', resolvedDate });

/** Monday 30 November 2026, before the daily reminder (09:00) and the weekly post (Monday 09:00). */
async function botOnMonday(env: Record<string, string> = {}): Promise<{ clock: FakeClock }> {
  const clock = new FakeClock('2026-11-30T08:00:00+08:00');
  t = await startTestBot({ env: { BOT_REPORT_CHAT_ID: 'oc_report', ...env }, botOptions: { scheduler: { clock } } });
  return { clock };
}

describe('待回访 reminders', () => {
  it('list a resolution without 回访 after BOT_FOLLOWUP_DAYS working days in its owner\'s daily reminder and the weekly figures, leaving muted owners alone', async () => {
    const { clock } = await botOnMonday();
    const db = t.bot.db;
    // Five working days after Monday 23 November end today (24–27 November and 30 November).
    const due = await resolved(STAFF, '2026-11-23');
    const notYet = await resolved(STAFF, '2026-11-24');
    const followed = await resolved(STAFF, '2026-11-20');
    await db.caseFollowup.create({ data: { caseId: followed.id, resolutionNo: 0, resolvedDate: '2026-11-20', method: 'phone', visitDate: '2026-11-23', satisfaction: 'satisfied', actorId: STAFF } });
    const imported = await resolved(STAFF, '2026-11-20');
    await db.enterpriseCase.update({ where: { id: imported.id }, data: { resolvedBy: IMPORT_ACTOR } });
    const longAgo = await resolved(STAFF, '2026-08-14');
    const muted = await resolved(HELPER, '2026-11-20');
    await setRemindersMuted(db, { openId: HELPER, muted: true, name: '李科员' });

    await walk(clock, '2026-11-30T10:00:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());
    const reminder = await waitFor(() => textsTo(STAFF).find((x) => x.startsWith('【待回访提醒】')), 5000, 'the 待回访 reminder');
    expect(reminder).toContain('待回访（1件，办结已满5个工作日）：');
    expect(reminder).toContain(`· ${due.code}　`);
    expect(reminder).toContain('办结日期11月23日');
    expect(reminder).toContain('回访后请发送 /回访 加编号填写回访情况。如需暂停提醒，请发送 /提醒 关闭。');
    for (const other of [notYet, followed, imported, longAgo, muted]) expect(reminder).not.toContain(other.code);
    expect(textsTo(STAFF)).toHaveLength(1);

    const post = await waitFor(() => t.fake.messages.find((m) => m.receiveId === 'oc_report' && m.msgType === 'interactive'), 5000, 'the weekly card');
    // The muted owner's case still counts: muting stops messages, not figures.
    expect(markdown(post.content)).toContain('已办结待回访 **2** 件（办结已满5个工作日尚未回访）。');
    await waitFor(async () => (await db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);
    expect(textsTo(HELPER)).toEqual([]);
  });

  it('follow BOT_FOLLOWUP_DAYS, and a week with none waiting reads as before', async () => {
    const { clock } = await botOnMonday({ BOT_FOLLOWUP_DAYS: '2' });
    // Two working days after Thursday 26 November end today (27 and 30 November).
    const due = await resolved(STAFF, '2026-11-26');
    const notYet = await resolved(STAFF, '2026-11-27');
    await walk(clock, '2026-11-30T10:00:00+08:00', HOUR / 2, () => t.bot.scheduler.tick());
    const reminder = await waitFor(() => textsTo(STAFF).find((x) => x.startsWith('【待回访提醒】')), 5000, 'the 待回访 reminder');
    expect(reminder).toContain('待回访（1件，办结已满2个工作日）：');
    expect(reminder).toContain(due.code);
    expect(reminder).not.toContain(notYet.code);
    const post = await waitFor(() => t.fake.messages.find((m) => m.receiveId === 'oc_report' && m.msgType === 'interactive'), 5000, 'the weekly card');
    expect(markdown(post.content)).toContain('已办结待回访 **1** 件（办结已满2个工作日尚未回访）。');

    await t.bot.db.caseFollowup.create({ data: { caseId: due.id, resolutionNo: 0, resolvedDate: '2026-11-26', method: 'online', visitDate: '2026-11-30', satisfaction: 'basic', actorId: STAFF } });
    await t.bot.db.enterpriseCase.update({ where: { id: notYet.id }, data: { status: 'in_progress', resolvedDate: null } });
    // Nothing waits now: /周报 (the bot's own clock: days later) has no 待回访 line.
    const before = t.fake.messages.length;
    await say(t, '/周报');
    const now = await waitFor(() => t.fake.messages.slice(before).find((m) => m.msgType === 'interactive'), 5000, 'the /周报 card');
    expect(markdown(now.content)).toContain('本周办结');
    expect(markdown(now.content)).not.toContain('待回访');
  });
});
