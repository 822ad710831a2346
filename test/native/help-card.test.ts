import { escapeMarkdown } from '../../src/presentation/cards/escape-markdown.js';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyYearMessage } from '../../src/handlers/commands/summary.js';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { seedCases } from '../report/support/seed.js';
import { callbackValues, cardNodes } from '../support/card-nodes.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const CHAT = 'oc_a0553eda9014c201e6969b478895c230';

/** Sends a command in the direct chat and returns the messages it caused (waits until they stop coming). */
async function say(bot: TestBot, from: string, text: string) {
  const before = bot.fake.messages.length;
  await bot.post(messageEvent({ text, from }));
  return settleNew(bot, before);
}

async function settleNew(bot: TestBot, before: number) {
  await waitFor(async () => (await bot.bot.db.inboxEvent.count({ where: { status: { not: 'done' } } })) === 0, 5000, 'events handled');
  await waitFor(async () => (await bot.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0, 5000, 'messages sent');
  return bot.fake.messages.slice(before);
}

async function click(bot: TestBot, from: string, card: { messageId: string }, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const before = bot.fake.messages.length;
  const res = await bot.post(cardActionEvent({ value, from, messageId: card.messageId, chatId: CHAT, ...(formValue ? { formValue } : {}) }));
  expect(res.status).toBe(200);
  return { answer: res.body, sent: await settleNew(bot, before) };
}

const elementIds = (card: any): string[] => cardNodes(card).filter((v) => typeof v.element_id === 'string').map((v) => v.element_id);
const strip = (m: any) => ({ msgType: m.msgType, content: m.content });

describe('/帮助 as a card', () => {
  it('groups the commands and shows admin-only commands and 年度总结 only to those who may use them', async () => {
    t = await startTestBot();
    const [staff] = await say(t, STAFF, '/帮助');
    const [admin] = await say(t, ADMIN, '/帮助');
    const [leader] = await say(t, LEADER, '/帮助');
    for (const m of [staff, admin, leader]) {
      expect(m!.msgType).toBe('interactive');
      expect(m!.content.schema).toBe('2.0');
      const ids = elementIds(m!.content);
      expect(new Set(ids).size).toBe(ids.length);
      for (const group of ['**诉求**', '**学法**', '**进展与总结**']) expect(JSON.stringify(m!.content)).toContain(group);
    }
    const s = JSON.stringify(staff!.content);
    expect(s).toContain('/我的');
    expect(s).not.toContain('/设置周报群');
    expect(s).not.toContain('/总结');
    expect(elementIds(staff!.content)).not.toContain('summary_form');
    // <编号> is escaped, or Lark's markdown would drop it as a tag.
    expect(s).toContain(escapeMarkdown('/诉求 <编号>'));
    // /回访 stands with the other case commands, not under 设置与其他.
    const cases = (staff!.content.body.elements as Array<{ element_id?: string; content?: string }>).find((e) => e.element_id === 'cases_list')!.content!;
    expect(cases).toContain(escapeMarkdown('/回访 <编号>'));

    expect(JSON.stringify(admin!.content)).toContain('/设置周报群');
    expect(elementIds(admin!.content)).toContain('summary_form');
    expect(JSON.stringify(leader!.content)).not.toContain('/设置周报群');
    expect(elementIds(leader!.content)).toContain('summary_year');
  });

  it('its buttons run the same handlers as the typed commands', async () => {
    t = await startTestBot();
    const [help] = await say(t, STAFF, '/帮助');

    const typedMine = await say(t, STAFF, '/我的');
    const { answer, sent: clickedMine } = await click(t, STAFF, help!, { action: 'help.run', command: 'case.mine' });
    expect(answer).toEqual({});
    expect(clickedMine.map(strip)).toEqual(typedMine.map(strip));

    const typedReport = await say(t, STAFF, '/上报');
    const { sent: clickedReport } = await click(t, STAFF, help!, { action: 'help.run', command: 'case.report' });
    expect(clickedReport.map(strip)).toEqual(typedReport.map(strip));
    expect(clickedReport[0]!.content.header.title.content).toBe('企业诉求上报');

    const typedWeekly = await say(t, STAFF, '/周报');
    const { sent: clickedWeekly } = await click(t, STAFF, help!, { action: 'help.run', command: 'weekly-report' });
    expect(clickedWeekly[0]!.content.header.title.content).toBe(typedWeekly[0]!.content.header.title.content);
  });

  it('年度总结 with the picked year does what /总结 <年> does, and is refused to staff', async () => {
    t = await startTestBot();
    const [help] = await say(t, ADMIN, '/帮助');
    const typed = await say(t, ADMIN, '/总结 2025');
    const { sent } = await click(t, ADMIN, help!, { action: 'help.run', command: 'report.summary' }, { year: '2025' });
    expect(sent.map(strip)).toEqual(typed.map(strip));
    expect(sent[1]!.content.text).toBe(emptyYearMessage(2025));

    const refused = await click(t, STAFF, help!, { action: 'help.run', command: 'report.summary' }, { year: '2025' });
    expect(refused.answer.toast).toEqual({ type: 'error', content: '您没有生成年度总结的权限，请联系管理员或分管领导。' });
    expect(refused.sent).toHaveLength(0);
  });

  it('年度总结 clicked in the direct chat answers there as typed: the .docx comes as a reply, not sent aside with a note', async () => {
    t = await startTestBot();
    await seedCases(t.bot.db, [{ enterprise: '帮助卡片测试有限公司', category: 'premises', receivedDate: '2025-03-04' }]);
    const [help] = await say(t, ADMIN, '/帮助');
    const typed = await say(t, ADMIN, '/总结 2025');
    // The button's own value, as Lark sends it back.
    const value = callbackValues(help!.content).find((v) => v.command === 'report.summary')!;
    const { sent } = await click(t, ADMIN, help!, value, { year: '2025' });
    const kinds = (ms: any[]) => ms.map((m) => [m.msgType, m.msgType === 'file' ? Boolean(m.replyTo) : m.msgType === 'text' ? m.content.text : '']);
    expect(kinds(typed).some(([k]) => k === 'file')).toBe(true);
    expect(kinds(sent)).toEqual(kinds(typed));
    expect(sent.some((m) => m.msgType === 'text' && m.content.text.includes('已发送至您的单聊'))).toBe(false);
  });

  it('falls back to the same list as text when Lark refuses the card', async () => {
    t = await startTestBot();
    t.fake.fail('/open-apis/im/v1/messages', { status: 400 }, 1);
    const sent = await say(t, STAFF, '/帮助');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msgType).toBe('text');
    expect(sent[0]!.content.text).toContain('法治助手可用指令');
    expect(sent[0]!.content.text).toContain('/我的');
    expect(sent[0]!.content.text).not.toContain('/设置周报群');
  });
});
