import { afterEach, describe, expect, it, vi } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { waitFor, type TestBot } from '../support/test-bot.js';
import { closeDueSessions } from '../../src/handlers/study/close-due-sessions.js';
import { studyYearStats } from '../../src/store/study/statistics.js';
import { ADMIN, CHAT, LEADER, STAFF, cardText, click, openSession, studyBot } from './study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OTHER = 'ou_other00000000000000000000001';
const members = [
  { openId: ADMIN, name: '张局长' },
  { openId: STAFF, name: '李科员' },
  { openId: LEADER, name: '王主任' },
  { openId: OTHER, name: '赵干事' },
];

describe('closing a 会前学法 session and 补签', () => {
  it('结束 by an admin snapshots chat members who neither signed in nor asked for leave as absent', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    await click(t, s, 'study.checkin', STAFF);
    await click(t, s, 'study.leave', LEADER, { reason: '出差' });
    const res = await click(t, s, 'study.close', ADMIN);
    expect(res.body.toast).toEqual({ type: 'success', content: '本次学法已结束，缺席 2 人已登记' });
    const text = cardText(res.body.card.data);
    expect(text).toContain('缺席 2 人**：张局长、赵干事');
    expect(text).toContain('已结束');
    expect(JSON.stringify(res.body.card.data)).not.toContain('study.checkin');
    const rows = await t.bot.db.studyAttendance.findMany({ orderBy: { openId: 'asc' } });
    expect(Object.fromEntries(rows.map((r) => [r.openId, r.status]))).toEqual({ [ADMIN]: 'absent', [STAFF]: 'present', [LEADER]: 'leave', [OTHER]: 'absent' });
    expect(t.fake.requests.some((r) => r.path === `/open-apis/im/v1/chats/${CHAT}/members`)).toBe(true);

    const again = await click(t, s, 'study.close', ADMIN);
    expect(again.body.toast).toEqual({ type: 'info', content: '本次学法已结束' });
    expect(await t.bot.db.studyAttendance.count({ where: { status: 'absent' } })).toBe(2);
  });

  it('only admins may close; a 签到 after closing is refused and changes nothing', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    const refused = await click(t, s, 'study.close', STAFF);
    expect(refused.body.toast).toEqual({ type: 'error', content: '仅管理员可结束学法' });
    expect((await t.bot.db.studySession.findFirstOrThrow()).closedAt).toBeNull();
    await click(t, s, 'study.close', ADMIN);
    const late = await click(t, s, 'study.checkin', OTHER);
    expect(late.body.toast.type).toBe('warning');
    expect(late.body.toast.content).toContain('已结束');
    expect((await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: OTHER } })).status).toBe('absent');
  });

  it('a failing member list leaves the session open with an error toast', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    t.fake.fail('/members', { status: 500 }, 10);
    const res = await click(t, s, 'study.close', ADMIN);
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('群成员');
    expect((await t.bot.db.studySession.findFirstOrThrow()).closedAt).toBeNull();
  });

  it('a 结束 answered too late for Lark (slow member list) still turns the card to the closed state', async () => {
    t = await studyBot({ members, botOptions: { cardAnswerBudgetMs: 300 } });
    const s = await openSession(t);
    const directory = t.bot.services.directory;
    const list = directory.chatMembers.bind(directory);
    directory.chatMembers = async (chatId) => {
      await new Promise((r) => setTimeout(r, 600));
      return list(chatId);
    };
    const res = await click(t, s, 'study.close', ADMIN);
    expect(res.body).toEqual({});
    await waitFor(async () => (await t.bot.db.studySession.findFirstOrThrow()).closedAt, 5000, 'the session closed');
    const patch = await waitFor(() => t.fake.patches.find((p) => p.messageId === s.messageId && cardText(p.content).includes('已结束')), 5000, 'the closed card');
    expect(cardText(patch.content)).toContain('缺席 4 人');
    expect(JSON.stringify(patch.content)).not.toContain('study.checkin');
  });

  it('a 补签 answered too late for Lark (slow name look-up) still shows on the card', async () => {
    t = await studyBot({ members, botOptions: { cardAnswerBudgetMs: 300 } });
    const s = await openSession(t);
    const outsider = 'ou_outsider000000000000000000001';
    t.fake.users.set(outsider, '钱调研员');
    const directory = t.bot.services.directory;
    const lookUp = directory.userName.bind(directory);
    directory.userName = async (id) => {
      await new Promise((r) => setTimeout(r, 600));
      return lookUp(id);
    };
    const res = await click(t, s, 'study.makeup', ADMIN, { person: outsider, makeup_status: 'present', note: '在分会场参加' });
    expect(res.body).toEqual({});
    const patch = await waitFor(() => t.fake.patches.find((p) => p.messageId === s.messageId && cardText(p.content).includes('钱调研员（补签）')), 5000, 'the card with the 补签');
    expect(cardText(patch.content)).toContain('签到 1 人');
  });

  it('补签 by an admin records a person afterwards with a note, shown as 补签; non-admins and bad input are refused', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    await click(t, s, 'study.close', ADMIN);
    const byStaff = await click(t, s, 'study.makeup', STAFF, { person: OTHER, makeup_status: 'present', note: '会后补学' });
    expect(byStaff.body.toast).toEqual({ type: 'error', content: '仅管理员可补签' });
    const noNote = await click(t, s, 'study.makeup', ADMIN, { person: OTHER, makeup_status: 'present', note: '' });
    expect(noNote.body.toast).toEqual({ type: 'error', content: '请填写补签说明' });
    const noPerson = await click(t, s, 'study.makeup', ADMIN, { makeup_status: 'present', note: '会后补学' });
    expect(noPerson.body.toast).toEqual({ type: 'error', content: '请选择补签人员' });
    expect((await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: OTHER } })).status).toBe('absent');

    const ok = await click(t, s, 'study.makeup', ADMIN, { person: OTHER, makeup_status: 'present', note: '会后补学，已提交学习笔记' });
    expect(ok.body.toast).toEqual({ type: 'success', content: '已为赵干事补签（签到）' });
    expect(cardText(ok.body.card.data)).toContain('签到 1 人**：赵干事（补签）');
    expect(await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: OTHER } })).toMatchObject({
      status: 'present',
      makeup: true,
      note: '会后补学，已提交学习笔记',
      recordedBy: ADMIN,
    });
    const same = await click(t, s, 'study.makeup', ADMIN, { person: OTHER, makeup_status: 'present', note: '再点一次' });
    expect(same.body.toast.type).toBe('info');
    expect((await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: OTHER } })).note).toBe('会后补学，已提交学习笔记');
  });

  it('someone an admin registered as 请假 by 补签 who then signs in on the card counts as signing in themselves, not as 补签', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    await click(t, s, 'study.makeup', ADMIN, { person: STAFF, makeup_status: 'leave', note: '电话请假：上午外出' });
    const sw = await click(t, s, 'study.checkin', STAFF);
    expect(sw.body.toast).toEqual({ type: 'success', content: '已由请假改为签到' });
    const text = cardText(sw.body.card.data);
    expect(text).toContain('签到 1 人**：李科员');
    expect(text).not.toContain('补签）');
    expect(await t.bot.db.studyAttendance.findFirstOrThrow({ where: { openId: STAFF } })).toMatchObject({ status: 'present', makeup: false, note: null, recordedBy: STAFF });
    const stats = await studyYearStats(t.bot.db, Number((await t.bot.db.studySession.findFirstOrThrow()).heldDate.slice(0, 4)));
    expect(stats.perPerson.find((p) => p.openId === STAFF)).toMatchObject({ present: 1, makeup: 0 });
  });

  it('closing a day’s session is not undone by a click storing a member’s name at the same moment: it is reported closed and its card patched', async () => {
    t = await studyBot({ members });
    const s = await openSession(t);
    await t.bot.db.studySession.update({ where: { id: s.sessionId }, data: { heldDate: '2026-01-05' } });
    await t.bot.db.user.deleteMany({ where: { openId: OTHER } }); // a member whose name is not stored yet
    await waitFor(async () => (await t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);
    // Someone else stores the same person at that moment (a click looking the name up): the unique key refuses.
    const spy = vi.spyOn(t.bot.db.user, 'createMany').mockRejectedValueOnce(
      new Prisma.PrismaClientKnownRequestError('Unique constraint failed on the fields: (`open_id`)', { code: 'P2002', clientVersion: 'test' }),
    );

    const s2 = t.bot.services;
    const result = await closeDueSessions(t.bot.db, { directory: s2.directory, timeZone: s2.config.BOT_TIMEZONE, notifyOutbox: s2.notifyOutbox }, new Date());
    expect(spy).toHaveBeenCalled();
    expect(result).toEqual({ closed: [{ sessionId: s.sessionId, absent: 4, cardPatched: true }], failed: [] });
    expect((await t.bot.db.user.findUniqueOrThrow({ where: { openId: OTHER } })).name).toBe('赵干事');
    const patch = await waitFor(() => t.fake.patches.find((p) => p.messageId === s.messageId), 5000, 'the closed card');
    expect(cardText(patch.content)).toContain('缺席 4 人');
  });

  it('closeDueSessions closes yesterday’s open sessions, snapshots absentees and patches the card; today’s stays open', async () => {
    t = await studyBot({ members });
    const old = await openSession(t, '上周的学习');
    const today = await openSession(t, '今天的学习');
    await click(t, old, 'study.checkin', STAFF);
    await t.bot.db.studySession.update({ where: { id: old.sessionId }, data: { heldDate: '2026-01-05' } });
    // The card's message id is known from the outbox even without any click on it.
    await t.bot.db.studySession.update({ where: { id: old.sessionId }, data: { cardMessageId: null } });
    await waitFor(async () => (await t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);

    const s = t.bot.services;
    const deps = { directory: s.directory, timeZone: s.config.BOT_TIMEZONE, notifyOutbox: s.notifyOutbox };
    const result = await closeDueSessions(t.bot.db, deps, new Date());
    expect(result).toEqual({ closed: [{ sessionId: old.sessionId, absent: 3, cardPatched: true }], failed: [] });
    expect((await t.bot.db.studySession.findUniqueOrThrow({ where: { id: today.sessionId } })).closedAt).toBeNull();
    const patch = await waitFor(() => t.fake.patches.find((p) => p.messageId === old.messageId));
    expect(cardText(patch.content)).toContain('缺席 3 人');

    expect(await closeDueSessions(t.bot.db, deps, new Date())).toEqual({ closed: [], failed: [] });
  });
});
