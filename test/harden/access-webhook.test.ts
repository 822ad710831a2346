import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent, TOKEN } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { cardText, newMessageId, post, reportForm, submitReport } from '../cases/case-support.js';
import { seedCases } from '../report/support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OTHER = 'ou_other0000000000000000000000009';
const GROUP = 'oc_group000000000000000000000000a';

/** Sends a message and returns what the bot answered to it (text, or a card's text). */
async function ask(text: string, from: string, o: { chatType?: 'p2p' | 'group'; chatId?: string } = {}): Promise<{ msgType: string; shown: string }> {
  const messageId = newMessageId();
  await post(t, messageEvent({ text, from, messageId, ...o }));
  const m = await waitFor(() => t.fake.messages.find((x) => x.replyTo === messageId), 5000, `the answer to ${text}`);
  return { msgType: m.msgType, shown: m.msgType === 'text' ? m.content.text : cardText(m.content) };
}

describe('access: secrets and who sees what', () => {
  it('does not keep the verification token in the stored event', async () => {
    t = await startTestBot();
    await ask('/帮助', STAFF);
    const db = new Database(t.config.databasePath, { readonly: true });
    const payloads = db.prepare('SELECT payload FROM inbox').all() as Array<{ payload: string }>;
    db.close();
    expect(payloads.length).toBeGreaterThan(0);
    for (const p of payloads) expect(p.payload).not.toContain(TOKEN);
  });

  it('/诉求 shows the full case to its reporter, admins and leaders, and only the outline to others', async () => {
    t = await startTestBot();
    const form = reportForm({ content: '申请兑现企业所得税扶持政策（内部情况）' });
    const res = await submitReport(t, { form, from: STAFF });
    const code = /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
    for (const who of [STAFF, ADMIN, LEADER]) expect((await ask(`/诉求 ${code}`, who)).shown).toContain('内部情况');
    const outline = await ask(`/诉求 ${code}`, OTHER, { chatType: 'group', chatId: GROUP });
    expect(outline.shown).toContain(code);
    expect(outline.shown).toContain('好得科技有限公司');
    expect(outline.shown).not.toContain('内部情况');
    expect(outline.shown).not.toContain('政策兑现科');
  });
});

describe('access: the year-end files', () => {
  it('/总结 asked in a group sends the .docx and .xlsx to the asker’s direct chat, with a line in the group', async () => {
    t = await startTestBot();
    await seedCases(t.bot.db, [{ enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-03-14', resolvedDate: '2023-03-20' }]);
    const messageId = newMessageId();
    await post(t, messageEvent({ text: '/总结 2023 台账', from: LEADER, chatType: 'group', chatId: GROUP, messageId }));
    await waitFor(() => t.fake.messages.filter((m) => m.msgType === 'file').length === 2, 15_000, 'two files');
    const files = t.fake.messages.filter((m) => m.msgType === 'file');
    expect(files.map((f) => [f.receiveIdType, f.receiveId])).toEqual([['open_id', LEADER], ['open_id', LEADER]]);
    const inGroup = await waitFor(() => t.fake.messages.find((m) => m.replyTo === messageId && m.msgType === 'text' && m.content.text.includes('单聊')), 5000, 'the line in the group');
    expect(inGroup.content.text).toContain('单聊');
  });
});
