import { afterEach, describe, expect, it } from 'vitest';
import { emptyYearMessage } from '../../src/handlers/commands/summary.js';
import { botMembershipEvent, menuEvent, p2pEnteredEvent } from '../support/native-payloads.js';
import { ADMIN, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const GROUP = 'oc_413871888e0d5492e25b173f0812efb7';
const settle = async (bot: TestBot) => {
  // Handled and sent: the inbox has nothing pending and the outbox nothing unsent.
  await waitFor(async () => (await bot.bot.db.inboxEvent.count({ where: { status: { not: 'done' } } })) === 0, 5000, 'events handled');
  await waitFor(async () => (await bot.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0, 5000, 'messages sent');
};

describe('the bot menu through the signed webhook', () => {
  it('本周进展 (weekly) answers with the weekly card in the operator’s direct chat', async () => {
    t = await startTestBot();
    const res = await t.post(menuEvent({ key: 'weekly', from: STAFF }));
    expect(res.status).toBe(200);
    const msg = await waitFor(() => t!.fake.messages[0], 5000, 'the weekly card');
    expect(msg).toMatchObject({ receiveIdType: 'open_id', receiveId: STAFF, msgType: 'interactive' });
    expect(msg.content.header.title.content).toContain('每周工作进展');
  });

  it('each contract key runs its command; an unknown key gets a short help answer', async () => {
    t = await startTestBot();
    for (const key of ['report', 'my_cases', 'study_stats', 'summary', 'help', 'no_such_key']) await t.post(menuEvent({ key, from: STAFF }));
    await settle(t);
    const got = t.fake.messages.map((m) => (m.msgType === 'text' ? m.content.text : m.content.header.title.content));
    expect(t.fake.messages.every((m) => m.receiveId === STAFF && m.receiveIdType === 'open_id')).toBe(true);
    expect(got).toEqual([
      '企业诉求上报',
      '您目前没有未办结的诉求。',
      expect.stringContaining('会前学法统计'),
      '您没有生成年度总结的权限，请联系管理员或分管领导。',
      '法治助手 · 使用帮助',
      expect.stringContaining('该菜单项暂不可用'),
    ]);
  });

  it('年度总结 from the menu sends an admin the year-end answer in the direct chat', async () => {
    t = await startTestBot();
    await t.post(menuEvent({ key: 'summary', from: ADMIN }));
    await settle(t);
    const texts = t.fake.textsTo(ADMIN);
    expect(texts[0]).toMatch(/^正在生成\d{4}年法治政府建设工作总结/);
    const year = Number(/(\d{4})年/.exec(texts[0]!)![1]);
    expect(texts[1]).toBe(emptyYearMessage(year));
  });
});

describe('welcome when the bot is added to a group', () => {
  it('posts one welcome card per group across duplicate delivery, a second add and a restart; removal allows a new welcome', async () => {
    t = await startTestBot();
    const added = botMembershipEvent({ chatId: GROUP });
    expect((await t.post(added)).status).toBe(200);
    expect((await t.post(added)).status).toBe(200); // Lark retrying the same event
    await t.post(botMembershipEvent({ chatId: GROUP })); // a second delivery under a new event id
    await settle(t);
    const welcomes = () => t!.fake.messages.filter((m) => m.receiveId === GROUP);
    expect(welcomes()).toHaveLength(1);
    expect(welcomes()[0]!.content.header.title.content).toBe('法治助手已加入本群');
    expect(JSON.stringify(welcomes()[0]!.content)).toContain('/设置周报群');

    const { fake, databaseUrl } = t;
    await t.close();
    t = await startTestBot({ fake, databaseUrl });
    await t.post(botMembershipEvent({ chatId: GROUP }));
    await settle(t);
    expect(welcomes()).toHaveLength(1);

    await t.post(botMembershipEvent({ chatId: GROUP, removed: true }));
    await settle(t);
    await t.post(botMembershipEvent({ chatId: GROUP }));
    await settle(t);
    expect(welcomes()).toHaveLength(2);
  });
});

describe('first greeting in the direct chat', () => {
  it('greets a person on the first visit only, also after a restart; another person is greeted too', async () => {
    t = await startTestBot();
    const chatId = 'oc_p2p_staff_first';
    const first = p2pEnteredEvent({ from: STAFF, chatId });
    await t.post(first);
    await t.post(first);
    await t.post(p2pEnteredEvent({ from: STAFF, chatId }));
    await settle(t);
    const greetings = () => t!.fake.messages.filter((m) => m.receiveId === chatId);
    expect(greetings()).toHaveLength(1);
    expect(greetings()[0]!.content.header.title.content).toBe('您好，我是法治助手');
    const buttons = JSON.stringify(greetings()[0]!.content);
    for (const label of ['上报诉求', '我的诉求', '使用帮助']) expect(buttons).toContain(label);

    const { fake, databaseUrl } = t;
    await t.close();
    t = await startTestBot({ fake, databaseUrl });
    await t.post(p2pEnteredEvent({ from: STAFF, chatId }));
    await t.post(p2pEnteredEvent({ from: ADMIN, chatId: 'oc_p2p_admin' }));
    await settle(t);
    expect(greetings()).toHaveLength(1);
    expect(t.fake.messages.filter((m) => m.receiveId === 'oc_p2p_admin')).toHaveLength(1);
  });
});
