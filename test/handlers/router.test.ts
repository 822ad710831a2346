import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { parseCommand, stripMentions } from '../../src/handlers/incoming.js';
import { escapeMarkdown } from '../../src/presentation/cards/escape-markdown.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t.destroy());
beforeEach(() => {
  t.fake.messages.length = 0;
});

const lastText = async () => (await waitFor(() => t.fake.messages.at(-1))).content.text as string;
/** The help answer is a card: its header title. */
const lastCardTitle = async () => (await waitFor(() => t.fake.messages.at(-1))).content.header?.title?.content as string;

describe('command router', () => {
  it('strips @-mentions and accepts both slashes', () => {
    expect(stripMentions('@_user_1 /总结 2023', ['@_user_1'])).toBe('/总结 2023');
    expect(parseCommand('／总结 2023')).toEqual({ name: '总结', args: '2023' });
    expect(parseCommand('/ 帮助')).toEqual({ name: '帮助', args: '' });
    expect(parseCommand('你好')).toBeUndefined();
  });

  it('answers /帮助 in a group when the bot is @-mentioned, with the full-width slash too', async () => {
    await t.post(messageEvent({ text: '／帮助', chatType: 'group' }));
    expect(await lastCardTitle()).toBe('法治助手 · 使用帮助');
    expect(t.fake.messages.at(-1)!.replyTo).toMatch(/^om_/);
  });

  it('lists every registered command in /帮助', async () => {
    const { registry } = await import('../../src/handlers/registry.js');
    await t.post(messageEvent({ text: '/help' }));
    const help = JSON.stringify((await waitFor(() => t.fake.messages.at(-1))).content);
    // The sender is staff: admin-only commands and /总结 (admins and leaders) are not listed.
    for (const c of registry.commands.filter((x) => !x.adminOnly && x.id !== 'report.summary')) expect(help).toContain(JSON.stringify(escapeMarkdown(c.usage)).slice(1, -1));
  });

  it('ignores group messages that do not mention the bot', async () => {
    const e = messageEvent({ text: '/帮助', chatType: 'group' });
    e.event.message.mentions = [];
    e.event.message.content = JSON.stringify({ text: '/帮助' });
    await t.post(e);
    await waitFor(async () => (await t.bot.db.inboxEvent.findUnique({ where: { eventId: e.header.event_id } }))?.status === 'done');
    expect(t.fake.messages).toHaveLength(0);
  });

  it('points an unknown command to /帮助', async () => {
    await t.post(messageEvent({ text: '/不存在的指令 1' }));
    expect(await lastText()).toBe('未识别的指令「/不存在的指令」。发送 /帮助 查看可用指令。');
  });

  it('accepts a command word without the slash after an @-mention', async () => {
    await t.post(messageEvent({ text: '帮助', chatType: 'group' }));
    expect(await lastCardTitle()).toBe('法治助手 · 使用帮助');
  });

  it('ignores messages sent by bots (its own included)', async () => {
    const e = messageEvent({ text: '/帮助' });
    e.event.sender.sender_type = 'app';
    await t.post(e);
    await waitFor(async () => (await t.bot.db.inboxEvent.findUnique({ where: { eventId: e.header.event_id } }))?.status === 'done');
    expect(t.fake.messages).toHaveLength(0);
  });

  it('answers an unknown card action with an error toast, and a redelivery with the same answer', async () => {
    const e = cardActionEvent({ value: { action: 'no.such.action' } });
    const first = await t.post(e);
    expect(first.status).toBe(200);
    expect(first.body.toast).toEqual({ type: 'error', content: '该卡片操作已失效，请发送 /帮助 重新开始' });
    const again = await t.post(e);
    expect(again.body).toEqual(first.body);
    expect(await t.bot.db.inboxEvent.count({ where: { eventId: e.header.event_id } })).toBe(1);
  });
});
