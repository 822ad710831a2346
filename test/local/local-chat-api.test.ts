import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GROUPS, p2pChatId } from '../../src/local/demo-people.js';
import { startLocalBot, type LocalBot } from '../support/local-bot.js';
import { registryWithTestCard, seen } from '../support/test-card.js';
import { waitFor } from '../support/test-bot.js';

const STAFF = 'ou_local_staff_li';
const DM = p2pChatId(STAFF);

let t: LocalBot;
afterEach(async () => t?.destroy());

const messages = async (chatId: string) => (await t.call(`/local/api/messages?chat=${chatId}&after=0`)).body.messages as any[];
const botMessage = (chatId: string, pred: (m: any) => boolean) => waitFor(async () => (await messages(chatId)).find((m) => m.fromBot && pred(m)), 5000, 'a bot message');

describe('the local chat API', () => {
  it('sends a typed command through the dispatcher and shows the reply in the same chat', async () => {
    t = await startLocalBot();
    const sent = await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/帮助' });
    expect(sent.status).toBe(200);
    const reply = await botMessage(DM, (m) => m.msgType === 'text');
    expect(reply.content.text).toContain('/帮助');
    expect(reply.parent.messageId).toBe(sent.body.messageId);
    expect(await t.bot.db.inboxEvent.count({ where: { type: 'im.message.receive_v1', status: 'done' } })).toBe(1);
    expect(await t.bot.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(1);
  });

  it('answers in a group only when the bot is mentioned', async () => {
    t = await startLocalBot();
    const group = DEMO_GROUPS[0]!.chatId;
    await t.call('/local/api/messages', { chatId: group, from: STAFF, text: '/帮助', mention: false });
    await t.call('/local/api/messages', { chatId: group, from: STAFF, text: '/帮助', mention: true });
    await botMessage(group, () => true);
    await waitFor(async () => (await t.bot.db.inboxEvent.count({ where: { status: 'done' } })) === 2);
    expect((await messages(group)).filter((m) => m.fromBot)).toHaveLength(1);
  });

  it('marks a card Lark would refuse with what the card check found, and a sound card with nothing', async () => {
    t = await startLocalBot({ registry: registryWithTestCard() });
    await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/测试卡片' });
    await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/测试坏卡片' });
    const cards = await waitFor(async () => {
      const all = (await messages(DM)).filter((m) => m.msgType === 'interactive');
      return all.length === 2 ? all : undefined;
    });
    const broken = cards.find((m) => JSON.stringify(m.content).includes('受理'))!;
    const sound = cards.find((m) => m !== broken)!;
    expect(broken.cardFindings.join('\n')).toMatch(/button.*不支持属性 name/);
    expect(sound.cardFindings).toEqual([]);
  });

  it('refuses a person who is not in the chat', async () => {
    t = await startLocalBot();
    const res = await t.call('/local/api/messages', { chatId: DM, from: 'ou_local_staff_zhang', text: '/帮助' });
    expect(res.status).toBe(400);
  });

  it('round-trips a form submit: form_value reaches the handler, the toast and the new card come back', async () => {
    t = await startLocalBot({ registry: registryWithTestCard() });
    await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/测试卡片' });
    const c = await botMessage(DM, (m) => m.msgType === 'interactive');
    const formValue = { enterprise: '好得科技有限公司', content: '', category: 'staffing', received_date: '2025-03-14 +0800' };
    const ack = await t.call('/local/api/actions', { messageId: c.messageId, from: STAFF, tag: 'button', name: 'submit', value: { action: 'test.form' }, formValue });
    expect(ack.body.toast).toEqual({ type: 'success', content: '已登记：好得科技有限公司' });
    expect(seen.formValues.at(-1)).toEqual(formValue);
    expect(seen.operators.at(-1)).toBe(STAFF);
    const updated = (await messages(DM)).find((m) => m.messageId === c.messageId);
    expect(updated.updated).toBe(true);
    expect(JSON.stringify(updated.content)).toContain('已登记');
  });

  it('shows a PATCH in place and serves an uploaded file for download', async () => {
    t = await startLocalBot({ registry: registryWithTestCard() });
    await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/测试卡片' });
    const c = await botMessage(DM, (m) => m.msgType === 'interactive');
    const ack = await t.call('/local/api/actions', { messageId: c.messageId, from: STAFF, tag: 'button', value: { action: 'test.patch' } });
    expect(ack.body.toast.type).toBe('info');
    const file = await botMessage(DM, (m) => m.msgType === 'file');
    await waitFor(async () => (await messages(DM)).find((m) => m.messageId === c.messageId && m.updated));
    expect(file.file.fileName).toBe('测试文件.docx');
    const res = await fetch(t.url + file.file.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('测试文件.docx'));
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('PK-test-bytes');
  });

  it('delivers a direct message to a person into that person’s chat with the bot', async () => {
    t = await startLocalBot();
    await t.api.sendMessage({ receiveIdType: 'open_id', receiveId: 'ou_local_leader_zhao', msgType: 'text', content: JSON.stringify({ text: '办结通知' }), uuid: 'u-1' });
    await t.api.sendMessage({ receiveIdType: 'open_id', receiveId: 'ou_local_leader_zhao', msgType: 'text', content: JSON.stringify({ text: '办结通知' }), uuid: 'u-1' });
    const inLeaderChat = await messages(p2pChatId('ou_local_leader_zhao'));
    expect(inLeaderChat.map((m) => m.content.text)).toEqual(['办结通知']);
  });

  it('gives the demo admin and leader their roles unless the environment names others', async () => {
    t = await startLocalBot();
    const state = (await t.call('/local/api/state')).body;
    const role = (id: string) => state.people.find((p: any) => p.openId === id);
    expect(role('ou_local_admin_chen')).toMatchObject({ isAdmin: true, isLeader: false });
    expect(role('ou_local_leader_zhao')).toMatchObject({ isAdmin: false, isLeader: true });
    expect(role(STAFF)).toMatchObject({ isAdmin: false, isLeader: false });
    await t.destroy();
    t = await startLocalBot({ env: { BOT_ADMINS: 'ou_local_staff_li' } });
    const again = (await t.call('/local/api/state')).body;
    expect(again.people.find((p: any) => p.openId === STAFF).isAdmin).toBe(true);
    expect(again.people.find((p: any) => p.openId === 'ou_local_admin_chen').isAdmin).toBe(false);
    expect(again.people.find((p: any) => p.openId === 'ou_local_leader_zhao').isLeader).toBe(true);
  });

  it('long polling returns as soon as the bot answers', async () => {
    t = await startLocalBot();
    const first = await t.call(`/local/api/messages?chat=${DM}&after=0`);
    const waiting = t.call(`/local/api/messages?chat=${DM}&after=${first.body.revision}&wait=20000`);
    const started = Date.now();
    await t.call('/local/api/messages', { chatId: DM, from: STAFF, text: '/帮助' });
    const got = await waiting;
    expect(got.body.messages.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers an open long poll at once when local mode closes, so the server can stop', async () => {
    t = await startLocalBot();
    const first = await t.call(`/local/api/messages?chat=${DM}&after=0`);
    const started = Date.now();
    const waiting = t.call(`/local/api/messages?chat=${DM}&after=${first.body.revision}&wait=20000`);
    await new Promise((r) => setImmediate(r));
    t.api.close();
    expect((await waiting).body.messages).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
