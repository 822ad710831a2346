import { afterEach, describe, expect, it, vi } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { waitFor, type TestBot } from '../support/test-bot.js';
import { ADMIN, CHAT, PEOPLE, STAFF, cardText, click, clickAllAtOnce, openSession, studyBot } from './study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('names on the 会前学法 card', () => {
  it('come from the contact API for people outside the member list, and are cached in the users table', async () => {
    t = await studyBot({ members: [{ openId: ADMIN, name: '张局长' }] });
    const s = await openSession(t);
    await click(t, s, 'study.checkin', STAFF);
    expect(await t.bot.db.user.findUniqueOrThrow({ where: { openId: STAFF } })).toMatchObject({ name: '李科员', source: 'contact' });
    const lookups = () => t.fake.requests.filter((r) => r.path === `/open-apis/contact/v3/users/${STAFF}`).length;
    const before = lookups();
    const again = await click(t, s, 'study.checkin', STAFF);
    expect(cardText(again.body.card.data)).toContain('李科员');
    expect(lookups()).toBe(before);
  });

  it('fall back to the chat-member list when the contact API refuses (code 41050), and never show a bare open_id', async () => {
    t = await studyBot({ contactNames: false, members: [{ openId: ADMIN, name: '张局长' }] });
    const s = await openSession(t);
    expect(cardText(s.card)).toContain('**发起人**：张局长');
    // 李科员 joins the chat after the card was posted.
    t.fake.chatMembers.set(CHAT, [{ member_id: ADMIN, name: '张局长' }, { member_id: STAFF, name: '李科员' }]);
    const res = await click(t, s, 'study.checkin', STAFF);
    const refused = t.fake.requests.find((r) => r.path === `/open-apis/contact/v3/users/${STAFF}`);
    expect(refused).toBeDefined();
    expect(cardText(res.body.card.data)).toContain('签到 1 人**：李科员');
    expect(await t.bot.db.user.findUniqueOrThrow({ where: { openId: STAFF } })).toMatchObject({ name: '李科员', source: 'chat_member' });

    // Someone neither the contact API nor the member list knows: a short label, not the open_id.
    const stranger = 'ou_stranger000000000000000000abcd';
    const res2 = await click(t, s, 'study.checkin', stranger);
    const text = cardText(res2.body.card.data);
    expect(text).toContain('用户abcd');
    expect(text).not.toContain(stranger);

    // Nobody could tell: remembered on this bot (not asked again on the next click), released by stop().
    const memo = t.bot.services.directory.memo!;
    expect(memo.unknownUntil.get(stranger)?.label).toBe('用户abcd');
    const asked = () => t.fake.requests.filter((r) => r.path === `/open-apis/contact/v3/users/${stranger}`).length;
    const before = asked();
    await click(t, s, 'study.checkin', stranger);
    expect(asked()).toBe(before);
    await t.close();
    expect(memo.size).toBe(0);
  });

  it('of someone who muted reminders in a direct chat while nobody could tell their name still come from the member list', async () => {
    t = await studyBot({ contactNames: false, members: [{ openId: ADMIN, name: '张局长' }, { openId: STAFF, name: '李科员' }] });
    await t.post(messageEvent({ text: '/提醒 关闭', from: STAFF, chatType: 'p2p', chatId: 'oc_p2p_staff' }));
    await waitFor(() => t.fake.messages.find((m) => m.content.text?.startsWith('已关闭')), 5000, 'the answer');
    expect((await t.bot.db.user.findUniqueOrThrow({ where: { openId: STAFF } })).remindersMuted).toBe(true);

    const s = await openSession(t);
    const res = await click(t, s, 'study.checkin', STAFF);
    const text = cardText(res.body.card.data);
    expect(text).toContain('签到 1 人**：李科员');
    expect(text).not.toContain('用户8467');
    expect(await t.bot.db.user.findUniqueOrThrow({ where: { openId: STAFF } })).toMatchObject({ name: '李科员', remindersMuted: true });
  });

  it('are read from the member list once when the card is posted, so clicks need no look-up', async () => {
    t = await studyBot({ members: [{ openId: ADMIN, name: '张局长' }, { openId: STAFF, name: '李科员' }] });
    const s = await openSession(t);
    const lookups = () => t.fake.requests.filter((r) => r.path.startsWith('/open-apis/contact/') || r.path.endsWith('/members')).length;
    const before = lookups();
    const res = await click(t, s, 'study.checkin', STAFF);
    expect(cardText(res.body.card.data)).toContain('签到 1 人**：李科员');
    expect(lookups()).toBe(before);
  });

  it('thirty concurrent first clicks named by the contact API read the users table a few times per click, not once per waiting name', async () => {
    t = await studyBot({ members: [{ openId: ADMIN, name: '张局长' }] });
    const s = await openSession(t);
    // Each answer names everyone clicked so far; a name still being looked up was waited for and
    // then read again by every click waiting on it (30 clicks: some 300 reads instead of ~60).
    const reads = vi.spyOn(t.bot.db.user, 'findMany');
    const { answers } = await clickAllAtOnce(t, s, PEOPLE);
    for (const a of answers) expect(a.body.toast.type).toBe('success');
    // One read per answer, one per look-up (was the name stored?), and the card's redraw after the burst.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(2 * PEOPLE.length + 1);
  });

  it('thirty concurrent clicks with the contact API refusing are still answered within 3 s with member names', async () => {
    t = await studyBot({ contactNames: false, members: PEOPLE });
    const s = await openSession(t);
    const { answers, median, max, maxWall, cpuMs } = await clickAllAtOnce(t, s, PEOPLE);
    console.log(`30 concurrent 签到, contact API refusing: median ${median} ms, max ${max} ms (wall ${maxWall} ms, other processes' load included), CPU ${cpuMs} ms`);
    for (const a of answers) {
      // Lark's 3 s, timed as on a machine of its own (the burst's own work all counts).
      expect(a.ms).toBeLessThan(3_000);
      expect(a.body.toast.type).toBe('success');
      expect(cardText(a.body.card.data)).not.toMatch(/ou_person/);
    }
    expect(await t.bot.db.studyAttendance.count()).toBe(30);
  });
});
